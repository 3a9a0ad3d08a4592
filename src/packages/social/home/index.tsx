/**
 * 居委社工工作台: open alerts first (each labelled kind · source, whether someone is handling it), then the work: the seniors of
 * the 居委 (records, desk mode, proxies), registering a senior, the queue (pool grants, disputes,
 * overdue confirmations, with counts) and all alerts; and the 居委 this person serves.
 */
import { Text, View } from '@tarojs/components';
import { AlertHandling } from '@/components/AlertHandling';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { SubscribeCard } from '@/components/SubscribeCard';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { alertMessages } from '@/messages/alerts';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/dates';
import { ROUTES, go, type Route } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import '../components/social.scss';
import './index.scss';

export default function SocialHome() {
  const { me } = useSession('registered');
  const profile = me?.profile;
  const served = (profile?.roles ?? []).filter((r) => r.role === 'socialWorker' && r.committeeName);
  const staff = served.length > 0 || !!me?.roles.includes('admin');
  const alerts = useQuery('alerts', 'list', { state: 'open', limit: 20 }, staff);
  const queue = useQuery('help', 'queue', {}, staff);
  useShowAgain(() => {
    if (!staff) return;
    void alerts.reload();
    void queue.reload();
  });

  if (!profile) {
    return (
      <Screen>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }

  const q = queue.data;
  const rows: Array<{ key: string; route: Route; title: string; desc: string }> = [
    { key: 'seniors', route: ROUTES.socialSeniors, ...m.rows.seniors },
    { key: 'register', route: ROUTES.socialRegister, ...m.rows.register },
    {
      key: 'queue',
      route: ROUTES.socialQueue,
      title: m.rows.queue.title,
      desc: q ? m.rows.queueCount(q.grants.length, q.disputes.length, q.overdue.length) : m.rows.queue.desc,
    },
    { key: 'alerts', route: ROUTES.alertList, ...m.rows.alerts },
    // 老伙伴 (src/packages/partner): coverage, pairing, contact approvals (its alerts are in 警报 above).
    { key: 'partnerCoverage', route: ROUTES.partnerCoverage, ...m.rows.partnerCoverage },
    { key: 'partnerPairing', route: ROUTES.partnerPairing, ...m.rows.partnerPairing },
    { key: 'partnerApprovals', route: ROUTES.partnerApprovals, ...m.rows.partnerApprovals },
  ];
  const open = alerts.data?.items ?? [];

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.greeting(profile.name)}</Text>
      {!staff ? <Notice kind='info'>{m.notSocial}</Notice> : null}

      {alerts.error ? <Notice kind='error'>{m.alertsFailed + alerts.error}</Notice> : null}
      {open.length ? (
        <View className='section'>
          <Text className='section__title'>{m.alertsTitle}</Text>
          {open.map((a) => (
            <View key={a.id} className='alert-card' hoverClass='alert-card--pressed' ariaRole='link' onClick={() => go(ROUTES.alertDetail, { id: a.id })}>
              <Text className='alert-card__icon'>!</Text>
              <View className='alert-card__body'>
                <Text className='alert-card__title'>{m.alertLine(a.seniorName, a.committeeName)}</Text>
                <Text className='text social-alert__label'>{alertMessages.label(a)}</Text>
                <Text className='text'>{alertMessages.raised(a, dateTime(a.raisedAt))}</Text>
                <AlertHandling alert={a} />
              </View>
              <Text className='role-card__go'>{m.alertOpen} ›</Text>
            </View>
          ))}
        </View>
      ) : null}

      {staff ? <SubscribeCard /> : null}
      {staff ? (
        <View className='section'>
          <Text className='section__title'>{m.work}</Text>
          <View className='role-cards'>
            {rows.map((r) => (
              <View key={r.key} className={`role-card social-row social-row--${r.key}`} hoverClass='role-card--pressed' onClick={() => go(r.route)}>
                <View className='role-card__body'>
                  <Text className='role-card__title'>{r.title}</Text>
                  <Text className='role-card__desc'>{r.desc}</Text>
                </View>
                <Text className='role-card__go'>{m.rows.open} ›</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      {served.length ? (
        <View className='section'>
          <Text className='section__title'>{m.committees}</Text>
          {served.map((r) => (
            <View key={r.committeeId} className='team'>
              <Text className='team__name'>{r.committeeName}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.home)}>
        {m.back}
      </Button>
    </Screen>
  );
}
