/**
 * 本队服务记录: a team's service records for its leaders (and the street admin), newest first, by
 * state: who recorded and who decided, why one was sent back or taken away, and a member's 异议
 * about it with the street's answer (the message about a 异议 opens this page). An approved record
 * can be taken back here (records.reverse) with a reason, after a second step that says what will
 * happen: its credits are reversed in the same transaction and the volunteer gets a message.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordState, RecordView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { Tag, type TagKind } from '@/components/Tag';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useShowAgain } from '@/hooks/useShowAgain';
import { hours } from '@/services/format';
import { dateWithYear, dayLabel } from '@/services/dates';
import { ROUTES, go, useParam } from '@/services/routes';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';
import { Button } from '@/ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useChosenTeam } from '../components/useChosenTeam';
import { messages as m } from './messages';

/** The tabs: every record, one state, or the records a member raised a 异议 about (the message about one opens that tab). */
type Shown = 'all' | Exclude<RecordState, 'pending'> | 'appealed';
const SHOWN: ReadonlyArray<{ value: Shown; label: string }> = (['all', 'approved', 'rejected', 'reversed', 'appealed'] as const).map((value) => ({
  value,
  label: m.states[value],
}));
const isShown = (s: string): s is Shown => SHOWN.some((o) => o.value === s);

function filterOf(shown: Shown): { state?: Exclude<RecordState, 'pending'>; appealed?: true } {
  if (shown === 'all') return {};
  return shown === 'appealed' ? { appealed: true } : { state: shown };
}
const STATE_KIND: Record<RecordState, TagKind> = { pending: 'warning', approved: 'success', rejected: 'error', reversed: 'neutral' };

export default function TeamRecords() {
  const { led, teamId, setTeamId } = useChosenTeam();
  const show = useParam('show');
  const [shown, setShown] = useState<Shown>(isShown(show) ? show : 'all');
  const list = usePaged('records', 'team', { teamId: teamId ?? '', ...filterOf(shown), limit: 20 }, !!teamId);
  useShowAgain(() => void list.reload());
  const [done, setDone] = useState<{ text: string; record: RecordView } | null>(null);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      <TeamPicker
        label={m.chooseTeam}
        teams={led.teams}
        value={teamId}
        onChange={(t) => {
          setTeamId(t);
          setDone(null);
        }}
      />
      <Tabs
        options={SHOWN}
        value={shown}
        onChange={(s) => {
          setShown(s);
          setDone(null);
        }}
      />
      {done ? (
        <View>
          <Notice kind='success'>{done.text}</Notice>
          {/* The domain's correction is a new record: this one's details, ready to put right. */}
          <Button
            className='btn-block'
            size='large'
            block
            onClick={() =>
              go(ROUTES.newRecord, {
                teamId: done.record.teamId,
                volunteerId: done.record.volunteerId,
                category: done.record.category,
                date: done.record.date,
                place: done.record.place,
                content: done.record.content,
              })
            }
          >
            {m.reverse.recordAgain}
          </Button>
        </View>
      ) : null}
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='muted'>{shown === 'appealed' ? m.noneAppealed : m.none}</Text> : null}
      <View className='section'>
        {list.items.map((r) => (
          <TeamRecord
            key={r.id}
            record={r}
            onReversed={(text) => {
              setDone({ text, record: r });
              void list.reload();
            }}
          />
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd />
      </View>
    </Screen>
  );
}

function TeamRecord({ record: r, onReversed }: { record: RecordView; onReversed: (text: string) => void }) {
  const reverse = useMutation('records', 'reverse');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const credits = !!r.transferId;
  const a = r.appeal;

  const confirm = async () => {
    if (isTooShortReason(reason)) {
      setReasonError(m.reverse.invalid);
      return;
    }
    setReasonError(null);
    const res = await reverse.run({ recordId: r.id, reason: reason.trim() });
    if (res) {
      setOpen(false);
      onReversed(m.reverse.done(r.volunteerName, hours(r.minutes.minutes), credits));
    }
  };

  return (
    <View className='card team-record'>
      <View className='line__top'>
        <Text className='team__name'>{r.volunteerName}</Text>
        <Text className='figure__value'>{hours(r.minutes.minutes)}</Text>
      </View>
      <Text className='text'>{r.content}</Text>
      <Text className='line__sub'>
        {dayLabel(r.date)} · {r.place}
      </Text>
      <View className='activity__tags'>
        <Tag kind={STATE_KIND[r.state]}>{m.state[r.state]}</Tag>
        <Tag>{r.categoryName}</Tag>
        <Tag kind={r.earnsCredits ? 'info' : 'neutral'}>{r.earnsCredits ? m.credits : m.noCredits}</Tag>
        {r.correctionOf ? <Tag kind='info'>{m.correction}</Tag> : null}
      </View>
      <Text className='line__sub'>
        {m.recorder(r.recorderName)}
        {r.approverName ? ` · ${m.approver(r.approverName)}` : ''}
      </Text>
      {r.reason && r.state === 'rejected' ? <Text className='line__sub'>{m.rejectReason(r.reason)}</Text> : null}
      {r.reason && r.state === 'reversed' ? <Text className='line__sub'>{m.reverseReason(r.reason)}</Text> : null}
      {a ? (
        <View className={`record__appeal record__appeal--${a.state}`}>
          <Text className='line__sub'>{m.appeal.raised(r.volunteerName, dateWithYear(a.raisedAt), a.reason)}</Text>
          {a.claimedMinutes ? <Text className='line__sub'>{m.appeal.claimed(hours(a.claimedMinutes.minutes), hours(r.minutes.minutes))}</Text> : null}
          <Text className='line__sub'>
            {a.state === 'open'
              ? a.toldAdmins
                ? m.appeal.open
                : m.appeal.openNoAdmin
              : (a.state === 'granted' ? m.appeal.granted : m.appeal.upheld)(a.answer ?? '', a.decidedByName ?? '')}
          </Text>
        </View>
      ) : null}
      {r.state === 'approved' && !open ? (
        <View className='record__appeal--quiet'>
          <Button
            size='normal'
            onClick={() => {
              setOpen(true);
              setReason('');
              setReasonError(null);
            }}
          >
            {m.reverse.open}
          </Button>
        </View>
      ) : null}
      {open ? (
        <ConfirmStep
          confirmLabel={m.reverse.confirm}
          busyLabel={m.reverse.busy}
          busy={reverse.busy}
          danger
          onConfirm={() => void confirm()}
          onBack={() => setOpen(false)}
        >
          <Text className='text'>{m.reverse.explain(r.volunteerName, hours(r.minutes.minutes), credits)}</Text>
          <TextArea
            label={m.reverse.label}
            placeholder={m.reverse.placeholder}
            value={reason}
            maxlength={REASON_MAX_CHARS}
            error={reasonError ?? reverse.fieldErrors.reason}
            onChange={setReason}
          />
          <FailureNotice of={reverse} failed={m.reverse.failed} />
        </ConfirmStep>
      ) : null}
    </View>
  );
}
