/** The colour of a link's state in the alarm chain (the words always say it too); a person's delivery: `deliveryKind` (components/Tag/delivery.ts). */
import type { TagKind } from '@/components/Tag';

export function linkKind(state: string): TagKind {
  if (state === 'acknowledged') return 'success';
  if (state === 'active') return 'warning';
  if (state === 'skipped' || state === 'passed') return 'neutral';
  return 'info';
}
