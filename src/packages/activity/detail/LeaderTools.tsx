/** The leader's tools for an activity of a team they manage: roster, check-in code, edit. */
import { Text, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/api';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';

export function LeaderTools({ a }: { a: ActivityDetail }) {
  const cancelled = a.status === 'cancelled';
  return (
    <View className='section card'>
      <Text className='section__title'>{m.leaderTitle}</Text>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.roster, { id: a.id })}>
        {m.roster}
      </Button>
      {!cancelled ? (
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.checkinCode, { id: a.id })}>
          {m.code}
        </Button>
      ) : null}
      {!cancelled && a.phase === 'upcoming' ? (
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.activityForm, { id: a.id })}>
          {m.edit}
        </Button>
      ) : null}
    </View>
  );
}
