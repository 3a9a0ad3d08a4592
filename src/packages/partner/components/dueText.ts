/** A 老伙伴 contact deadline in words: "请在今天下午前联系", or once it has passed "已过联系期限（昨天晚上），请尽快联系". */
import { isPast, roughDeadline } from '@/services/dates';
import { partnerMessages as pm } from './messages';

export function dueText(dueAt: string, now: Date = new Date()): { text: string; overdue: boolean } {
  const when = roughDeadline(dueAt, now);
  return isPast(dueAt, now) ? { text: pm.overdue(when), overdue: true } : { text: pm.due(when), overdue: false };
}
