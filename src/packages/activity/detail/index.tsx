/**
 * 活动详情: what, when, where, places and waitlist; my sign-up state with the waitlist position;
 * sign up (or join the waitlist) and cancel with an inline second step; check in and out by
 * scanning the leader's QR code (weapp) or typing its 6 digits (H5 and as a fallback); the
 * leader's tools when the caller manages the team.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActivityDetail } from '@core/api';
import { placesText, myState } from '@/components/ActivityCard';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { hours } from '@/services/format';
import { dateTime } from '@/services/dates';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { askSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

function Row({ k, v }: { k: string; v: string }) {
  return (
    <View className='kv'>
      <Text className='kv__k'>{k}</Text>
      <Text className='kv__v'>{v}</Text>
    </View>
  );
}

type Outcome = { kind: 'success' | 'info' | 'warning'; text: string; extra?: string[] } | null;

/** The check-in token inside a scanned QR code (the code is the token itself). */
function tokenOf(scanned: string): string {
  return scanned.trim();
}

export default function ActivityDetailPage() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const detail = useQuery('activities', 'detail', { activityId: id }, !!me?.registered && !!id);
  const signup = useMutation('activities', 'signup');
  const cancel = useMutation('activities', 'cancelSignup');
  const checkIn = useMutation('activities', 'checkIn');
  const checkOut = useMutation('activities', 'checkOut');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  useShowAgain(() => void detail.reload());

  const a: ActivityDetail | null = detail.data;

  const doSignup = async () => {
    if (!a) return;
    setOutcome(null);
    void askSubscriptions(['activity'], '报名活动');
    const res = await signup.run({ activityId: a.id });
    if (!res) return;
    setOutcome(
      res.state === 'signed'
        ? { kind: 'success', text: m.signedUp, extra: res.warnings }
        : { kind: 'info', text: m.waitlisted(res.waitlistPosition), extra: res.warnings },
    );
    await detail.reload();
  };

  const doCancel = async () => {
    if (!a) return;
    setOutcome(null);
    const res = await cancel.run({ activityId: a.id });
    setConfirmCancel(false);
    if (!res) return;
    setOutcome({ kind: 'success', text: m.cancelled });
    await detail.reload();
  };

  const location = async (): Promise<{ latitude: number; longitude: number; accuracy?: number } | null | 'failed'> => {
    if (!a?.geofenceRadiusM) return null;
    try {
      const loc = await Taro.getLocation({ type: 'gcj02' });
      return { latitude: loc.latitude, longitude: loc.longitude, ...(loc.accuracy ? { accuracy: Math.min(10_000, loc.accuracy) } : {}) };
    } catch {
      return 'failed';
    }
  };

  const attend = async (token: string, out: boolean) => {
    if (!a) return;
    setOutcome(null);
    setLocalError(null);
    if (out) {
      const res = await checkOut.run({ activityId: a.id, token });
      if (!res) return;
      setCode('');
      setOutcome({ kind: 'success', text: m.checkedOut(hours(res.servedMinutes ?? 0)) });
    } else {
      const loc = await location();
      if (loc === 'failed') {
        setLocalError(m.locationFailed);
        return;
      }
      const res = await checkIn.run({ activityId: a.id, token, ...(loc ? { location: loc } : {}) });
      if (!res) return;
      setCode('');
      setOutcome({ kind: 'success', text: res.already ? m.already : m.checkedIn });
    }
    await detail.reload();
  };

  const scan = async (out: boolean) => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await attend(tokenOf(res.result), out);
    } catch {
      setLocalError(m.scanCancelled);
    }
  };

  const typed = (out: boolean) => {
    if (!/^\d{6}$/.test(code.trim())) {
      setCodeError(m.codeInvalid);
      return;
    }
    setCodeError(null);
    void attend(code.trim(), out);
  };

  if (!a) {
    return (
      <Screen>
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
        <Button className='btn-block' size='large' block onClick={() => back(ROUTES.activities)}>
          {m.back}
        </Button>
      </Screen>
    );
  }

  const my = a.my && a.my.state !== 'cancelled' ? a.my : null;
  const mine = myState(a);
  const places = placesText(a);
  const cancelledActivity = a.status === 'cancelled';
  // The check-in box shows once check-in opens (an hour before the start, by the server's clock);
  // from the day before, a calm line says when it will open.
  const waiting = !!my && my.state === 'signed' && !cancelledActivity && my.attendance === 'none' && a.phase !== 'ended';
  const canCheck = !!my && my.state === 'signed' && !cancelledActivity && (my.attendance === 'in' || (waiting && a.checkInOpen));
  const opensSoon = waiting && !a.checkInOpen && a.startsSoon;
  const out = my?.attendance === 'in';
  const attendBusy = checkIn.busy || checkOut.busy;
  const attendError = checkIn.error ?? checkOut.error;

  return (
    <Screen>
      <Text className='greeting'>{a.title}</Text>
      <View className='activity__tags'>
        {mine ? <Tag kind={mine.kind}>{mine.text}</Tag> : null}
        <Tag kind={places.kind}>{places.text}</Tag>
      </View>
      {cancelledActivity ? <Notice kind='warning'>{m.cancelledNotice(a.cancelReason ?? '')}</Notice> : null}

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

        {!my ? (
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

      {my && my.state === 'signed' && (canCheck || opensSoon || my.attendance !== 'none') ? (
        <View className='section card'>
          <Text className='section__title'>{m.attendanceTitle}</Text>
          <Text className='text'>
            {my.attendance === 'in'
              ? m.attendance.in(dateTime(my.checkInAt ?? ''))
              : my.attendance === 'out'
                ? m.attendance.out(dateTime(my.checkOutAt ?? ''), hours(my.servedMinutes ?? 0))
                : my.attendance === 'absent'
                  ? m.attendance.absent
                  : m.attendance.none}
          </Text>
          {opensSoon ? <Text className='text'>{m.opensAt(dateTime(a.checkInOpensAt))}</Text> : null}
          {canCheck ? (
            <>
              <Text className='muted'>{m.checkinHint}</Text>
              {localError ? <Notice kind='warning'>{localError}</Notice> : null}
              {attendError ? <Notice kind='error'>{m.checkFailed + attendError}</Notice> : null}
              {isWeapp ? (
                <Button className='btn-block' type='primary' size='large' block disabled={attendBusy} onClick={() => void scan(out)}>
                  {out ? m.scanOut : m.scanIn}
                </Button>
              ) : null}
              <View className='section'>
                <Field label={m.codeLabel} type='number' maxlength={6} placeholder={m.codePlaceholder} value={code} error={codeError} onChange={setCode} />
                <Button className='btn-block' type={isWeapp ? 'default' : 'primary'} size='large' block disabled={attendBusy} onClick={() => typed(out)}>
                  {attendBusy ? (out ? m.checkingOut : m.checkingIn) : out ? m.checkOut : m.checkIn}
                </Button>
              </View>
            </>
          ) : null}
        </View>
      ) : null}

      <View className='card section'>
        <Row k={m.when} v={a.timeText} />
        <Row k={m.where} v={a.place.name} />
        <Row k={m.team} v={a.teamName} />
        <Row k={m.category} v={a.categoryName} />
        <Row k={m.places} v={m.placesValue(a.signedCount, a.capacity, a.placesLeft)} />
        {a.waitlistCount > 0 ? <Row k={m.waitlist} v={m.waitlistValue(a.waitlistCount)} /> : null}
        <Row k={m.signupDeadline} v={dateTime(a.signupDeadline)} />
        <Row k={m.cancelDeadline} v={dateTime(a.cancelDeadline)} />
        <Row k={m.conditions} v={[a.membersOnly ? m.membersOnly : '', a.minAge ? m.minAge(a.minAge) : ''].filter(Boolean).join('，') || m.noConditions} />
        {a.seriesCount && a.seriesIndex !== null ? <Row k={m.series} v={m.seriesValue(a.seriesIndex, a.seriesCount)} /> : null}
        {a.geofenceRadiusM ? <Row k={m.geofence} v={m.geofenceValue(a.geofenceRadiusM)} /> : null}
      </View>

      {a.description ? (
        <View className='section'>
          <Text className='section__title'>{m.description}</Text>
          <Text className='text'>{a.description}</Text>
        </View>
      ) : null}

      {a.canManage ? (
        <View className='section card'>
          <Text className='section__title'>{m.leaderTitle}</Text>
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.roster, { id: a.id })}>
            {m.roster}
          </Button>
          {!cancelledActivity ? (
            <Button className='btn-block' size='large' block onClick={() => go(ROUTES.checkinCode, { id: a.id })}>
              {m.code}
            </Button>
          ) : null}
          {!cancelledActivity && a.phase === 'upcoming' ? (
            <Button className='btn-block' size='large' block onClick={() => go(ROUTES.activityForm, { id: a.id })}>
              {m.edit}
            </Button>
          ) : null}
        </View>
      ) : null}

      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.activities)}>
        {m.back}
      </Button>
    </Screen>
  );
}
