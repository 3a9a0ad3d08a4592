/**
 * Notifications: which message kind goes to which WeChat subscription template (订阅消息), how its
 * fields are filled and cut to WeChat's limits, when a reminder waits for quiet hours, how a failed
 * send backs off, and how many sends a person's subscription answers still allow. Pure; no I/O.
 *
 * The in-app inbox keeps every message; a template send is the part that reaches a phone. The
 * template ids come from notifications.json at the repository root (the operator's one file).
 */
import * as z from 'zod';
import type { Doc } from './doc';

// ---------------------------------------------------------------- kinds

export type TemplateKey = 'activity' | 'hours' | 'help' | 'contact' | 'alert' | 'team';
export const TEMPLATE_KEYS: readonly TemplateKey[] = ['activity', 'hours', 'help', 'contact', 'alert', 'team'];

/** Alarms never wait; reminders wait for the person's quiet hours; the rest go at once. */
type NoticePriority = 'alarm' | 'normal' | 'reminder';

interface KindSpec {
  template: TemplateKey | null;
  priority: NoticePriority;
  /** Phrase field (≤ 5 characters): the state the message announces. */
  status: string;
  /** The page the message opens; `{ref}` is the notice's reference (activity, alert, request ...). */
  page: string;
}

/**
 * Every kind the product writes. A kind without a template (null) stays in the inbox only: these
 * are routine confirmations nobody needs on their phone.
 */
export const NOTICE_KINDS = {
  'activity.reminder': { template: 'activity', priority: 'reminder', status: '即将开始', page: '/packages/activity/detail/index?id={ref}' },
  'activity.cancelled': { template: 'activity', priority: 'normal', status: '已取消', page: '/packages/activity/detail/index?id={ref}' },
  'activity.moved': { template: 'activity', priority: 'normal', status: '有变动', page: '/packages/activity/detail/index?id={ref}' },
  'signup.promoted': { template: 'activity', priority: 'normal', status: '候补成功', page: '/packages/activity/detail/index?id={ref}' },
  // A leader took someone off an activity's list (after the cancel deadline, or on her word): to her.
  'signup.released': { template: 'activity', priority: 'normal', status: '已取消报名', page: '/packages/activity/detail/index?id={ref}' },
  // A volunteer past the cancel deadline says she cannot come: to the team's leaders, opening the list.
  'signup.cannotCome': { template: 'activity', priority: 'normal', status: '来不了', page: '/packages/leader/roster/index?id={ref}' },
  // A confirmed place given up close to the start (LEADERS_TOLD_OF_CANCEL_HOURS): to the team's leaders, inbox only.
  'signup.left': { template: null, priority: 'normal', status: '取消报名', page: '/packages/leader/roster/index?id={ref}' },
  'record.approved': { template: 'hours', priority: 'normal', status: '已通过', page: '/packages/timebank/home/index' },
  'record.rejected': { template: 'hours', priority: 'normal', status: '未通过', page: '/packages/timebank/home/index' },
  // An approved record taken back by its team's leader or an admin (records.reverse): to the volunteer.
  'record.reversed': { template: 'hours', priority: 'normal', status: '已撤销', page: '/packages/timebank/home/index' },
  // A volunteer's 异议 about a rejected or reversed record: to the street admins, then the answer back.
  'record.appealed': { template: 'hours', priority: 'normal', status: '有异议', page: '/packages/admin/appeals/index' },
  'record.appealDecided': { template: 'hours', priority: 'normal', status: '已处理', page: '/packages/timebank/home/index' },
  // The team's leaders hear of a 异议 about their team's record and of the street's answer (inbox only).
  'record.appealNoted': { template: null, priority: 'normal', status: '有异议', page: '/packages/leader/records/index?teamId={ref}&show=appealed' },
  'record.awaitingReview': { template: 'hours', priority: 'normal', status: '待复核', page: '/packages/leader/approvals/index?teamId={ref}' },
  // A pending record no leader of its team but its volunteer may approve: to the street admins, opening 等街道审核.
  'record.awaitingStreet': { template: 'hours', priority: 'normal', status: '待审核', page: '/packages/leader/approvals/index?teamId=street-review' },
  'team.joinRequest': { template: 'team', priority: 'normal', status: '待审核', page: '/packages/leader/roster/index?teamId={ref}' },
  'team.approved': { template: 'team', priority: 'normal', status: '已通过', page: '/packages/activity/team/index?id={ref}' },
  'team.rejected': { template: 'team', priority: 'normal', status: '未通过', page: '/packages/activity/team/index?id={ref}' },
  'help.grantRequested': { template: 'help', priority: 'normal', status: '待审核', page: '/packages/social/queue/index' },
  'help.grantDecided': { template: 'help', priority: 'normal', status: '已审核', page: '/packages/senior/requests/index' },
  'help.accepted': { template: 'help', priority: 'normal', status: '有人答应了', page: '/packages/senior/requests/index' },
  'help.onTheWay': { template: 'help', priority: 'normal', status: '在路上', page: '/packages/senior/requests/index' },
  'help.handedBack': { template: 'help', priority: 'normal', status: '重新等待', page: '/packages/senior/requests/index' },
  'help.reported': { template: 'help', priority: 'normal', status: '请确认', page: '/packages/senior/requests/index' },
  'help.confirmed': { template: null, priority: 'normal', status: '已确认', page: '/packages/help/mine/index' },
  'help.disputed': { template: 'help', priority: 'normal', status: '有异议', page: '/packages/social/queue/index' },
  'help.settled': { template: 'help', priority: 'normal', status: '已处理', page: '/packages/senior/requests/index' },
  'help.cancelled': { template: 'help', priority: 'normal', status: '已取消', page: '/packages/help/mine/index' },
  // To the senior's side when someone acting for her (her daughter, the desk) cancelled her request.
  'help.withdrawn': { template: 'help', priority: 'normal', status: '已取消', page: '/packages/senior/requests/index' },
  'help.expired': { template: 'help', priority: 'normal', status: '已过期', page: '/packages/senior/requests/index' },
  'help.overdue': { template: 'help', priority: 'normal', status: '待处理', page: '/packages/social/queue/index' },
  'senior.proxy': { template: 'help', priority: 'normal', status: '代办申请', page: '/packages/senior/proxies/index' },
  'senior.moved': { template: null, priority: 'normal', status: '已迁入', page: '/packages/social/seniors/index' },
  'partner.paired': { template: 'contact', priority: 'normal', status: '已结对', page: '/packages/partner/mine/index' },
  'partner.ended': { template: null, priority: 'normal', status: '已结束', page: '/packages/partner/mine/index' },
  'partner.due': { template: 'contact', priority: 'reminder', status: '该联系了', page: '/packages/partner/mine/index' },
  'partner.overdue': { template: 'contact', priority: 'alarm', status: '已逾期', page: '/packages/partner/mine/index' },
  'partner.worried': { template: 'contact', priority: 'normal', status: '需关注', page: '/packages/partner/mine/index' },
  'partner.approved': { template: null, priority: 'normal', status: '已通过', page: '/packages/partner/mine/index' },
  'alert.raised': { template: 'alert', priority: 'alarm', status: '请处理', page: '/packages/alert/detail/index?id={ref}' },
  'alert.escalated': { template: 'alert', priority: 'alarm', status: '请处理', page: '/packages/alert/detail/index?id={ref}' },
  'alert.acknowledged': { template: 'alert', priority: 'alarm', status: '有人处理', page: '/packages/alert/detail/index?id={ref}' },
  'alert.closed': { template: 'alert', priority: 'normal', status: '已结束', page: '/packages/alert/detail/index?id={ref}' },
  // Relative links and gifts (services/timebank.ts): no template fits (none is about a relative or
  // credits), so the inbox only.
  'link.invited': { template: null, priority: 'normal', status: '待确认', page: '/packages/timebank/links/index' },
  'link.confirmed': { template: null, priority: 'normal', status: '已关联', page: '/packages/timebank/links/index' },
  'gift.received': { template: null, priority: 'normal', status: '已到账', page: '/packages/timebank/home/index' },
  'certificate.issued': { template: 'hours', priority: 'normal', status: '已出具', page: '/packages/certificate/detail/index?id={ref}' },
  'certificate.refused': { template: 'hours', priority: 'normal', status: '未出具', page: '/packages/certificate/detail/index?id={ref}' },
  'certificate.voided': { template: 'hours', priority: 'normal', status: '已作废', page: '/packages/certificate/detail/index?id={ref}' },
} as const satisfies Record<string, KindSpec>;

export type NoticeKind = keyof typeof NOTICE_KINDS;

export function kindSpec(kind: string): KindSpec | null {
  return Object.hasOwn(NOTICE_KINDS, kind) ? (NOTICE_KINDS as Record<string, KindSpec>)[kind]! : null;
}

/** The page a message opens, with its reference filled in (a page that needs one and has none opens the inbox). */
export function pageOf(spec: KindSpec, ref: string | null): string {
  if (!spec.page.includes('{ref}')) return spec.page;
  return ref ? spec.page.replace('{ref}', encodeURIComponent(ref)) : '/packages/inbox/home/index';
}

// ---------------------------------------------------------------- templates (notifications.json)

/** What a template field can be filled from. */
const FIELD_SOURCES = ['subject', 'status', 'body', 'at', 'person'] as const;

const FieldKey = z.string().regex(/^(thing|phrase|name|time|date|character_string|number|phone_number|letter|symbol|amount)\d{1,2}$/, {
  error: '模板字段名应是 thing1、phrase2、time3 这样的微信关键词',
});

const TemplateDef = z.strictObject({
  title: z.string().min(1).max(20),
  /** Empty: not set up yet (messages stay in the inbox, recorded as skipped). */
  templateId: z.string().max(64),
  /** 长期订阅 (public-service categories only): one acceptance allows every later send. */
  longTerm: z.boolean(),
  fields: z
    .record(FieldKey, z.enum(FIELD_SOURCES))
    .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 5, { error: '每个模板 1 到 5 个字段' }),
});

export const NotificationsConfig = z.strictObject({
  $comment: z.string().optional(),
  templates: z.strictObject({
    activity: TemplateDef,
    hours: TemplateDef,
    help: TemplateDef,
    contact: TemplateDef,
    alert: TemplateDef,
    team: TemplateDef,
  }),
});

export type NotificationsConfig = z.infer<typeof NotificationsConfig>;
export type TemplateDef = z.infer<typeof TemplateDef>;

export function parseNotificationsConfig(raw: unknown): NotificationsConfig {
  const parsed = NotificationsConfig.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`notifications.json: ${first?.path.join('.')}: ${first?.message}`);
  }
  return parsed.data;
}

/** WeChat's limits per keyword type (characters), from the subscription-message documentation. */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 32,
  phone_number: 17,
  time: 30,
  date: 30,
};

const fieldType = (key: string): string => key.replace(/\d+$/, '');

interface NoticeValues {
  subject: string;
  status: string;
  body: string;
  /** ISO time of the event. */
  at: string;
  person: string;
}

export type RenderedFields = Record<string, { value: string }>;

/** Shanghai wall-clock time as WeChat's time keyword wants it (YYYY-MM-DD HH:mm). */
function shanghaiTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

/** Cuts free text to a limit, marking the cut; characters, not UTF-16 units. */
function cut(text: string, limit: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= limit) return chars.join('');
  return `${chars.slice(0, limit - 1).join('')}…`;
}

type RenderResult = { ok: true; data: RenderedFields } | { ok: false; reason: string };

/**
 * Fills a template's fields from a notice. Free text (thing, name) is cut with an ellipsis; a value
 * that cannot be cut without changing its meaning (a phrase over 5 characters, a phrase or name with
 * digits or symbols WeChat refuses, an empty field) is refused with the reason, never sent wrong.
 */
export function renderFields(template: TemplateDef, values: NoticeValues): RenderResult {
  const data: RenderedFields = {};
  for (const [key, source] of Object.entries(template.fields)) {
    const type = fieldType(key);
    const limit = FIELD_LIMITS[type] ?? 20;
    let value = source === 'at' ? shanghaiTime(values.at) : values[source];
    if (type === 'time' || type === 'date') {
      if (source !== 'at') return { ok: false, reason: `${key} 是时间字段，只能填时间` };
      if (type === 'date') value = value.slice(0, 10);
    }
    if (!value.trim()) return { ok: false, reason: `${key} 没有内容` };
    if (type === 'phrase') {
      if ([...value].length > limit) return { ok: false, reason: `${key} 最多 ${limit} 个字：“${value}”` };
      if (!/^[\u4e00-\u9fa5]+$/.test(value)) return { ok: false, reason: `${key} 只能是汉字：“${value}”` };
    } else if (type === 'thing' || type === 'name') {
      value = cut(value, limit);
    } else if ([...value].length > limit) {
      return { ok: false, reason: `${key} 最多 ${limit} 个字符` };
    }
    data[key] = { value };
  }
  return { ok: true, data };
}

// ---------------------------------------------------------------- delivery

/**
 * pending: waiting to be sent (or to be retried, when attempts > 0);
 * sent: WeChat accepted it (the local runtime's outbox accepts in its place);
 * unsubscribed: no subscription left (estimate at zero, or WeChat answered 43101);
 * skipped: nothing to send to (no template set up, no WeChat identity, a field WeChat would refuse);
 * failed: WeChat refused it for good, or every retry failed.
 */
export type DeliveryState = 'pending' | 'sent' | 'unsubscribed' | 'skipped' | 'failed';

/** Read by family and volunteers on the alert page too: 没开微信提醒 rather than the jargon 未订阅. */
export const DELIVERY_LABELS: Record<DeliveryState, string> = {
  pending: '等待发送',
  sent: '已送达微信',
  unsubscribed: '没开微信提醒',
  skipped: '未发送',
  failed: '发送失败',
};

/**
 * Where a runtime's subscription messages go: WeChat, or (the local runtime) nowhere: its notifier
 * only accepts them into the outbox, so 'sent' there must never read as delivered to WeChat.
 */
export type Channel = 'wechat' | 'local';

/** What the local runtime says of a message its stand-in accepted (only the in-app message reached them). */
export const LOCAL_SENT_LABEL = '本机演示，未发微信';

export const deliveryLabel = (state: DeliveryState, channel: Channel): string =>
  state === 'sent' && channel === 'local' ? LOCAL_SENT_LABEL : DELIVERY_LABELS[state];

/** A settled state ends delivery; only pending messages are tried again. */
export const isSettled = (s: DeliveryState): boolean => s !== 'pending';

/** The message at the outbox: one per recipient and notice, id derived from the inbox message. */
export interface OutboxDoc extends Doc {
  messageId: string;
  userId: string;
  kind: string;
  template: TemplateKey | null;
  priority: NoticePriority;
  page: string;
  /** The values the fields are rendered from (rendered again at send time with the then config). */
  values: NoticeValues;
  /** The alert the message belongs to, so the alarm chain can see who was reached. */
  alertId: string | null;
  state: DeliveryState;
  attempts: number;
  /** Not before this time (quiet hours, backoff). */
  nextAttemptAt: string;
  /** A sender holds the message until then; a crash leaves it to the next sender after it. */
  leaseUntil: string | null;
  errcode: number | null;
  reason: string | null;
  /** The fields as sent (or as they would have been). */
  data: RenderedFields | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** WeChat errcodes after which trying again cannot help. */
export const FINAL_ERRCODES = new Set([43101, 47003, 40003, 40037, 41030]);
export const ERRCODE_TEXT: Record<number, string> = {
  43101: '用户未订阅或已拒收',
  47003: '模板参数不正确',
  40003: '收件人身份无效',
  40037: '模板编号无效',
  41030: '跳转页面不存在',
};

export const MAX_ATTEMPTS = 6;
/** A lease long enough for one send (the function's own timeout is shorter). */
export const SEND_LEASE_MS = 60_000;

/** Backoff after a failed attempt: 1, 2, 4, 8, 16 minutes (then give up). */
export function nextAttemptAfter(attempts: number, now: Date): string {
  return new Date(now.getTime() + Math.min(16, 2 ** Math.max(0, attempts - 1)) * 60_000).toISOString();
}

// ---------------------------------------------------------------- quiet hours

export interface QuietHours {
  /** HH:mm, Shanghai time; from > to spans midnight. */
  from: string;
  to: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: '22:00', to: '07:00' };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message of this priority may go: alarms and normal messages now; a reminder created in the
 * person's quiet hours waits for their end (Shanghai time). `quiet` null: the person turned them off.
 */
export function notBefore(priority: NoticePriority, quiet: QuietHours | null, now: Date): Date {
  if (priority !== 'reminder' || !quiet) return now;
  const local = new Date(now.getTime() + 8 * 3600_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from === to ? false : from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return now;
  const wait = (to - minute + 24 * 60) % (24 * 60);
  const end = new Date(now.getTime() + wait * 60_000);
  end.setUTCSeconds(0, 0);
  return end;
}

// ---------------------------------------------------------------- subscriptions

export type SubscribeAnswer = 'accept' | 'reject' | 'ban';

interface TemplateSubscription {
  accepts: number;
  sends: number;
  last: SubscribeAnswer | null;
  answeredAt: string | null;
}

/** A person's answers per template (id = user id). */
export interface SubscriptionDoc extends Doc {
  templates: Partial<Record<TemplateKey, TemplateSubscription>>;
  quiet: QuietHours | null;
  updatedAt: string;
}

const emptySubscription = (): TemplateSubscription => ({ accepts: 0, sends: 0, last: null, answeredAt: null });

/** Sends the person's answers still allow (estimate: acceptances minus sends; unlimited for long-term ones). */
export function sendsLeft(sub: TemplateSubscription | undefined, longTerm: boolean): number {
  if (!sub) return 0;
  if (longTerm) return sub.last === 'accept' ? Number.POSITIVE_INFINITY : 0;
  return Math.max(0, sub.accepts - sub.sends);
}

/**
 * Whether the app should ask at the next natural tap: only when no send is left, and never again
 * after the person said no (reject) or switched the template off in WeChat (ban); they can still
 * turn it on from 我的消息.
 */
export function shouldAsk(sub: TemplateSubscription | undefined, longTerm: boolean): boolean {
  if (sub?.last === 'reject' || sub?.last === 'ban') return false;
  return sendsLeft(sub, longTerm) === 0;
}

/** Records one answer from `requestSubscribeMessage`. */
export function answer(sub: TemplateSubscription | undefined, given: SubscribeAnswer, at: string): TemplateSubscription {
  const s = sub ?? emptySubscription();
  return { ...s, accepts: s.accepts + (given === 'accept' ? 1 : 0), last: given, answeredAt: at };
}
