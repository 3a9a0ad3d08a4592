/**
 * The chart drawing (src/charts/draw.ts) against a recording 2D context: round axis steps, an
 * all-zero chart draws 暂无数据 (never nothing), bars are as long as their values say, stacked
 * segments add up, x labels are thinned so they never overlap, and elder mode makes it taller.
 */
import { chartHeight, drawChart, isEmpty, niceStep, type ChartSpec, type Context2D } from '../../src/charts/draw';

interface Op {
  op: string;
  args: unknown[];
  fillStyle: unknown;
}

/** A context that records every call with the fill colour of the moment; text is 1 px per character per px of font. */
function recorder(): Context2D & { ops: Op[] } {
  const ops: Op[] = [];
  const ctx = {
    ops,
    fillStyle: '#000' as Context2D['fillStyle'],
    strokeStyle: '#000' as Context2D['strokeStyle'],
    lineWidth: 1,
    font: '12px sans-serif',
    textAlign: 'left' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    measureText(text: string) {
      const size = Number(/(\d+)px/.exec(ctx.font)![1]);
      return { width: Array.from(text).length * size };
    },
  } as Context2D & { ops: Op[] };
  for (const op of ['fillRect', 'fillText', 'beginPath', 'moveTo', 'lineTo', 'arc', 'stroke', 'fill'] as const) {
    (ctx as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => ops.push({ op, args, fillStyle: ctx.fillStyle });
  }
  return ctx;
}

const opts = { width: 360, height: 220, fontScale: 1, family: 'sans-serif', emptyText: '暂无数据' };
const texts = (ctx: { ops: Op[] }) => ctx.ops.filter((o) => o.op === 'fillText').map((o) => o.args[0]);

test('niceStep gives 1, 2 or 5 times a power of ten', () => {
  expect(niceStep(452, 4)).toBe(200);
  expect(niceStep(7.5, 4)).toBe(2);
  expect(niceStep(1.5, 4)).toBe(0.5);
  expect(niceStep(90, 4)).toBe(50);
  expect(niceStep(0, 4)).toBe(1);
});

test('an all-zero chart draws the empty text, not a blank canvas', () => {
  const spec: ChartSpec = { kind: 'stacked', labels: ['1', '2'], series: [{ name: 'a', color: '#ff0000', values: [0, 0] }], format: String };
  expect(isEmpty(spec)).toBe(true);
  const ctx = recorder();
  expect(drawChart(ctx, spec, opts)).toBe('empty');
  expect(texts(ctx)).toEqual(['暂无数据']);
  expect(ctx.ops.some((o) => o.op === 'fillRect' && o.fillStyle === '#ff0000')).toBe(false);
});

test('horizontal bars are as long as their values, with each total at the bar end', () => {
  const spec: ChartSpec = {
    kind: 'hbar',
    labels: ['甲队', '乙队', '丙队'],
    series: [{ name: 'h', color: '#ff0000', values: [4, 2, 0] }],
    format: (v) => `${v}h`,
  };
  const ctx = recorder();
  expect(drawChart(ctx, spec, { ...opts, height: chartHeight(spec, 1) })).toBe('drawn');
  const bars = ctx.ops.filter((o) => o.op === 'fillRect' && o.fillStyle === '#ff0000').map((o) => o.args[2] as number);
  expect(bars).toHaveLength(3);
  expect(bars[0]).toBeCloseTo(bars[1]! * 2);
  expect(bars[2]).toBe(0);
  expect(texts(ctx)).toEqual(['甲队', '4h', '乙队', '2h', '丙队', '0h']);
});

test('stacked segments add up to the total on the axis scale', () => {
  const spec: ChartSpec = {
    kind: 'stacked',
    labels: ['a', 'b'],
    series: [
      { name: '按时', color: '#00ff00', values: [3, 1] },
      { name: '迟了', color: '#ffaa00', values: [1, 0] },
    ],
    format: String,
    integer: true,
  };
  const ctx = recorder();
  drawChart(ctx, spec, opts);
  // The first square of each colour is its legend key; the bars come after.
  const seg = (color: string) =>
    ctx.ops
      .filter((o) => o.op === 'fillRect' && o.fillStyle === color)
      .slice(1)
      .map((o) => o.args[3] as number);
  const [green3, green1] = seg('#00ff00');
  const [amber1] = seg('#ffaa00');
  expect(green3! / green1!).toBeCloseTo(3);
  expect(amber1).toBeCloseTo(green1!);
  // The legend names both series; the axis counts in whole numbers.
  expect(texts(ctx)).toEqual(expect.arrayContaining(['按时', '迟了', '0', '1', '2', '3', '4']));
  expect(texts(ctx)).not.toContain('0.5');
});

test('x labels are thinned when they would overlap, and elder mode makes the chart taller', () => {
  const labels = Array.from({ length: 31 }, (_, i) => String(i + 1));
  const spec: ChartSpec = { kind: 'stacked', labels, series: [{ name: 'h', color: '#ff0000', values: labels.map(() => 1) }], format: String };
  const ctx = recorder();
  drawChart(ctx, spec, opts);
  const shown = texts(ctx).filter((t) => labels.includes(t as string) && t !== '1' && t !== '0');
  expect(shown.length).toBeGreaterThan(3);
  expect(shown.length).toBeLessThan(31);
  expect(chartHeight(spec, 1.4)).toBeGreaterThan(chartHeight(spec, 1));
});

test('hours on the report and team-month charts read as the app reads hours: 147小时24分 at a bar end, whole hours on an axis', async () => {
  const { teamsSpec, monthsChart } = await import('../../src/packages/admin/report/charts');
  const { teamMonthChart } = await import('../../src/packages/leader/home/team-month-chart');
  const report = {
    service: {
      byTeam: [
        { name: '巡河队', minutes: 8844 },
        { name: '握爪队', minutes: 90 },
      ],
      byMonth: [
        { month: '2026-11', minutes: 90, hours: '1小时30分', count: 1 },
        { month: '2026-12', minutes: 30, hours: '30分', count: 1 },
      ],
    },
  } as unknown as Parameters<typeof teamsSpec>[0];
  const bars = recorder();
  drawChart(bars, teamsSpec(report), opts);
  expect(texts(bars)).toEqual(expect.arrayContaining(['147小时24分', '1小时30分']));
  expect(texts(bars).some((t) => /\d\.\d/.test(String(t)))).toBe(false);

  const line = recorder();
  drawChart(line, monthsChart(report).spec, opts);
  expect(texts(line)).toEqual(expect.arrayContaining(['小时', '0', '1', '2']));
  expect(texts(line).some((t) => /\d\.\d/.test(String(t)))).toBe(false);

  const month = {
    days: [
      { date: '2026-12-01', approvedMinutes: 90, pendingMinutes: 0 },
      { date: '2026-12-02', approvedMinutes: 0, pendingMinutes: 30 },
    ],
  } as unknown as Parameters<typeof teamMonthChart>[0];
  const stacked = recorder();
  drawChart(stacked, teamMonthChart(month).spec, opts);
  expect(texts(stacked).some((t) => /\d\.\d/.test(String(t)))).toBe(false);
});
