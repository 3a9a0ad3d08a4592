/** 队长工作台: the teams this person leads (from their roles), with the teams' details. */
import { Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { TeamList } from '../../../components/TeamList';
import { useQuery } from '../../../hooks/useQuery';
import { useSession } from '../../../hooks/useSession';
import { commonMessages } from '../../../messages/common';
import type { TeamView } from '../../../services/api';
import { ROUTES, go } from '../../../services/routes';
import { Button } from '../../../ui/nutui';
import { messages as m } from './messages';

export default function LeaderHome() {
  const { me } = useSession('registered');
  const profile = me?.profile;
  const led = (profile?.roles ?? []).filter((r) => r.role === 'leader' && r.teamId);
  const teams = useQuery('teams', 'list', {}, led.length > 0);

  // Teams from the role grants; details from teams.list when it arrives.
  const details = new Map((teams.data?.items ?? []).map((t) => [t.id, t]));
  const mine: TeamView[] = led.map(
    (r) => details.get(r.teamId ?? '') ?? { id: r.teamId ?? '', name: r.teamName ?? '', description: '', leaderNames: [] },
  );

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
      <Text className='text'>{m.greeting(profile.name)}</Text>
      {led.length === 0 ? (
        <Notice kind='info'>{m.notLeader}</Notice>
      ) : (
        <View className='section'>
          <Text className='section__title'>{m.myTeams}</Text>
          {teams.error ? <Notice kind='error'>{m.teamsFailed + teams.error}</Notice> : null}
          <TeamList teams={mine} leadersLabel={m.leaders} noLeader={m.noLeader} />
        </View>
      )}
      <Notice kind='info'>{m.comingSoon}</Notice>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.home)}>
        {m.back}
      </Button>
    </Screen>
  );
}
