/**
 * Delivery of the outbox: every notice that has a template was written to `outbox` in the same
 * transaction as its event (services/inbox.ts `notify`). Right after that transaction commits, the
 * same call hands each message to the Notifier; the scheduler picks up whatever is still pending
 * (backoff, quiet hours, a crash) on its next run.
 *
 * One message, one claim: a sender takes a lease on the message in a transaction (and reserves one of
 * the person's sends), sends outside any transaction, then records the outcome. So:
 * - a crash before the send leaves the message pending with a lease; once the lease ends the next
 *   sender sends it, exactly once;
 * - a crash after WeChat accepted it but before the outcome is recorded leads to one more send after
 *   the lease (WeChat's send has no idempotency key): at most one duplicate, never a lost message;
 * - two senders at once (the call and the scheduler) cannot both claim it.
 *
 * After delivering, the alarm chains of the alerts those messages belong to are settled
 * (services/alerts.ts): a link whose sends all failed or who are 未订阅 passes to the next at once,
 * and its messages are delivered in turn.
 */
import {
  ERRCODE_TEXT,
  FINAL_ERRCODES,
  MAX_ATTEMPTS,
  SEND_LEASE_MS,
  isSettled,
  nextAttemptAfter,
  renderFields,
  sendsLeft,
  type NotificationsConfig,
  type OutboxDoc,
  type SubscriptionDoc,
} from '../domain/notifications';
import type { Notifier } from '../notifier/port';
import type { Store, Tx } from '../store/port';
import type { Logger } from './shared/context';
import { settleChains } from './alerts';

export interface DeliveryDeps {
  store: Store;
  notifier: Notifier;
  templates: NotificationsConfig;
  now: () => Date;
  log: Logger;
}

type Claim = { kind: 'send'; doc: OutboxDoc; templateId: string } | { kind: 'done'; doc: OutboxDoc | null };

async function openidOf(store: Store, userId: string): Promise<string | null> {
  const page = await store.find<{ _id: string; userId: string }>('identities', { where: { userId }, limit: 1 });
  return page.items[0]?._id ?? null;
}

/** Marks a message settled without sending (inside `tx`). */
async function settle(tx: Tx, doc: OutboxDoc, patch: Partial<OutboxDoc>, at: string): Promise<OutboxDoc> {
  const next = { ...doc, ...patch, leaseUntil: null, updatedAt: at };
  await tx.update('outbox', doc._id, { ...patch, leaseUntil: null, updatedAt: at });
  return next;
}

async function claim(deps: DeliveryDeps, id: string, openid: string | null): Promise<Claim> {
  const now = deps.now();
  const at = now.toISOString();
  return deps.store.transaction(async (tx): Promise<Claim> => {
    const doc = await tx.get<OutboxDoc>('outbox', id);
    if (!doc || isSettled(doc.state)) return { kind: 'done', doc };
    if (doc.nextAttemptAt > at || (doc.leaseUntil && doc.leaseUntil > at)) return { kind: 'done', doc: null };
    const template = doc.template ? deps.templates.templates[doc.template] : null;
    if (!template) return { kind: 'done', doc: await settle(tx, doc, { state: 'skipped', reason: `没有这个通知类型的模板：${doc.kind}` }, at) };
    if (deps.notifier.needsTemplateId && !template.templateId) {
      return { kind: 'done', doc: await settle(tx, doc, { state: 'skipped', reason: `“${template.title}”模板还没有设置（notifications.json）` }, at) };
    }
    if (!openid) return { kind: 'done', doc: await settle(tx, doc, { state: 'skipped', reason: '收件人没有微信身份（账号已注销）' }, at) };
    const rendered = renderFields(template, doc.values);
    if (!rendered.ok) return { kind: 'done', doc: await settle(tx, doc, { state: 'skipped', reason: `字段不符合微信要求：${rendered.reason}` }, at) };
    const subs = await tx.get<SubscriptionDoc>('subscriptions', doc.userId);
    const sub = subs?.templates[doc.template!];
    if (sendsLeft(sub, template.longTerm) <= 0) {
      return { kind: 'done', doc: await settle(tx, doc, { state: 'unsubscribed', data: rendered.data, reason: '对方没有订阅这类通知，或订阅次数已用完' }, at) };
    }
    const leased: Partial<OutboxDoc> = {
      leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(),
      attempts: doc.attempts + 1,
      data: rendered.data,
      updatedAt: at,
    };
    await tx.update('outbox', id, leased);
    if (subs && sub)
      await tx.update('subscriptions', subs._id, { templates: { ...subs.templates, [doc.template!]: { ...sub, sends: sub.sends + 1 } }, updatedAt: at });
    return { kind: 'send', doc: { ...doc, ...leased } as OutboxDoc, templateId: template.templateId || `local:${doc.template}` };
  });
}

/** Records what WeChat answered. A send that did not happen gives its reserved subscription back. */
async function record(deps: DeliveryDeps, doc: OutboxDoc, result: { ok: true } | { ok: false; errcode: number; errmsg: string }): Promise<OutboxDoc> {
  const now = deps.now();
  const at = now.toISOString();
  return deps.store.transaction(async (tx) => {
    const current = await tx.get<OutboxDoc>('outbox', doc._id);
    if (!current || isSettled(current.state)) return current ?? doc;
    if (result.ok) return settle(tx, current, { state: 'sent', sentAt: at, errcode: null, reason: null }, at);
    const subs = await tx.get<SubscriptionDoc>('subscriptions', current.userId);
    const sub = current.template ? subs?.templates[current.template] : undefined;
    const reason = `${ERRCODE_TEXT[result.errcode] ?? '发送失败'}（${result.errcode}${result.errmsg ? `：${result.errmsg.slice(0, 80)}` : ''}）`;
    if (result.errcode === 43101) {
      // WeChat says nothing is left: the estimate drops to zero, so the app asks again at the next tap.
      if (subs && sub)
        await tx.update('subscriptions', subs._id, {
          templates: { ...subs.templates, [current.template!]: { ...sub, sends: Math.max(sub.sends, sub.accepts) } },
          updatedAt: at,
        });
      return settle(tx, current, { state: 'unsubscribed', errcode: 43101, reason }, at);
    }
    if (subs && sub)
      await tx.update('subscriptions', subs._id, {
        templates: { ...subs.templates, [current.template!]: { ...sub, sends: Math.max(0, sub.sends - 1) } },
        updatedAt: at,
      });
    if (FINAL_ERRCODES.has(result.errcode) || current.attempts >= MAX_ATTEMPTS)
      return settle(tx, current, { state: 'failed', errcode: result.errcode, reason }, at);
    return settle(tx, current, { errcode: result.errcode, reason, nextAttemptAt: nextAttemptAfter(current.attempts, now) }, at);
  });
}

/** Delivers one message if it is due; returns it as it stands afterwards (null when someone else holds it). */
export async function deliverOne(deps: DeliveryDeps, id: string): Promise<OutboxDoc | null> {
  const before = await deps.store.get<OutboxDoc>('outbox', id);
  if (!before || isSettled(before.state)) return before;
  const openid = await openidOf(deps.store, before.userId);
  const c = await claim(deps, id, openid);
  if (c.kind === 'done') return c.doc;
  const result = await deps.notifier.send({ openid: openid!, templateId: c.templateId, page: c.doc.page, data: c.doc.data! });
  if (!result.ok) deps.log.warn({ outbox: id, kind: c.doc.kind, errcode: result.errcode, errmsg: result.errmsg }, 'subscription message not sent');
  return record(deps, c.doc, result);
}

/**
 * Delivers these messages (in parallel: an alert's recipients are told at the same moment), then
 * settles the alarm chains they belong to, delivering what that adds, until nothing new comes.
 * Never throws for one message: a failure is logged and left to the scheduler.
 */
export async function deliverAndSettle(deps: DeliveryDeps, ids: string[]): Promise<void> {
  let batch = [...new Set(ids)];
  // Each round can only move a chain one link on; a chain has a handful of links.
  for (let round = 0; batch.length && round < 8; round += 1) {
    const done = await Promise.all(
      batch.map((id) =>
        deliverOne(deps, id).catch((e) => {
          deps.log.error({ outbox: id, err: e instanceof Error ? e.message : String(e) }, 'delivery failed; the scheduler retries it');
          return null;
        }),
      ),
    );
    const alertIds = [...new Set(done.flatMap((d) => (d?.alertId ? [d.alertId] : [])))];
    batch = alertIds.length ? await settleChains(deps.store, alertIds, deps.now(), deps.notifier.kind) : [];
  }
}

/** The scheduler's part: every pending message whose time has come, oldest first, up to `limit`. */
export async function deliverDue(deps: DeliveryDeps, limit = 200): Promise<{ tried: number }> {
  const at = deps.now().toISOString();
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.find<OutboxDoc>('outbox', {
      where: { state: 'pending', nextAttemptAt: { lte: at } },
      orderBy: { field: 'nextAttemptAt', direction: 'asc' },
      limit: Math.min(100, limit - ids.length),
      after,
    });
    ids.push(...page.items.map((d) => d._id));
    after = page.next ?? undefined;
  } while (after && ids.length < limit);
  await deliverAndSettle(deps, ids);
  return { tried: ids.length };
}
