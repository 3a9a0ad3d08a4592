/**
 * Contract of the `inbox` function: in-app messages (站内消息), read and unread; the person's WeChat
 * subscription answers (订阅消息) and quiet hours; and, for staff, the outbox with each message's
 * delivery state (已发通知).
 */
import * as z from 'zod';
import { Cursor, Empty, Id, PageLimit, type ActionSpecs, type PageResult } from './common';
import type { DeliveryState, NoticeKind, SubscribeAnswer, TemplateKey } from '../domain/notifications';

const TemplateKeyInput = z.enum(['activity', 'hours', 'help', 'contact', 'alert', 'team'], { error: '没有这类通知' });
const HHmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' });

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
  subscriptions: {
    input: Empty,
    mutation: false,
    summary: '我的订阅：每类通知的模板编号、估计还能收到几条、上次的选择、这次是否该询问；免打扰时段',
  },
  answerSubscriptions: {
    input: z.strictObject({
      answers: z
        .partialRecord(TemplateKeyInput, z.enum(['accept', 'reject', 'ban'], { error: '订阅结果只能是 accept、reject 或 ban' }))
        .refine((a) => Object.keys(a).length >= 1 && Object.keys(a).length <= 3, { error: '一次询问 1 到 3 类通知' }),
      /** Where the person was asked (报名、加入老伙伴 ...), kept for the record. */
      context: z.string().trim().min(1).max(30),
    }),
    mutation: true,
    summary: '记录微信订阅弹窗的结果（每类：允许 / 拒绝 / 总是拒绝）',
  },
  setQuietHours: {
    input: z
      .strictObject({ on: z.boolean(), from: HHmm.optional(), to: HHmm.optional() })
      .refine((v) => !v.on || (v.from !== undefined && v.to !== undefined && v.from !== v.to), { error: '请选择免打扰的开始和结束时间（不能相同）' }),
    mutation: true,
    summary: '免打扰时段：提醒类通知在这段时间里不发，警报照发',
  },
  outbox: {
    input: z.strictObject({
      state: z.enum(['pending', 'sent', 'unsubscribed', 'skipped', 'failed']).optional(),
      alertId: Id.optional(),
      limit: PageLimit.optional(),
      after: Cursor.optional(),
    }),
    mutation: false,
    summary: '已发通知：每条订阅消息发给谁、渲染后的字段、发送状态（管理员和值班人员看全部；居委社工只看本居委老人的相关通知）',
  },
} satisfies ActionSpecs;

export type MessageKind = NoticeKind;

export interface MessageView {
  id: string;
  kind: MessageKind;
  title: string;
  body: string;
  activityId: string | null;
  teamId: string | null;
  /** The page the message opens (the same page its WeChat message opens). */
  page: string;
  read: boolean;
  createdAt: string;
}

export interface SubscriptionView {
  template: TemplateKey;
  title: string;
  /** Empty when the template is not set up (the app then does not ask). */
  templateId: string;
  longTerm: boolean;
  /** Estimated sends left (acceptances minus sends); null for a long-term subscription that was accepted. */
  left: number | null;
  last: SubscribeAnswer | null;
  /** Ask at the next natural tap: none left and no refusal on record. */
  ask: boolean;
}

export interface OutboxView {
  id: string;
  userId: string;
  userName: string;
  kind: MessageKind;
  templateTitle: string | null;
  page: string;
  fields: Array<{ key: string; value: string }>;
  state: DeliveryState;
  stateText: string;
  attempts: number;
  errcode: number | null;
  reason: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface InboxResults {
  list: PageResult<MessageView> & { unread: number };
  unreadCount: { unread: number };
  markRead: { updated: number; unread: number };
  subscriptions: { items: SubscriptionView[]; quiet: { from: string; to: string } | null; runtime: 'wechat' | 'local' };
  answerSubscriptions: { items: SubscriptionView[] };
  setQuietHours: { quiet: { from: string; to: string } | null };
  outbox: PageResult<OutboxView> & { runtime: 'wechat' | 'local' };
}
