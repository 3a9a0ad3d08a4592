/**
 * 首页: greeting; for seniors and their proxies the two big senior buttons (一键求助, 请人帮忙); for
 * volunteers 我的下一个活动; a card per role the person holds, elder mode, and the street's teams.
 * A senior (or a proxy acting for exactly one senior) is taken to the senior home once per launch;
 * going back returns here.
 */
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { ActivityCard } from '../../components/ActivityCard';
import { ElderToggle } from '../../components/ElderToggle';
import { FailureNotice } from '../../components/FailureNotice';
import { Notice } from '../../components/Notice';
import { QuickLinks } from '../../components/QuickLinks';
import { RoleCards } from '../../components/RoleCards';
import { Screen } from '../../components/Screen';
import { TeamList } from '../../components/TeamList';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { useShowAgain } from '../../hooks/useShowAgain';
import { commonMessages } from '../../messages/common';
import { useMutation } from '../../hooks/useMutation';
import { clock } from '../../services/dates';
import { ROUTES, go } from '../../services/routes';
import { Button } from '../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

/**
 * Open alerts named on the home. "More" only when the page came back full: for a partner or family
 * member the server filters a page of their latest alerts, so a next page does not mean more open ones.
 */
const OPEN_ALERTS_SHOWN = 3;

/** Whom the app has already taken to the senior home in this launch (a new sign-in lands again). */
let landedFor = '';

export default function Home() {
  const { me, loading, error, refresh } = useSession('registered');
  const registered = !!me?.profile;
  const roles = me?.roles ?? [];
  const senior = roles.includes('senior');
  const proxy = !senior && roles.includes('proxy');
  const volunteer = roles.includes('volunteer') || roles.includes('leader');
  const teams = useQuery('teams', 'list', {}, registered);
  const unread = useQuery('inbox', 'unreadCount', {}, registered);
  const family = useQuery('seniors', 'mine', {}, registered && proxy);
  // A few, so the next one with a place is found behind waitlists (a waitlist is not where one is going).
  const next = useQuery('activities', 'mine', { scope: 'upcoming', limit: 10 }, registered && volunteer);
  const alert = useMutation('alerts', 'raise');
  // Alerts still open that this person may act on (the 居委's, the street's, a paired or family senior's):
  // first on the home, not only as an unread count further down.
  const openAlerts = useQuery('alerts', 'list', { state: 'open', limit: OPEN_ALERTS_SHOWN }, registered && !senior);
  useShowAgain(() => {
    if (registered && !senior) void openAlerts.reload();
    if (registered) void unread.reload();
    if (registered && volunteer) void next.reload();
  });

  const signedNext = next.data ? (next.data.items.find((a) => a.my?.state === 'signed') ?? next.data.items[0]) : undefined;
  // A leader goes to the activities they run too: the earlier of those and the one signed up for.
  const ledNext = (teams.data?.items ?? [])
    .filter((t) => t.iLead)
    .flatMap((t) => t.nextActivities)
    .sort((a, b) => a.startAt.localeCompare(b.startAt))[0];
  const leadsNext = !!ledNext && (!signedNext || ledNext.startAt < signedNext.startAt);
  const nextActivity = leadsNext ? ledNext : signedNext;

  // The one senior a proxy acts for (with several, they choose on the senior pages).
  const onlySenior = family.data && family.data.proxyFor.length === 1 ? family.data.proxyFor[0] : undefined;
  const seniorParams = onlySenior ? { seniorId: onlySenior.id } : {};
  const forSenior = senior || !!onlySenior;

  useEffect(() => {
    const id = me?.profile?.id ?? '';
    if (!id || landedFor === id) return;
    if (senior) {
      landedFor = id;
      go(ROUTES.senior);
    } else if (proxy && family.data) {
      landedFor = id;
      if (onlySenior) go(ROUTES.senior, { seniorId: onlySenior.id });
    }
  }, [me, senior, proxy, family.data, onlySenior]);

  if (!me?.profile) {
    return (
      <Screen>
        {error ? (
          <Notice
            kind='error'
            action={
              <Button type='primary' size='large' block onClick={() => void refresh()}>
                {commonMessages.retry}
              </Button>
            }
          >
            {m.loadFailed}
            {error}
          </Notice>
        ) : (
          <Text className='loading'>{loading ? commonMessages.loading : ''}</Text>
        )}
      </Screen>
    );
  }

  const profile = me.profile;
  return (
    <Screen>
      <Text className='greeting'>{m.greeting(profile.name)}</Text>
      {error ? <Notice kind='error'>{m.loadFailed + error}</Notice> : null}
      {openAlerts.data?.items.length ? (
        <Notice
          kind='error'
          head={m.openAlerts.head}
          action={
            <Button
              type='primary'
              size='large'
              block
              onClick={() => {
                const only = openAlerts.data?.items.length === 1 ? openAlerts.data.items[0] : undefined;
                if (only) go(ROUTES.alertDetail, { id: only.id });
                else go(ROUTES.alertList);
              }}
            >
              {m.openAlerts.go}
            </Button>
          }
        >
          <Text className='confirm__big'>
            {m.openAlerts.title(openAlerts.data.items.length, !!openAlerts.data.next && openAlerts.data.items.length === OPEN_ALERTS_SHOWN)}
          </Text>
          {openAlerts.data.items.map((a) => (
            <Text key={a.id} className='text'>
              {m.openAlerts.line(a.seniorName, a.kindText, clock(a.raisedAt), a.acknowledgedByName)}
            </Text>
          ))}
        </Notice>
      ) : null}

      {forSenior ? (
        <View className='section senior-quick'>
          {onlySenior ? <Text className='section__title'>{m.forSenior(onlySenior.name)}</Text> : null}
          <Button
            className='btn-block senior-quick__alert'
            type='danger'
            size='xlarge'
            block
            disabled={alert.busy}
            onClick={() => {
              void alert.run(seniorParams).then((res) => {
                if (res) go(ROUTES.seniorAlert, seniorParams);
              });
            }}
          >
            {alert.busy ? m.alerting : m.alert}
          </Button>
          <FailureNotice of={alert} failed={m.alertFailed} />
          <Button className='btn-block senior-quick__ask' type='primary' size='xlarge' block onClick={() => go(ROUTES.seniorAsk, seniorParams)}>
            {m.askHelp}
          </Button>
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.senior, seniorParams)}>
            {m.seniorHome}
          </Button>
        </View>
      ) : null}

      {volunteer ? (
        <View className='section next-activity'>
          <Text className='section__title'>{m.nextTitle}</Text>
          {next.error ? <Notice kind='error'>{m.nextFailed + next.error}</Notice> : null}
          {next.loading && !next.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
          {leadsNext ? <Text className='muted'>{m.leading}</Text> : null}
          {nextActivity ? <ActivityCard activity={nextActivity} withDate /> : null}
          {next.data && !nextActivity ? (
            <View className='next-activity__none'>
              <Text className='muted'>{m.noNext}</Text>
              <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.activities)}>
                {m.findActivity}
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='section'>
        <Text className='section__title'>{m.rolesTitle}</Text>
        <RoleCards roles={profile.roles} />
      </View>

      <View className='section'>
        <Text className='section__title'>{volunteer ? m.linksTitle : m.linksTitleNoActivities}</Text>
        <QuickLinks unread={unread.data?.unread ?? null} volunteer={volunteer} />
      </View>

      <ElderToggle />

      <View className='section'>
        <Text className='section__title'>{m.teamsTitle}</Text>
        {teams.error ? <Notice kind='error'>{m.teamsFailed + teams.error}</Notice> : null}
        {teams.loading && !teams.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        {teams.data && teams.data.items.length === 0 ? <Text className='muted'>{m.noTeams}</Text> : null}
        {teams.data ? <TeamList teams={teams.data.items} leadersLabel={m.teamLeaders} noLeader={m.noLeader} /> : null}
      </View>
    </Screen>
  );
}
