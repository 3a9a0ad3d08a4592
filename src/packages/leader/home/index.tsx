/** 队长工作台: each team I lead, its month in a chart, its next activities, and the leader's tools (排班, 审核, 本队记录, 导出). */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActivityCard } from '@/components/ActivityCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useSession } from '@/hooks/useSession';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { useLedTeams } from '../components/useLedTeams';
import { messages as m } from './messages';
import { TeamMonth } from './TeamMonth';
import './index.scss';

export default function LeaderHome() {
  const { me } = useSession('registered');
  const profile = me?.profile;
  const led = useLedTeams();
  // Back from approvals or a new activity: the teams and their months are read again.
  const [shown, setShown] = useState(0);
  useShowAgain(() => {
    void led.reload();
    setShown((n) => n + 1);
  });

  if (!profile) {
    return (
      <Screen>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>
        {m.greeting(
          profile.name,
          profile.roles.some((r) => r.role === 'leader'),
        )}
      </Text>
      {led.error ? <Notice kind='error'>{m.teamsFailed + led.error}</Notice> : null}
      {led.loading && !led.ready ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {led.ready && led.teams.length === 0 ? <Notice kind='info'>{m.notLeader}</Notice> : null}
      {led.teams.length ? (
        <View className='section'>
          <Text className='section__title'>{m.myTeams}</Text>
          {led.teams.map((t) => (
            <View key={t.id} className='card leader-team'>
              <Text className='team__name'>{t.name}</Text>
              {t.description ? <Text className='team__desc'>{t.description}</Text> : null}
              <Text className='team__leaders'>{m.members(t.leaderCount, t.memberCount)}</Text>
              <TeamMonth teamId={t.id} shown={shown} />
              <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.activityForm, { teamId: t.id })}>
                {m.create}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => go(ROUTES.schedule, { teamId: t.id })}>
                {m.schedule}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => go(ROUTES.approvals, { teamId: t.id })}>
                {m.approvals}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => go(ROUTES.newRecord, { teamId: t.id })}>
                {m.newRecord}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => go(ROUTES.teamRecords, { teamId: t.id })}>
                {m.records}
              </Button>
              <Button className='btn-block' size='large' block onClick={() => go(ROUTES.exportRecords, { teamId: t.id })}>
                {m.export}
              </Button>
              <View className='section'>
                <Text className='section__title'>{m.next}</Text>
                {t.nextActivities.length === 0 ? <Text className='muted'>{m.noNext}</Text> : null}
                {t.nextActivities.map((a) => (
                  <ActivityCard key={a.id} activity={a} />
                ))}
              </View>
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
