/** Contract of the `inbox` function: in-app messages (站内消息), read and unread. */
import * as z from 'zod';
import { Cursor, Empty, Id, PageLimit, type ActionSpecs, type PageResult } from './common';

export const inboxActions = {
  list: {
    input: z.strictObject({ unreadOnly: z.boolean().optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '我的消息，最新在前，附未读数',
  },
  unreadCount: { input: Empty, mutation: false, summary: '未读消息数（首页角标）' },
  markRead: {
    input: z
      .strictObject({ ids: z.array(Id).min(1).max(100).optional(), all: z.literal(true).optional() })
      .refine((v) => (v.ids === undefined) !== (v.all === undefined), { error: '请选择要标为已读的消息，或全部标为已读' }),
    mutation: true,
    summary: '标为已读：指定的消息，或全部（一次最多 100 条）',
    errors: ['NOT_FOUND'],
  },
} satisfies ActionSpecs;

import type { SeniorMessageKind } from '../domain/messages';

export type MessageKind =
  | 'activity.cancelled'
  | 'activity.moved'
  | 'signup.promoted'
  | 'team.joinRequest'
  | 'team.approved'
  | 'team.rejected'
  | SeniorMessageKind;

export interface MessageView {
  id: string;
  kind: MessageKind;
  title: string;
  body: string;
  activityId: string | null;
  teamId: string | null;
  read: boolean;
  createdAt: string;
}

export interface InboxResults {
  list: PageResult<MessageView> & { unread: number };
  unreadCount: { unread: number };
  markRead: { updated: number; unread: number };
}
