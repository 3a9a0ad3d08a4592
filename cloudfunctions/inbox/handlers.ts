import type { Handlers } from '../core/runtime/dispatch';
import * as inbox from '../core/services/inbox';

export const handlers: Handlers<'inbox'> = {
  list: inbox.list,
  unreadCount: inbox.unreadCount,
  markRead: inbox.markRead,
};
