/**
 * The second step of an action that moves credits or tells people something: shown in place of
 * the form (never a dialog), with what will happen in words, a confirm button and a way back.
 */
import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { commonMessages } from '@/messages/common';
import { Button } from '@/ui/nutui';
import './index.scss';

interface Props {
  /** The confirm button's words, e.g. "确认转赠". */
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onBack: () => void;
  backLabel?: string;
  /** The confirm button is withdrawn (the server answered that confirming is not what is wanted; the page offers what is). */
  confirmHidden?: boolean;
}

export function ConfirmStep({ confirmLabel, busyLabel, busy, danger, onConfirm, onBack, backLabel, confirmHidden, children }: PropsWithChildren<Props>) {
  return (
    <View className='confirm' ariaRole='group'>
      <View className='confirm__head'>
        <Text className='confirm__icon'>?</Text>
        <Text className='confirm__title'>{commonMessages.confirm.step}</Text>
      </View>
      <View className='confirm__body'>{children}</View>
      {confirmHidden ? null : (
        <Button className='btn-block' type={danger ? 'danger' : 'primary'} size='large' block disabled={busy} onClick={onConfirm}>
          {busy && busyLabel ? busyLabel : confirmLabel}
        </Button>
      )}
      <Button className='btn-block' size='large' block disabled={busy} onClick={onBack}>
        {backLabel ?? commonMessages.confirm.back}
      </Button>
    </View>
  );
}
