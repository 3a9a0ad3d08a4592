/**
 * The in-app inbox (站内消息) and the outbox beside it. Other services write messages with `notify`,
 * inside the same transaction as the change they announce, so a cancelled activity and its notices
 * commit together. A kind with a WeChat template (domain/notifications.ts) also gets an outbox row in
 * that transaction; services/delivery.ts sends it after the commit.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_QUIET_HOURS, kindSpec, notBefore, pageOf, type OutboxDoc, type SubscriptionDoc } from '../domain/notifications';
import type { InboxResults, MessageKind, MessageView, ParsedInput } from '../api';
import { AppError } from '../errors';
import type { Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import type { MessageDoc } from '../domain/messages';

export interface Notice {
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  activityId?: string;
  teamId?: string;
  /** What the message is about, when it is not an activity or a team (an alert, a help request ...). */
  ref?: string;
  /** The alert this message belongs to: its delivery counts for the alarm chain. */
  alertId?: string;
  /** The senior the message names: closing her record clears its text (services/senior-close.ts). */
  seniorId?: string;
  /**
   * The event that causes the message, when the caller has a stable one (a scheduler step, an alert
   * link): the same event notifies a person once, however often it runs. Otherwise the id comes from
   * the content and the time of the call, which a retried transaction body repeats exactly.
   */
  eventKey?: string;
}

function messageIdOf(notice: Notice, at: string): string {
  const key = notice.eventKey ?? `${at}|${notice.title}|${notice.body}|${notice.activityId ?? ''}|${notice.teamId ?? ''}|${notice.ref ?? ''}`;
  return createHash('sha256').update(`${key}|${notice.kind}|${notice.userId}`).digest('hex').slice(0, 24);
}

/**
 * Writes one message inside `tx`, and its outbox row when its kind has a WeChat template. Ids derive
 * from the event, so a step that runs twice writes nothing twice. A kind the catalogue does not know
 * is kept in the inbox and recorded as skipped at the outbox, never dropped.
 */
export async function notify(tx: Tx, notice: Notice, at: string): Promise<string> {
  const suffix = messageIdOf(notice, at);
  const id = `m_${suffix}`;
  if (await tx.get('messages', id)) return id;
  const spec = kindSpec(notice.kind);
  const ref = notice.ref ?? notice.alertId ?? notice.activityId ?? notice.teamId ?? null;
  const doc: MessageDoc = {
    _id: id,
    userId: notice.userId,
    kind: notice.kind,
    title: notice.title.slice(0, 40),
    body: notice.body.slice(0, 300),
    activityId: notice.activityId ?? null,
    teamId: notice.teamId ?? null,
    refId: ref,
    seniorId: notice.seniorId ?? null,
    read: false,
    readAt: null,
    createdAt: at,
  };
  await tx.create('messages', doc);
  if (spec && !spec.template) return id;
  const subs = spec?.priority === 'reminder' ? await tx.get<SubscriptionDoc>('subscriptions', notice.userId) : null;
  const quiet = subs ? subs.quiet : DEFAULT_QUIET_HOURS;
  const out: OutboxDoc = {
    _id: `ob_${suffix}`,
    messageId: id,
    userId: notice.userId,
    kind: notice.kind,
    template: spec?.template ?? null,
    priority: spec?.priority ?? 'normal',
    page: spec ? pageOf(spec, ref) : '/packages/inbox/home/index',
    values: { subject: doc.title, status: spec?.status ?? '通知', body: doc.body, at, person: '' },
    alertId: notice.alertId ?? null,
    state: spec ? 'pending' : 'skipped',
    attempts: 0,
    nextAttemptAt: notBefore(spec?.priority ?? 'normal', quiet, new Date(at)).toISOString(),
    leaseUntil: null,
    errcode: null,
    reason: spec ? null : `未知的通知类型：${notice.kind}`,
    data: null,
    sentAt: null,
    createdAt: at,
    updatedAt: at,
  };
  await tx.create('outbox', out);
  return id;
}

const view = (m: MessageDoc): MessageView => ({
  id: m._id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  activityId: m.activityId,
  teamId: m.teamId,
  page: pageOf(
    kindSpec(m.kind) ?? { template: null, priority: 'normal', status: '', page: '/packages/inbox/home/index' },
    m.refId ?? m.activityId ?? m.teamId ?? null,
  ),
  read: m.read,
  createdAt: m.createdAt,
});

const unreadOf = (ctx: ServiceContext, userId: string) => ctx.store.count('messages', { userId, read: false });

export async function list(ctx: ServiceContext, input: ParsedInput<'inbox', 'list'>): Promise<InboxResults['list']> {
  const me = requireUser(ctx)._id;
  const page = await ctx.store.find<MessageDoc>('messages', {
    where: input.unreadOnly ? { userId: me, read: false } : { userId: me },
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  return { items: page.items.map(view), next: page.next, unread: await unreadOf(ctx, me) };
}

export async function unreadCount(ctx: ServiceContext): Promise<InboxResults['unreadCount']> {
  return { unread: await unreadOf(ctx, requireUser(ctx)._id) };
}

export async function markRead(ctx: ServiceContext, input: ParsedInput<'inbox', 'markRead'>): Promise<InboxResults['markRead']> {
  const me = requireUser(ctx)._id;
  const before = await unreadOf(ctx, me);
  // "All" finds the unread messages outside the transaction (no queries inside one) and re-reads each by id.
  const ids = input.ids
    ? [...new Set(input.ids)]
    : (
        await ctx.store.find<MessageDoc>('messages', { where: { userId: me, read: false }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 100 })
      ).items.map((m) => m._id);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    let updated = 0;
    for (const id of ids) {
      const m = await tx.get<MessageDoc>('messages', id);
      if (!m || m.userId !== me) throw new AppError('NOT_FOUND', '找不到这条消息', { id });
      if (m.read) continue;
      await tx.update('messages', id, { read: true, readAt: at });
      updated += 1;
    }
    return { updated, unread: Math.max(0, before - updated) };
  });
}
