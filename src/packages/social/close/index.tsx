/**
 * 注销老人档案 (`?id=`): staff of the senior's 居委 (or an admin) close a senior's record when she
 * died, moved out of the street, or she or her guardian asked (`seniors.closeCheck`, then
 * `seniors.close`). The page names her, says what is deleted and what is cleared but kept without her
 * name (the server's counts), what happens to her credits (acknowledged when there are any), and
 * what must be settled first (the server's words; no close button then). A reason, a tick that her
 * identity was checked and the deletion explained, then a second step in place naming her. The
 * result says only what the server did: its counts, the credits donated, and whether the clearing
 * of her past records is finished or still running (the scheduler finishes it).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { SeniorCloseReason, SeniorsResults } from '@core/api';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { Notice } from '@/components/Notice';
import { FailureNotice } from '@/components/FailureNotice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { ROUTES, replace, useParam } from '@/services/routes';
import { Button, Checkbox } from '@/ui/nutui';
import { messages as m } from './messages';
import '../components/social.scss';
import './index.scss';

type Step = 'read' | 'confirm' | 'done';

const REASONS: SeniorCloseReason[] = ['deceased', 'movedAway', 'request'];

/** Back to 老人名单: down the stack when it is there (it reloads on show), else in place of this page. */
function toSeniorList(): void {
  const pages = Taro.getCurrentPages();
  const target = ROUTES.socialSeniors.replace(/^\//, '');
  const at = pages.map((p) => (p.route ?? '').replace(/^\//, '')).lastIndexOf(target);
  if (at >= 0 && at < pages.length - 1) void Taro.navigateBack({ delta: pages.length - 1 - at });
  else replace(ROUTES.socialSeniors);
}

export default function CloseSenior() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const [step, setStep] = useState<Step>('read');
  // Asked again each time the page comes back to reading (after the second step), so what it shows is current.
  const check = useQuery('seniors', 'closeCheck', { seniorId: id }, !!me?.registered && !!id && step === 'read');
  const close = useMutation('seniors', 'close');
  const [reason, setReason] = useState<SeniorCloseReason | null>(null);
  const [checked, setChecked] = useState(false);
  // The credits acknowledged, in minutes: an acknowledgement holds only for the amount it was given for.
  const [ackedMinutes, setAckedMinutes] = useState<number | null>(null);
  const [done, setDone] = useState<{ name: string; result: SeniorsResults['close'] } | null>(null);

  const c = check.data;
  const available = c?.available.minutes ?? 0;
  const credits = c?.available.display ?? '';
  const leftoverOk = available <= 0 || ackedMinutes === available;
  const blocked = !!c && (c.blockers.length > 0 || !c.canClose);
  const ready = !blocked && !!reason && checked && leftoverOk;

  const submit = async () => {
    if (!c || !reason) return;
    const result = await close.run({ seniorId: c.seniorId, reason, confirm: true, ...(available > 0 ? { leftover: 'donate' as const } : {}) });
    if (!result) return;
    setDone({ name: c.name, result });
    setStep('done');
  };

  if (step === 'done' && done) {
    const e = done.result.erasure;
    return (
      <Screen>
        <Text className='greeting'>{m.heading}</Text>
        <Notice kind='success'>
          <Text className='senior-close__done'>{m.done(done.name)}</Text>
          <Text className='text'>{m.doneDeleted(e.history, e.photos)}</Text>
          <Text className='text'>{m.doneCleared(e.helpRequests, e.alerts, e.contacts, e.messages)}</Text>
          <Text className='text'>{e.done ? m.doneAll : m.doneSoFar}</Text>
          {done.result.donated ? <Text className='text'>{m.donated(done.result.donated.display)}</Text> : null}
        </Notice>
        {e.done ? null : <Notice kind='info'>{m.donePending}</Notice>}
        <Button className='btn-block' type='primary' size='large' block onClick={toSeniorList}>
          {m.toList}
        </Button>
      </Screen>
    );
  }

  // Back to where the page was opened from (the record); opened directly: the record.
  const backToRecord = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else replace(ROUTES.socialSenior, { id });
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>

      {check.error ? <Notice kind='error'>{m.loadFailed + check.error}</Notice> : null}
      {!c && !check.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {!c && check.error ? (
        <Button className='btn-block' size='large' block onClick={backToRecord}>
          {m.back}
        </Button>
      ) : null}

      {c ? (
        <View className='card senior-close__who'>
          <Text className='text'>{m.who}</Text>
          <Text className='senior-close__name'>{c.name}</Text>
          <Text className='muted'>{m.whoCheck}</Text>
        </View>
      ) : null}

      {c && step === 'read' ? (
        <>
          {blocked ? (
            // Nothing went wrong: there is something to do first, so a warning, not an error; first, before the lists.
            <Notice kind='warning'>
              <Text className='text'>{m.blockedTitle}</Text>
              {c.blockers.map((b) => (
                <Text key={b.kind + b.text} className='text senior-close__blocker'>
                  {b.text}
                </Text>
              ))}
              <Text className='text senior-close__blocker'>{m.blockedWhat}</Text>
            </Notice>
          ) : null}
          <Text className='text'>{m.intro}</Text>

          <View className='section senior-close__list'>
            <Text className='section__title'>{m.deletedTitle}</Text>
            {[
              m.deleted.record,
              m.deleted.wechats(c.erases.wechats),
              m.deleted.proxies(c.erases.proxies),
              m.deleted.photos(c.erases.photos),
              m.deleted.history(c.erases.history),
            ].map((line) => (
              <Text key={line} className='senior-close__item senior-close__item--deleted'>
                {line}
              </Text>
            ))}
          </View>
          <View className='section senior-close__list'>
            <Text className='section__title'>{m.keptTitle}</Text>
            {[
              m.kept.helpRequests(c.erases.helpRequests),
              m.kept.alerts(c.erases.alerts),
              m.kept.contacts(c.erases.contacts),
              m.kept.messages(c.erases.messages),
              m.kept.ledger,
            ].map((line) => (
              <Text key={line} className='senior-close__item'>
                {line}
              </Text>
            ))}
          </View>

          {available > 0 ? (
            <Notice kind='warning'>
              <Text className='text'>{m.leftover(credits)}</Text>
            </Notice>
          ) : (
            <View className='section'>
              <Text className='text'>{m.noLeftover}</Text>
            </View>
          )}

          {blocked ? null : (
            <View className='section'>
              <Choices
                label={m.reasonLabel}
                options={REASONS.map((r) => ({ value: r, label: m.reasons[r] }))}
                value={reason}
                onChange={(v) => setReason(v as SeniorCloseReason)}
                error={close.fieldErrors.reason}
              />
              {available > 0 ? (
                <View className='consent'>
                  <Checkbox checked={ackedMinutes === available} label={m.leftoverAck(credits)} onChange={(on) => setAckedMinutes(on ? available : null)} />
                </View>
              ) : null}
              <View className='consent'>
                <Checkbox checked={checked} label={m.checked} onChange={setChecked} />
              </View>
              {ready ? null : <Text className='muted senior-close__missing'>{m.missing}</Text>}
              <Button
                className='btn-block'
                type='danger'
                size='large'
                block
                disabled={!ready}
                onClick={() => {
                  if (!ready) return;
                  close.clearError();
                  setStep('confirm');
                }}
              >
                {m.submit}
              </Button>
            </View>
          )}
          <Button className='btn-block' size='large' block onClick={backToRecord}>
            {m.back}
          </Button>
        </>
      ) : null}

      {c && reason && step === 'confirm' ? (
        <ConfirmStep
          danger
          confirmLabel={m.doClose}
          busyLabel={m.working}
          busy={close.busy}
          backLabel={m.notNow}
          onConfirm={() => void submit()}
          onBack={() => {
            close.clearError();
            setStep('read');
          }}
        >
          <Text className='confirm__big'>{m.confirmBig(c.name)}</Text>
          <Text className='text'>{m.confirmReason(m.reasons[reason])}</Text>
          {available > 0 ? <Text className='text'>{m.confirmLeftover(credits)}</Text> : null}
          <Text className='text'>{m.confirmIrreversible}</Text>
          <FailureNotice of={close} failed={m.failed} retryHint={m.retryHint} />
        </ConfirmStep>
      ) : null}
    </Screen>
  );
}
