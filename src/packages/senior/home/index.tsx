/**
 * The senior's home (always elder mode for the senior): who acts for whom, the credits that can be
 * used in large type, and two large buttons: 求助 (the help form) and 一键求助 (raises the alert at
 * once, then shows who was really reached and whom to call). Below them, quieter: an open alert
 * (who is handling it or who WeChat reached, never "someone is on it" unless someone is), requests
 * still going in plain words, and links to all requests, the history and the family proxies.
 */
import { Text, View } from '@tarojs/components';
import { HelpCard } from '@/components/HelpCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { commonMessages } from '@/messages/common';
import { clock, hours } from '@/services/format';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { ActingBanner } from '../components/ActingBanner';
import { SeniorLinks } from '../components/SeniorLinks';
import { useActing } from '../components/useActing';
import { messages as m } from './messages';
import './index.scss';

export default function SeniorHome() {
  const { me, home, acting, self, params, seniorId } = useActing();
  const alert = useMutation('alerts', 'raise');
  const proxies = useQuery('seniors', 'proxies', {}, !!acting && acting.via === 'self');
  const h = home.data;

  if (!h) {
    const chooser = me && !me.roles.includes('senior') && !seniorId;
    return (
      <Screen forceElder={self}>
        {home.error ? (
          <Notice
            kind='error'
            action={
              chooser ? (
                <Button type='primary' size='large' block onClick={() => go(me.roles.includes('socialWorker') ? ROUTES.socialSeniors : ROUTES.family)}>
                  {me.roles.includes('socialWorker') ? m.chooseSocial : m.chooseFamily}
                </Button>
              ) : (
                <Button size='large' block onClick={() => void home.reload()}>
                  {commonMessages.retry}
                </Button>
              )
            }
          >
            {m.loadFailed + home.error}
          </Notice>
        ) : (
          <Text className='loading'>{commonMessages.loading}</Text>
        )}
      </Screen>
    );
  }

  const raise = async () => {
    const res = await alert.run(seniorId ? { seniorId } : {});
    if (res) go(ROUTES.seniorAlert, params);
  };
  const open = h.openAlert;
  // Only people WeChat really reached (or who took it) count as told; never "someone is on it" otherwise.
  const told = open ? open.told.map((t) => m.toldOne(t.roleText, t.name, t.how, clock(t.at))).join('、') : '';
  const openText = !open
    ? ''
    : open.acknowledgedByName
      ? m.handling(open.acknowledgedByName)
      : told
        ? m.told(told)
        : open.nobodyReached
          ? m.nobodyReached
          : m.telling;
  const waiting = (proxies.data?.items ?? []).filter((p) => p.state === 'proposed').length;

  return (
    <Screen forceElder={self}>
      <ActingBanner acting={acting} />
      {self ? <Text className='greeting'>{m.greeting(h.senior.name)}</Text> : null}

      <View className='balance'>
        <Text className='balance__label'>{self ? m.available : m.availableOf(h.senior.name)}</Text>
        <Text className='balance__value'>{hours(h.balance.available.minutes)}</Text>
        {h.balance.pending.minutes > 0 ? <Text className='balance__note'>{m.pending(hours(h.balance.pending.minutes))}</Text> : null}
      </View>

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

      {!h.eligibility.eligible && h.eligibility.reason ? <Notice kind='info'>{m.notEligible + h.eligibility.reason}</Notice> : null}

      <View className='btn-row'>
        <Button
          className='btn-block senior-btn'
          type='primary'
          size='xlarge'
          block
          disabled={!h.eligibility.eligible}
          onClick={() => go(ROUTES.seniorAsk, params)}
        >
          <View className='senior-btn__label'>
            <Text className='senior-btn__title'>{m.askHelp}</Text>
            <Text className='senior-btn__note'>{m.askHelpNote}</Text>
          </View>
        </Button>
        <Button className='btn-block senior-btn senior-btn--alert' type='danger' size='xlarge' block disabled={alert.busy} onClick={() => void raise()}>
          <View className='senior-btn__label'>
            <Text className='senior-btn__title'>{alert.busy ? m.alerting : m.alert}</Text>
            <Text className='senior-btn__note'>{m.alertNote}</Text>
          </View>
        </Button>
      </View>
      {alert.error ? (
        <Notice kind='error'>
          {m.alertFailed + alert.error}
          <Text className='text'>{m.alertRetry}</Text>
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
            <HelpCard key={r.id} request={r} onOpen={(x) => go(ROUTES.seniorRequest, { id: x.id, ...params })} />
          ))}
        </View>
      ) : null}

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
