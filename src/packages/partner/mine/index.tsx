/**
 * 我结对的老人: the partner volunteer's seniors, overdue and due today first (the server's order),
 * with the weather banner; each with two big actions: log a contact, open the senior's card.
 * Lists never carry an address or a phone. Not yet a partner: a way to join.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { SubscribeCard } from '@/components/SubscribeCard';
import { Screen } from '@/components/Screen';
import { Tag } from '@/components/Tag';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { DueLine } from '../components/DueLine';
import { CallButton } from '../components/CallButton';
import { ROUTES, go, type Route } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { StatusTag } from '../components/StatusTag';
import { partnerMessages as pm } from '../components/messages';
import { lastContactText } from '../components/lastContactText';
import { messages as m } from './messages';
import { LinkCard } from '@/components/LinkCard';
import '../components/partner.scss';
import './index.scss';

export default function MySeniors() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const profile = useQuery('partners', 'profile', {}, ready);
  const joined = !!profile.data && profile.data.state === 'active';
  const list = useQuery('partners', 'mySeniors', {}, ready && joined);
  useShowAgain(() => {
    void profile.reload();
    if (joined) void list.reload();
  });

  if (profile.loading && !profile.data) {
    return (
      <Screen>
        <Text className='greeting'>{m.heading}</Text>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }

  const links: Array<{ key: string; route: Route; title: string; desc: string }> = [
    { key: 'alerts', route: ROUTES.alertList, ...m.alerts },
    { key: 'profile', route: ROUTES.partnerJoin, ...m.profile },
  ];
  const items = list.data?.items ?? [];

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {profile.error ? <Notice kind='error'>{m.loadFailed + profile.error}</Notice> : null}
      {!joined && !profile.error ? (
        <>
          <Notice kind='info'>{m.notJoined}</Notice>
          <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.partnerJoin)}>
            {m.join}
          </Button>
        </>
      ) : null}

      {joined ? (
        <>
          <Text className='text field'>{m.intro}</Text>
          {/* The alarm chain tells a senior's 老伙伴 first: asked here, where they look after her, until it is on. */}
          {items.length ? <SubscribeCard audience='partner' onlyWhenOff /> : null}
          {list.data?.weather ? <Notice kind='warning'>{pm.weather}</Notice> : null}
          {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
          {list.loading && !list.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
          {list.data && items.length === 0 ? <Text className='text field'>{m.none}</Text> : null}
          {items.map((s) => (
            <View key={s.seniorId} className={`card pt-senior pt-senior--${s.status}`}>
              <Text className='pt-senior__name'>
                {s.name}
                {'\u3000'}
                {pm.age(s.age)}
              </Text>
              <StatusTag schedule={s} />
              {s.openAlerts > 0 ? <Tag kind='error'>{pm.openAlerts(s.openAlerts)}</Tag> : null}
              <Text className='text pt-line'>{lastContactText(s)}</Text>
              {s.dueAt && s.status !== 'contacted' && s.status !== 'unreachable' ? <DueLine dueAt={s.dueAt} /> : null}
              <View className='btn-row'>
                <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.partnerLog, { seniorId: s.seniorId, name: s.name })}>
                  {m.log}
                </Button>
                <Button className='btn-block' size='large' block onClick={() => go(ROUTES.partnerCard, { seniorId: s.seniorId })}>
                  {m.card}
                </Button>
              </View>
              {s.hasPhone ? <CallButton seniorId={s.seniorId} /> : <Text className='muted pt-no-phone'>{pm.noPhoneVisit}</Text>}
            </View>
          ))}
          <View className='section'>
            <Text className='section__title'>{m.more}</Text>
            <View className='role-cards'>
              {links.map((r) => (
                <LinkCard key={r.key} className={`pt-link pt-link--${r.key}`} title={r.title} desc={r.desc} go={m.open} onClick={() => go(r.route)} />
              ))}
            </View>
          </View>
        </>
      ) : null}
    </Screen>
  );
}
