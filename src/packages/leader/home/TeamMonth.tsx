/** A team's month on its leader's home: service minutes per day (approved and waiting), then the table of them. */
import { Text } from '@tarojs/components';
import { useEffect } from 'react';
import { Chart } from '@/charts/Chart';
import { useQuery } from '@/hooks/useQuery';
import { messages } from './messages';
import { teamMonthChart } from './team-month-chart';

const m = messages.month;

/** `shown` counts the page's returns: each one reads the month again. */
export function TeamMonth({ teamId, shown }: { teamId: string; shown: number }) {
  const q = useQuery('teams', 'month', { teamId });
  const { reload } = q;
  useEffect(() => {
    if (shown > 0) void reload();
  }, [shown, reload]);
  if (q.error) return <Text className='field__hint'>{m.failed + q.error}</Text>;
  const d = q.data;
  if (!d) return null;
  return (
    <Chart id={`month-${teamId}`} title={m.title(d.month)} summary={m.summary(d.teamName, d.month)} {...teamMonthChart(d)}>
      <Text className='text'>{m.totals(d.approved.hours, d.approved.count, d.pending.hours, d.pending.count)}</Text>
    </Chart>
  );
}
