/**
 * 警报详情 (`?id=`): one alert about a senior (一键求助, 逾期未联系, 联系不上, 紧急情况) for everyone
 * the alarm chain reaches and the staff. At the top what it is (kind · source), the senior and the
 * 居委; while open and nobody has taken it, a big 我来处理 (alerts.acknowledge); who is handling
 * it; the chain as a vertical timeline, each person with the state of their WeChat message (已送达微信
 * / 没开微信提醒 / 发送失败: the staff's view of who could not be reached); the senior's address, phone and
 * emergency contacts with call buttons (opening is logged; staff the chain has not reached ask for them
 * with 查看地址和电话, itself logged); the checklist for unreachable / emergency
 * alerts; recording a step with a note; closing it (how) as a second step in place; the steps with
 * time and person. Results of acts are applied in place, so the record is not opened again.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { AlertDetail, AlertView } from '@core/api';
import { EMERGENCY_NUMBERS } from '@/services/rules';
import { CallButtons } from '@/components/CallButtons';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { HelpSteps } from '@/components/HelpSteps';
import { Kv } from '@/components/Kv';
import { LoggedNote } from '@/components/LoggedNote';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { alertMessages as am } from '@/messages/alerts';
import { commonMessages } from '@/messages/common';
import { clock, dateTime } from '@/services/dates';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { deliveryKind } from '@/components/Tag/delivery';
import { linkKind } from '../components/linkTag';
import { messages as m } from './messages';
import '../components/alert.scss';
import './index.scss';

type StepKind = 'call' | 'knock' | 'building' | 'emergency' | 'called' | 'visited' | 'note';
type CloseHow = 'resolved' | 'false_alarm' | 'escalated';

const STEP_KINDS: readonly StepKind[] = ['call', 'knock', 'building', 'emergency', 'called', 'visited', 'note'];
const CLOSE_HOWS: readonly CloseHow[] = ['resolved', 'false_alarm', 'escalated'];

/**
 * An act's answer in place of the page's alert. The answer carries no per-person delivery state (only
 * `get` reads the outbox), so each person keeps the state the page had unless they opened or acknowledged it since.
 */
function merge(prev: AlertDetail, v: AlertView): AlertDetail {
  const known = new Map(prev.chain.flatMap((l) => l.people.map((p) => [p.userId, p] as const)));
  const chain = v.chain.map((l) => ({
    ...l,
    people: l.people.map((p) => {
      const before = known.get(p.userId);
      return p.delivery !== 'acknowledged' && p.delivery !== 'seen' && before && before.delivery
        ? { ...p, delivery: before.delivery, deliveryText: before.deliveryText }
        : p;
    }),
  }));
  return { ...prev, ...v, chain };
}

export default function AlertDetailPage() {
  const id = useParam('id');
  const { me } = useSession('registered');
  // Staff the chain has not reached get the alert sealed; asking for her details is a second, logged read.
  const [reveal, setReveal] = useState(false);
  const detail = useQuery('alerts', 'get', reveal ? { alertId: id, reveal } : { alertId: id }, !!me?.registered && !!id);
  const ack = useMutation('alerts', 'acknowledge');
  const addStep = useMutation('alerts', 'step');
  const close = useMutation('alerts', 'close');
  const [alert, setAlert] = useState<AlertDetail | null>(null);
  const [kind, setKind] = useState<StepKind | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [how, setHow] = useState<CloseHow | null>(null);
  const [closeNote, setCloseNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  useShowAgain(() => void detail.reload());

  useEffect(() => {
    if (detail.data) setAlert(detail.data);
  }, [detail.data]);
  const apply = (v: AlertView) => setAlert((a) => (a ? merge(a, v) : a));

  if (!alert) {
    return (
      <Screen>
        <LoggedNote text={m.logged} />
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
      </Screen>
    );
  }

  const s = alert.senior;
  const open = alert.state === 'open';
  const handler = alert.canHandle;
  const todo = alert.checklist.filter((c) => !c.doneAt);
  // The senior side may leave a note; handlers record checklist steps (in order) and what they did.
  const stepOptions: Array<{ value: StepKind; label: string }> = handler
    ? [
        ...todo.map((c) => ({ value: c.step as StepKind, label: c.label })),
        { value: 'called', label: m.record.called },
        { value: 'visited', label: m.record.visited },
        { value: 'note', label: m.record.note },
      ]
    : [{ value: 'note', label: m.record.note }];
  const chosen: StepKind = kind && stepOptions.some((o) => o.value === kind) ? kind : (stepOptions[0]?.value ?? 'note');
  const howLabel: Record<CloseHow, string> = { resolved: m.close.resolved, false_alarm: m.close.falseAlarm, escalated: m.close.escalated };
  const hows: readonly CloseHow[] = handler ? CLOSE_HOWS : ['false_alarm'];
  const chosenHow: CloseHow = how && hows.includes(how) ? how : (hows[0] ?? 'false_alarm');

  const acknowledge = async () => {
    setDone(null);
    const res = await ack.run({ alertId: alert.id });
    if (!res) return;
    apply(res);
    setDone(m.ack.done);
    // Whoever takes it must act: her address and numbers come with the alert from now on.
    if (alert.sealed) void detail.reload();
  };
  const record = async () => {
    if (!note.trim()) {
      setNoteError(m.record.invalid);
      return;
    }
    setNoteError(null);
    setDone(null);
    const res = await addStep.run({ alertId: alert.id, step: chosen, note: note.trim() });
    if (!res) return;
    apply(res);
    setNote('');
    setKind(null);
    setDone(m.record.done);
  };
  const doClose = async () => {
    setDone(null);
    const res = await close.run({ alertId: alert.id, how: chosenHow, ...(closeNote.trim() ? { note: closeNote.trim() } : {}) });
    if (!res) return;
    apply(res);
    setClosing(false);
    setDone(m.close.done);
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading(alert.kindText, alert.seniorName)}</Text>
      {s ? <LoggedNote text={m.logged} /> : null}

      <View className={`alert-card${open ? '' : ' alert-card--closed'}`}>
        <Text className='alert-card__icon'>{open ? '!' : '✓'}</Text>
        <View className='alert-card__body'>
          <Text className='alert-card__title'>{am.label(alert)}</Text>
          <Text className='text'>{m.committee(alert.committeeName)}</Text>
          <Text className='text'>{m.raised(am.raised(alert, dateTime(alert.raisedAt)))}</Text>
          {alert.note ? <Text className='text'>{m.noteLine(alert.note)}</Text> : null}
          {open ? null : (
            <Text className='text'>{am.closed(alert.closeHowText ?? '', alert.closedByName ?? '', alert.closedAt ? dateTime(alert.closedAt) : '')}</Text>
          )}
          {alert.closeNote ? <Text className='text'>{m.closedNote(alert.closeNote)}</Text> : null}
        </View>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}

      {open ? (
        <View className='section'>
          {alert.acknowledgedByName ? (
            <Notice kind='info'>{m.handling(alert.acknowledgedByName, alert.acknowledgedAt ? clock(alert.acknowledgedAt) : '')}</Notice>
          ) : alert.nobodyReached ? (
            <Notice kind='error'>{m.nobodyReached}</Notice>
          ) : (
            <Notice kind='warning'>
              {m.nobodyYet}
              {alert.next ? <Text className='text'>{m.next(alert.next.text)}</Text> : null}
            </Notice>
          )}
          {handler && !alert.acknowledgedByName ? (
            <View className='al-ack'>
              <Button className='btn-block' type='danger' size='xlarge' block disabled={ack.busy} onClick={() => void acknowledge()}>
                {ack.busy ? m.ack.working : m.ack.button}
              </Button>
              <Text className='muted'>{m.ack.note}</Text>
              <FailureNotice of={ack} failed={m.failed} />
            </View>
          ) : null}
        </View>
      ) : null}

      {s ? (
        <View className='section'>
          <Text className='section__title'>{m.senior.title}</Text>
          <View className='card'>
            <Kv k={m.senior.age} v={m.senior.ageLine(s.age)} />
            <Kv k={m.senior.alone} v={s.livingAlone ? m.senior.yes : m.senior.no} />
            <Kv k={m.senior.phone} v={s.phone ?? m.senior.noPhone} />
            <Kv k={m.senior.address} v={s.address} />
          </View>
          {open ? (
            <>
              <Text className='section__title'>{m.callTitle}</Text>
              <CallButtons
                targets={[
                  ...(s.phone ? [{ key: 'senior', who: m.callSenior(s.name), phone: s.phone }] : []),
                  ...(s.emergencyContacts ?? []).map((c, i) => ({ key: `c${i}`, who: m.contactWho(c.relation, c.name), phone: c.phone })),
                  ...EMERGENCY_NUMBERS.map((n) => ({ key: n.phone, who: n.label, phone: n.phone, urgent: true })),
                ]}
              />
            </>
          ) : null}
        </View>
      ) : null}

      {alert.sealed ? (
        <View className='section'>
          <Text className='section__title'>{m.sealed.title}</Text>
          <View className='card'>
            <Text className='text'>{open ? m.sealed.text : m.sealed.closedText}</Text>
            <Button className='btn-block' size='large' block disabled={detail.loading} onClick={() => setReveal(true)}>
              {reveal && detail.loading ? m.sealed.working : m.sealed.button}
            </Button>
            {reveal && detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : null}
          </View>
        </View>
      ) : null}

      {alert.checklist.length ? (
        <View className='section'>
          <Text className='section__title'>{m.checklistTitle}</Text>
          <View className='card'>
            {alert.checklist.map((c, i) => (
              <View key={c.step} className='al-check'>
                <Text className='al-check__label'>
                  {i + 1}. {c.label}
                </Text>
                <Tag kind={c.doneAt ? 'success' : 'warning'}>{c.doneAt ? m.stepDone(c.doneByName ?? '', dateTime(c.doneAt)) : m.stepTodo}</Tag>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {open ? (
        <View className='section card'>
          <Text className='section__title'>{m.record.title}</Text>
          {stepOptions.length > 1 ? (
            <Choices label={m.record.which} options={stepOptions} value={chosen} onChange={(v) => setKind(STEP_KINDS.find((k) => k === v) ?? 'note')} />
          ) : null}
          <TextArea
            label={m.record.text}
            placeholder={m.record.placeholder}
            value={note}
            maxlength={200}
            error={noteError ?? addStep.fieldErrors.note}
            onChange={setNote}
          />
          <FailureNotice of={addStep} failed={m.failed} />
          <Button className='btn-block' type='primary' size='large' block disabled={addStep.busy} onClick={() => void record()}>
            {addStep.busy ? m.record.working : m.record.submit}
          </Button>
        </View>
      ) : null}

      {alert.chain.length ? (
        <View className='section'>
          <Text className='section__title'>{m.chain.title}</Text>
          <View className='card al-chain'>
            {alert.chain.map((l) => (
              <View key={l.link} className={`al-link al-link--${l.state}`}>
                <View className='al-link__dot' />
                <View className='al-link__head'>
                  <Text className='al-link__title'>{l.linkText}</Text>
                  <Tag kind={linkKind(l.state)}>{l.stateText}</Tag>
                </View>
                {l.startedAt ? (
                  <Text className='muted'>
                    {m.chain.started(clock(l.startedAt))}
                    {l.dueAt && l.state === 'active' ? `，${m.chain.due(clock(l.dueAt))}` : ''}
                  </Text>
                ) : null}
                {l.why ? <Text className='muted'>{l.why}</Text> : null}
                {l.people.map((p) => (
                  <View key={p.userId} className='al-person'>
                    <Text className='al-person__name'>{p.name}</Text>
                    <Tag kind={deliveryKind(p.delivery, alert.channel)}>{p.deliveryText}</Tag>
                  </View>
                ))}
                {l.startedAt && !l.people.length && !l.why ? <Text className='muted'>{m.chain.nobody}</Text> : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <HelpSteps title={m.steps} steps={alert.steps.map((x) => ({ at: x.at, who: x.actorName, text: m.step(x.kindText, x.note) }))} />

      {open && !closing ? (
        <Button className='btn-block' size='large' block onClick={() => setClosing(true)}>
          {m.close.open}
        </Button>
      ) : null}
      {open && closing ? (
        <View className='section'>
          <Choices
            label={m.close.how}
            options={hows.map((h) => ({ value: h, label: howLabel[h] }))}
            value={chosenHow}
            onChange={(v) => setHow(CLOSE_HOWS.find((h) => h === v) ?? 'resolved')}
          />
          <TextArea
            label={m.close.note}
            placeholder={m.close.placeholder}
            value={closeNote}
            maxlength={200}
            error={close.fieldErrors.note}
            onChange={setCloseNote}
          />
          <ConfirmStep
            confirmLabel={m.close.submit}
            busyLabel={m.close.working}
            busy={close.busy}
            backLabel={m.close.back}
            onConfirm={() => void doClose()}
            onBack={() => setClosing(false)}
          >
            <Text className='text'>{m.close.text(howLabel[chosenHow])}</Text>
            <FailureNotice of={close} failed={m.failed} />
          </ConfirmStep>
        </View>
      ) : null}

      <Button className='btn-block' size='large' block disabled={detail.loading} onClick={() => void detail.reload()}>
        {m.refresh}
      </Button>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.alertList)}>
        {m.toList}
      </Button>
    </Screen>
  );
}
