/**
 * 一条老伙伴警报 (`?id=`): opening it records the viewer as having seen it (and the back end logs
 * the opening); the senior's address and phone for the people alerted, emergency contacts for
 * staff, with call buttons and 110 / 120; the checklist (call, knock, building contact, 110 / 120)
 * with who did each step and when; who saw it; the steps; adding a step; closing it (how, by whom)
 * as a second step in place. Results are applied in place, so the alert is not opened again.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { PartnerAlertDetail, PartnerAlertView } from '../../../../cloudfunctions/core/api';
import { EMERGENCY_NUMBERS } from '../../../../cloudfunctions/core/domain/alerts';
import { CallButtons } from '../../../components/CallButtons';
import { ConfirmStep } from '../../../components/ConfirmStep';
import { HelpSteps } from '../../../components/HelpSteps';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Tag } from '../../../components/Tag';
import { TextArea } from '../../../components/TextArea';
import { useMutation } from '../../../hooks/useMutation';
import { useQuery } from '../../../hooks/useQuery';
import { useSession } from '../../../hooks/useSession';
import { commonMessages } from '../../../messages/common';
import { dateTime } from '../../../services/format';
import { useParam } from '../../../services/routes';
import { Button } from '../../../ui/nutui';
import { BigChoices } from '../components/BigChoices';
import { Kv } from '../../../components/Kv';
import { messages as m } from './messages';
import { LoggedNote } from '../../../components/LoggedNote';
import '../components/partner.scss';

type Step = 'call' | 'knock' | 'building' | 'emergency' | 'note';
type CloseHow = 'resolved' | 'false_alarm' | 'escalated';

export default function PartnerAlert() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const detail = useQuery('partners', 'alert', { alertId: id }, !!me?.registered && !!id);
  const addStep = useMutation('partners', 'alertStep');
  const close = useMutation('partners', 'closeAlert');
  const [alert, setAlert] = useState<PartnerAlertDetail | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [how, setHow] = useState<CloseHow>('resolved');
  const [closeNote, setCloseNote] = useState('');
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (detail.data) setAlert(detail.data);
  }, [detail.data]);
  const apply = (v: PartnerAlertView) => setAlert((a) => (a ? { ...v, senior: a.senior } : a));

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
  const todo = alert.checklist.filter((c) => !c.doneAt);
  const stepOptions = [...todo.map((c) => ({ value: c.step as Step, label: c.label })), { value: 'note' as Step, label: m.record.note }];
  const chosen: Step = step && stepOptions.some((o) => o.value === step) ? step : stepOptions[0]?.value ?? 'note';
  const howLabel: Record<CloseHow, string> = { resolved: m.close.resolved, false_alarm: m.close.falseAlarm, escalated: m.close.escalated };

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
    setStep(null);
    setDone(m.record.done);
  };
  const doClose = async () => {
    setDone(null);
    const res = await close.run({ alertId: alert.id, how, ...(closeNote.trim() ? { note: closeNote.trim() } : {}) });
    if (!res) return;
    apply(res);
    setClosing(false);
    setDone(m.close.done);
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading(alert.kindText, alert.seniorName)}</Text>
      <LoggedNote text={m.logged} />

      <View className={`alert-card${open ? '' : ' alert-card--closed'}`}>
        <Text className='alert-card__icon'>{open ? '!' : '✓'}</Text>
        <View className='alert-card__body'>
          <Text className='alert-card__title'>
            {open ? m.openState : m.closedState(alert.closeHowText ?? '', alert.closedByName ?? '', alert.closedAt ? dateTime(alert.closedAt) : '')}
          </Text>
          <Text className='text'>{m.raised(dateTime(alert.raisedAt), alert.raisedByName)}</Text>
          {alert.note ? <Text className='text'>{m.noteLine(alert.note)}</Text> : null}
          {alert.closeNote ? <Text className='text'>{m.noteLine(alert.closeNote)}</Text> : null}
        </View>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}

      {s ? (
        <View className='section'>
          <Text className='section__title'>{m.senior.title}</Text>
          <View className='card'>
            <Kv k={m.senior.age} v={m.senior.ageLine(s.age)} />
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

      {alert.checklist.length ? (
        <View className='section'>
          <Text className='section__title'>{m.checklistTitle}</Text>
          <View className='card'>
            {alert.checklist.map((c, i) => (
              <View key={c.step} className='pt-check'>
                <Text className='pt-check__label'>
                  {i + 1}. {c.label}
                </Text>
                <Tag kind={c.doneAt ? 'success' : 'warning'}>{c.doneAt ? m.stepDone(c.doneByName ?? '', dateTime(c.doneAt)) : m.stepTodo}</Tag>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {open ? (
        <View className='section card pt-record'>
          <Text className='section__title'>{m.record.title}</Text>
          <BigChoices<Step> label={m.record.which} options={stepOptions} value={chosen} onChange={setStep} />
          <TextArea label={m.record.text} placeholder={m.record.placeholder} value={note} maxlength={200} error={noteError ?? addStep.fieldErrors.note} onChange={setNote} />
          {addStep.error ? <Notice kind='error'>{m.failed + addStep.error}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block disabled={addStep.busy} onClick={() => void record()}>
            {addStep.busy ? m.record.working : m.record.submit}
          </Button>
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.seenTitle}</Text>
        <View className='card'>
          {alert.seenBy.length ? (
            alert.seenBy.map((x) => (
              <View key={`${x.name}-${x.at}`} className='line'>
                <Text className='text'>{m.seenLine(x.name, `${dateTime(x.at)}`)}</Text>
              </View>
            ))
          ) : (
            <Text className='text'>{m.nobodySeen}</Text>
          )}
        </View>
      </View>

      <HelpSteps title={m.steps} steps={alert.steps.map((x) => ({ at: x.at, who: x.actorName, text: m.step(x.kindText, x.note) }))} />

      {open && !closing ? (
        <Button className='btn-block' size='large' block onClick={() => setClosing(true)}>
          {m.close.open}
        </Button>
      ) : null}
      {open && closing ? (
        <View className='section'>
          <BigChoices<CloseHow>
            label={m.close.how}
            options={(['resolved', 'false_alarm', 'escalated'] as const).map((h) => ({ value: h, label: howLabel[h] }))}
            value={how}
            onChange={setHow}
          />
          <TextArea label={m.close.note} placeholder={m.close.placeholder} value={closeNote} maxlength={200} onChange={setCloseNote} />
          <ConfirmStep confirmLabel={m.close.submit} busyLabel={m.close.working} busy={close.busy} backLabel={m.close.back} onConfirm={() => void doClose()} onBack={() => setClosing(false)}>
            <Text className='text'>{m.close.text(howLabel[how])}</Text>
            {close.error ? <Notice kind='error'>{m.failed + close.error}</Notice> : null}
          </ConfirmStep>
        </View>
      ) : null}
      {!open ? <Tag kind='success'>{alert.closeHowText ?? ''}</Tag> : null}
    </Screen>
  );
}
