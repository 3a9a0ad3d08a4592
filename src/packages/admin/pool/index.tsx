/**
 * 公益池 (admin): the pool's balance, its donations and grants (newest first, paged, filterable),
 * and a grant to a resident with a required reason, confirmed in a second step on the page.
 */
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { BalanceView, StatementLine, UserListItem } from '@core/api';
import { ConfirmStep } from '@/components/ConfirmStep';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { StatementLines } from '@/components/StatementLines';
import { Tabs } from '@/components/Tabs';
import { useMutation } from '@/hooks/useMutation';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { hours, readHours } from '@/services/format';
import { MAX_TRANSFER_MINUTES } from '@core/domain/ledger-limits';
import { ROUTES, go } from '@/services/routes';
import { call, errorMessage } from '@/services/api';
import { Button } from '@/ui/nutui';
import { PersonPicker } from '../components/PersonPicker';
import { HoursAndReason } from '../components/HoursAndReason';
import { poolFigures } from './figures';
import { messages as m } from './messages';
import './index.scss';
import { isTooShortReason } from '@/services/rules';

type Filter = 'all' | 'donate' | 'grant';

/** timebank.pool pages its statement inside the answer ({ balance, statement: { items, next } }). */
function usePool(enabled: boolean) {
  const [items, setItems] = useState<StatementLine[]>([]);
  const [balance, setBalance] = useState<BalanceView | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (after?: string) => {
    setLoading(true);
    try {
      const res = await call('timebank', 'pool', { limit: 30, ...(after ? { after } : {}) });
      setBalance(res.balance);
      setItems((prev) => (after ? [...prev, ...res.statement.items] : res.statement.items));
      setNext(res.statement.next);
      setLoaded(true);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);
  return { items, balance, next, loading, loaded, error, reload: () => load(), more: () => (next ? load(next) : Promise.resolve()) };
}

export default function Pool() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const pool = usePool(isAdmin);
  const grant = useMutation('timebank', 'grant');
  const [filter, setFilter] = useState<Filter>('all');
  const [person, setPerson] = useState<UserListItem | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [done, setDone] = useState<string | null>(null);

  const balance = pool.balance;
  const figures = balance ? poolFigures(balance) : null;
  const lines = pool.items.filter((l) => filter === 'all' || l.kind === filter);
  // Read against what the pool can grant, so 100000 is "more than the pool has", not "not a number".
  const read = readHours(amount, balance ? balance.available.minutes : MAX_TRANSFER_MINUTES);
  const minutes = 'minutes' in read ? read.minutes : null;

  const toConfirm = () => {
    setDone(null);
    const e: Record<string, string> = {};
    if (!person) e.person = m.noPerson;
    if ('problem' in read) e.minutes = read.problem === 'tooMany' && balance ? m.tooMuch(hours(balance.available.minutes)) : m.amount.invalid;
    if (isTooShortReason(reason)) e.reason = m.reason.invalid;
    setErrors(e);
    if (Object.keys(e).length === 0) setStep('confirm');
  };

  const submit = async () => {
    if (!person || minutes === null) return;
    const res = await grant.run({ toUserId: person.id, minutes, reason: reason.trim() });
    if (!res) return;
    setDone(m.granted(hours(minutes), person.name));
    setStep('form');
    setAmount('');
    setReason('');
    setPerson(null);
    await pool.reload();
  };

  if (me?.profile && !isAdmin) {
    return (
      <Screen>
        <Notice kind='info'>{m.notAdmin}</Notice>
      </Screen>
    );
  }

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      {pool.error ? <Notice kind='error'>{m.loadFailed + pool.error}</Notice> : null}
      {figures ? (
        <View className='figures section'>
          <View className='figure'>
            <Text className='figure__label'>{m.available}</Text>
            <Text className='figure__value'>{figures.available}</Text>
            {figures.reserved ? <Text className='line__sub'>{m.reserved(figures.reserved, figures.total)}</Text> : null}
          </View>
        </View>
      ) : (
        <Text className='loading'>{commonMessages.loading}</Text>
      )}
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.adjustments, { target: 'pool' })}>
        {m.adjust}
      </Button>

      <View className='section card'>
        <Text className='section__title'>{m.grantTitle}</Text>
        {done ? <Notice kind='success'>{done}</Notice> : null}
        {step === 'confirm' && person && minutes !== null ? (
          <ConfirmStep confirmLabel={m.doGrant} busyLabel={m.working} busy={grant.busy} onConfirm={() => void submit()} onBack={() => setStep('form')}>
            <Text className='confirm__big'>{m.confirmWhat(hours(minutes), `${person.name}（${person.committeeName}）`)}</Text>
            <Text className='text'>{m.reasonLine(reason.trim())}</Text>
            <FailureNotice of={grant} failed={m.failed} />
          </ConfirmStep>
        ) : (
          <View>
            <PersonPicker value={person} onChange={setPerson} error={errors.person ?? grant.fieldErrors.toUserId} />
            <HoursAndReason
              text={m}
              amount={amount}
              onAmount={setAmount}
              reason={reason}
              onReason={setReason}
              errors={{ amount: errors.minutes ?? grant.fieldErrors.minutes, reason: errors.reason ?? grant.fieldErrors.reason }}
            />
            <Button className='btn-block' type='primary' size='large' block onClick={toConfirm}>
              {m.next}
            </Button>
          </View>
        )}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.linesTitle}</Text>
        <Tabs options={(['all', 'donate', 'grant'] as const).map((f) => ({ value: f, label: m.filters[f] }))} value={filter} onChange={setFilter} />
        {pool.loaded && lines.length === 0 ? <Text className='muted'>{m.none}</Text> : null}
        <StatementLines lines={lines} />
        <LoadMore next={pool.next} loading={pool.loading} onMore={() => void pool.more()} quietEnd={pool.items.length === 0} />
      </View>
    </Screen>
  );
}
