/**
 * The senior's home (always elder mode for the senior), a few big tiles in the style of an elder
 * home screen: 一键求助 first, red and largest (raises the alert at once, then shows who was really
 * reached and whom to call); 请人帮忙 (the help form); 打电话给家人/社工 (the real numbers the alarm
 * chain would call, via the phone, never the viewer herself); the credits she can use, with what is
 * held for help requests beside them, as 我的时间 shows them (opening her statement there; a proxy
 * or the 居委 desk opens her credits and statement on senior/credits, without 转赠); 消息. Below them,
 * quieter: an open alert (who is handling it or who WeChat reached, never "someone is on it" unless
 * someone is), requests still going in plain words, and links to all requests, the history and the
 * family proxies.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CallButtons } from '@/components/CallButtons';
import { HelpCard } from '@/components/HelpCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { SubscribeCard } from '@/components/SubscribeCard';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { alertMessages, splitTold } from '@/messages/alerts';
import { commonMessages } from '@/messages/common';
import { hours } from '@/services/format';
import { clock } from '@/services/dates';
import { offlineCalls } from '@/services/offline-calls';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { RaiseFailure } from '../components/RaiseFailure';
import { targetsOf } from '../components/call-targets';
import { SeniorLinks } from '../components/SeniorLinks';
import { useActing, useKeepCalls } from '../components/useActing';
import { peopleToCall } from './calls';
import { messages as m } from './messages';
import './index.scss';

export default function SeniorHome() {
  const { me, home, acting, self, seniorSide, params, seniorId, sessionError, retry } = useActing();
  const alert = useMutation('alerts', 'raise');
  const proxies = useQuery('seniors', 'proxies', {}, !!acting && acting.via === 'self');
  const [calling, setCalling] = useState(false);
  const calls = useQuery('alerts', 'callList', seniorId ? { seniorId } : {}, calling);
  const unread = useQuery('inbox', 'unreadCount', {}, !!me?.registered && seniorSide);
  const h = home.data;
  const viewerId = me?.profile?.id ?? null;
  useKeepCalls(acting, viewerId, seniorId, calls.data?.contacts);

  if (!h) {
    const chooser = me && !me.roles.includes('senior') && !seniorId;
    const failed = home.error ?? sessionError;
    return (
      <Screen forceElder={self}>
        {failed ? (
          <Notice
            kind='error'
            action={
              chooser ? (
                <Button type='primary' size='large' block onClick={() => go(me.roles.includes('socialWorker') ? ROUTES.socialSeniors : ROUTES.family)}>
                  {me.roles.includes('socialWorker') ? m.chooseSocial : m.chooseFamily}
                </Button>
              ) : (
                <Button size='large' block onClick={retry}>
                  {commonMessages.retry}
                </Button>
              )
            }
          >
            {m.loadFailed + failed}
          </Notice>
        ) : null}
        {/* The network fails her in an emergency too: the numbers kept on this phone, 120 and 110 at least. */}
        {failed && !chooser ? (
          <View className='section'>
            <Text className='section__title'>{m.offlineCalls}</Text>
            <CallButtons targets={targetsOf(offlineCalls(viewerId, seniorId))} />
          </View>
        ) : null}
        {!failed ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      </Screen>
    );
  }

  const raise = async () => {
    const res = await alert.run(seniorId ? { seniorId } : {});
    if (res) go(ROUTES.seniorAlert, params);
    // Not known whether it went out: an alert that did shows itself on the home when it loads again.
    else void home.reload();
  };
  const open = h.openAlert;
  // Only people WeChat really reached (or who took it) count as told; never "someone is on it" otherwise.
  // Without WeChat (the local runtime) the chain's people have the in-app message only: said as such.
  const split = splitTold(open?.told ?? []);
  const told = split.reached.map((t) => alertMessages.told(t.roleText, t.name, t.how, clock(t.at))).join('、');
  const inAppOnly = split.inAppOnly.map((t) => `${t.roleText} ${t.name}`).join('、');
  const openText = !open
    ? ''
    : open.acknowledgedByName
      ? m.handling(open.acknowledgedByName)
      : told
        ? m.told(told)
        : inAppOnly
          ? m.inAppOnly(inAppOnly)
          : open.nobodyReached
            ? m.nobodyReached
            : m.telling;
  // Family and the 居委 social worker, never the viewer herself; 110/120 are on the alert page.
  const callable = peopleToCall(calls.data?.contacts ?? [], me?.profile ?? null);
  const waiting = (proxies.data?.items ?? []).filter((p) => p.state === 'proposed').length;

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      {self ? <Text className='greeting'>{m.greeting(h.senior.name)}</Text> : null}

      {!h.eligibility.eligible && h.eligibility.reason ? <Notice kind='info'>{m.notEligible + h.eligibility.reason}</Notice> : null}
      <View className='tiles'>
        <View
          className={`tile tile--alert${alert.busy ? ' tile--busy' : ''}`}
          hoverClass='tile--pressed'
          onClick={() => {
            if (!alert.busy) void raise();
          }}
        >
          <Text className='tile__title'>{alert.busy ? m.alerting : m.alert}</Text>
          <Text className='tile__note'>{m.alertNote}</Text>
        </View>
        <View
          className={`tile tile--ask${h.eligibility.eligible ? '' : ' tile--off'}`}
          hoverClass='tile--pressed'
          onClick={() => {
            if (h.eligibility.eligible) go(ROUTES.seniorAsk, params);
          }}
        >
          <Text className='tile__title'>{m.askHelp}</Text>
          <Text className='tile__note'>{self ? m.askHelpNote : m.askHelpNoteProxy}</Text>
        </View>
        <View className='tile tile--call' hoverClass='tile--pressed' onClick={() => setCalling(!calling)}>
          <Text className='tile__title'>{m.call}</Text>
          <Text className='tile__note'>{m.callNote}</Text>
        </View>
        <View className='tile tile--balance' hoverClass='tile--pressed' onClick={() => (self ? go(ROUTES.myTime) : go(ROUTES.seniorCredits, params))}>
          <Text className='tile__label'>{self ? m.coins : m.coinsOf(h.senior.name)}</Text>
          <Text className='tile__value'>{hours(h.balance.available.minutes)}</Text>
          {h.balance.pending.minutes > 0 ? <Text className='tile__note balance__note'>{m.pending(hours(h.balance.pending.minutes))}</Text> : null}
        </View>
        {/* Her messages reach her and her family; a social worker's own inbox is not hers to read here. */}
        {seniorSide ? (
          <View className='tile tile--inbox' hoverClass='tile--pressed' onClick={() => go(ROUTES.inbox)}>
            <Text className='tile__title'>{m.inbox}</Text>
            <Text className='tile__note'>{unread.data?.unread ? m.unread(unread.data.unread) : m.noUnread}</Text>
          </View>
        ) : null}
      </View>
      {/* Right under the tiles, where she pressed; never "没有发出去" when it is not known. */}
      <RaiseFailure of={alert} retry={m.alertRetry} />
      {calling ? (
        <View className='section calls'>
          <Text className='section__title'>{m.callTitle}</Text>
          {calls.error ? <Notice kind='error'>{m.callFailed + calls.error}</Notice> : null}
          {calls.loading && !calls.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
          {callable.length === 0 && calls.data ? <Notice kind='info'>{m.noPhones}</Notice> : null}
          {callable.map((c, i) => (
            <Button key={`${c.kind}-${i}`} className='btn-block call-btn' size='xlarge' block onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone })}>
              {m.callOne(c.label, c.name, c.phone)}
            </Button>
          ))}
        </View>
      ) : null}
      {open ? (
        <Notice
          kind={open.nobodyReached && !told ? 'error' : 'warning'}
          action={
            <Button type='primary' size='large' block onClick={() => go(ROUTES.seniorAlert, params)}>
              {m.seeAlert}
            </Button>
          }
        >
          {m.openAlert(open.kindText, clock(open.raisedAt), openText)}
          {open.acknowledgedByName && told ? <Text className='text'>{m.told(told)}</Text> : null}
        </Notice>
      ) : null}

      {waiting > 0 ? (
        <Notice
          kind='info'
          action={
            <Button size='large' block onClick={() => go(ROUTES.seniorProxies, params)}>
              {m.seeProxies}
            </Button>
          }
        >
          {m.proxyWaiting(waiting)}
        </Notice>
      ) : null}

      {h.active.length ? (
        <View className='section'>
          <Text className='section__title'>{m.active}</Text>
          {h.active.map((r) => (
            <HelpCard key={r.id} request={r} page={seniorSide ? 'senior' : 'staff'} onOpen={(x) => go(ROUTES.seniorRequest, { id: x.id, ...params })} />
          ))}
        </View>
      ) : null}

      {acting?.via === 'proxy' ? <SubscribeCard audience='family' onlyWhenOff /> : null}

      <View className='section'>
        <Text className='section__title'>{m.more}</Text>
        <SeniorLinks params={params} self={self} />
      </View>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.home)}>
        {m.back}
      </Button>
    </Screen>
  );
}
