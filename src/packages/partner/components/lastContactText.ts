/**
 * The last contact in words. A try that did not reach her is dated with its own time, and the last
 * one that did is named apart: "上次联系：11月30日，联系不上" would put an old date on today's failure.
 */
import type { ScheduleView } from '@core/api';
import { dateTime } from '@/services/dates';
import { partnerMessages as pm } from './messages';

export function lastContactText(s: Pick<ScheduleView, 'lastContactAt' | 'lastTriedAt' | 'lastOutcome' | 'lastOutcomeText'>): string {
  if (s.lastOutcome === 'unreachable') return pm.lastTried(s.lastTriedAt ? dateTime(s.lastTriedAt) : null, s.lastContactAt ? dateTime(s.lastContactAt) : null);
  return s.lastContactAt ? pm.lastContact(dateTime(s.lastContactAt), s.lastOutcomeText ?? '') : pm.neverContacted;
}
