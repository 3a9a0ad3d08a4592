/**
 * An inline message in the page flow (never a toast or a dialog): an icon and a word say what
 * kind of message it is, so colour is never the only signal.
 */
import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { commonMessages } from '@/messages/common';
import './index.scss';

type NoticeKind = 'error' | 'warning' | 'info' | 'success';

const ICONS: Record<NoticeKind, string> = { error: '✕', warning: '!', info: 'i', success: '✓' };

interface Props {
  kind?: NoticeKind;
  /** Optional action below the message (e.g. a retry button). */
  action?: React.ReactNode;
  /** The word beside the icon when the kind's own (出错了, 请注意 …) would mislead, e.g. 有警报 for an open alert. */
  head?: string;
}

export function Notice({ kind = 'info', action, head, children }: PropsWithChildren<Props>) {
  return (
    <View className={`notice notice--${kind}`} ariaRole={kind === 'error' ? 'alert' : 'status'}>
      <View className='notice__head'>
        <Text className='notice__icon'>{ICONS[kind]}</Text>
        <Text className='notice__kind'>{head ?? commonMessages.notice[kind]}</Text>
      </View>
      <View className='notice__text'>{children}</View>
      {action ? <View className='notice__action'>{action}</View> : null}
    </View>
  );
}
