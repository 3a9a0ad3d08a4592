/** The colour of a person's delivery state in the alarm chain (the words always say it too). */
import type { TagKind } from '@/components/Tag';

export function deliveryKind(d: string | null): TagKind {
  if (d === 'acknowledged' || d === 'sent') return 'success';
  if (d === 'failed') return 'error';
  if (d === 'unsubscribed' || d === 'pending') return 'warning';
  return 'neutral';
}

export function linkKind(state: string): TagKind {
  if (state === 'acknowledged') return 'success';
  if (state === 'active') return 'warning';
  if (state === 'skipped' || state === 'passed') return 'neutral';
  return 'info';
}
