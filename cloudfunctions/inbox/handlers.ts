import type { Handlers } from '../core/runtime/dispatch';
import * as inbox from '../core/services/inbox';
import * as subscriptions from '../core/services/subscriptions';

export const handlers: Handlers<'inbox'> = {
  list: inbox.list,
  unreadCount: inbox.unreadCount,
  markRead: inbox.markRead,
  subscriptions: subscriptions.subscriptions,
  answerSubscriptions: subscriptions.answerSubscriptions,
  setQuietHours: subscriptions.setQuietHours,
  outbox: subscriptions.outbox,
};
