/**
 * 求助: the help form for a senior (or whoever acts for them). Everything is chosen from big chips
 * (what, which day, what time, how long, who pays), nothing typed but an optional note; then a second
 * step on the page says in words what will happen and what is held. Done: the request's progress page.
 * In elder mode the form starts short, about one screen before 下一步: what (two columns of big chips),
 * then the time (tomorrow 09:00, one hour) and the payment as sentences; 改时间、支付或留言 opens every
 * choice and the note.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { commonMessages } from '@/messages/common';
import { hours } from '@/services/format';
import { addDays, today } from '@/services/dates';
import { ROUTES, replace } from '@/services/routes';
import { askSubscriptions } from '@/services/subscribe';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { Chips } from '../components/Chips';
import { useActing } from '../components/useActing';
import { useElderMode } from '@/state/store';
import { messages as m } from './messages';
import { chooseDay, dayOptions, startsFor, toMinutes, toTime } from './times';
import './index.scss';

const LENGTHS = [30, 60, 90, 120, 180, 240];

function dayText(date: string): string {
  const o = dayOptions(new Date()).find((d) => d.value === date);
  return o ? `${o.label} ${o.sub ?? ''}`.trim() : date;
}

type Errors = Partial<Record<'category' | 'date' | 'startTime' | 'endTime' | 'minutes' | 'funding' | 'note', string>>;

export default function AskHelp() {
  const { home, acting, self, seniorId, params, ready } = useActing();
  const cats = useQuery('help', 'categories', {}, ready);
  const create = useMutation('help', 'create');
  const [category, setCategory] = useState<string | null>(null);
  const [date, setDate] = useState(addDays(today(), 1));
  const [start, setStart] = useState('09:00');
  /** Why the day tapped was not chosen (今天, late: no start time left). */
  const [dayNotice, setDayNotice] = useState<string | null>(null);
  const [length, setLength] = useState(60);
  const [funding, setFunding] = useState<'credits' | 'pool' | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const elder = useElderMode() || self;
  const [more, setMore] = useState(false);
  const short = elder && !more;

  const h = home.data;
  const available = h?.balance.available.minutes ?? 0;
  const name = h?.senior.name ?? '';
  useEffect(() => {
    if (h && funding === null) setFunding(available >= 60 ? 'credits' : 'pool');
  }, [h, funding, available]);

  const now = new Date();
  // Today's times pass while the form is open: with none left, the day is to be changed, never an empty picker.
  const starts = startsFor(date, now);
  const noneLeft = starts.length === 0;
  const pickDay = (next: string) => {
    const chosen = chooseDay(next, { date, start }, now);
    setDate(chosen.date);
    setStart(chosen.start);
    setDayNotice(chosen.notice);
  };
  const range = cats.data ?? { minMinutes: 15, maxMinutes: 720 };
  const lengths = LENGTHS.filter((l) => l >= range.minMinutes && l <= range.maxMinutes);
  const end = toTime(Math.min(toMinutes(start) + length, 23 * 60 + 59));

  const validate = (): Errors => {
    const e: Errors = {};
    if (!category) e.category = m.category.invalid;
    if (noneLeft) e.date = m.day.noneLeft;
    else if (!starts.includes(start)) e.startTime = m.start.past;
    if (funding === 'credits' && length > available) e.funding = m.funding.tooLittle(hours(available), hours(length));
    return e;
  };
  // Once the senior has pressed 下一步, the form says what is wrong as they change it.
  const errors: Errors = tried ? validate() : {};

  const next = () => {
    setTried(true);
    const e = validate();
    if (Object.keys(e).length === 0) setStep('confirm');
  };

  /** `anyway`: she was told she already has the same request and wants a second helper all the same. */
  const submit = async (anyway = false) => {
    if (!category || !funding) return;
    void askSubscriptions(['help'], '提交求助');
    const res = await create.run({
      ...(seniorId ? { seniorId } : {}),
      category,
      date,
      startTime: start,
      endTime: end,
      minutes: length,
      funding,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(anyway ? { notDuplicate: true as const } : {}),
    });
    if (res) replace(ROUTES.seniorRequest, { id: res.id, ...params });
  };

  const server = create.fieldErrors as Errors;
  // A social worker or the admin asking for her approves a pool grant in the same step (no waiting).
  const staffAsks = acting?.via === 'socialWorker' || acting?.via === 'admin';
  const sameRequestId = create.code === 'DUPLICATE_HELP' ? (create.details as { requestId?: string } | null)?.requestId : undefined;
  const categoryName = cats.data?.categories.find((c) => c.id === category)?.name ?? '';
  const failure = home.error ?? cats.error;

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{acting && acting.via !== 'self' ? m.headingFor(acting.seniorName) : m.heading}</Text>
      {failure ? <Notice kind='error'>{m.loadFailed + failure}</Notice> : null}
      {!h || !cats.data ? (
        failure ? null : (
          <Text className='loading'>{commonMessages.loading}</Text>
        )
      ) : step === 'confirm' && category && funding ? (
        <ConfirmStep
          confirmLabel={m.submit}
          busyLabel={m.working}
          busy={create.busy}
          confirmHidden={create.code === 'DUPLICATE_HELP'}
          onConfirm={() => void submit()}
          onBack={() => {
            // A changed request is a new question: the last answer (e.g. 已经有一个同样的求助) no longer applies.
            create.clearError();
            setStep('form');
          }}
        >
          <Text className='confirm__big'>{m.confirmWhen(dayText(date), start, end)}</Text>
          <Text className='text'>{m.confirmWhat(categoryName, hours(length))}</Text>
          {funding === 'credits' ? (
            <>
              <Text className='text'>{self ? m.confirmOwnCredits(hours(length)) : m.confirmCredits(name, hours(length))}</Text>
              <Text className='text'>{m.confirmAfter(hours(Math.max(0, available - length)))}</Text>
            </>
          ) : (
            <Text className='text'>{staffAsks ? m.confirmPoolStaff(hours(length)) : m.confirmPool(hours(length))}</Text>
          )}
          {note.trim() ? <Text className='text'>{m.noteLine(note.trim())}</Text> : null}
          {create.code === 'DUPLICATE_HELP' ? (
            <Notice kind='warning'>
              <Text className='text'>{create.error}</Text>
              {sameRequestId ? (
                <Button className='btn-block' type='primary' size='large' block onClick={() => replace(ROUTES.seniorRequest, { id: sameRequestId, ...params })}>
                  {m.openSame}
                </Button>
              ) : null}
              <Button className='btn-block' size='large' block disabled={create.busy} onClick={() => void submit(true)}>
                {create.busy ? m.working : m.askAnyway}
              </Button>
            </Notice>
          ) : (
            <FailureNotice of={create} failed={m.failed} retryHint={m.retryHint} />
          )}
        </ConfirmStep>
      ) : null}
      {h && cats.data && step === 'confirm' && category && funding && create.code !== 'DUPLICATE_HELP' ? (
        <Text className='text ask-then'>
          {funding === 'pool'
            ? staffAsks
              ? m.thenPoolStaff
              : acting && acting.via !== 'self'
                ? m.thenPoolFor(acting.seniorName)
                : m.thenPool
            : acting && acting.via !== 'self'
              ? m.thenOpenFor(acting.seniorName, dayText(date), end, staffAsks)
              : m.thenOpen(dayText(date), end)}
        </Text>
      ) : null}
      {!h || !cats.data || (step === 'confirm' && category && funding) ? null : (
        <View className='section help-form'>
          {short ? (
            <Chips
              label={m.category.label}
              options={cats.data.categories.map((c) => ({ value: c.id, label: c.name }))}
              value={category}
              error={errors.category ?? server.category}
              onChange={setCategory}
            />
          ) : (
            <Choices
              label={m.category.label}
              options={cats.data.categories.map((c) => ({ value: c.id, label: c.name }))}
              value={category}
              error={errors.category ?? server.category}
              onChange={setCategory}
            />
          )}
          {short ? (
            <>
              <Text className='text ask-when'>{m.shortWhen(dayText(date), start, end, hours(length))}</Text>
              {errors.date ? <Notice kind='error'>{errors.date}</Notice> : null}
              {errors.startTime ? <Notice kind='error'>{errors.startTime}</Notice> : null}
            </>
          ) : (
            <>
              <Chips label={m.day.label} options={dayOptions(now)} value={date} error={server.date} onChange={pickDay} />
              {noneLeft ? <Notice kind={errors.date ? 'error' : 'warning'}>{m.day.noneLeft}</Notice> : null}
              {dayNotice && !noneLeft ? <Notice kind='warning'>{dayNotice}</Notice> : null}
              {noneLeft ? null : (
                <Chips
                  label={m.start.label}
                  hint={m.start.hint}
                  options={starts.map((s) => ({ value: s, label: s }))}
                  value={start}
                  error={errors.startTime ?? server.startTime ?? server.endTime}
                  onChange={setStart}
                />
              )}
              <Chips
                label={m.length.label}
                options={lengths.map((l) => ({ value: String(l), label: hours(l) }))}
                value={String(length)}
                error={server.minutes}
                onChange={(v) => setLength(Number(v))}
              />
            </>
          )}
          {short ? (
            <>
              <Text className={`text ask-pay${errors.funding ? ' ask-pay--error' : ''}`}>
                {funding === 'pool' ? m.funding.shortPool : m.funding.shortCredits(self, name, hours(available))}
              </Text>
              {errors.funding ? <Notice kind='error'>{errors.funding}</Notice> : null}
            </>
          ) : (
            <>
              <Choices
                label={m.funding.label}
                options={[
                  { value: 'credits', label: self ? m.funding.ownCredits(hours(available)) : m.funding.credits(name, hours(available)) },
                  { value: 'pool', label: m.funding.pool },
                ]}
                value={funding}
                error={errors.funding ?? server.funding}
                onChange={(v) => setFunding(v === 'pool' ? 'pool' : 'credits')}
              />
              <TextArea
                label={m.note.label}
                hint={m.note.hint}
                placeholder={m.note.placeholder}
                value={note}
                maxlength={100}
                error={server.note}
                onChange={setNote}
              />
            </>
          )}
          {tried && Object.keys(errors).length ? <Notice kind='warning'>{m.fixAbove}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block onClick={next}>
            {m.next}
          </Button>
          {short ? (
            <Button className='btn-block ask-more' size='large' block onClick={() => setMore(true)}>
              {m.more}
            </Button>
          ) : null}
        </View>
      )}
    </Screen>
  );
}
