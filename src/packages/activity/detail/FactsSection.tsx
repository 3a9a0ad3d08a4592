/** The activity's facts (when, where, places, deadlines, conditions) and its description. */
import { Text, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/api';
import { Kv } from '@/components/Kv';
import { dateTime, dayLabel } from '@/services/dates';
import { ROUTES, go } from '@/services/routes';
import { PlaceMap } from '../components/PlaceMap';
import { messages as m } from './messages';

export function FactsSection({ a }: { a: ActivityDetail }) {
  return (
    <>
      <View className='card section'>
        <Kv k={m.when} v={a.timeText} />
        <Kv k={m.where} v={a.place.name} />
        <Kv k={m.team} v={a.teamName} />
        <Kv k={m.category} v={a.categoryName} />
        <Kv k={m.places} v={a.status === 'cancelled' ? m.placesCancelled(a.capacity) : m.placesValue(a.signedCount, a.capacity, a.placesLeft)} />
        {a.waitlistCount > 0 ? <Kv k={m.waitlist} v={m.waitlistValue(a.waitlistCount)} /> : null}
        <Kv k={m.signupDeadline} v={dateTime(a.signupDeadline)} />
        <Kv k={m.cancelDeadline} v={dateTime(a.cancelDeadline)} />
        <Kv k={m.conditions} v={[a.membersOnly ? m.membersOnly : '', a.minAge ? m.minAge(a.minAge) : ''].filter(Boolean).join('，') || m.noConditions} />
        {a.seriesCount && a.seriesIndex !== null ? <Kv k={m.series} v={m.seriesValue(a.seriesIndex, a.seriesCount)} /> : null}
        {a.geofenceRadiusM ? <Kv k={m.geofence} v={m.geofenceValue(a.geofenceRadiusM)} /> : null}
      </View>
      <PlaceMap place={a.place} />
      {a.seriesDates.length > 1 ? (
        <View className='section'>
          <Text className='section__title'>{m.otherDates}</Text>
          {a.seriesDates
            .filter((d) => d.id !== a.id)
            .map((d) => (
              <View key={d.id} className='choice tappable series-date' ariaRole='link' onClick={() => go(ROUTES.activity, { id: d.id })}>
                <Text>
                  {dayLabel(d.date)} {d.startTime} · {d.status === 'cancelled' ? m.otherDateCancelled : m.otherDatePlaces(d.placesLeft)}
                </Text>
              </View>
            ))}
        </View>
      ) : null}
      {a.description ? (
        <View className='section'>
          <Text className='section__title'>{m.description}</Text>
          <Text className='text'>{a.description}</Text>
        </View>
      ) : null}
    </>
  );
}
