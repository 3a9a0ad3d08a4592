/** A small state label: an icon and a word on a tinted, bordered chip (never colour alone). */
import { Text, View } from '@tarojs/components';
import './index.scss';

export type TagKind = 'neutral' | 'info' | 'success' | 'warning' | 'error';

/** States that need attention carry an icon; plain facts (neutral, info) are words alone. */
const ICONS: Record<TagKind, string> = { neutral: '', info: '', success: '✓', warning: '!', error: '✕' };

export function Tag({ kind = 'neutral', icon, children }: { kind?: TagKind; icon?: string; children: string }) {
  const mark = icon ?? ICONS[kind];
  return (
    <View className={`tag tag--${kind}`}>
      {mark ? <Text className='tag__icon'>{mark}</Text> : null}
      <Text className='tag__text'>{children}</Text>
    </View>
  );
}
