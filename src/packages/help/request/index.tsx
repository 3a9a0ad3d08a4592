/**
 * 求助详情 (`?id=`) for a volunteer: the request's facts and its progress in plain words; accepting it
 * (second step in place), then — for the volunteer who accepted only — 查看地址电话 (`help.contact`,
 * logged by the back end, shown only on demand), handing it back before the start, and reporting it
 * done with the minutes actually served (second step in place).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ContactView, HelpRequestView } from '@core/api';
import { CallButtons } from '@/components/CallButtons';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Field } from '@/components/Field';
import { helpStateKind } from '@/components/HelpCard';
import { HelpSteps } from '@/components/HelpSteps';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { call, errorMessage } from '@/services/api';
import { commonMessages } from '@/messages/common';
import { helpMessages } from '@/messages/help';
import { hours, minutesFromHours } from '@/services/format';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { onTheWayLater, reportGuess } from './timing';
import { Kv } from '@/components/Kv';
import './index.scss';

type Mode = null | 'accept' | 'handBack' | 'report' | 'reportConfirm';

export default function HelpRequestPage() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const detail = useQuery('help', 'detail', { requestId: id }, !!me?.registered && !!id);
  useShowAgain(() => void detail.reload());
  const accept = useMutation('help', 'accept');
  const handBack = useMutation('help', 'handBack');
  const onTheWay = useMutation('help', 'onTheWay');
  const report = useMutation('help', 'reportDone');
  const [mode, setMode] = useState<Mode>(null);
  const [done, setDone] = useState<string | null>(null);
  const [contact, setContact] = useState<ContactView | null>(null);
  const [contactBusy, setContactBusy] = useState(false);
  const [contactError, setContactError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [served, setServed] = useState('');
  const [servedError, setServedError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const r = detail.data;
  if (!r) {
    return (
      <Screen>
        {done ? <Notice kind='success'>{done}</Notice> : null}
        {detail.error ? <Notice kind='error'>{m.loadFailed + detail.error}</Notice> : <Text className='loading'>{commonMessages.loading}</Text>}
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.helpMine)}>
          {m.mine}
        </Button>
      </Screen>
    );
  }

  const openMode = (next: Mode) => {
    setMode(next);
    setDone(null);
    accept.clearError();
    handBack.clearError();
    report.clearError();
    if (next === 'report') {
      setServed(served || reportGuess(r));
      setServedError(null);
    }
  };
  // Every help step answers the request's view as help.detail shows it: shown without reloading.
  const finish = (res: HelpRequestView | undefined, text: string) => {
    // Refused (someone else took it, it moved on) or not known: show the request as it is now.
    if (!res) return void detail.reload();
    setMode(null);
    setDone(text);
    detail.set(res);
  };
  const openContact = async () => {
    setContactBusy(true);
    setContactError(null);
    try {
      setContact(await call('help', 'contact', { requestId: r.id }));
    } catch (e) {
      setContactError(errorMessage(e));
    } finally {
      setContactBusy(false);
    }
  };
  const servedMinutes = minutesFromHours(served);
  const errorOf = (x: { error: string | null; retryable: boolean }) => <FailureNotice of={x} failed={m.failed} retryHint={m.retryHint} />;

  return (
    <Screen>
      <Text className='greeting'>{r.categoryName}</Text>
      <View className='progress-box' ariaRole='status'>
        <Text className='progress-box__label'>{m.now}</Text>
        <Text className='progress-box__text'>{r.stateText}</Text>
        <Tag kind={helpStateKind(r.state)}>{helpMessages.states[r.state]}</Tag>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}

      <View className='card'>
        <Kv k={m.facts.time} v={r.timeText} />
        <Kv k={m.facts.minutes} v={hours(r.minutes.minutes)} />
        <Kv k={m.facts.committee} v={r.committeeName} />
        <Kv k={m.facts.senior} v={r.seniorName} />
        {r.note ? <Kv k={m.facts.note} v={r.note} /> : null}
        {r.report ? <Kv k={m.facts.report} v={m.facts.reportLine(hours(r.report.minutes.minutes), r.report.note)} /> : null}
      </View>

      {r.clash ? <Notice kind='warning'>{r.clash}</Notice> : null}
      {!r.clash && r.overlap ? <Notice kind='warning'>{r.overlap}</Notice> : null}
      {r.can.accept && mode !== 'accept' ? (
        <>
          <Text className='muted'>{m.privacy}</Text>
          <Button className='btn-block' type='primary' size='large' block onClick={() => openMode('accept')}>
            {m.accept.open}
          </Button>
        </>
      ) : null}
      {mode === 'accept' ? (
        <ConfirmStep
          confirmLabel={m.accept.submit}
          busyLabel={m.accept.working}
          busy={accept.busy}
          backLabel={m.notNow}
          onBack={() => setMode(null)}
          onConfirm={() => void accept.run({ requestId: r.id }).then((res) => finish(res, m.accept.done))}
        >
          <Text className='confirm__big'>{m.accept.big(r.timeText)}</Text>
          <Text className='text'>{m.accept.text(r.categoryName, hours(r.minutes.minutes))}</Text>
          {errorOf(accept)}
        </ConfirmStep>
      ) : null}

      {r.can.openContact ? (
        <View className='section'>
          {contact ? (
            <View className='card help-contact'>
              <Text className='section__title'>{m.contact.title}</Text>
              <Kv k={m.contact.address} v={contact.address} />
              <Kv k={m.contact.phone} v={contact.phone ?? m.contact.noPhone} />
              <CallButtons
                targets={[
                  ...(contact.phone ? [{ key: 'senior', who: m.contact.callSenior(contact.seniorName), phone: contact.phone }] : []),
                  ...contact.others.map((o, i) => ({ key: `o${i}`, who: m.contact.other(o.label, o.name), phone: o.phone })),
                ]}
              />
              <Text className='muted'>{m.contact.logged}</Text>
              <Button className='btn-block' size='large' block onClick={() => setContact(null)}>
                {m.contact.hide}
              </Button>
            </View>
          ) : (
            <>
              <Button className='btn-block' type='primary' size='large' block disabled={contactBusy} onClick={() => void openContact()}>
                {contactBusy ? m.contact.working : m.contact.open}
              </Button>
              <Text className='muted'>{m.contact.logged}</Text>
            </>
          )}
          {contactError ? <Notice kind='error'>{m.failed + contactError}</Notice> : null}
        </View>
      ) : null}

      {r.can.onTheWay && !mode ? (
        <Button
          className='btn-block'
          type='primary'
          size='large'
          block
          disabled={onTheWay.busy}
          onClick={() => void onTheWay.run({ requestId: r.id }).then((res) => finish(res, m.onTheWay.done))}
        >
          {onTheWay.busy ? m.onTheWay.working : m.onTheWay.open}
        </Button>
      ) : null}
      {!mode && onTheWayLater(r) ? <Text className='muted help-on-the-way-later'>{onTheWayLater(r)}</Text> : null}
      {!mode ? errorOf(onTheWay) : null}
      {r.can.reportDone && mode !== 'report' && mode !== 'reportConfirm' ? (
        <Button className='btn-block' type='primary' size='large' block onClick={() => openMode('report')}>
          {m.report.open}
        </Button>
      ) : null}
      {mode === 'report' ? (
        <View className='step-form'>
          <Field
            label={m.report.hours}
            hint={r.minutesSinceStart === undefined ? m.report.hint : `${m.report.hint}${m.report.upTo(hours(r.minutesSinceStart))}`}
            type='digit'
            placeholder={m.report.placeholder}
            value={served}
            maxlength={4}
            error={servedError}
            onChange={setServed}
          />
          <Field label={m.report.note} placeholder={m.report.notePlaceholder} value={note} maxlength={100} onChange={setNote} />
          <Button
            className='btn-block'
            type='primary'
            size='large'
            block
            onClick={() => {
              setServedError(servedMinutes === null ? m.report.invalid : null);
              if (servedMinutes !== null) setMode('reportConfirm');
            }}
          >
            {m.report.next}
          </Button>
          <Button className='btn-block' size='large' block onClick={() => setMode(null)}>
            {m.report.back}
          </Button>
        </View>
      ) : null}
      {mode === 'reportConfirm' && servedMinutes !== null ? (
        <ConfirmStep
          confirmLabel={m.report.submit}
          busyLabel={m.report.working}
          busy={report.busy}
          onBack={() => setMode('report')}
          onConfirm={() =>
            void report
              .run({ requestId: r.id, minutes: servedMinutes, ...(note.trim() ? { note: note.trim() } : {}) })
              .then((res) => finish(res, m.report.done))
          }
        >
          <Text className='confirm__big'>{m.report.big(hours(servedMinutes))}</Text>
          <Text className='text'>{m.report.text}</Text>
          {errorOf(report)}
        </ConfirmStep>
      ) : null}

      {r.can.handBack && mode !== 'handBack' ? (
        <Button className='btn-block' size='large' block onClick={() => openMode('handBack')}>
          {m.handBack.open}
        </Button>
      ) : null}
      {mode === 'handBack' ? (
        <ConfirmStep
          confirmLabel={m.handBack.submit}
          busyLabel={m.handBack.working}
          busy={handBack.busy}
          danger
          backLabel={m.handBack.keep}
          onBack={() => setMode(null)}
          onConfirm={() =>
            void handBack.run({ requestId: r.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }).then((res) => {
              setContact(null);
              return finish(res, m.handBack.done);
            })
          }
        >
          <Text className='text'>{m.handBack.text}</Text>
          <Field label={m.handBack.reason} placeholder={m.handBack.placeholder} value={reason} maxlength={100} onChange={setReason} />
          {errorOf(handBack)}
        </ConfirmStep>
      ) : null}

      <HelpSteps title={m.steps} steps={(r.steps ?? []).map((s) => ({ at: s.at, who: m.stepWho(s.actorName, s.viaText), text: s.text }))} />
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.helpMine)}>
        {m.mine}
      </Button>
    </Screen>
  );
}
