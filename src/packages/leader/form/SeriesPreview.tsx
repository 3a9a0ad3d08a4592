/**
 * Before a weekly series is saved: its dates, and a warning when the team already has the same
 * series (same weekday, start time and title on any of those dates), asked of the server.
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
  const same = (existing.data?.items ?? []).filter((a) => a.title === title && a.startTime === form.startTime && dates.includes(a.date));
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
    </View>
  );
}
