/**
 * 活动排班: a team's activities (coming, or the last 30 days, cancelled ones included), with the
 * leader's actions on each: roster and attendance, the check-in code, edit or cancel.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActivityCard } from '@/components/ActivityCard';
import { LoadMore } from '@/components/LoadMore';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { usePaged } from '@/hooks/usePaged';
import { useShowAgain } from '@/hooks/useShowAgain';
import { commonMessages } from '@/messages/common';
import { today } from '@/services/dates';
import { addDays } from '@core/domain/schedule';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useChosenTeam } from '../components/useChosenTeam';
import { messages as m } from './messages';
import './index.scss';

type Range = 'upcoming' | 'past';

export default function Schedule() {
  const { led, teamId, setTeamId } = useChosenTeam();
  const [range, setRange] = useState<Range>('upcoming');
  const now = today();
  const input =
    range === 'upcoming'
      ? { teamId: teamId ?? '', from: now, includeCancelled: true, limit: 20 }
      : { teamId: teamId ?? '', from: addDays(now, -30), to: now, includeCancelled: true, limit: 20 };
  const list = usePaged('activities', 'list', input, !!teamId);
  useShowAgain(() => void list.reload());
  const items = range === 'past' ? [...list.items].reverse() : list.items;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {led.ready && led.teams.length === 0 ? <Notice kind='info'>{m.noTeam}</Notice> : null}
      <TeamPicker label={m.chooseTeam} teams={led.teams} value={teamId} onChange={setTeamId} />
      {teamId ? (
        <>
          <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.activityForm, { teamId })}>
            {m.create}
          </Button>
          <View className='section'>
            <Tabs
              options={[
                { value: 'upcoming', label: m.ranges.upcoming },
                { value: 'past', label: m.ranges.past },
              ]}
              value={range}
              onChange={setRange}
            />
          </View>
          {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
          {list.loaded && list.items.length === 0 ? <Text className='muted'>{m.none}</Text> : null}
          {items.map((a) => (
            <View key={a.id} className='schedule-item'>
              <ActivityCard activity={a} />
              <View className='btn-pair schedule-item__actions'>
                <Button size='large' onClick={() => go(ROUTES.roster, { id: a.id })}>
                  {m.roster}
                </Button>
                {a.status !== 'cancelled' && a.phase !== 'ended' ? (
                  <Button size='large' onClick={() => go(ROUTES.checkinCode, { id: a.id })}>
                    {m.code}
                  </Button>
                ) : null}
                {a.status !== 'cancelled' && a.phase === 'upcoming' ? (
                  <Button size='large' onClick={() => go(ROUTES.activityForm, { id: a.id })}>
                    {m.edit}
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
          <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
        </>
      ) : led.loading ? (
        <Text className='loading'>{commonMessages.loading}</Text>
      ) : null}
    </Screen>
  );
}
