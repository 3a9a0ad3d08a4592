/** The street's teams, as `teams.list` returns them; a tap opens the team (join, members). */
import { Text, View } from '@tarojs/components';
import type { TeamView } from '@/services/api';
import { ROUTES, go } from '@/services/routes';

interface Props {
  teams: TeamView[];
  leadersLabel: string;
  noLeader: string;
}

export function TeamList({ teams, leadersLabel, noLeader }: Props) {
  return (
    <View className='team-list'>
      {teams.map((t) => (
        <View key={t.id} className='team tappable' onClick={() => go(ROUTES.team, { id: t.id })}>
          <Text className='team__name'>{t.name}</Text>
          {t.description ? <Text className='team__desc'>{t.description}</Text> : null}
          <Text className='team__leaders'>
            {leadersLabel}
            {t.leaderNames.length ? t.leaderNames.join('、') : noLeader}
          </Text>
        </View>
      ))}
    </View>
  );
}
