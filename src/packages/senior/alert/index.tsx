/**
 * 一键求助 (senior side). The phone buttons come first (family, 120, 110, then the social worker and
 * the partner): talking to someone is the quickest help. Below them the one-tap button, and after it
 * only the truth: "已通知" only for people WeChat really reached (or who took it), each with the time,
 * and what happens next, green only when the chain passed nobody unreached (those are named); while nobody is reached yet a neutral "正在通知…" naming who is
 * being told (checked every 5 s for about two minutes, then every 20 s); when the chain reached
 * nobody, a red notice to call directly. "我按错了" closes it as a false alarm after a second step.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { AlertView } from '@core/api';
import { CallButtons } from '@/components/CallButtons';
import { ConfirmStep } from '@/components/ConfirmStep';
import { HelpSteps } from '@/components/HelpSteps';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useShowAgain } from '@/hooks/useShowAgain';
import { alertMessages, splitTold } from '@/messages/alerts';
import { commonMessages } from '@/messages/common';
import { call } from '@/services/api';
import { offlineCalls } from '@/services/offline-calls';
import { clock, dateTime } from '@/services/dates';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { RaiseFailure } from '../components/RaiseFailure';
import { targetsOf } from '../components/call-targets';
import { useActing, useKeepCalls } from '../components/useActing';
import { messages as m } from './messages';
import '../components/senior.scss';
import './index.scss';

/** While nobody is reached: look every 5 s for about two minutes, then every 20 s. */
const FAST_MS = 5_000;
const FAST_FOR_MS = 120_000;
const SLOW_MS = 20_000;

/** The people being told right now (the active link), for "正在通知居委社工：小郑". */
function telling(a: AlertView): { link: string; names: string } | null {
  const link = a.chain.find((l) => l.state === 'active');
  if (!link || !link.people.length) return null;
  return { link: link.linkText, names: link.people.map((p) => p.name).join('、') };
}

export default function SeniorAlert() {
  const { me, acting, self, seniorId, ready, sessionError } = useActing();
  const ref = seniorId ? { seniorId } : {};
  const latest = useQuery('alerts', 'list', { ...ref, limit: 1 }, ready);
  const calls = useQuery('alerts', 'callList', ref, ready);
  const raise = useMutation('alerts', 'raise');
  const close = useMutation('alerts', 'close');
  const [current, setCurrent] = useState<AlertView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const since = useRef(Date.now());
  useShowAgain(() => void latest.reload());
  const viewerId = me?.profile?.id ?? null;
  useKeepCalls(acting, viewerId, seniorId, calls.data?.contacts);

  useEffect(() => {
    const a = latest.data?.items[0];
    if (a) setCurrent(a);
  }, [latest.data]);

  const open = current?.state === 'open' ? current : null;
  // A proxy the chain passed by is reading this page: she knows now, and must not be told to call herself.
  const notReached = open ? open.notReached.filter((p) => p.userId !== me?.profile?.id) : [];
  const reached = !!open && open.told.length > 0;
  // Told in the inbox only (no WeChat on this server): listed apart, never under 已通知.
  const { reached: toldNow, inAppOnly } = splitTold(open?.told ?? []);
  // Poll the alert itself while it is open: quickly until someone is reached, then slowly.
  useEffect(() => {
    if (!open) return undefined;
    const fast = !reached && !open.nobodyReached && Date.now() - since.current < FAST_FOR_MS;
    const timer = setTimeout(
      () => {
        call('alerts', 'get', { alertId: open.id })
          .then((a) => setCurrent(a))
          .catch(() => undefined);
      },
      fast ? FAST_MS : SLOW_MS,
    );
    return () => clearTimeout(timer);
  }, [open, reached]);

  const doRaise = async () => {
    const res = await raise.run(ref);
    // Refused, or not known whether it went out: look again, an alert that did go out shows itself.
    if (!res) return void latest.reload();
    since.current = Date.now();
    setCurrent(res);
  };
  const doClose = async () => {
    if (!open) return;
    const res = await close.run({ alertId: open.id, how: 'false_alarm' });
    if (!res) return;
    setConfirming(false);
    setCurrent(res);
  };
  // When she last asked: a tap that changes nothing on the page still says it looked (刚刚看过 16:05).
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const refresh = async () => {
    if (!open) return void latest.reload();
    try {
      setCurrent(await call('alerts', 'get', { alertId: open.id }));
      setCheckedAt(new Date().toISOString());
    } catch {
      void latest.reload();
    }
  };

  // Without the server, the numbers kept on this phone (120 and 110 at least): never a page with nobody to call.
  const callsFailed = !calls.data && !!(calls.error ?? sessionError);
  const targets = targetsOf(calls.data?.contacts ?? (callsFailed ? offlineCalls(viewerId, seniorId) : []));
  const now = open ? telling(open) : null;

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      <Text className='greeting'>{m.heading}</Text>

      <View className='section'>
        <Text className='section__title'>{m.callTitle}</Text>
        <Text className='text'>{m.urgentHint}</Text>
        {callsFailed ? <Notice kind='warning'>{m.callsOffline}</Notice> : null}
        {!calls.data && !callsFailed ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        <CallButtons targets={targets} />
      </View>

      {(latest.error ?? sessionError) ? <Notice kind='error'>{m.loadFailed + (latest.error ?? sessionError)}</Notice> : null}
      {!latest.data && !latest.error && !sessionError ? <Text className='loading'>{commonMessages.loading}</Text> : null}

      {open && reached ? (
        // Green only when someone's phone was reached and nobody the chain passed was missed.
        <Notice kind={notReached.length || inAppOnly.length || !toldNow.length ? 'warning' : 'success'}>
          <Text className='confirm__big'>{m.raisedAt(clock(open.raisedAt))}</Text>
          {toldNow.length ? <Text className='text'>{m.toldTitle}</Text> : null}
          {toldNow.map((t, i) => (
            <Text key={`${t.name}-${i}`} className='text'>
              {alertMessages.told(t.roleText, t.name, t.how, clock(t.at))}
            </Text>
          ))}
          {inAppOnly.length ? <Text className='text'>{m.inAppTitle}</Text> : null}
          {inAppOnly.map((t, i) => (
            <Text key={`${t.name}-${i}`} className='text'>
              {m.notReached(t.roleText, t.name)}
            </Text>
          ))}
          {inAppOnly.length && !notReached.length ? <Text className='text'>{m.inAppHint}</Text> : null}
          {notReached.length ? <Text className='text'>{m.notReachedTitle}</Text> : null}
          {notReached.map((t, i) => (
            <Text key={`${t.name}-${i}`} className='text'>
              {m.notReached(t.roleText, t.name)}
            </Text>
          ))}
          {notReached.length ? <Text className='text'>{m.notReachedHint}</Text> : null}
          {open.acknowledgedByName ? <Text className='text'>{m.handling(open.acknowledgedByName)}</Text> : null}
          {open.next && !open.acknowledgedByName ? <Text className='text'>{m.next(open.next.text)}</Text> : null}
        </Notice>
      ) : null}
      {open && !reached && open.nobodyReached ? (
        <Notice kind='error'>
          <Text className='confirm__big'>{m.nobodyReached}</Text>
          <Text className='text'>{m.nobodyReachedCall}</Text>
        </Notice>
      ) : null}
      {open && !reached && !open.nobodyReached ? (
        <Notice kind='warning'>
          <Text className='confirm__big'>{m.telling}</Text>
          <Text className='text'>{m.raisedAt(clock(open.raisedAt))}</Text>
          {now ? <Text className='text'>{m.tellingWho(now.link, now.names)}</Text> : null}
          {open.next ? <Text className='text'>{m.next(open.next.text)}</Text> : null}
          <Text className='text'>{m.notYet}</Text>
        </Notice>
      ) : null}
      {open ? (
        <>
          <Button className='btn-block' size='large' block onClick={() => void refresh()}>
            {m.refresh}
          </Button>
          {checkedAt ? <Text className='muted'>{m.checked(clock(checkedAt))}</Text> : null}
        </>
      ) : null}
      {/* Before the log of steps, which grows long: a senior who pressed by mistake finds it on the first screens. */}
      {open && !confirming ? (
        <Button className='btn-block' size='large' block onClick={() => setConfirming(true)}>
          {m.mistake}
        </Button>
      ) : null}
      {open && confirming ? (
        <ConfirmStep
          confirmLabel={m.mistakeConfirm}
          busyLabel={m.closing}
          busy={close.busy}
          backLabel={m.notMistake}
          onConfirm={() => void doClose()}
          onBack={() => setConfirming(false)}
        >
          <Text className='text'>{m.mistakeText}</Text>
          <FailureNotice of={close} failed={m.closeFailed} />
        </ConfirmStep>
      ) : null}

      {current && !open ? (
        <Notice kind='info'>{m.closed(current.closeHowText ?? '', current.closedByName ?? '', current.closedAt ? dateTime(current.closedAt) : '')}</Notice>
      ) : null}
      {/* Above the button, where she is looking; never "没有发出去" when it is not known. */}
      <RaiseFailure of={raise} retry={m.raiseRetry} />
      {(latest.data || latest.error || sessionError) && !open ? (
        <Button className='btn-block senior-btn senior-btn--alert' type='danger' size='xlarge' block disabled={raise.busy} onClick={() => void doRaise()}>
          <View className='senior-btn__label'>
            <Text className='senior-btn__title'>{raise.busy ? m.raising : m.raise}</Text>
            <Text className='senior-btn__note'>{m.raiseNote}</Text>
          </View>
        </Button>
      ) : null}

      {/* The log of the chain's steps is for the people handling it; she reads who was told, above. */}
      {open && !self ? <HelpSteps title={m.steps} steps={open.steps.map((s) => ({ at: s.at, who: s.actorName, text: m.step(s.kindText, s.note) }))} /> : null}
    </Screen>
  );
}
