/** 我的报名: sign up (or join the waitlist), my state and waitlist position, and cancel with a second step. */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActivityDetail } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { dateTime } from '@/services/dates';
import { ROUTES, go } from '@/services/routes';
import { askSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import type { Outcome } from './outcome';

interface Props {
  a: ActivityDetail;
  /** Not registered (opened from a shared card): asked to register only when signing up. */
  guest: boolean;
  outcome: Outcome;
  /** An action starts: the last one's words go. */
  onStart: () => void;
  /** Says what happened and reloads the activity. */
  onDone: (outcome: Outcome) => Promise<void>;
}

export function SignupSection({ a, guest, outcome, onStart, onDone }: Props) {
  const signup = useMutation('activities', 'signup');
  const cancel = useMutation('activities', 'cancelSignup');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const my = a.my && a.my.state !== 'cancelled' ? a.my : null;
  const cancelledActivity = a.status === 'cancelled';

  const doSignup = async () => {
    onStart();
    void askSubscriptions(['activity'], '报名活动');
    const res = await signup.run({ activityId: a.id });
    if (!res) return;
    await onDone(
      res.state === 'signed'
        ? { kind: 'success', text: m.signedUp, extra: res.warnings }
        : { kind: 'info', text: m.waitlisted(res.waitlistPosition), extra: res.warnings },
    );
  };
  const doCancel = async () => {
    onStart();
    const res = await cancel.run({ activityId: a.id });
    setConfirmCancel(false);
    if (res) await onDone({ kind: 'success', text: m.cancelled });
  };

  return (
    <View className='section card'>
      <Text className='section__title'>{m.myTitle}</Text>
      {outcome ? (
        <Notice kind={outcome.kind}>
          {outcome.text}
          {outcome.extra?.length ? <Text className='text'>{m.warnings + outcome.extra.join('；')}</Text> : null}
        </Notice>
      ) : null}
      {signup.error ? <Notice kind='error'>{m.signupFailed + signup.error}</Notice> : null}
      {cancel.error ? <Notice kind='error'>{m.cancelFailed + cancel.error}</Notice> : null}

      {!my && guest ? (
        <>
          <Text className='text'>{m.guestHint}</Text>
          {!cancelledActivity && a.phase === 'upcoming' ? (
            <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.register, { activityId: a.id })}>
              {m.guestSignup}
            </Button>
          ) : null}
        </>
      ) : !my ? (
        <>
          <Text className='text'>{m.notSigned}</Text>
          {a.signupBlocked ? (
            <Notice kind='warning'>{m.blocked + a.signupBlocked}</Notice>
          ) : !cancelledActivity && a.phase === 'upcoming' ? (
            <Button className='btn-block' type='primary' size='large' block disabled={signup.busy} onClick={() => void doSignup()}>
              {signup.busy ? m.signingUp : a.placesLeft > 0 ? m.signup : m.joinWaitlist}
            </Button>
          ) : null}
        </>
      ) : (
        <>
          <Text className='text'>{my.state === 'waitlisted' ? m.waitlistedText(my.waitlistPosition) : m.signedText}</Text>
          {my.attendance === 'none' && !cancelledActivity && a.phase === 'upcoming' && a.cancelDeadlinePassed ? (
            <Text className='muted'>{m.cancelClosed(dateTime(a.cancelDeadline))}</Text>
          ) : null}
          {my.attendance === 'none' && !cancelledActivity && a.phase === 'upcoming' && !a.cancelDeadlinePassed ? (
            confirmCancel ? (
              <ConfirmStep
                confirmLabel={m.cancelConfirm}
                busyLabel={m.cancelling}
                busy={cancel.busy}
                danger
                onConfirm={() => void doCancel()}
                onBack={() => setConfirmCancel(false)}
              >
                <Text className='text'>
                  {m.cancelWhat}
                  {dateTime(a.cancelDeadline)}
                </Text>
              </ConfirmStep>
            ) : (
              <Button className='btn-block' size='large' block onClick={() => setConfirmCancel(true)}>
                {m.cancelSignup}
              </Button>
            )
          ) : null}
        </>
      )}
    </View>
  );
}
