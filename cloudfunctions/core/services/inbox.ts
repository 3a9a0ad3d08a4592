/**
 * The in-app inbox (站内消息). Other services write messages with `notify`, inside the same
 * transaction as the change they announce, so a cancelled activity and its notices commit together.
 */
import { randomUUID } from 'node:crypto';
import type { InboxResults, MessageKind, MessageView, ParsedInput } from '../api';
import { AppError } from '../errors';
import type { Doc, Tx } from '../store/port';
import { requireUser, type ServiceContext } from './context';

export interface MessageDoc extends Doc {
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  activityId: string | null;
  teamId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface Notice {
  userId: string;
  kind: MessageKind;
  title: string;
  body: string;
  activityId?: string;
  teamId?: string;
}

/** Writes one message inside `tx`. The id is fresh on every attempt, so a retried body stays consistent. */
export async function notify(tx: Tx, notice: Notice, at: string): Promise<string> {
  const doc: MessageDoc = {
    _id: `m_${randomUUID().replace(/-/g, '')}`,
    userId: notice.userId,
    kind: notice.kind,
    title: notice.title.slice(0, 40),
    body: notice.body.slice(0, 300),
    activityId: notice.activityId ?? null,
    teamId: notice.teamId ?? null,
    read: false,
    readAt: null,
    createdAt: at,
  };
  await tx.create('messages', doc);
  return doc._id;
}

const view = (m: MessageDoc): MessageView => ({
  id: m._id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  activityId: m.activityId,
  teamId: m.teamId,
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
    : (await ctx.store.find<MessageDoc>('messages', { where: { userId: me, read: false }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 100 })).items.map((m) => m._id);
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
