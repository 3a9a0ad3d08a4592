/** The street report's charts: each as a spec for src/charts and a table of the same numbers. */
import type { StreetReport } from '@core/api';
import { COLORS, type ChartSpec } from '@/charts/draw';
import type { ChartTable } from '@/charts/Chart';
import { chartHours } from '@/services/format';
import { messages } from './messages';

const c = messages.charts;
const t = messages.timebank;

/** The charts draw hours (so the axis steps are whole hours); every figure on them reads as 1小时53分, as in the tables. */
const inHours = (minutes: number): number => minutes / 60;
/** The ticks of an hours axis, whole hours under its 小时 heading (the spec asks for whole steps): 1, 12, 120. */
export const axisHours = (h: number): string => String(Math.round(h));
const plain = (n: number): string => String(Math.round(n));

export function monthsChart(r: StreetReport): { spec: ChartSpec; table: ChartTable } {
  const months = r.service.byMonth;
  return {
    spec: {
      kind: 'line',
      labels: months.map((m) => c.month(m.month)),
      series: [{ name: messages.figures.hours, color: COLORS.red, values: months.map((m) => inHours(m.minutes)) }],
      format: axisHours,
      unit: c.hoursUnit,
      integer: true,
    },
    table: { head: [...c.monthHead], rows: months.map((m) => [c.monthFull(m.month), m.hours, String(m.count)]) },
  };
}

export function teamsSpec(r: StreetReport): ChartSpec {
  return {
    kind: 'hbar',
    labels: r.service.byTeam.map((x) => x.name),
    series: [{ name: messages.figures.hours, color: COLORS.red, values: r.service.byTeam.map((x) => inHours(x.minutes)) }],
    format: chartHours,
  };
}

export function categoriesSpec(r: StreetReport): ChartSpec {
  return {
    kind: 'hbar',
    labels: r.service.byCategory.map((x) => x.name),
    series: [{ name: messages.figures.hours, color: COLORS.blue, values: r.service.byCategory.map((x) => inHours(x.minutes)) }],
    format: chartHours,
  };
}

const FLOWS = ['earned', 'redeemed', 'donated', 'granted'] as const;

export function flowsChart(r: StreetReport): { spec: ChartSpec; table: ChartTable } {
  return {
    spec: {
      kind: 'hbar',
      labels: FLOWS.map((k) => t[k]),
      series: [{ name: c.flowsTitle, color: COLORS.amber, values: FLOWS.map((k) => inHours(r.timebank[k].minutes)) }],
      format: chartHours,
    },
    table: { head: [...c.flowsHead], rows: FLOWS.map((k) => [t[k], r.timebank[k].hours, String(r.timebank[k].count)]) },
  };
}

export function coverageChart(r: StreetReport): { spec: ChartSpec; table: ChartTable } {
  const weeks = r.partners.coverage.weeks;
  return {
    spec: {
      kind: 'stacked',
      labels: weeks.map((w) => c.week(w.week, r.from)),
      series: [
        { name: c.onTime, color: COLORS.green, values: weeks.map((w) => w.onTime) },
        { name: c.late, color: COLORS.amber, values: weeks.map((w) => w.late) },
        { name: c.unreachable, color: COLORS.red, values: weeks.map((w) => w.unreachable) },
      ],
      format: plain,
      integer: true,
    },
    table: { head: [...c.coverageHead], rows: weeks.map((w) => [c.weekFull(w.week, r.from, r.to), String(w.onTime), String(w.late), String(w.unreachable)]) },
  };
}

export function helpChart(r: StreetReport): { spec: ChartSpec; table: ChartTable } {
  const states = r.help.byState;
  return {
    spec: {
      kind: 'hbar',
      labels: states.map((s) => s.label),
      series: [{ name: c.helpTitle, color: COLORS.blue, values: states.map((s) => s.count) }],
      format: plain,
    },
    table: { head: [...c.helpHead], rows: states.map((s) => [s.label, String(s.count)]) },
  };
}
