/** How a senior's contact status reads: pure, so the rule is tested without the components. */
import type { ScheduleView } from '@core/api';

export type Shown = Pick<ScheduleView, 'status' | 'statusText' | 'lastOutcome' | 'lastOutcomeText'>;

/**
 * The chip as it should read: when the last try found nobody, 联系不上 in red, never 已联系 (the
 * schedule may still count from an earlier contact); a contact that left the partner worried (有点担心,
 * 紧急) is 已联系 with what they found, in amber, never a plain green tick.
 */
export function shownStatus(s: Shown): { look: string; text: string } {
  if (s.status !== 'unpaired' && s.lastOutcome === 'unreachable') return { look: 'unreachable', text: s.lastOutcomeText ?? '联系不上' };
  if (s.status === 'contacted' && (s.lastOutcome === 'worried' || s.lastOutcome === 'emergency')) {
    return { look: 'worried', text: `${s.statusText} · ${s.lastOutcomeText ?? ''}` };
  }
  return { look: s.status, text: s.statusText };
}
