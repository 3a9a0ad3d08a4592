/** What a statement line of 我的时间 says under it. */
import type { StatementLine } from '@core/api';
import { hours } from '@/services/format';
import { messages as m } from './messages';

/**
 * What could be used after the line (its balance minus what was held), the figure the page leads
 * with, and what was still held for help requests; a hold line then reads 预留 −1小时 · 之后可用 …
 */
export function lineAfter(l: Pick<StatementLine, 'balanceAfter' | 'pendingAfter'>): string {
  const held = l.pendingAfter.minutes;
  const usable = hours(l.balanceAfter.minutes - held);
  return held > 0 ? m.afterHeld(usable, hours(held)) : m.after(usable);
}
