/**
 * 取消他的报名 on the roster, before the activity starts: the leader writes why (she is told it),
 * confirms in a second step that says who gets the place, and reads what happened.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActivitiesResults, RosterEntry } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { commonMessages } from '@/messages/common';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';

interface Props {
  activityId: string;
  person: RosterEntry;
  waitlisted: boolean;
  /** The first on the waitlist (who would get a held place), if anyone waits. */
  nextInLine: RosterEntry | null;
  onDone: (result: ActivitiesResults['releaseSignup']) => void;
  onClose: () => void;
}

export function ReleaseStep({ activityId, person, waitlisted, nextInLine, onDone, onClose }: Props) {
  const release = useMutation('activities', 'releaseSignup');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const toConfirm = () => {
    if (isTooShortReason(reason)) {
      setReasonError(m.release.reasonInvalid);
      return;
    }
    setReasonError(null);
    setConfirming(true);
  };

  const doRelease = async () => {
    const res = await release.run({ activityId, userId: person.userId, reason: reason.trim() });
    setConfirming(false);
    if (res) onDone(res);
  };

  return (
    <View className='release-step'>
      <FailureNotice of={release} failed={m.release.failed} />
      {confirming ? (
        <ConfirmStep
          confirmLabel={m.release.confirm}
          busyLabel={m.release.working}
          busy={release.busy}
          danger
          onConfirm={() => void doRelease()}
          onBack={() => setConfirming(false)}
        >
          <Text className='confirm__big'>{m.release.what(person.name, waitlisted, waitlisted ? null : (nextInLine?.name ?? null))}</Text>
          <Text className='text'>{m.release.toldReason(reason.trim())}</Text>
        </ConfirmStep>
      ) : (
        <View>
          <TextArea
            label={m.release.reasonLabel}
            placeholder={m.release.reasonPlaceholder}
            value={reason}
            maxlength={REASON_MAX_CHARS}
            error={reasonError}
            onChange={setReason}
          />
          <Button className='btn-block' type='danger' size='large' block onClick={toConfirm}>
            {m.release.next}
          </Button>
          <Button className='btn-block' size='large' block onClick={onClose}>
            {commonMessages.confirm.back}
          </Button>
        </View>
      )}
    </View>
  );
}
