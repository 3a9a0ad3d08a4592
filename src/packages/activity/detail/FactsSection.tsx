/** The activity's facts (when, where, places, deadlines, conditions) and its description. */
import { Text, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/api';
import { Kv } from '@/components/Kv';
import { dateTime } from '@/services/dates';
import { messages as m } from './messages';

export function FactsSection({ a }: { a: ActivityDetail }) {
  return (
    <>
      <View className='card section'>
        <Kv k={m.when} v={a.timeText} />
        <Kv k={m.where} v={a.place.name} />
        <Kv k={m.team} v={a.teamName} />
        <Kv k={m.category} v={a.categoryName} />
        <Kv k={m.places} v={m.placesValue(a.signedCount, a.capacity, a.placesLeft)} />
        {a.waitlistCount > 0 ? <Kv k={m.waitlist} v={m.waitlistValue(a.waitlistCount)} /> : null}
        <Kv k={m.signupDeadline} v={dateTime(a.signupDeadline)} />
        <Kv k={m.cancelDeadline} v={dateTime(a.cancelDeadline)} />
        <Kv k={m.conditions} v={[a.membersOnly ? m.membersOnly : '', a.minAge ? m.minAge(a.minAge) : ''].filter(Boolean).join('，') || m.noConditions} />
        {a.seriesCount && a.seriesIndex !== null ? <Kv k={m.series} v={m.seriesValue(a.seriesIndex, a.seriesCount)} /> : null}
        {a.geofenceRadiusM ? <Kv k={m.geofence} v={m.geofenceValue(a.geofenceRadiusM)} /> : null}
      </View>
      {a.description ? (
        <View className='section'>
          <Text className='section__title'>{m.description}</Text>
          <Text className='text'>{a.description}</Text>
        </View>
      ) : null}
    </>
  );
}
