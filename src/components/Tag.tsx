/** A small state label: an icon and a word on a tinted, bordered chip (never colour alone). */
import { Text, View } from '@tarojs/components';

export type TagKind = 'neutral' | 'info' | 'success' | 'warning' | 'error';

const ICONS: Record<TagKind, string> = { neutral: '•', info: 'i', success: '✓', warning: '!', error: '✕' };

export function Tag({ kind = 'neutral', children }: { kind?: TagKind; children: string }) {
  return (
    <View className={`tag tag--${kind}`}>
      <Text className='tag__icon'>{ICONS[kind]}</Text>
      <Text className='tag__text'>{children}</Text>
    </View>
  );
}
