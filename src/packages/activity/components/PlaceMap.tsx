/**
 * A small map inside a page: an activity's place (centred and labelled) or a team's routes and
 * activities, on the same street map as the map page, with a way to the full map.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import { useQuery } from '@/hooks/useQuery';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { StreetMap } from './StreetMap';
import { placeMapMessages as m } from './messages';

const isWeapp = process.env.TARO_ENV === 'weapp';

type Props = { place: { latitude: number; longitude: number; name: string }; teamId?: undefined } | { teamId: string; place?: undefined };

export function PlaceMap({ place, teamId }: Props) {
  const map = useQuery('activities', 'practiceMap', {}, true);
  const data = map.data;
  const activities = useMemo(() => (data && teamId ? data.activities.filter((a) => a.teamId === teamId && a.upcoming) : []), [data, teamId]);
  const routes = useMemo(() => (data && teamId ? data.routes.filter((r) => r.teamId === teamId) : []), [data, teamId]);
  // A map that failed to load says nothing rather than showing an empty box: the place name is on the page.
  if (!data) return null;
  if (teamId && activities.length === 0 && routes.length === 0) return null;
  return (
    <View className='section place-map'>
      <Text className='section__title'>{teamId ? m.teamTitle : m.placeTitle}</Text>
      <StreetMap
        data={{ ...data, estates: null }}
        activities={activities}
        routes={routes}
        showPlaces={false}
        focus={place ?? null}
        size='small'
        onActivity={(id) => go(ROUTES.activity, { id })}
      />
      {data.note ? <Text className='muted'>{data.note}</Text> : null}
      {place && isWeapp ? (
        <Button
          size='large'
          block
          onClick={() => void Taro.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.name, scale: 17 })}
        >
          {m.navigate}
        </Button>
      ) : null}
      <Button size='large' block onClick={() => go(ROUTES.activityMap)}>
        {m.fullMap}
      </Button>
    </View>
  );
}
