/**
 * 活动 tab. The activities feature (sign-up, check-in, hours) is not built yet: the page says so
 * plainly and shows the real team list meanwhile, never placeholder activities.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { TeamList } from '../../components/TeamList';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { commonMessages } from '../../messages/common';
import { messages as m } from './messages';

export default function Activities() {
  const { me } = useSession('registered');
  const teams = useQuery('teams', 'list', {}, !!me?.registered);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Notice kind='info'>{m.notYet}</Notice>
      <View className='section'>
        <Text className='text'>{m.meanwhile}</Text>
        {teams.error ? <Notice kind='error'>{m.teamsFailed + teams.error}</Notice> : null}
        {teams.loading && !teams.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        {teams.data ? <TeamList teams={teams.data.items} leadersLabel={m.teamLeaders} noLeader={m.noLeader} /> : null}
      </View>
    </Screen>
  );
}
