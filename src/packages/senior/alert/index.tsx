/**
 * 一键求助 (senior side): after the senior's big button raised the alert, what happened in plain
 * words: when it went out, who was told and whether each has seen it (in words, not colour), the
 * steps so far, and big buttons to call the social worker, the partner, family, 120 or 110. "我按错了"
 * closes it as a false alarm after a second step on the page. Refreshes itself while the alert is open.
 * Opened without an open alert, it offers the one-tap button itself.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CallButtons } from '../../../components/CallButtons';
import { ConfirmStep } from '../../../components/ConfirmStep';
import { HelpSteps } from '../../../components/HelpSteps';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Tag } from '../../../components/Tag';
import { useMutation } from '../../../hooks/useMutation';
import { useQuery } from '../../../hooks/useQuery';
import { useShowAgain } from '../../../hooks/useShowAgain';
import { commonMessages } from '../../../messages/common';
import { clock, dateTime } from '../../../services/format';
import { Button } from '../../../ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';
import '../components/senior.scss';

const POLL_MS = 20_000;

export default function SeniorAlert() {
  const { acting, self, seniorId, ready } = useActing();
  const ref = seniorId ? { seniorId } : {};
  const latest = useQuery('help', 'alerts', { ...ref, limit: 1 }, ready);
  const calls = useQuery('help', 'callList', ref, ready);
  const raise = useMutation('help', 'alert');
  const close = useMutation('help', 'closeAlert');
  const [confirming, setConfirming] = useState(false);
  useShowAgain(() => void latest.reload());

  const alert = latest.data?.items[0] ?? null;
  const open = alert?.state === 'open' ? alert : null;
  useEffect(() => {
    if (!open) return undefined;
    const timer = setInterval(() => void latest.reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [open?.id]);

  const doRaise = async () => {
    if (await raise.run(ref)) await latest.reload();
  };
  const doClose = async () => {
    if (!open) return;
    if (await close.run({ alertId: open.id, how: 'false_alarm' })) {
      setConfirming(false);
      await latest.reload();
    }
  };

  const targets = (calls.data?.contacts ?? []).map((c, i) => ({
    key: `${c.kind}-${i}`,
    who: c.kind === 'emergencyService' ? c.label : `${c.label} ${c.name}`,
    phone: c.phone,
    urgent: c.kind === 'emergencyService',
  }));

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>
      {latest.error ? <Notice kind='error'>{m.loadFailed + latest.error}</Notice> : null}
      {!latest.data && !latest.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}

      {open ? (
        <View className='section alert-status'>
          <Notice kind='success'>
            <Text className='confirm__big'>{m.raisedAt(clock(open.raisedAt))}</Text>
            <Text className='text'>
              {open.recipients.length ? m.told(open.recipients.map((r) => `${r.roleText} ${r.name}`).join('、')) : m.toldNobody}
            </Text>
          </Notice>
          <View className='card'>
            {open.recipients.map((r) => (
              <View key={r.userId} className='line alert-seen'>
                <Text className='line__title'>{m.who(r.roleText, r.name)}</Text>
                <Tag kind={r.seenAt ? 'success' : 'warning'}>{r.seenAt ? m.seen(clock(r.seenAt)) : m.notSeen}</Tag>
              </View>
            ))}
            <Button className='btn-block' size='large' block disabled={latest.loading} onClick={() => void latest.reload()}>
              {m.refresh}
            </Button>
          </View>
        </View>
      ) : null}

      {alert && !open ? (
        <Notice kind='info'>{m.closed(alert.closeHowText ?? '', alert.closedByName ?? '', alert.closedAt ? dateTime(alert.closedAt) : '')}</Notice>
      ) : null}
      {latest.data && !open ? (
        <Button className='btn-block senior-btn senior-btn--alert' type='danger' size='xlarge' block disabled={raise.busy} onClick={() => void doRaise()}>
          <View className='senior-btn__label'>
            <Text className='senior-btn__title'>{raise.busy ? m.raising : m.raise}</Text>
            <Text className='senior-btn__note'>{m.raiseNote}</Text>
          </View>
        </Button>
      ) : null}
      {raise.error ? <Notice kind='error'>{m.raiseFailed + raise.error}</Notice> : null}

      <View className='section'>
        <Text className='section__title'>{m.callTitle}</Text>
        <Text className='text'>{m.urgentHint}</Text>
        {calls.error ? <Notice kind='error'>{m.callsFailed + calls.error}</Notice> : null}
        <CallButtons targets={targets} />
      </View>

      {open ? <HelpSteps title={m.steps} steps={open.steps.map((s) => ({ at: s.at, who: s.actorName, text: m.step(s.kindText, s.note) }))} /> : null}

      {open && !confirming ? (
        <Button className='btn-block' size='large' block onClick={() => setConfirming(true)}>
          {m.mistake}
        </Button>
      ) : null}
      {open && confirming ? (
        <ConfirmStep confirmLabel={m.mistakeConfirm} busyLabel={m.closing} busy={close.busy} backLabel={m.notMistake} onConfirm={() => void doClose()} onBack={() => setConfirming(false)}>
          <Text className='text'>{m.mistakeText}</Text>
          {close.error ? <Notice kind='error'>{m.closeFailed + close.error}</Notice> : null}
        </ConfirmStep>
      ) : null}
    </Screen>
  );
}
