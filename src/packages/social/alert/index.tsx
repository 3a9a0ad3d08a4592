/**
 * 一键求助详情 (`?id=`) for the people told (the 居委 social worker, the 老伙伴): opening it records
 * them as having seen it and shows the senior's address, phone and emergency contacts (logged; the page
 * says so), with call buttons; who was told and who has seen it; the steps; a form to record what was
 * done (called, visited, a note); and closing it (handled, false alarm, passed to 120/110) after a
 * second step in place. Results of acts are applied in place, so the record is not opened again.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { AlertDetail, AlertView } from '../../../../cloudfunctions/core/api';
import { EMERGENCY_NUMBERS } from '../../../../cloudfunctions/core/domain/alerts';
import { CallButtons } from '../../../components/CallButtons';
import { Choices } from '../../../components/Choices';
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
import { clock, dateTime } from '../../../services/format';
import { useParam } from '../../../services/routes';
import { Button } from '../../../ui/nutui';
import { messages as m } from './messages';
import '../components/social.scss';
import { Kv } from '../../../components/Kv';
import { LoggedNote } from '../../../components/LoggedNote';

type StepKind = 'called' | 'visited' | 'note';
type CloseHow = 'resolved' | 'false_alarm' | 'escalated';

export default function SocialAlert() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const detail = useQuery('help', 'alertDetail', { alertId: id }, !!me?.registered && !!id);
  const addStep = useMutation('help', 'alertStep');
  const close = useMutation('help', 'closeAlert');
  const [alert, setAlert] = useState<AlertDetail | null>(null);
  const [kind, setKind] = useState<StepKind>('called');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [how, setHow] = useState<CloseHow>('resolved');
  const [closeNote, setCloseNote] = useState('');
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (detail.data) setAlert(detail.data);
  }, [detail.data]);
  const apply = (v: AlertView) => setAlert((a) => (a ? { ...v, senior: a.senior } : a));

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
  const howLabel: Record<CloseHow, string> = { resolved: m.close.resolved, false_alarm: m.close.falseAlarm, escalated: m.close.escalated };

  const record = async () => {
    if (!note.trim()) {
      setNoteError(m.record.invalid);
      return;
    }
    setNoteError(null);
    const res = await addStep.run({ alertId: alert.id, kind, note: note.trim() });
    if (!res) return;
    apply(res);
    setNote('');
    setDone(m.record.done);
  };
  const doClose = async () => {
    const res = await close.run({ alertId: alert.id, how, ...(closeNote.trim() ? { note: closeNote.trim() } : {}) });
    if (!res) return;
    apply(res);
    setClosing(false);
    setDone(m.close.done);
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading(alert.seniorName)}</Text>
      <LoggedNote text={m.logged} />

      <View className={`alert-card${open ? '' : ' alert-card--closed'}`}>
        <Text className='alert-card__icon'>{open ? '!' : '✓'}</Text>
        <View className='alert-card__body'>
          <Text className='alert-card__title'>
            {open ? m.openState : m.closedState(alert.closeHowText ?? '', alert.closedByName ?? '', alert.closedAt ? dateTime(alert.closedAt) : '')}
          </Text>
          <Text className='text'>{m.raised(dateTime(alert.raisedAt), alert.raisedByName, alert.raisedViaText)}</Text>
          {alert.note ? <Text className='text'>{m.noteLine(alert.note)}</Text> : null}
        </View>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}

      {s ? (
        <View className='section'>
          <Text className='section__title'>{m.senior.title}</Text>
          <View className='card'>
            <Kv k={m.senior.age} v={m.senior.ageLine(s.age)} />
            <Kv k={m.senior.alone} v={s.livingAlone ? m.senior.yes : m.senior.no} />
            <Kv k={m.senior.phone} v={s.phone ?? m.senior.noPhone} />
            <Kv k={m.senior.address} v={s.address} />
          </View>
          <Text className='section__title'>{m.callTitle}</Text>
          <CallButtons
            targets={[
              ...(s.phone ? [{ key: 'senior', who: m.callSenior(s.name), phone: s.phone }] : []),
              ...s.emergencyContacts.map((c, i) => ({ key: `c${i}`, who: m.contactWho(c.relation, c.name), phone: c.phone })),
              ...EMERGENCY_NUMBERS.map((n) => ({ key: n.phone, who: n.label, phone: n.phone, urgent: true })),
            ]}
          />
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.recipientsTitle}</Text>
        <View className='card'>
          {alert.recipients.map((r) => (
            <View key={r.userId} className='line alert-seen'>
              <Text className='line__title'>{m.who(r.roleText, r.name)}</Text>
              <Tag kind={r.seenAt ? 'success' : 'warning'}>{r.seenAt ? m.seen(clock(r.seenAt)) : m.notSeen}</Tag>
            </View>
          ))}
        </View>
      </View>

      {open ? (
        <View className='section card alert-record'>
          <Text className='section__title'>{m.record.title}</Text>
          <Choices
            label={m.record.kind}
            options={[
              { value: 'called', label: m.record.called },
              { value: 'visited', label: m.record.visited },
              { value: 'note', label: m.record.note },
            ]}
            value={kind}
            onChange={(v) => setKind(v === 'visited' ? 'visited' : v === 'note' ? 'note' : 'called')}
          />
          <TextArea label={m.record.text} placeholder={m.record.placeholder} value={note} maxlength={200} error={noteError ?? addStep.fieldErrors.note} onChange={setNote} />
          {addStep.error ? <Notice kind='error'>{m.failed + addStep.error}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block disabled={addStep.busy} onClick={() => void record()}>
            {addStep.busy ? m.record.working : m.record.submit}
          </Button>
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
            options={(['resolved', 'false_alarm', 'escalated'] as const).map((h) => ({ value: h, label: howLabel[h] }))}
            value={how}
            onChange={(v) => setHow(v === 'false_alarm' ? 'false_alarm' : v === 'escalated' ? 'escalated' : 'resolved')}
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
