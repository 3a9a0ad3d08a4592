/** A team's month on its leader's home: service minutes per day (approved and waiting), then the table of them. */
import { Text } from '@tarojs/components';
import { useEffect } from 'react';
import type { TeamMonth as TeamMonthData } from '@core/api';
import { Chart } from '@/charts/Chart';
import { COLORS, type ChartSpec } from '@/charts/draw';
import type { ChartTable } from '@/charts/Chart';
import { useQuery } from '@/hooks/useQuery';
import { hours } from '@/services/format';
import { messages } from './messages';

const m = messages.month;

/** Hours on the axis (drawn in hours, so its steps are round hours): 1.5, 12. */
const axisHours = (h: number): string => String(Math.round(h * 10) / 10);

export function teamMonthChart(d: TeamMonthData): { spec: ChartSpec; table: ChartTable } {
  // Only days with service in the table; the chart shows every day of the month.
  const busy = d.days.filter((x) => x.approvedMinutes || x.pendingMinutes);
  return {
    spec: {
      kind: 'stacked',
      labels: d.days.map((x) => String(Number(x.date.slice(8, 10)))),
      series: [
        { name: m.approved, color: COLORS.red, values: d.days.map((x) => x.approvedMinutes / 60) },
        { name: m.pending, color: COLORS.grey, values: d.days.map((x) => x.pendingMinutes / 60) },
      ],
      format: axisHours,
      unit: m.unit,
    },
    table: { head: [...m.head], rows: busy.map((x) => [m.day(x.date), hours(x.approvedMinutes), hours(x.pendingMinutes)]) },
  };
}

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
