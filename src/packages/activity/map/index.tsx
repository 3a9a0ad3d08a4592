/**
 * 活动地图: on weapp a `Map` with one marker per place (its name always shown in a callout);
 * on H5, where there is no map, the same places as a list. Choosing a place lists its activities.
 */
import { Map, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActivityView } from '@core/api';
import { ActivityCard } from '@/components/ActivityCard';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
/** The tab bar's activity icon doubles as the marker (a file of the main package). */
const MARKER_ICON = '/assets/tab/activities-active.png';

interface Place {
  key: string;
  id: number;
  name: string;
  latitude: number;
  longitude: number;
  activities: ActivityView[];
}

function placesOf(items: ActivityView[]): Place[] {
  const byKey = new globalThis.Map<string, Place>();
  for (const a of items) {
    const key = `${a.place.name}|${a.place.latitude.toFixed(4)}|${a.place.longitude.toFixed(4)}`;
    const p = byKey.get(key) ?? { key, id: byKey.size + 1, name: a.place.name, latitude: a.place.latitude, longitude: a.place.longitude, activities: [] };
    p.activities.push(a);
    byKey.set(key, p);
  }
  return [...byKey.values()];
}

export default function ActivityMap() {
  const { me } = useSession('registered');
  const list = useQuery('activities', 'list', { limit: 100 }, !!me?.registered);
  const [chosen, setChosen] = useState<string | null>(null);
  const places = placesOf(list.data?.items ?? []);
  const place = places.find((p) => p.key === chosen) ?? null;
  const center = places.length
    ? { latitude: places.reduce((s, p) => s + p.latitude, 0) / places.length, longitude: places.reduce((s, p) => s + p.longitude, 0) / places.length }
    : null;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='muted'>{isWeapp ? m.intro : m.h5Fallback}</Text>
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loading && !list.data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {list.data && places.length === 0 ? <Notice kind='info'>{m.none}</Notice> : null}

      {isWeapp && center ? (
        <Map
          className='street-map'
          latitude={center.latitude}
          longitude={center.longitude}
          scale={15}
          showLocation
          markers={
            places.map((p) => ({
              id: p.id,
              latitude: p.latitude,
              longitude: p.longitude,
              iconPath: MARKER_ICON,
              width: 36,
              height: 36,
              title: p.name,
              callout: {
                content: `${p.name}：${m.count(p.activities.length)}`,
                display: 'ALWAYS',
                fontSize: 16,
                padding: 8,
                borderRadius: 6,
                color: '#000000',
                bgColor: '#ffffff',
                textAlign: 'center',
              },
            })) as never
          }
          onError={() => undefined}
          onMarkerTap={(e) => {
            const hit = places.find((p) => p.id === Number((e.detail as { markerId?: number }).markerId));
            if (hit) setChosen(hit.key);
          }}
          onCalloutTap={(e) => {
            const hit = places.find((p) => p.id === Number((e.detail as { markerId?: number }).markerId));
            if (hit) setChosen(hit.key);
          }}
        />
      ) : null}

      {places.length ? (
        <View className='section'>
          <Text className='section__title'>{m.places}</Text>
          {places.map((p) => (
            <View
              key={p.key}
              className={`choice tappable${p.key === chosen ? ' choice--on' : ''}`}
              ariaRole='radio'
              ariaLabel={`${p.name}，${m.count(p.activities.length)}`}
              onClick={() => setChosen(p.key)}
            >
              <Text className='choice__mark'>{p.key === chosen ? '✓' : ''}</Text>
              <Text>
                {p.name}：{m.count(p.activities.length)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {place ? (
        <View className='section'>
          <Text className='section__title'>{m.placeActivities(place.name)}</Text>
          {isWeapp ? (
            <Button
              className='btn-block'
              size='large'
              block
              onClick={() => void Taro.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.name, scale: 17 })}
            >
              {m.openLocation}
            </Button>
          ) : null}
          <View className='section'>
            {place.activities.map((a) => (
              <ActivityCard key={a.id} activity={a} />
            ))}
          </View>
        </View>
      ) : null}
    </Screen>
  );
}
