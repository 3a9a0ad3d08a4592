/**
 * The year-in-review image, drawn once for both runtimes: on weapp into `<Canvas type="2d">`'s node,
 * on H5 into an HTML canvas. It takes only a 2D context (the subset both share) and the data, and
 * draws in logical units of SIZE; the caller scales the context to the canvas's pixels first.
 * No Taro, no DOM: the browser test imports the layout to check the title's glyphs.
 */
import type { YearReview } from '@core/api';
import { calendarDay } from '@/services/dates';
import { messages } from '../messages';

const t = messages.image;

/** What both runtimes' 2D contexts offer (weapp's canvas 2d follows the HTML one). */
export interface Context2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void;
  closePath(): void;
  fill(): void;
}

/** Logical size of the image (a phone-width card); the caller scales to device pixels. */
export const SIZE = { width: 360, height: 680 } as const;

/**
 * The page's own CJK font stack (src/app.scss), for H5: Chromium on Debian finds "Noto Sans CJK SC"
 * (fonts-noto-cjk), a phone its system font. On weapp the canvas uses the system font.
 */
export const H5_FONT_FAMILY = `-apple-system, BlinkMacSystemFont, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`;
export const WEAPP_FONT_FAMILY = `"PingFang SC", "Noto Sans CJK SC", sans-serif`;

const RED = '#b71c1c';
const INK = '#2b211f';
const MUTED = '#6b5b57';
const PALE = '#fdecea';
const PAPER = '#fffaf5';
const PAD = 24;

/** Where and how the title is drawn (the browser test redraws it to compare glyphs). */
export const TITLE = { x: PAD, y: 58, size: 26, weight: 'bold', color: '#ffffff', band: RED, bandHeight: 170 } as const;

/** The monthly bars' box (the browser test samples a bar's colour). */
export const BARS = { x: PAD, top: 412, height: 100, width: SIZE.width - PAD * 2, color: RED } as const;

export const fontOf = (size: number, family: string, weight: 'normal' | 'bold' = 'normal'): string => `${weight} ${size}px ${family}`;

function roundRect(ctx: Context2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
  ctx.fill();
}

/** Text at the largest size up to `size` that fits `maxWidth`. */
function fitText(
  ctx: Context2D,
  text: string,
  x: number,
  y: number,
  size: number,
  maxWidth: number,
  family: string,
  weight: 'normal' | 'bold' = 'normal',
): void {
  let s = size;
  ctx.font = fontOf(s, family, weight);
  while (s > 10 && ctx.measureText(text).width > maxWidth) {
    s -= 1;
    ctx.font = fontOf(s, family, weight);
  }
  ctx.fillText(text, x, y);
}

/** Lines of `text` broken by character to fit `maxWidth` (Chinese has no spaces to break at), at most `max`. */
export function wrap(ctx: Pick<Context2D, 'measureText'>, text: string, maxWidth: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (line && ctx.measureText(line + ch).width > maxWidth) {
      lines.push(line);
      line = '';
      if (lines.length === max) break;
    }
    line += ch;
  }
  if (line && lines.length < max) lines.push(line);
  else if (line && lines.length === max) lines[max - 1] = `${lines[max - 1]!.slice(0, -1)}…`;
  return lines;
}

/** Draws the whole image in logical units (SIZE). */
export function drawYearReview(ctx: Context2D, r: YearReview, family: string): void {
  const { width: W, height: H } = SIZE;
  const inner = W - PAD * 2;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, W, H);

  // The band: title, name and number, star level.
  ctx.fillStyle = TITLE.band;
  ctx.fillRect(0, 0, W, TITLE.bandHeight);
  ctx.fillStyle = TITLE.color;
  ctx.font = fontOf(TITLE.size, family, TITLE.weight);
  ctx.fillText(t.title(r.year), TITLE.x, TITLE.y);
  ctx.fillStyle = '#ffe9e6';
  fitText(ctx, r.name, PAD, 96, 20, inner, family, 'bold');
  if (r.volunteerNo) fitText(ctx, t.volunteerNo(r.volunteerNo), PAD, 122, 14, inner, family);
  ctx.fillStyle = '#ffffff';
  ctx.font = fontOf(16, family, 'bold');
  ctx.fillText(`★ ${r.star.label}`, PAD, 152);

  // The year's hours, large.
  ctx.fillStyle = MUTED;
  ctx.font = fontOf(15, family);
  ctx.fillText(t.hours, PAD, 208);
  ctx.fillStyle = RED;
  fitText(ctx, r.hoursText, PAD, 256, 42, inner, family, 'bold');

  // Three figures in boxes.
  const gap = 10;
  const boxW = (inner - gap * 2) / 3;
  const figures: Array<[string, string]> = [
    [t.activities, t.activitiesValue(r.activities)],
    [t.people, t.peopleValue(r.peopleServed)],
    [t.credits, r.creditsText],
  ];
  figures.forEach(([label, value], i) => {
    const x = PAD + i * (boxW + gap);
    ctx.fillStyle = PALE;
    roundRect(ctx, x, 280, boxW, 80, 10);
    ctx.textAlign = 'center';
    ctx.fillStyle = INK;
    fitText(ctx, value, x + boxW / 2, 320, 22, boxW - 12, family, 'bold');
    ctx.fillStyle = MUTED;
    ctx.font = fontOf(13, family);
    ctx.fillText(label, x + boxW / 2, 345);
    ctx.textAlign = 'left';
  });

  // Minutes per month as bars, January to December.
  ctx.fillStyle = INK;
  ctx.font = fontOf(15, family, 'bold');
  ctx.fillText(t.months, PAD, 398);
  const top = BARS.top;
  const barsH = BARS.height;
  const slot = BARS.width / 12;
  const most = Math.max(...r.months, 1);
  r.months.forEach((m, i) => {
    const h = m > 0 ? Math.max(4, (m / most) * barsH) : 2;
    ctx.fillStyle = m > 0 ? BARS.color : '#e4d6d3';
    ctx.fillRect(PAD + i * slot + slot * 0.2, top + barsH - h, slot * 0.6, h);
    ctx.fillStyle = MUTED;
    ctx.font = fontOf(11, family);
    ctx.textAlign = 'center';
    ctx.fillText(t.month(i + 1), PAD + i * slot + slot / 2, top + barsH + 16);
    ctx.textAlign = 'left';
  });
  ctx.fillStyle = MUTED;
  ctx.font = fontOf(11, family);
  ctx.textAlign = 'right';
  ctx.fillText(t.monthUnit, W - PAD + 14, top + barsH + 16);
  ctx.textAlign = 'left';

  // Teams, the first and latest service, a thank-you.
  ctx.fillStyle = INK;
  ctx.font = fontOf(15, family);
  const teams = r.teams.length ? t.teams(r.teams.map((x) => x.name).join('、')) : t.noTeams;
  wrap(ctx, teams, inner, 2).forEach((line, i) => ctx.fillText(line, PAD, 572 + i * 22));
  ctx.fillStyle = MUTED;
  ctx.font = fontOf(13, family);
  ctx.fillText(r.firstDate && r.lastDate ? t.dates(calendarDay(r.firstDate), calendarDay(r.lastDate)) : t.noService, PAD, 628);
  ctx.fillStyle = RED;
  ctx.font = fontOf(13, family, 'bold');
  ctx.textAlign = 'center';
  ctx.fillText(t.footer, W / 2, 660);
  ctx.textAlign = 'left';
}
