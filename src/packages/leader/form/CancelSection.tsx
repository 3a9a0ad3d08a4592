import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActivityDetail } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { commonMessages } from '@/messages/common';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

interface Props {
  activity: ActivityDetail;
  /** Called with the sentence to show once the activity (or the rest of its series) is cancelled. */
  onCancelled: (text: string) => Promise<void>;
}

/** 取消活动: a reason, then a second step on the page that says what will be cancelled. */
export function CancelSection({ activity: a, onCancelled }: Props) {
  const cancel = useMutation('activities', 'cancel');
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [scope, setScope] = useState<'one' | 'following'>('one');
  // 这一次及以后每次: the confirm step names every date that goes and the people on them, not only this one's.
  const rest = useQuery('activities', 'list', { teamId: a.teamId, from: a.date, limit: 100 }, confirming && scope === 'following' && !!a.seriesId);
  const following = (rest.data?.items ?? []).filter((x) => x.seriesId === a.seriesId && x.startAt >= a.startAt && x.status === 'scheduled');
  const counting = confirming && scope === 'following' && !!a.seriesId && !rest.data;
  // Not listed: nothing is cancelled blind, and the way back stays open.
  const countFailed = counting && !!rest.error;

  const toConfirm = () => {
    if (isTooShortReason(reason)) {
      setReasonError(m.reason.invalid);
      return;
    }
    setReasonError(null);
    setConfirming(true);
  };

  const doCancel = async () => {
    const res = await cancel.run({ activityId: a.id, reason: reason.trim(), ...(a.seriesId ? { scope } : {}) });
    setConfirming(false);
    if (res) {
      setOpen(false);
      await onCancelled(m.cancelled(res.activities.length, res.notified));
    }
  };

  return (
    <View className='section card'>
      <Text className='section__title'>{m.cancelTitle}</Text>
      <Text className='text'>{m.cancelIntro}</Text>
      <FailureNotice of={cancel} failed={m.cancelFailed} />
      {!open ? (
        <Button className='btn-block' size='large' block onClick={() => setOpen(true)}>
          {m.cancelNext}
        </Button>
      ) : confirming ? (
        <ConfirmStep
          confirmLabel={m.doCancel}
          busyLabel={cancel.busy ? m.cancelling : m.cancelCounting}
          busy={cancel.busy || (counting && !countFailed)}
          confirmHidden={countFailed}
          danger
          onConfirm={() => void doCancel()}
          onBack={() => setConfirming(false)}
        >
          {scope === 'following' && a.seriesId ? (
            counting ? (
              countFailed ? (
                <View>
                  <Text className='text'>{m.cancelCountFailed(rest.error ?? '')}</Text>
                  <Button className='btn-block' size='large' block onClick={() => void rest.reload()}>
                    {commonMessages.retry}
                  </Button>
                </View>
              ) : (
                <Text className='text'>{m.cancelCounting}</Text>
              )
            ) : (
              <Text className='confirm__big'>
                {m.cancelWhatFollowing(
                  a.title,
                  following.map((x) => x.timeText.replace(/）.*$/, '）')),
                  following.reduce((n, x) => n + x.signedCount + x.waitlistCount, 0),
                  !!rest.data?.next,
                )}
              </Text>
            )
          ) : (
            <Text className='confirm__big'>{m.cancelWhat(a.title, a.timeText, a.signedCount + a.waitlistCount)}</Text>
          )}
          {a.seriesId ? <Text className='text'>{scope === 'one' ? m.cancelScope.one : m.cancelScope.following}</Text> : null}
          <Text className='text'>{reason.trim()}</Text>
        </ConfirmStep>
      ) : (
        <View>
          {a.seriesId ? (
            <Choices
              options={[
                { value: 'one', label: m.cancelScope.one },
                { value: 'following', label: m.cancelScope.following },
              ]}
              value={scope}
              onChange={(v) => setScope(v as 'one' | 'following')}
            />
          ) : null}
          <TextArea
            label={m.reason.label}
            placeholder={m.reason.placeholder}
            value={reason}
            maxlength={REASON_MAX_CHARS}
            error={reasonError}
            onChange={setReason}
          />
          <Button className='btn-block' type='danger' size='large' block onClick={toConfirm}>
            {m.cancelNext}
          </Button>
          <Button className='btn-block' size='large' block onClick={() => setOpen(false)}>
            {commonMessages.confirm.back}
          </Button>
        </View>
      )}
    </View>
  );
}
