/**
 * 名单与考勤: who signed up (phones masked) and the waitlist in order; the leader marks check-in,
 * check-out, present or absent per person, calls a member (the full number comes from
 * teams.memberPhone, for leaders only, and goes straight to the phone dialler), and closes
 * attendance after the end (a second step on the page).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RosterEntry } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag, type TagKind } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { call, errorMessage, isApiError } from '@/services/api';
import { hours } from '@/services/format';
import { clock, dateTime } from '@/services/dates';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { ReleaseStep } from './ReleaseStep';
import './index.scss';

type Mark = 'checkIn' | 'checkOut' | 'present' | 'absent';

function attendanceOf(e: RosterEntry): { kind: TagKind; text: string } {
  if (e.attendance === 'in') return { kind: 'info', text: m.attendance.in(clock(e.checkInAt ?? ''), m.method[e.checkInBy ?? 'roster']) };
  if (e.attendance === 'out') return { kind: 'success', text: m.attendance.out(clock(e.checkOutAt ?? ''), hours(e.servedMinutes ?? 0)) };
  if (e.attendance === 'absent') return { kind: 'error', text: m.attendance.absent };
  return { kind: 'neutral', text: m.attendance.none };
}

export default function Roster() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const roster = useQuery('activities', 'roster', { activityId: id }, !!me?.registered && !!id);
  const mark = useMutation('activities', 'markAttendance');
  const close = useMutation('activities', 'closeAttendance');
  const [busyFor, setBusyFor] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ userId: string; kind: 'success' | 'error'; text: string } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [closed, setClosed] = useState<string | null>(null);
  const [calling, setCalling] = useState<string | null>(null);
  const [releasing, setReleasing] = useState<string | null>(null);
  useShowAgain(() => void roster.reload());

  const r = roster.data;
  const a = r?.activity;
  const started = !!a && a.phase !== 'upcoming';

  const doMark = async (e: RosterEntry, what: Mark) => {
    if (!a) return;
    setBusyFor(e.userId);
    setOutcome(null);
    const res = await mark.run({ activityId: a.id, userId: e.userId, mark: what });
    setBusyFor(null);
    if (res) {
      setOutcome({ userId: e.userId, kind: 'success', text: res.already ? m.already : m.done[what] });
      await roster.reload();
    } else {
      setOutcome({ userId: e.userId, kind: 'error', text: '' });
    }
  };

  const phone = async (e: RosterEntry) => {
    if (!a) return;
    setCalling(e.userId);
    setOutcome(null);
    try {
      const res = await call('teams', 'memberPhone', { teamId: a.teamId, userId: e.userId });
      await Taro.makePhoneCall({ phoneNumber: res.phone });
    } catch (err) {
      // Closing the dialler also rejects; only API failures are worth saying.
      const text = isApiError(err) ? errorMessage(err) : '';
      if (text) setOutcome({ userId: e.userId, kind: 'error', text: m.callFailed + text });
    } finally {
      setCalling(null);
    }
  };

  const doClose = async () => {
    if (!a) return;
    const res = await close.run({ activityId: a.id });
    setConfirmClose(false);
    if (res) {
      setClosed(m.closed(res.absent, res.stillCheckedIn));
      await roster.reload();
    }
  };

  if (!r || !a) {
    return (
      <Screen>
        {!id ? (
          <Notice kind='warning'>{commonMessages.missingTarget}</Notice>
        ) : roster.error ? (
          <Notice kind='error'>{m.loadFailed + roster.error}</Notice>
        ) : (
          <Text className='loading'>{commonMessages.loading}</Text>
        )}
        <Button className='btn-block' size='large' block onClick={() => back(ROUTES.leader)}>
          {m.back}
        </Button>
      </Screen>
    );
  }

  // Before the start only: the service refuses it after (then it is 缺席).
  const releasable = a.status !== 'cancelled' && a.phase === 'upcoming';

  const released = async (e: RosterEntry, res: { was: 'signed' | 'waitlisted'; promotedName: string | null }) => {
    setReleasing(null);
    setOutcome({ userId: '', kind: 'success', text: res.was === 'waitlisted' ? m.release.doneWaitlist(e.name) : m.release.done(e.name, res.promotedName) });
    await roster.reload();
  };

  const person = (e: RosterEntry, waitlisted: boolean) => {
    const att = attendanceOf(e);
    const busy = busyFor === e.userId && mark.busy;
    return (
      <View key={e.userId} className='card roster-entry'>
        <View className='line__top'>
          <Text className='team__name'>{e.name}</Text>
          <Text className='text'>{e.phoneMasked}</Text>
        </View>
        <View className='activity__tags'>
          {waitlisted ? <Tag kind='warning'>{m.position(e.waitlistPosition ?? 0)}</Tag> : <Tag kind={att.kind}>{att.text}</Tag>}
        </View>
        {e.distanceM !== null ? <Text className='line__sub'>{m.distance(e.distanceM)}</Text> : null}
        {outcome?.userId === e.userId ? (
          outcome.kind === 'error' && !outcome.text ? (
            <FailureNotice of={mark} failed={m.failed} />
          ) : (
            <Notice kind={outcome.kind}>{outcome.text}</Notice>
          )
        ) : null}
        <View className='btn-pair roster-entry__actions'>
          {/* Not a button to call oneself: a leader signed up for their own activity is on the list too. */}
          {e.userId !== me?.profile?.id ? (
            <Button size='large' disabled={calling === e.userId} onClick={() => void phone(e)}>
              {calling === e.userId ? m.calling : m.call(e.name)}
            </Button>
          ) : null}
          {!waitlisted && a.status !== 'cancelled' ? (
            <>
              {/* Only while the service would take it (r.checkInOpen, its own window), never to be refused with 还没到签到时间. */}
              {e.attendance === 'none' && r.checkInOpen ? (
                <Button type='primary' size='large' disabled={busy} onClick={() => void doMark(e, 'checkIn')}>
                  {busy ? m.working : m.checkIn}
                </Button>
              ) : null}
              {e.attendance === 'in' && started ? (
                <Button type='primary' size='large' disabled={busy} onClick={() => void doMark(e, 'checkOut')}>
                  {busy ? m.working : m.checkOut}
                </Button>
              ) : null}
              {(e.attendance === 'none' || e.attendance === 'absent') && started ? (
                <Button size='large' disabled={busy} onClick={() => void doMark(e, 'present')}>
                  {m.present}
                </Button>
              ) : null}
              {(e.attendance === 'none' || e.attendance === 'in') && started ? (
                <Button size='large' disabled={busy} onClick={() => void doMark(e, 'absent')}>
                  {m.absent}
                </Button>
              ) : null}
            </>
          ) : null}
          {releasable && e.attendance === 'none' && releasing !== e.userId ? (
            <Button size='large' onClick={() => setReleasing(e.userId)}>
              {m.release.open(waitlisted)}
            </Button>
          ) : null}
        </View>
        {releasing === e.userId ? (
          <ReleaseStep
            activityId={a.id}
            person={e}
            waitlisted={waitlisted}
            nextInLine={r.waitlist[0] ?? null}
            onDone={(res) => void released(e, res)}
            onClose={() => setReleasing(null)}
          />
        ) : null}
      </View>
    );
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='section__title'>{a.title}</Text>
      <Text className='text'>{a.timeText}</Text>
      <Text className='muted'>{a.place.name}</Text>
      <Notice kind='info'>{m.counts(r.counts)}</Notice>
      {a.status !== 'cancelled' && a.phase === 'upcoming' && !r.checkInOpen ? (
        <Text className='muted'>{m.checkInOpens(dateTime(r.checkInOpensAt))}</Text>
      ) : null}
      {closed ? <Notice kind='success'>{closed}</Notice> : null}
      {/* A release names the person it took off the list, who is no longer on it. */}
      {outcome && outcome.userId === '' ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null}
      {releasable && r.signed.length + r.waitlist.length > 0 ? <Text className='muted'>{m.release.hint}</Text> : null}
      <FailureNotice of={close} failed={m.failed} />
      <View className='btn-pair'>
        {a.status !== 'cancelled' && a.phase !== 'ended' ? (
          <Button type='primary' size='large' onClick={() => go(ROUTES.checkinCode, { id: a.id })}>
            {m.code}
          </Button>
        ) : null}
        <Button size='large' disabled={roster.loading} onClick={() => void roster.reload()}>
          {m.refresh}
        </Button>
      </View>

      <View className='section'>
        <Text className='section__title'>{m.signedTitle}</Text>
        {r.signed.length === 0 ? <Text className='muted'>{m.noneSigned}</Text> : null}
        {r.signed.map((e) => person(e, false))}
      </View>

      {r.waitlist.length ? (
        <View className='section'>
          <Text className='section__title'>{m.waitlistTitle}</Text>
          {r.waitlist.map((e) => person(e, true))}
        </View>
      ) : null}

      {a.phase === 'ended' ? (
        <View className='section card'>
          {/* Closing marks who never checked in absent: with nobody left unmarked there is nothing to close. */}
          {!r.signed.some((e) => e.attendance === 'none') ? (
            <Text className='muted'>{m.nothingToClose}</Text>
          ) : confirmClose ? (
            <ConfirmStep confirmLabel={m.closeConfirm} busy={close.busy} onConfirm={() => void doClose()} onBack={() => setConfirmClose(false)}>
              <Text className='text'>{m.closeWhat}</Text>
            </ConfirmStep>
          ) : (
            <Button className='btn-block' size='large' block onClick={() => setConfirmClose(true)}>
              {m.close}
            </Button>
          )}
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.approvals, { teamId: a.teamId })}>
            {m.approvals}
          </Button>
        </View>
      ) : (
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.approvals, { teamId: a.teamId })}>
          {m.approvals}
        </Button>
      )}
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.activity, { id: a.id })}>
        {m.detail}
      </Button>
    </Screen>
  );
}
