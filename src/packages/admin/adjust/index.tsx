/**
 * 账户调整 (admin): adjust a person's account or the pool (`?target=pool`) up or down with a required reason
 * (a second step on the page confirms), the list of adjustments with their reasons and who made
 * them, and reversing one (a reversing transfer; nothing is edited or deleted).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AdjustmentView, UserListItem } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { Tabs } from '@/components/Tabs';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useSession } from '@/hooks/useSession';
import { hours, readHours } from '@/services/format';
import { useQuery } from '@/hooks/useQuery';
import { MAX_TRANSFER_MINUTES } from '@core/domain/ledger-limits';
import { adjustErrors } from './check';
import { dateTime } from '@/services/dates';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { PersonPicker } from '../components/PersonPicker';
import { HoursAndReason } from '../components/HoursAndReason';
import { messages as m } from './messages';
import './index.scss';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

type Target = 'person' | 'pool';

export default function Adjustments() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const list = usePaged('timebank', 'adjustments', { limit: 20 }, isAdmin);
  const adjust = useMutation('timebank', 'adjust');
  const reverse = useMutation('timebank', 'reverse');
  // `?target=pool`: opened from the pool page to put time into the pool (a new street's starts empty).
  const [target, setTarget] = useState<Target>(useParam('target') === 'pool' ? 'pool' : 'person');
  const [person, setPerson] = useState<UserListItem | null>(null);
  const [direction, setDirection] = useState<'up' | 'down'>('up');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [done, setDone] = useState<string | null>(null);
  const [reversing, setReversing] = useState<string | null>(null);
  const [reverseReason, setReverseReason] = useState('');
  const [reverseStep, setReverseStep] = useState(false);
  const [reverseError, setReverseError] = useState<string | null>(null);
  const [reverseDone, setReverseDone] = useState<string | null>(null);

  const read = readHours(amount, MAX_TRANSFER_MINUTES);
  const minutes = 'minutes' in read ? read.minutes : null;
  const name = target === 'pool' ? m.poolName : (person?.name ?? '');
  // The balance before the adjustment: a deduction beyond what is available is refused on the form.
  const personAccount = useQuery('timebank', 'account', { userId: person?.id ?? '', limit: 1 }, isAdmin && target === 'person' && !!person);
  const poolAccount = useQuery('timebank', 'pool', { limit: 1 }, isAdmin && target === 'pool');
  const account = target === 'pool' ? poolAccount : personAccount;
  const current = (target === 'pool' || person) && account.data ? account.data.balance : null;

  const toConfirm = () => {
    setDone(null);
    const e = adjustErrors({ target, hasPerson: !!person, amount, direction, reason, available: current ? current.available.minutes : null });
    setErrors(e);
    if (Object.keys(e).length === 0) setStep('confirm');
  };

  const submit = async () => {
    if (minutes === null) return;
    const accountId = target === 'pool' ? 'pool' : `user:${person?.id ?? ''}`;
    const res = await adjust.run({ accountId, minutes: direction === 'up' ? minutes : -minutes, reason: reason.trim() });
    if (!res) return;
    setDone(m.adjusted(name, hours(res.balance.balance.minutes)));
    setStep('form');
    setAmount('');
    setReason('');
    await Promise.all([list.reload(), account.reload()]);
  };

  const openReverse = (a: AdjustmentView) => {
    setReversing(a.transferId);
    setReverseReason('');
    setReverseStep(false);
    setReverseError(null);
    setReverseDone(null);
  };

  const doReverse = async (a: AdjustmentView) => {
    const res = await reverse.run({ transferId: a.transferId, reason: reverseReason.trim() });
    setReverseStep(false);
    if (!res) return;
    setReversing(null);
    setReverseDone(m.reversed);
    await list.reload();
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
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.pool)}>
        {m.pool}
      </Button>

      <View className='section card'>
        <Text className='section__title'>{m.formTitle}</Text>
        {done ? <Notice kind='success'>{done}</Notice> : null}
        {step === 'confirm' && minutes !== null ? (
          <ConfirmStep
            confirmLabel={m.doAdjust}
            busyLabel={m.working}
            busy={adjust.busy}
            danger={direction === 'down'}
            onConfirm={() => void submit()}
            onBack={() => setStep('form')}
          >
            <Text className='confirm__big'>{m.confirmWhat(direction === 'up' ? '+' : '−', hours(minutes), name)}</Text>
            <Text className='text'>{m.reasonLine(reason.trim())}</Text>
            <FailureNotice of={adjust} failed={m.failed} />
          </ConfirmStep>
        ) : (
          <View>
            <Text className='field__label'>{m.target.label}</Text>
            <Tabs
              options={[
                { value: 'person', label: m.target.person },
                { value: 'pool', label: m.target.pool },
              ]}
              value={target}
              onChange={setTarget}
            />
            {target === 'person' ? <PersonPicker value={person} onChange={setPerson} error={errors.person} /> : null}
            {target === 'pool' || person ? (
              current ? (
                <View className='field'>
                  <Text className='text'>{m.nowAvailable(name, hours(current.available.minutes))}</Text>
                  {current.pending.minutes > 0 ? <Text className='line__sub'>{m.nowHeld(hours(current.pending.minutes))}</Text> : null}
                </View>
              ) : account.error ? (
                <Notice kind='error'>{m.loadFailed + account.error}</Notice>
              ) : (
                <Text className='muted'>{m.balanceLoading}</Text>
              )
            ) : null}
            <Choices
              label={m.direction.label}
              options={[
                { value: 'up', label: m.direction.up },
                { value: 'down', label: m.direction.down },
              ]}
              value={direction}
              onChange={(v) => setDirection(v as 'up' | 'down')}
            />
            <HoursAndReason
              text={m}
              amount={amount}
              onAmount={setAmount}
              reason={reason}
              onReason={setReason}
              errors={{ amount: errors.minutes ?? adjust.fieldErrors.minutes, reason: errors.reason ?? adjust.fieldErrors.reason }}
            />
            <Button className='btn-block' type='primary' size='large' block onClick={toConfirm}>
              {m.next}
            </Button>
          </View>
        )}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.listTitle}</Text>
        {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
        {reverseDone ? <Notice kind='success'>{reverseDone}</Notice> : null}
        {list.loaded && list.items.length === 0 ? <Text className='muted'>{m.none}</Text> : null}
        {list.items.map((a) => (
          <View key={a.transferId} className='card adjustment'>
            <View className='line__top'>
              <Text className='line__title'>{a.accountName}</Text>
              <Text className='line__amount'>{a.amount.signed}</Text>
            </View>
            <Text className='text'>{m.reasonLine(a.reason)}</Text>
            <Text className='line__sub'>{m.by(a.actorName, dateTime(a.at))}</Text>
            {a.reversed ? <Tag>{m.reversedTag}</Tag> : null}
            {!a.reversed ? (
              reversing === a.transferId ? (
                reverseStep ? (
                  <ConfirmStep
                    confirmLabel={m.doReverse}
                    busyLabel={m.working}
                    busy={reverse.busy}
                    danger
                    onConfirm={() => void doReverse(a)}
                    onBack={() => setReverseStep(false)}
                  >
                    <Text className='text'>{m.reverseWhat(a.amount.signed, a.accountName)}</Text>
                    <Text className='text'>{m.reasonLine(reverseReason.trim())}</Text>
                  </ConfirmStep>
                ) : (
                  <View className='section'>
                    <TextArea
                      label={m.reverseReason.label}
                      placeholder={m.reverseReason.placeholder}
                      value={reverseReason}
                      maxlength={REASON_MAX_CHARS}
                      error={reverseError}
                      onChange={setReverseReason}
                    />
                    <FailureNotice of={reverse} failed={m.failed} />
                    <View className='btn-pair'>
                      <Button
                        type='danger'
                        size='large'
                        onClick={() => {
                          if (isTooShortReason(reverseReason)) setReverseError(m.reverseReason.invalid);
                          else {
                            setReverseError(null);
                            setReverseStep(true);
                          }
                        }}
                      >
                        {m.next}
                      </Button>
                      <Button size='large' onClick={() => setReversing(null)}>
                        {m.cancel}
                      </Button>
                    </View>
                  </View>
                )
              ) : (
                <Button className='btn-block' size='large' block onClick={() => openReverse(a)}>
                  {m.reverse}
                </Button>
              )
            ) : null}
          </View>
        ))}
        <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
      </View>
    </Screen>
  );
}
