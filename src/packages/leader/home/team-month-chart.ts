/** The team month's chart spec and table (no components, so a unit test can draw it). */
import type { TeamMonth as TeamMonthData } from '@core/api';
import { COLORS, type ChartSpec } from '@/charts/draw';
import type { ChartTable } from '@/charts/Chart';
import { hours } from '@/services/format';
import { messages } from './messages';

const m = messages.month;

/** Ticks of the hours axis: whole hours under its 小时 heading (`integer`), never "1.5". */
const axisHours = (h: number): string => String(Math.round(h));

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
      integer: true,
    },
    table: { head: [...m.head], rows: busy.map((x) => [m.day(x.date), hours(x.approvedMinutes), hours(x.pendingMinutes)]) },
  };
}
