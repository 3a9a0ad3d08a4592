/**
 * Before a weekly series is saved: its dates, and a warning when the team already has the same
 * series (same weekday, start time and title on any of those dates), or any other activity at an
 * overlapping time on those dates (its sign-ups could not join the new one: TIME_CONFLICT), asked of
 * the server.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { useQuery } from '@/hooks/useQuery';
import { dateOnly, dayLabel, weeklyDates } from '@/services/dates';
import { isRealDate } from '@/services/rules';
import type { Form } from './form';
import { messages as m } from './messages';

export function SeriesPreview({ form, teamId }: { form: Form; teamId: string | null }) {
  const weeks = Number(form.weeks);
  const valid = isRealDate(form.date) && Number.isInteger(weeks) && weeks > 0;
  const dates = valid ? weeklyDates(form.date, weeks) : [];
  const existing = useQuery(
    'activities',
    'list',
    { teamId: teamId ?? undefined, from: dates[0] ?? form.date, to: dates[dates.length - 1] ?? form.date, limit: 100 },
    valid && !!teamId,
  );
  if (!valid) return null;
  const title = form.title.trim();
  const onDates = (existing.data?.items ?? []).filter((a) => a.status === 'scheduled' && dates.includes(a.date));
  const same = onDates.filter((a) => a.title === title && a.startTime === form.startTime);
  // Times as HH:MM compare as text; an activity that ends when the new one starts does not overlap.
  const overlapping = onDates.filter((a) => !same.includes(a) && a.startTime < form.endTime && form.startTime < a.endTime);
  const byTitle = new Map<string, string[]>();
  for (const a of overlapping) byTitle.set(a.title, [...(byTitle.get(a.title) ?? []), dateOnly(`${a.startAt}`)]);
  return (
    <View className='field series-preview'>
      <Text className='field__label'>{m.weeks.preview(dates.length)}</Text>
      <View className='series-dates'>
        {dates.map((d) => (
          <Text key={d} className='series-dates__day'>
            {dayLabel(d)}
          </Text>
        ))}
      </View>
      {existing.loading && !existing.data ? <Text className='muted'>{m.weeks.checking}</Text> : null}
      {title && same.length > 0 ? <Notice kind='warning'>{m.weeks.duplicate(same.map((a) => dateOnly(`${a.startAt}`)).join('、'))}</Notice> : null}
      {byTitle.size > 0 ? (
        <Notice kind='warning'>{m.weeks.overlap([...byTitle].map(([t, ds]) => m.weeks.overlapItem(t, ds.join('、'))).join('，'))}</Notice>
      ) : null}
    </View>
  );
}
