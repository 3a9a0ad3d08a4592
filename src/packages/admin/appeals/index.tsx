/**
 * 服务时长异议: the street admin's queue of open 异议 (records.appeals, oldest first) and the decision
 * on each (records.decideAppeal): uphold with an answer, or grant, which approves a correction record
 * with the original minutes. Decided ones leave the list; the outcome says what the server did.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordView } from '@core/api';
import { LoadMore } from '@/components/LoadMore';
import { Field, HOURS_INPUT } from '@/components/Field';
import { NotForYou } from '@/components/NotForYou';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { dateWithYear, dayLabel } from '@/services/dates';
import { hours, readHours } from '@/services/format';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

function AppealCard({ r, onDecided }: { r: RecordView; onDecided: (done: string) => void }) {
  const decide = useMutation('records', 'decideAppeal');
  const [answer, setAnswer] = useState('');
  const [answerError, setAnswerError] = useState<string | null>(null);
  const a = r.appeal!;
  // What a grant records: the whole record it restores, or what the volunteer claimed beyond the record
  // (extra) unless the admin writes less, as the mediation found (left empty: all of it).
  const extra = a.about === 'minutes' && a.claimedMinutes ? a.claimedMinutes.minutes - r.minutes.minutes : null;
  const [less, setLess] = useState('');
  const read = extra !== null && less.trim() ? readHours(less, extra) : null;
  const lessError = read && 'problem' in read ? (read.problem === 'tooMany' ? m.less.tooMany(hours(extra!)) : m.less.invalid) : null;
  const adding = read && 'minutes' in read ? read.minutes : extra;
  const run = async (outcome: 'grant' | 'uphold') => {
    if (isTooShortReason(answer)) {
      setAnswerError(m.answer.tooShort);
      return;
    }
    setAnswerError(null);
    if (outcome === 'grant' && lessError) return;
    const partial = outcome === 'grant' && read && 'minutes' in read ? { minutes: read.minutes } : {};
    const res = await decide.run({ recordId: r.id, outcome, answer: answer.trim(), ...partial });
    // Said only once the server has stored the answer and written the volunteer's message.
    if (res) {
      onDecided(
        outcome === 'uphold'
          ? m.upheld(r.volunteerName)
          : adding !== null
            ? m.grantedMinutes(r.volunteerName, hours(adding))
            : m.granted(r.volunteerName, hours(r.minutes.minutes)),
      );
    }
  };
  return (
    <View className='line appeal'>
      <View className='line__top'>
        <Text className='line__title'>{r.content}</Text>
        <Text className='line__amount'>{hours(r.minutes.minutes)}</Text>
      </View>
      <Text className='line__sub'>
        {m.record(r.volunteerName, r.teamName)} · {dayLabel(r.date)}
      </Text>
      <View className='activity__tags'>
        <Tag kind={r.state === 'approved' ? 'success' : 'error'}>{m.state[r.state] ?? r.state}</Tag>
        <Tag>{r.categoryName}</Tag>
      </View>
      {extra !== null ? (
        <Text className='line__sub appeal__claim'>{m.minutesClaim(hours(r.minutes.minutes), hours(a.claimedMinutes!.minutes))}</Text>
      ) : (
        <Text className='line__sub'>{m.leaderReason(m.state[r.state] ?? '', r.reason ?? '')}</Text>
      )}
      <Text className='text appeal__reason'>{m.appealReason(a.reason)}</Text>
      <Text className='line__sub'>{m.raisedAt(dateWithYear(a.raisedAt))}</Text>
      <Text className='line__sub appeal__leaders'>{m.leadersTold(a.toldLeaders > 0)}</Text>
      <TextArea
        label={m.answer.label}
        placeholder={m.answer.placeholder}
        value={answer}
        maxlength={REASON_MAX_CHARS}
        error={answerError ?? decide.fieldErrors.answer}
        onChange={setAnswer}
      />
      <FailureNotice of={decide} failed={m.failed} />
      {extra !== null ? (
        <Field
          label={m.less.label}
          placeholder={m.less.placeholder(hours(extra))}
          hint={m.less.hint}
          type={HOURS_INPUT}
          value={less}
          error={lessError ?? decide.fieldErrors.minutes}
          onChange={setLess}
        />
      ) : null}
      <Text className='muted'>{extra !== null ? m.grantMinutesWhy : m.grantWhy}</Text>
      <Button className='btn-block' type='primary' size='large' block disabled={decide.busy} onClick={() => void run('grant')}>
        {decide.busy ? m.working : adding !== null ? m.grantMinutes(hours(adding)) : m.grant(hours(r.minutes.minutes))}
      </Button>
      <Button className='btn-block' size='large' block disabled={decide.busy} onClick={() => void run('uphold')}>
        {m.uphold}
      </Button>
    </View>
  );
}

export default function Appeals() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const list = usePaged('records', 'appeals', { limit: 20 }, isAdmin);
  const [done, setDone] = useState<string | null>(null);
  useShowAgain(() => void (isAdmin && list.reload()));

  if (me && !isAdmin) return <NotForYou text={m.notAdmin} />;
  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='muted'>{m.intro}</Text>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Text className='muted appeals__none'>{m.none}</Text> : null}
      {list.items.length ? (
        <View className='section card'>
          {list.items.map((r) => (
            <AppealCard
              key={r.id}
              r={r}
              onDecided={(text) => {
                setDone(text);
                void list.reload();
              }}
            />
          ))}
        </View>
      ) : null}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd />
    </Screen>
  );
}
