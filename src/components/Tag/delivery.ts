/**
 * The colour of a message's delivery state, wherever one is shown (the alarm chain's people, the
 * outbox page); the words beside it always say it too. One rule: only a message WeChat took is
 * green. Locally 'sent' only means the stand-in took it, so it is not green for a message WeChat
 * never saw.
 */
import type { DeliveryState } from '@/services/rules';
import type { TagKind } from './index';

/**
 * A delivery state as a page shows it: the outbox's own states, 'retrying' (pending after a failed
 * attempt, 重试中) and the alarm chain's 'acknowledged' (the person took the alert) and 'seen' (they
 * opened it).
 */
export type ShownDelivery = DeliveryState | 'retrying' | 'acknowledged' | 'seen' | null;

export function deliveryKind(state: ShownDelivery, channel: 'wechat' | 'local'): TagKind {
  switch (state) {
    case 'acknowledged':
    case 'seen':
      return 'success';
    case 'sent':
      return channel === 'local' ? 'info' : 'success';
    case 'failed':
      return 'error';
    case 'unsubscribed':
    case 'retrying':
      return 'warning';
    case 'pending':
      return 'info';
    default:
      return 'neutral';
  }
}
