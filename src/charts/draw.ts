/**
 * The charts' drawing, once for both runtimes: on weapp into `<Canvas type="2d">`'s node, on H5 into
 * an HTML canvas. It takes only the 2D context subset both share and draws in CSS pixels; the caller
 * scales the context to device pixels first. No Taro, no DOM, no chart library: three kinds are all
 * the reports need, and a few KB of our own code keeps the admin and leader packages small
 * (docs/report-charts.md says why not F2).
 *
 * - `hbar`: one bar per row, label on the left, value at the bar's end (teams, categories, flows).
 * - `stacked`: vertical bars, one segment per series (a single series is a plain bar chart).
 * - `line`: one line per series with a dot on each point (a trend over months).
 *
 * A chart whose values are all zero draws its frame and the empty text, never a blank canvas.
 */

export interface Context2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
}

export type ChartKind = 'hbar' | 'stacked' | 'line';

export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

export interface ChartSpec {
  kind: ChartKind;
  /** One per bar, point or row. */
  labels: string[];
  series: ChartSeries[];
  /** A value as the axis and the bar ends show it (e.g. minutes as hours). */
  format: (value: number) => string;
  /** Shown above the value axis, e.g. 小时. */
  unit?: string;
  /** Counts: the axis steps by whole numbers. */
  integer?: boolean;
}

export interface DrawOptions {
  width: number;
  height: number;
  /** 1 normally; larger in elder mode (labels grow, and the chart with them). */
  fontScale: number;
  family: string;
  emptyText: string;
}

/** The page's CJK font stack on H5 (src/app.scss); weapp's canvas uses the system font. */
export const H5_FONT_FAMILY = `-apple-system, BlinkMacSystemFont, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
export const WEAPP_FONT_FAMILY = `"PingFang SC", "Noto Sans CJK SC", sans-serif`;

export const COLORS = {
  red: '#b71c1c',
  green: '#2e7d32',
  amber: '#b7791f',
  blue: '#3f51b5',
  grey: '#8d7f7b',
} as const;
const INK = '#2b211f';
const MUTED = '#6b5b57';
const GRID = '#eadfdc';
export const BACKGROUND = '#ffffff';

const BASE_FONT = 12;
const PAD = 8;

const font = (size: number, family: string, bold = false) => `${bold ? 'bold ' : ''}${Math.round(size)}px ${family}`;

/** Whether every value of every series is zero (or there is nothing to draw). */
export const isEmpty = (spec: ChartSpec): boolean => spec.labels.length === 0 || spec.series.every((s) => s.values.every((v) => !v));

/** The chart's height in CSS px for `fontScale`: rows of an `hbar` set it, other kinds are fixed. */
export function chartHeight(spec: ChartSpec, fontScale: number): number {
  const line = BASE_FONT * fontScale * 1.5;
  if (isEmpty(spec)) return Math.round(line * 4);
  const legend = spec.series.length > 1 ? line * 1.4 : 0;
  if (spec.kind === 'hbar') return Math.round(legend + spec.labels.length * line * 1.6 + PAD * 2);
  return Math.round(legend + 180 * Math.min(fontScale, 1.6));
}

/** A round step for `max` split into about `ticks` parts (1, 2 or 5 times a power of ten). */
export function niceStep(max: number, ticks: number): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** `text` cut with … to fit `maxWidth`. */
function fit(ctx: Context2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** Colour squares and names across the top; returns the height used. */
function drawLegend(ctx: Context2D, spec: ChartSpec, o: DrawOptions, size: number): number {
  if (spec.series.length < 2) return 0;
  ctx.font = font(size, o.family);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const y = size * 0.9;
  let x = PAD;
  for (const s of spec.series) {
    ctx.fillStyle = s.color;
    ctx.fillRect(x, y - size / 2, size, size);
    ctx.fillStyle = INK;
    ctx.fillText(s.name, x + size + 4, y);
    x += size + 4 + ctx.measureText(s.name).width + size;
  }
  return size * 2.1;
}

function drawHbar(ctx: Context2D, spec: ChartSpec, o: DrawOptions, size: number, top: number): void {
  const rowH = (o.height - top - PAD * 2) / spec.labels.length;
  ctx.font = font(size, o.family);
  const labelW = Math.min(o.width * 0.38, Math.max(...spec.labels.map((l) => ctx.measureText(l).width)) + 6);
  const totals = spec.labels.map((_, i) => spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  ctx.font = font(size, o.family, true);
  const valueW = Math.max(...totals.map((t) => ctx.measureText(spec.format(t)).width)) + 8;
  const x0 = PAD + labelW;
  const span = Math.max(10, o.width - x0 - valueW - PAD);
  const most = Math.max(...totals, 1);
  spec.labels.forEach((label, i) => {
    const mid = top + PAD + rowH * (i + 0.5);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillStyle = INK;
    ctx.font = font(size, o.family);
    ctx.fillText(fit(ctx, label, labelW - 6), PAD, mid);
    let x = x0;
    const barH = Math.min(rowH * 0.62, size * 1.6);
    for (const s of spec.series) {
      const w = ((s.values[i] ?? 0) / most) * span;
      ctx.fillStyle = s.color;
      ctx.fillRect(x, mid - barH / 2, w, barH);
      x += w;
    }
    if (totals[i] === 0) {
      // A hairline so a zero row still reads as a row of the chart.
      ctx.fillStyle = GRID;
      ctx.fillRect(x0, mid - barH / 2, 2, barH);
    }
    ctx.fillStyle = MUTED;
    ctx.font = font(size, o.family, true);
    ctx.fillText(spec.format(totals[i]!), x + 4, mid);
  });
}

/** Axes, grid and x labels of the vertical kinds; returns the plot's box and the value scale. */
function drawAxes(ctx: Context2D, spec: ChartSpec, o: DrawOptions, size: number, top: number, max: number) {
  const step = spec.integer ? Math.max(1, niceStep(max, 4)) : niceStep(max, 4);
  const ceiling = Math.max(step, Math.ceil(max / step) * step);
  ctx.font = font(size, o.family);
  const ticks: number[] = [];
  for (let v = 0; v <= ceiling + step / 2; v += step) ticks.push(v);
  const axisW = Math.max(...ticks.map((t) => ctx.measureText(spec.format(t)).width)) + 6;
  const unitH = spec.unit ? size * 1.5 : 0;
  const plot = { x: PAD + axisW, y: top + unitH + size / 2, w: o.width - PAD * 2 - axisW, h: 0 };
  plot.h = o.height - plot.y - size * 2.2;
  const yOf = (v: number) => plot.y + plot.h - (v / ceiling) * plot.h;
  if (spec.unit) {
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(spec.unit, PAD, top);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.fillStyle = GRID;
    ctx.fillRect(plot.x, Math.round(yOf(t)), plot.w, 1);
    ctx.fillStyle = MUTED;
    ctx.fillText(spec.format(t), plot.x - 4, yOf(t));
  }
  // Every k-th label, so they never overlap (the table below has them all).
  const slot = plot.w / spec.labels.length;
  const widest = Math.max(...spec.labels.map((l) => ctx.measureText(l).width)) + 6;
  const every = Math.max(1, Math.ceil(widest / slot));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = MUTED;
  spec.labels.forEach((l, i) => {
    if (i % every === 0) ctx.fillText(l, plot.x + slot * (i + 0.5), plot.y + plot.h + 4);
  });
  return { plot, slot, yOf };
}

function drawStacked(ctx: Context2D, spec: ChartSpec, o: DrawOptions, size: number, top: number): void {
  const totals = spec.labels.map((_, i) => spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const { plot, slot, yOf } = drawAxes(ctx, spec, o, size, top, Math.max(...totals));
  const barW = Math.max(2, slot * 0.62);
  spec.labels.forEach((_, i) => {
    let base = 0;
    for (const s of spec.series) {
      const v = s.values[i] ?? 0;
      if (!v) continue;
      const y0 = yOf(base);
      const y1 = yOf(base + v);
      ctx.fillStyle = s.color;
      ctx.fillRect(plot.x + slot * i + (slot - barW) / 2, y1, barW, Math.max(1, y0 - y1));
      base += v;
    }
  });
}

function drawLine(ctx: Context2D, spec: ChartSpec, o: DrawOptions, size: number, top: number): void {
  const most = Math.max(...spec.series.flatMap((s) => s.values));
  const { plot, slot, yOf } = drawAxes(ctx, spec, o, size, top, most);
  for (const s of spec.series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = Math.max(2, size / 6);
    ctx.beginPath();
    s.values.forEach((v, i) => {
      const x = plot.x + slot * (i + 0.5);
      if (i === 0) ctx.moveTo(x, yOf(v));
      else ctx.lineTo(x, yOf(v));
    });
    ctx.stroke();
    s.values.forEach((v, i) => {
      ctx.beginPath();
      ctx.arc(plot.x + slot * (i + 0.5), yOf(v), Math.max(3, size / 4), 0, Math.PI * 2);
      ctx.fill();
    });
  }
}

/** Draws `spec` in a box of `o.width` × `o.height` CSS px; says whether it had data to draw. */
export function drawChart(ctx: Context2D, spec: ChartSpec, o: DrawOptions): 'drawn' | 'empty' {
  const size = BASE_FONT * o.fontScale;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, o.width, o.height);
  if (isEmpty(spec)) {
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(PAD, o.height - PAD);
    ctx.lineTo(o.width - PAD, o.height - PAD);
    ctx.stroke();
    ctx.fillStyle = MUTED;
    ctx.font = font(size * 1.2, o.family);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(o.emptyText, o.width / 2, o.height / 2);
    return 'empty';
  }
  const top = drawLegend(ctx, spec, o, size);
  if (spec.kind === 'hbar') drawHbar(ctx, spec, o, size, top);
  else if (spec.kind === 'stacked') drawStacked(ctx, spec, o, size, top);
  else drawLine(ctx, spec, o, size, top);
  return 'drawn';
}
