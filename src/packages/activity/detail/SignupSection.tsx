/**
 * 我的报名: sign up (or join the waitlist), my state and waitlist position, and cancel (or leave the
 * waitlist) with a second step. After the cancel deadline a sign-up first says that a place it gets
 * can then no longer be given back; the waitlist can always be left (my-words.ts). Past the deadline a
 * held place is given back through the leaders: 来不了，告诉队长 sends them the reason (askRelease).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ActivityDetail } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { TextArea } from '@/components/TextArea';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { dateTime } from '@/services/dates';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';
import { ROUTES, go } from '@/services/routes';
import { askSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { leaveOffer, myWords } from './my-words';
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
  const [confirmLate, setConfirmLate] = useState(false);
  const askRelease = useMutation('activities', 'askRelease');
  const [cannotCome, setCannotCome] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const my = a.my && a.my.state !== 'cancelled' ? a.my : null;
  const cancelledActivity = a.status === 'cancelled';

  const doSignup = async () => {
    onStart();
    void askSubscriptions(['activity'], '报名活动');
    const res = await signup.run({ activityId: a.id });
    setConfirmLate(false);
    // Refused (full, cancelled meanwhile) or not known: show the activity as it is now.
    if (!res) return void onDone(null);
    await onDone(
      res.state === 'signed'
        ? { kind: 'success', text: m.signedUp, extra: res.warnings }
        : { kind: 'info', text: m.waitlisted(res.waitlistPosition), extra: res.warnings },
    );
  };
  const doCancel = async () => {
    onStart();
    const leaving = my?.state === 'waitlisted';
    const res = await cancel.run({ activityId: a.id });
    setConfirmCancel(false);
    await onDone(res ? { kind: 'success', text: leaving ? m.leftWaitlist : m.cancelled } : null);
  };
  const doAskRelease = async () => {
    if (isTooShortReason(reason)) return setReasonError(m.cannotCome.reasonInvalid);
    setReasonError(null);
    onStart();
    const res = await askRelease.run({ activityId: a.id, reason: reason.trim() });
    if (!res) return;
    setCannotCome(false);
    setReason('');
    // Nothing changed yet: the place is hers until a leader takes her off the list.
    await onDone(res.told > 0 ? { kind: 'info', text: m.cannotCome.told(res.leaderNames) } : { kind: 'warning', text: m.cannotCome.noLeader });
  };
  const waitlist = a.placesLeft <= 0;
  const offer = my ? leaveOffer(a, my) : null;

  return (
    <View className='section card'>
      <Text className='section__title'>{m.myTitle}</Text>
      {outcome ? (
        <Notice kind={outcome.kind}>
          {outcome.text}
          {outcome.extra?.length ? <Text className='text'>{m.warnings + outcome.extra.join('；')}</Text> : null}
        </Notice>
      ) : null}
      <FailureNotice of={signup} failed={m.signupFailed} />
      <FailureNotice of={cancel} failed={m.cancelFailed} />
      <FailureNotice of={askRelease} failed={m.cannotCome.failed} />

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
          {a.my?.released ? <Notice kind='warning'>{m.released(a.my.released.by, a.my.released.reason)}</Notice> : <Text className='text'>{m.notSigned}</Text>}
          {/* A cancelled activity's own notice above says it all; "不能报名：这个活动已取消" repeated it. */}
          {a.signupBlocked && !cancelledActivity ? (
            <Notice kind='warning'>{m.blocked + a.signupBlocked}</Notice>
          ) : !cancelledActivity && a.phase === 'upcoming' ? (
            confirmLate ? (
              <ConfirmStep
                confirmLabel={waitlist ? m.late.confirmWaitlist : m.late.confirmSignup}
                busyLabel={m.signingUp}
                busy={signup.busy}
                onConfirm={() => void doSignup()}
                onBack={() => setConfirmLate(false)}
                backLabel={m.late.back}
              >
                <Text className='text'>{(waitlist ? m.late.waitlist : m.late.signed)(dateTime(a.cancelDeadline))}</Text>
              </ConfirmStep>
            ) : (
              <Button
                className='btn-block'
                type='primary'
                size='large'
                block
                disabled={signup.busy}
                onClick={() => (a.cancelDeadlinePassed ? setConfirmLate(true) : void doSignup())}
              >
                {signup.busy ? m.signingUp : waitlist ? m.joinWaitlist : m.signup}
              </Button>
            )
          ) : null}
        </>
      ) : (
        <>
          <Text className='text'>{myWords(a, my)}</Text>
          {offer === 'closed' ? <Text className='muted'>{m.cancelClosed(dateTime(a.cancelDeadline))}</Text> : null}
          {offer === 'closed' ? (
            cannotCome ? (
              <View className='cannot-come'>
                <TextArea
                  label={m.cannotCome.reasonLabel}
                  placeholder={m.cannotCome.reasonPlaceholder}
                  value={reason}
                  maxlength={REASON_MAX_CHARS}
                  error={reasonError}
                  onChange={setReason}
                />
                <Button className='btn-block' type='primary' size='large' block disabled={askRelease.busy} onClick={() => void doAskRelease()}>
                  {askRelease.busy ? m.cannotCome.sending : m.cannotCome.send}
                </Button>
                <Button className='btn-block' size='large' block disabled={askRelease.busy} onClick={() => setCannotCome(false)}>
                  {m.cannotCome.back}
                </Button>
              </View>
            ) : (
              <>
                {my.cannotComeAt ? <Text className='text cannot-come__told'>{m.cannotCome.toldAt(dateTime(my.cannotComeAt))}</Text> : null}
                <Button className='btn-block' size='large' block onClick={() => setCannotCome(true)}>
                  {my.cannotComeAt ? m.cannotCome.openAgain : m.cannotCome.open}
                </Button>
              </>
            )
          ) : null}
          {offer === 'leaveWaitlist' || offer === 'cancel' ? (
            confirmCancel ? (
              <ConfirmStep
                confirmLabel={offer === 'leaveWaitlist' ? m.leaveWaitlistConfirm : m.cancelConfirm}
                busyLabel={offer === 'leaveWaitlist' ? m.leavingWaitlist : m.cancelling}
                busy={cancel.busy}
                danger
                onConfirm={() => void doCancel()}
                onBack={() => setConfirmCancel(false)}
                backLabel={offer === 'leaveWaitlist' ? m.leaveWaitlistBack : m.cancelBack}
              >
                {offer === 'leaveWaitlist' ? (
                  <Text className='text'>{m.leaveWaitlistWhat}</Text>
                ) : (
                  <Text className='text'>
                    {a.waitlistCount > 0 ? m.cancelWhat : m.cancelWhatNoWaitlist}
                    {dateTime(a.cancelDeadline)}
                  </Text>
                )}
              </ConfirmStep>
            ) : (
              <Button className='btn-block' size='large' block onClick={() => setConfirmCancel(true)}>
                {offer === 'leaveWaitlist' ? m.leaveWaitlist : m.cancelSignup}
              </Button>
            )
          ) : null}
        </>
      )}
    </View>
  );
}
