/**
 * 审核服务时长: a team's pending service records; approve or reject (with a reason) one by one,
 * or approve all after a second step on the page. The contract has no bulk action, so "all" runs
 * records.approve per record, each with its own requestId kept until it succeeds (a retry never
 * approves twice; the server also credits each record once).
 *
 * Unusual records (long, back-dated, many in a row) need two approvers: the first approval leaves
 * them pending, tagged 待复核 with who gave it; another leader of the team or an admin finishes
 * them with 复核通过. The server says who may take the next step (`canApprove`); the others wait.
 *
 * The street admin also has 等街道审核 (`records.awaitingReview`): every team's records waiting for
 * their second approval, or for a first that no leader of the team but the volunteer could give, chosen by default when the admin arrives without a team (from the admin home
 * or a role card); a message about one team's record opens that team instead.
 */
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { RecordView } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { call, errorMessage, newRequestId } from '@/services/api';
import { hours } from '@/services/format';
import { dayLabel } from '@/services/dates';
import { Button } from '@/ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useChosenTeam } from '../components/useChosenTeam';
import { messages as m } from './messages';
import './index.scss';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

/** `failed`: the approve call's own failure, said from its state (FailureNotice) when the page renders. */
type Outcome = { kind: 'success' | 'warning' | 'info'; text: string } | { kind: 'failed' } | null;

/** The picker's value for the admin's street-wide 复核 queue (not a team id: those start with t_). */
const STREET_REVIEW = 'street-review';

export default function Approvals() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const { led, teamId, setTeamId } = useChosenTeam(isAdmin ? STREET_REVIEW : undefined);
  const street = teamId === STREET_REVIEW;
  const teamList = usePaged('records', 'team', { teamId: street ? '' : (teamId ?? ''), state: 'pending', limit: 50 }, !!teamId && !street);
  const streetList = usePaged('records', 'awaitingReview', { limit: 50 }, street && isAdmin);
  const list = street ? streetList : teamList;
  useShowAgain(() => void list.reload());
  const approve = useMutation('records', 'approve');
  const reject = useMutation('records', 'reject');
  const [decided, setDecided] = useState<Record<string, 'approved' | 'rejected'>>({});
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [allStep, setAllStep] = useState(false);
  const [allProgress, setAllProgress] = useState<{ done: number; total: number } | null>(null);
  const bulkIds = useRef(new Map<string, string>());

  const open = list.items.filter((r) => !decided[r.id]);
  const total = open.reduce((s, r) => s + r.minutes.minutes, 0);
  // What "approve all" may take: the records whose next step is mine.
  const mine = open.filter((r) => r.canApprove);
  const mineTotal = mine.reduce((s, r) => s + r.minutes.minutes, 0);

  const approveOne = async (r: RecordView) => {
    setOutcome(null);
    const res = await approve.run({ recordId: r.id });
    if (res) {
      const done = res.state === 'approved';
      if (done) setDecided((d) => ({ ...d, [r.id]: 'approved' }));
      // A first approval keeps the record in the queue, now 待复核 and waiting for someone else.
      else void list.reload();
      // Not 成功 for a first approval: nothing is credited until the second person approves.
      setOutcome(
        done
          ? { kind: 'success', text: m.approved(r.volunteerName, hours(r.minutes.minutes)) }
          : { kind: 'info', text: m.firstApproved(r.volunteerName, hours(r.minutes.minutes)) },
      );
    } else {
      setOutcome({ kind: 'failed' });
      // Someone else may have decided it, or it may be done though the answer was lost: show the queue as it is.
      void list.reload();
    }
  };

  const rejectOne = async (r: RecordView) => {
    if (isTooShortReason(reason)) {
      setReasonError(m.reason.invalid);
      return;
    }
    setReasonError(null);
    setOutcome(null);
    const res = await reject.run({ recordId: r.id, reason: reason.trim() });
    if (res) {
      setDecided((d) => ({ ...d, [r.id]: 'rejected' }));
      setRejecting(null);
      setReason('');
      setOutcome({ kind: 'success', text: m.rejected(r.volunteerName) });
    }
  };

  const approveAll = async () => {
    const todo = mine;
    let ok = 0;
    let firstApproved = 0;
    const failures: string[] = [];
    setAllProgress({ done: 0, total: todo.length });
    for (const r of todo) {
      const requestId = bulkIds.current.get(r.id) ?? newRequestId();
      bulkIds.current.set(r.id, requestId);
      try {
        const res = await call('records', 'approve', { recordId: r.id }, { requestId });
        bulkIds.current.delete(r.id);
        ok += 1;
        if (res.state === 'approved') setDecided((d) => ({ ...d, [r.id]: 'approved' }));
        else firstApproved += 1;
      } catch (e) {
        failures.push(`${r.volunteerName}：${errorMessage(e)}`);
      }
      setAllProgress({ done: ok + failures.length, total: todo.length });
    }
    setAllProgress(null);
    setAllStep(false);
    if (firstApproved || failures.length) void list.reload();
    // "All approved" only when every one is credited: first approvals of two-person records are said as such.
    const credited = ok - firstApproved;
    setOutcome(
      failures.length
        ? { kind: 'warning', text: m.someFailed(ok, failures.length, failures[0] ?? '') }
        : firstApproved
          ? { kind: 'info', text: m.allDoneSomeAwaiting(credited, firstApproved) }
          : { kind: 'success', text: m.allDone(ok) },
    );
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      <TeamPicker
        label={m.chooseTeam}
        teams={led.teams}
        first={isAdmin ? { value: STREET_REVIEW, label: m.streetReview(streetList.last?.count ?? null) } : undefined}
        value={teamId}
        onChange={(t) => {
          setTeamId(t);
          setDecided({});
          setOutcome(null);
        }}
      />
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {outcome?.kind === 'failed' ? <FailureNotice of={approve} failed={m.failed} /> : outcome ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null}
      {list.loaded ? (
        <Text className='section__title'>
          {open.length ? (street ? m.streetPending : m.pending)(open.length, hours(total)) : street ? m.streetNone : m.none}
        </Text>
      ) : null}
      {open.length > mine.length ? <Text className='line__sub'>{m.someWaiting(open.length - mine.length)}</Text> : null}

      {mine.length > 1 ? (
        allStep ? (
          <ConfirmStep
            confirmLabel={m.confirmAll}
            busyLabel={allProgress ? m.approvingAll(allProgress.done, allProgress.total) : undefined}
            busy={!!allProgress}
            onConfirm={() => void approveAll()}
            onBack={() => setAllStep(false)}
          >
            <Text className='text'>{m.approveAllWhat(mine.length, hours(mineTotal))}</Text>
          </ConfirmStep>
        ) : (
          <Button className='btn-block' type='primary' size='large' block onClick={() => setAllStep(true)}>
            {m.approveAll(mine.length)}
          </Button>
        )
      ) : null}

      <View className='section'>
        {open.map((r) => (
          <View key={r.id} className='card approval'>
            <View className='line__top'>
              <Text className='team__name'>{r.volunteerName}</Text>
              <Text className='figure__value approval__hours'>{hours(r.minutes.minutes)}</Text>
            </View>
            <Text className='text'>{r.content}</Text>
            {street ? <Text className='line__sub'>{m.team(r.teamName)}</Text> : null}
            <Text className='line__sub'>
              {dayLabel(r.date)} · {r.place}
            </Text>
            <Text className='line__sub'>{m.recorder(r.recorderName)}</Text>
            {r.secondApproval ? <Text className='line__sub'>{m.twoApproversWhy(r.secondApproval.reasons.join('；'))}</Text> : null}
            {r.secondApproval?.firstApproverName ? <Text className='line__sub'>{m.firstApprovedBy(r.secondApproval.firstApproverName)}</Text> : null}
            <View className='activity__tags'>
              {r.awaitingSecondApproval ? <Tag kind='warning'>{m.awaitingReview}</Tag> : r.secondApproval ? <Tag kind='warning'>{m.twoApprovers}</Tag> : null}
              <Tag>{r.categoryName}</Tag>
              <Tag kind={r.earnsCredits ? 'info' : 'neutral'}>{r.earnsCredits ? m.credits : m.noCredits}</Tag>
            </View>
            {rejecting === r.id ? (
              <View className='section'>
                <TextArea
                  label={m.reason.label}
                  placeholder={m.reason.placeholder}
                  value={reason}
                  maxlength={REASON_MAX_CHARS}
                  error={reasonError ?? reject.fieldErrors.reason}
                  onChange={setReason}
                />
                <FailureNotice of={reject} failed={m.failed} />
                <View className='btn-pair'>
                  <Button type='danger' size='large' disabled={reject.busy} onClick={() => void rejectOne(r)}>
                    {reject.busy ? m.rejecting : m.confirmReject}
                  </Button>
                  <Button size='large' onClick={() => setRejecting(null)}>
                    {m.cancel}
                  </Button>
                </View>
              </View>
            ) : (
              <View>
                {/* Above the buttons, not beside: a line of text beside 退回 squeezed it to one character's width. */}
                {r.canApprove ? null : <Text className='line__sub'>{m.waitingForOthers}</Text>}
                <View className='btn-pair'>
                  {r.canApprove ? (
                    <Button type='primary' size='large' disabled={approve.busy || !!allProgress} onClick={() => void approveOne(r)}>
                      {r.awaitingSecondApproval ? m.review : m.approve}
                    </Button>
                  ) : null}
                  <Button
                    size='large'
                    disabled={!!allProgress}
                    onClick={() => {
                      setRejecting(r.id);
                      setReason('');
                      setReasonError(null);
                    }}
                  >
                    {m.reject}
                  </Button>
                </View>
              </View>
            )}
          </View>
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd />
      </View>
    </Screen>
  );
}
