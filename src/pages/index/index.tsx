/** 首页: greeting, a card per role the person holds, elder mode, and the street's teams. */
import { Text, View } from '@tarojs/components';
import { ElderToggle } from '../../components/ElderToggle';
import { Notice } from '../../components/Notice';
import { QuickLinks } from '../../components/QuickLinks';
import { RoleCards } from '../../components/RoleCards';
import { Screen } from '../../components/Screen';
import { TeamList } from '../../components/TeamList';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { useShowAgain } from '../../hooks/useShowAgain';
import { commonMessages } from '../../messages/common';
import { Button } from '../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

export default function Home() {
  const { me, loading, error, refresh } = useSession('registered');
  const registered = !!me?.profile;
  const teams = useQuery('teams', 'list', {}, registered);
  const unread = useQuery('inbox', 'unreadCount', {}, registered);
  useShowAgain(() => {
    if (registered) void unread.reload();
  });

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

      <View className='section'>
        <Text className='section__title'>{m.rolesTitle}</Text>
        <RoleCards roles={profile.roles} />
      </View>

      <View className='section'>
        <Text className='section__title'>{m.linksTitle}</Text>
        <QuickLinks unread={unread.data?.unread ?? null} volunteer={me.roles.includes('volunteer') || me.roles.includes('leader')} />
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
