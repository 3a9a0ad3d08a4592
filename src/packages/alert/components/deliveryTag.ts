/** The colour of a person's delivery state in the alarm chain (the words always say it too). */
import type { TagKind } from '@/components/Tag';

/** Locally 'sent' only means the stand-in took it: not green for a message WeChat never saw. */
export function deliveryKind(d: string | null, channel: 'wechat' | 'local'): TagKind {
  if (d === 'acknowledged') return 'success';
  if (d === 'sent') return channel === 'local' ? 'info' : 'success';
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
