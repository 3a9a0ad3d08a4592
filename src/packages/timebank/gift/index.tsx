/**
 * 转赠与捐赠: choose a confirmed relative (or the community pool), type hours, then confirm in a
 * second step on the page that says exactly what will move; the result and the new balance show
 * in place. `?to=pool` opens on donating.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BalanceView } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field, HOURS_INPUT } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { hours } from '@/services/format';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { readAmount } from './amount';
import { donateWords, messages as m } from './messages';
import './index.scss';

type Mode = 'gift' | 'donate';
type Step = 'form' | 'confirm' | 'done';

export default function Gift() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const [mode, setMode] = useState<Mode>(useParam('to') === 'pool' ? 'donate' : 'gift');
  const balance = useQuery('timebank', 'balance', {}, ready);
  const links = useQuery('timebank', 'links', {}, ready);
  const gift = useMutation('timebank', 'gift');
  const donate = useMutation('timebank', 'donate');
  const [to, setTo] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [step, setStep] = useState<Step>('form');
  const [done, setDone] = useState<{ text: string; balance: BalanceView } | null>(null);
  useShowAgain(() => {
    void links.reload();
    if (step !== 'confirm') void balance.reload();
  });

  const relatives = (links.data?.items ?? []).flatMap((l) => (l.state === 'confirmed' && l.otherUserId ? [{ ...l, otherUserId: l.otherUserId }] : []));
  const relative = relatives.find((l) => l.otherUserId === to) ?? null;
  const available = balance.data?.available.minutes ?? 0;
  // The whole available balance, when chosen: hours with one decimal cannot say 47小时55分.
  const [all, setAll] = useState(false);
  const reading = all ? { minutes: available } : readAmount(amount, available);
  const minutes = 'minutes' in reading ? reading.minutes : null;
  const mutation = mode === 'gift' ? gift : donate;
  const relativeName = relative ? `${relative.otherName}（${relative.relation}）` : '';
  // A senior reads the pool in plain words, as the server words her statement.
  const d = donateWords[me?.roles.includes('senior') ? 'plain' : 'staff'];

  const switchMode = (next: Mode) => {
    setMode(next);
    setStep('form');
    setErrors({});
    setDone(null);
    gift.clearError();
    donate.clearError();
  };

  const toConfirm = () => {
    const e: Record<string, string> = {};
    if (mode === 'gift' && !relative) e.toUserId = m.noRelative;
    if ('problem' in reading) e.minutes = reading.problem;
    setErrors(e);
    if (Object.keys(e).length === 0) setStep('confirm');
  };

  const submit = async () => {
    if (minutes === null) return;
    const extra = note.trim() ? { note: note.trim() } : {};
    const res = mode === 'gift' && relative ? await gift.run({ toUserId: relative.otherUserId, minutes, ...extra }) : await donate.run({ minutes, ...extra });
    if (!res) {
      // Refused (often: the balance moved meanwhile, e.g. a donation from another phone): show the
      // balance as it is now, so 全部转出 and the limit stop offering the old figure.
      void balance.reload();
      return;
    }
    setDone({ text: mode === 'gift' ? m.gifted(hours(minutes), relativeName) : d.done(hours(minutes)), balance: res.balance });
    setStep('done');
    void balance.reload();
  };

  const again = () => {
    setAll(false);
    setAmount('');
    setNote('');
    setDone(null);
    setStep('form');
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Tabs
        options={[
          { value: 'gift', label: m.modes.gift },
          { value: 'donate', label: d.mode },
        ]}
        value={mode}
        onChange={switchMode}
      />
      {balance.error ? <Notice kind='error'>{m.loadFailed + balance.error}</Notice> : null}
      {balance.data ? (
        <Text className='figure__value available-line'>{m.available(hours(available))}</Text>
      ) : (
        <Text className='loading'>{commonMessages.loading}</Text>
      )}

      {step === 'done' && done ? (
        <View className='section'>
          <Notice kind='success'>
            {done.text}
            <Text className='text'>
              {m.nowBalance(hours(done.balance.balance.minutes))}
              {hours(done.balance.available.minutes)}
            </Text>
          </Notice>
          <Button className='btn-block' type='primary' size='large' block onClick={again}>
            {m.again}
          </Button>
          <Button className='btn-block' size='large' block onClick={() => back(ROUTES.myTime)}>
            {m.toMyTime}
          </Button>
        </View>
      ) : null}

      {step === 'confirm' && minutes !== null ? (
        <ConfirmStep
          confirmLabel={mode === 'gift' ? m.doGift : m.doDonate}
          busyLabel={m.working}
          busy={mutation.busy}
          onConfirm={() => void submit()}
          onBack={() => {
            mutation.clearError();
            setStep('form');
          }}
        >
          <Text className='confirm__big'>{mode === 'gift' ? m.confirmGift(hours(minutes), relativeName) : d.confirm(hours(minutes))}</Text>
          {note.trim() ? <Text className='text'>{m.noteLine(note.trim())}</Text> : null}
          <Text className='text'>{m.after(hours(Math.max(0, available - minutes)))}</Text>
          <FailureNotice of={mutation} failed={m.failed} retryHint={m.retryHint} />
        </ConfirmStep>
      ) : null}

      {step === 'form' && balance.data && available === 0 ? <Notice kind='info'>{m.nothingToGive}</Notice> : null}

      {step === 'form' && (!balance.data || available > 0) ? (
        <View className='section'>
          <Text className='text'>{mode === 'gift' ? m.giftIntro : d.intro}</Text>
          {mode === 'gift' ? (
            links.error ? (
              <Notice kind='error'>{m.loadFailed + links.error}</Notice>
            ) : links.data && relatives.length === 0 ? (
              <Notice
                kind='info'
                action={
                  <Button size='large' block onClick={() => go(ROUTES.relatives)}>
                    {m.goRelatives}
                  </Button>
                }
              >
                {m.noRelatives}
              </Notice>
            ) : (
              <View className='section'>
                <Choices
                  label={m.chooseRelative}
                  options={relatives.map((l) => ({ value: l.otherUserId, label: `${l.otherName}（${l.relation}，${l.otherPhoneMasked}）` }))}
                  value={to}
                  error={errors.toUserId}
                  onChange={setTo}
                />
              </View>
            )
          ) : null}
          {mode === 'donate' || relatives.length > 0 ? (
            <>
              <Field
                label={m.amount.label}
                type={HOURS_INPUT}
                hint={m.amount.hint}
                placeholder={m.amount.placeholder}
                value={all ? '' : amount}
                maxlength={7}
                error={errors.minutes ?? mutation.fieldErrors.minutes}
                onChange={(v) => {
                  setAll(false);
                  setAmount(v);
                }}
              />
              {all ? (
                <Text className='text'>{m.allChosen(hours(available))}</Text>
              ) : available > 0 ? (
                <Button className='btn-block' size='large' block onClick={() => setAll(true)}>
                  {m.all(hours(available))}
                </Button>
              ) : null}
              <Field
                label={m.note.label}
                placeholder={m.note.placeholder[mode]}
                value={note}
                maxlength={50}
                error={mutation.fieldErrors.note}
                onChange={setNote}
              />
              <Button className='btn-block' type='primary' size='large' block disabled={!balance.data} onClick={toConfirm}>
                {m.next}
              </Button>
            </>
          ) : null}
        </View>
      ) : null}
    </Screen>
  );
}
