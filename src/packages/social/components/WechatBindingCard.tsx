/**
 * 老人自己的微信 on 老人档案: which WeChats sign in as the senior, the code in force (large, with its
 * expiry), a button to issue one (`seniors.issueBindCode`; the digits come from `seniors.wechatBinding`,
 * read after the server issued them, so nothing is shown that does not work), and, for a lost or
 * passed-on phone, a second step that unbinds them all (`seniors.unbindWechat`, with a reason).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { Button } from '@/ui/nutui';
import { socialMessages } from './messages';
import { isTooShortReason } from '@/services/rules';

const m = socialMessages.wechat;

export function WechatBindingCard({ seniorId }: { seniorId: string }) {
  const binding = useQuery('seniors', 'wechatBinding', { seniorId });
  const issue = useMutation('seniors', 'issueBindCode');
  const unbind = useMutation('seniors', 'unbindWechat');
  const [unbinding, setUnbinding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const b = binding.data;

  const submit = async () => {
    setDone(null);
    if (await issue.run({ seniorId })) await binding.reload();
  };

  const confirmUnbind = async () => {
    if (isTooShortReason(reason)) {
      setReasonError(m.reason.invalid);
      return;
    }
    const result = await unbind.run({ seniorId, reason: reason.trim() });
    if (!result) return;
    setUnbinding(false);
    setReason('');
    setDone(m.unbound(result.unbound));
    await binding.reload();
  };

  const state = !b ? null : b.wechatCount === 0 ? m.notBound : `${b.boundAt ? m.bound(dateTime(b.boundAt)) : m.ownWechat}${m.count(b.wechatCount)}`;

  return (
    <View className='card wechat-binding'>
      <Text className='section__title'>{m.title}</Text>
      {binding.error ? <Notice kind='error'>{m.loadFailed + binding.error}</Notice> : null}
      {!b && !binding.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {state ? <Text className='text'>{state}</Text> : null}
      {b?.code ? (
        <View className='wechat-binding__code'>
          <Text className='muted'>{m.codeLabel}</Text>
          <Text className='wechat-binding__digits'>{b.code.digits}</Text>
          <Text className='text'>{m.until(dateTime(b.code.expiresAt))}</Text>
          <Text className='muted'>{m.tell}</Text>
        </View>
      ) : null}
      <FailureNotice of={issue} failed={m.failed} />
      {b && !unbinding ? (
        <Button className='btn-block' size='large' block disabled={issue.busy} onClick={() => void submit()}>
          {issue.busy ? m.issuing : b.code ? m.reissue : m.issue}
        </Button>
      ) : null}
      {b && b.wechatCount > 0 && !unbinding ? <Text className='text'>{m.unbindWhen}</Text> : null}
      {b && b.wechatCount > 0 && !unbinding ? (
        <Button
          className='btn-block'
          size='large'
          block
          onClick={() => {
            setDone(null);
            unbind.clearError();
            setUnbinding(true);
          }}
        >
          {m.unbind}
        </Button>
      ) : null}
      {unbinding ? (
        <ConfirmStep
          danger
          confirmLabel={m.unbindConfirm}
          busyLabel={m.unbinding}
          busy={unbind.busy}
          backLabel={m.notNow}
          onBack={() => setUnbinding(false)}
          onConfirm={() => void confirmUnbind()}
        >
          <Text className='text'>{m.unbindTitle}</Text>
          <Field
            label={m.reason.label}
            name='unbindReason'
            placeholder={m.reason.placeholder}
            value={reason}
            maxlength={60}
            error={reasonError ?? unbind.fieldErrors.reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(null);
            }}
          />
          <FailureNotice of={unbind} failed={m.unbindFailed} />
        </ConfirmStep>
      ) : null}
    </View>
  );
}
