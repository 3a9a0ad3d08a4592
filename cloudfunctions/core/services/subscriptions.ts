/**
 * A person's WeChat subscription answers (订阅消息) and quiet hours, and the staff's view of the
 * outbox (已发通知). The app asks for a subscription at natural taps (报名, 加入老伙伴 ...) when
 * `subscriptions` says `ask`, and records what WeChat's prompt answered with `answerSubscriptions`;
 * delivery (services/delivery.ts) spends one acceptance per send.
 */
import {
  DEFAULT_QUIET_HOURS,
  deliveryLabel,
  type Channel,
  TEMPLATE_KEYS,
  answer,
  renderFields,
  sendsLeft,
  shouldAsk,
  type NotificationsConfig,
  type OutboxDoc,
  type QuietHours,
  type RenderedFields,
  type SubscriptionDoc,
} from '../domain/notifications';
import { servedCommittees, type SeniorDoc } from '../domain/seniors';
import type { MessageDoc } from '../domain/messages';
import type { InboxResults, OutboxView, ParsedInput, SubscriptionView } from '../api';
import { notificationTemplates } from '../notifier/templates';
import { audit } from './shared/audit';
import { channelOf, requireUser, type ServiceContext } from './shared/context';
import { Names } from './shared/ledger-views';
import { isAdmin, isDutyOfficer } from '../domain/scope';

/**
 * The views of a person's answers, one per template. The app asks only for a template it can ask
 * for: one with a template id, or any where the runtime needs none (the local outbox), the same rule
 * delivery applies before it sends.
 */
export function subscriptionViews(doc: SubscriptionDoc | null, config: NotificationsConfig, needsTemplateId: boolean): SubscriptionView[] {
  return TEMPLATE_KEYS.map((key) => {
    const t = config.templates[key];
    const sub = doc?.templates[key];
    const left = sendsLeft(sub, t.longTerm);
    return {
      template: key,
      title: t.title,
      templateId: t.templateId,
      longTerm: t.longTerm,
      left: Number.isFinite(left) ? left : null,
      last: sub?.last ?? null,
      ask: shouldAsk(sub, t.longTerm) && (t.templateId !== '' || !needsTemplateId),
    };
  });
}

const needsId = (ctx: ServiceContext) => ctx.notifier?.needsTemplateId ?? false;

const newDoc = (userId: string, at: string): SubscriptionDoc => ({ _id: userId, templates: {}, quiet: DEFAULT_QUIET_HOURS, updatedAt: at });

export async function subscriptions(ctx: ServiceContext): Promise<InboxResults['subscriptions']> {
  const me = requireUser(ctx)._id;
  const doc = await ctx.store.get<SubscriptionDoc>('subscriptions', me);
  return {
    items: subscriptionViews(doc, notificationTemplates(), needsId(ctx)),
    quiet: doc ? doc.quiet : DEFAULT_QUIET_HOURS,
    runtime: channelOf(ctx),
  };
}

export async function answerSubscriptions(
  ctx: ServiceContext,
  input: ParsedInput<'inbox', 'answerSubscriptions'>,
): Promise<InboxResults['answerSubscriptions']> {
  const me = requireUser(ctx)._id;
  const at = ctx.now().toISOString();
  const config = notificationTemplates();
  const needs = needsId(ctx);
  return ctx.mutate(async (tx) => {
    const current = await tx.get<SubscriptionDoc>('subscriptions', me);
    const doc = current ?? newDoc(me, at);
    const templates = { ...doc.templates };
    for (const [key, given] of Object.entries(input.answers) as Array<[keyof typeof templates, 'accept' | 'reject' | 'ban']>) {
      templates[key] = answer(templates[key], given, at);
    }
    const next: SubscriptionDoc = { ...doc, templates, updatedAt: at };
    if (current) await tx.update('subscriptions', me, { templates, updatedAt: at });
    else await tx.create('subscriptions', next);
    await audit(tx, me, me, 'subscription.answer', { answers: input.answers, context: input.context }, at);
    return { items: subscriptionViews(next, config, needs) };
  });
}

export async function setQuietHours(ctx: ServiceContext, input: ParsedInput<'inbox', 'setQuietHours'>): Promise<InboxResults['setQuietHours']> {
  const me = requireUser(ctx)._id;
  const at = ctx.now().toISOString();
  const quiet: QuietHours | null = input.on ? { from: input.from!, to: input.to! } : null;
  return ctx.mutate(async (tx) => {
    const current = await tx.get<SubscriptionDoc>('subscriptions', me);
    if (current) await tx.update('subscriptions', me, { quiet, updatedAt: at });
    else await tx.create('subscriptions', { ...newDoc(me, at), quiet });
    return { quiet };
  });
}

// ---------------------------------------------------------------- the outbox (已发通知)

function fieldsOf(doc: OutboxDoc, config: NotificationsConfig): Array<{ key: string; value: string }> {
  let data: RenderedFields | null = doc.data;
  if (!data && doc.template) {
    const rendered = renderFields(config.templates[doc.template], doc.values);
    data = rendered.ok ? rendered.data : null;
  }
  if (data) return Object.entries(data).map(([key, f]) => ({ key, value: f.value }));
  // Nothing WeChat would take: show what the message says, so the row is still readable.
  return [
    { key: 'subject', value: doc.values.subject },
    { key: 'status', value: doc.values.status },
  ];
}

async function outboxView(doc: OutboxDoc, names: Names, config: NotificationsConfig, channel: Channel): Promise<OutboxView> {
  return {
    id: doc._id,
    userId: doc.userId,
    userName: await names.userName(doc.userId),
    kind: doc.kind as OutboxView['kind'],
    templateTitle: doc.template ? config.templates[doc.template].title : null,
    page: doc.page,
    fields: fieldsOf(doc, config),
    state: doc.state,
    stateText: doc.state === 'pending' && doc.attempts > 0 ? '重试中' : deliveryLabel(doc.state, channel),
    attempts: doc.attempts,
    errcode: doc.errcode,
    reason: doc.reason,
    nextAttemptAt: doc.state === 'pending' ? doc.nextAttemptAt : null,
    sentAt: doc.sentAt,
    createdAt: doc.createdAt,
  };
}

/**
 * Newest first. Admins and the duty officers see every message; a social worker sees the messages
 * about the seniors of the 居委 she serves (alarms, help, 老伙伴: whether the family was reached),
 * not her residents' other mail (record approvals, team applications …), which she has no need to
 * read. Filtered on each page, so a page may hold fewer rows than asked for while `next` goes on. A
 * state filter is applied to the page the same way.
 */
export async function outbox(ctx: ServiceContext, input: ParsedInput<'inbox', 'outbox'>): Promise<InboxResults['outbox']> {
  const user = requireUser(ctx);
  const config = notificationTemplates();
  const names = new Names(ctx.store);
  const everything = isAdmin(ctx.actor) || isDutyOfficer(ctx.actor);
  const served = new Set(servedCommittees(user.grants));
  const committees = new Map<string, Promise<string | null>>();
  const committeeOfSenior = (seniorId: string) => {
    let known = committees.get(seniorId);
    if (!known) committees.set(seniorId, (known = ctx.store.get<SeniorDoc>('seniors', seniorId).then((d) => d?.committeeId ?? null)));
    return known;
  };
  const aboutServedSenior = async (doc: OutboxDoc): Promise<boolean> => {
    const seniorId = (await ctx.store.get<MessageDoc>('messages', doc.messageId))?.seniorId;
    return !!seniorId && served.has((await committeeOfSenior(seniorId)) ?? '');
  };
  const page = await ctx.store.find<OutboxDoc>('outbox', {
    where: input.alertId ? { alertId: input.alertId } : undefined,
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const items: OutboxView[] = [];
  for (const doc of page.items) {
    if (input.state && doc.state !== input.state) continue;
    if (!everything && !(await aboutServedSenior(doc))) continue;
    items.push(await outboxView(doc, names, config, channelOf(ctx)));
  }
  return { items, next: page.next, runtime: channelOf(ctx) };
}
