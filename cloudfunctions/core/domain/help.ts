/**
 * Help requests (求助): a senior, or someone acting for them, asks for a service paid in time
 * credits; a volunteer accepts, serves, reports the minutes; the senior side confirms and the
 * credits move. Pure rules: states, what may happen when, how a settlement moves credits,
 * walking distance. No I/O; services/help/ runs them inside one transaction per act.
 *
 *   awaiting_grant ──grant──▶ open ──accept──▶ assigned ──report──▶ reported ──confirm──▶ completed
 *        │  └─refuse─▶ declined  │  ◀─hand back─┘   │                  │  └─dispute─▶ disputed ─settle─▶ completed | voided
 *        └──cancel / expiry──────┴──cancel (before the start)──▶ cancelled | expired
 */
import type { Doc } from './doc';
import { distanceMeters, type LatLng } from './geo';
import type { ActorKind, RecentAsk } from './seniors';

export type { RecentAsk };
import type { Wording } from './words';

export const HELP_STATES = ['awaiting_grant', 'open', 'assigned', 'reported', 'disputed', 'completed', 'cancelled', 'declined', 'expired', 'voided'] as const;
export type HelpState = (typeof HELP_STATES)[number];
export type Funding = 'credits' | 'pool';

/** Still going: a volunteer, the senior side or the social worker has something to do. */
export const ACTIVE_STATES: readonly HelpState[] = ['awaiting_grant', 'open', 'assigned', 'reported', 'disputed'];
export const isActive = (state: HelpState): boolean => ACTIVE_STATES.includes(state);

/** Most recent asks kept on the senior's record (older ones have ended long before they would drop out). */
export const RECENT_ASKS_KEPT = 12;

/**
 * States in which a second request of the same kind at an overlapping time is the same request asked
 * twice (by her and her daughter, or again after an answer that never arrived): nobody has served it yet.
 */
export const DUPLICATE_WHILE: readonly HelpState[] = ['awaiting_grant', 'open', 'assigned'];

/** The asks that may be the same as a new one: same category, overlapping time. */
export function sameAsks(recent: readonly RecentAsk[], wanted: Omit<RecentAsk, 'id'>): RecentAsk[] {
  return recent.filter((r) => r.category === wanted.category && r.startAt < wanted.endAt && wanted.startAt < r.endAt);
}

/** The asks worth keeping once a new one is added: not yet ended at `now`, newest last, at most RECENT_ASKS_KEPT. */
export function keptAsks(recent: readonly RecentAsk[], added: RecentAsk, now: Date): RecentAsk[] {
  return [...recent.filter((r) => Date.parse(r.endAt) > now.getTime()), added].slice(-RECENT_ASKS_KEPT);
}

/** A reported service nobody confirms within this many hours goes to the social worker's queue. */
export const CONFIRM_WINDOW_HOURS = 72;
/** Shortest request; the longest is the policy's maxRecordMinutes. */
export const MIN_HELP_MINUTES = 15;
/** "Now" requests may start a little in the past (the form's clock, a slow hand). */
export const START_GRACE_MINUTES = 30;
/** Requests are for the coming weeks, not for next year. */
export const MAX_DAYS_AHEAD = 30;
/**
 * 我出发了 opens this many hours before the start (a bus across the street, an early leave) and stays
 * open until the end; earlier, the senior would be told "已出发，正在上门" a day ahead.
 */
export const ON_THE_WAY_HOURS_BEFORE = 2;
/** The pseudo team of one-to-one help in service records (records need a team; help has none). */
export const HELP_TEAM_ID = 'help';
/** How that pseudo team reads where teams are listed (the records, the street report). */
export const HELP_TEAM_NAME = '一对一求助';

export const STATE_LABELS: Record<HelpState, string> = {
  awaiting_grant: '等待社工批准公益池资助',
  open: '等待志愿者接单',
  assigned: '志愿者已接单',
  reported: '志愿者已完成，等待确认',
  disputed: '有异议，等待社工处理',
  completed: '已完成',
  cancelled: '已取消',
  declined: '公益池资助未获批准',
  expired: '已过期，无人接单',
  voided: '社工处理：不支付时间币',
};

/** The states whose label has other words on the senior side (domain/words.ts): no 接单, no 公益池. */
const PLAIN_STATE_LABELS: Partial<Record<HelpState, string>> = {
  awaiting_grant: '等社工同意用街道公共时间',
  open: '等待志愿者答应来帮忙',
  assigned: '志愿者已答应来帮忙',
  declined: '社工没有同意用街道公共时间',
  expired: '已过期，没有志愿者答应',
};

/** A state's label in the reader's words: the staff's (STATE_LABELS), or the senior side's plain ones. */
export const stateLabel = (state: HelpState, wording: Wording): string => (wording === 'plain' ? PLAIN_STATE_LABELS[state] : undefined) ?? STATE_LABELS[state];

export type HelpAction =
  'create' | 'grant' | 'refuse' | 'accept' | 'onTheWay' | 'handBack' | 'report' | 'confirm' | 'dispute' | 'settle' | 'cancel' | 'expire' | 'queue';

/** One line of a request's own timeline; the senior's history (seniorLog) has a line for each too. */
export interface HelpStep {
  at: string;
  action: HelpAction;
  actorId: string;
  via: ActorKind;
  text: string;
}

export interface HelpRequestDoc extends Doc {
  seniorId: string;
  committeeId: string;
  category: string;
  /** Snapshot of the category name when asked. */
  categoryName: string;
  startAt: string;
  endAt: string;
  /** Expected minutes: what is held. */
  minutes: number;
  note: string;
  funding: Funding;
  state: HelpState;
  /** Coarse location of the senior (copied at creation) for walking distances; never sent to a client. */
  location: LatLng | null;
  /** The pending transfer (redeem:<id>), once placed; its amount is heldMinutes. */
  holdId: string | null;
  heldMinutes: number;
  /** Messages asking someone to act on the request as it stands (请确认, 请审核, 请处理): read once it moves on. */
  todoMessageIds?: string[];
  grant: { approved: boolean; by: string; at: string; reason: string } | null;
  volunteerId: string | null;
  acceptedAt: string | null;
  /** Volunteers who handed it back, so the list can say "handed back once". */
  handedBack: string[];
  report: { minutes: number; note: string; at: string } | null;
  reportedAt: string | null;
  dispute: { by: string; via: ActorKind; reason: string; at: string } | null;
  /** How it ended when credits were settled: confirmed by the senior side, or settled by the social worker. */
  settlement: {
    how: 'confirm' | 'all' | 'part' | 'void';
    minutes: number;
    by: string;
    via: ActorKind;
    reason: string | null;
    at: string;
    /** Transfers this settlement wrote (post/void of the hold, extra, the volunteer's earn). */
    transferIds: string[];
    recordId: string | null;
  } | null;
  cancel: { by: string; via: ActorKind; reason: string | null; at: string } | null;
  /** In the social worker's queue (72 h without confirmation, or never reported). */
  queued: boolean;
  queuedAt: string | null;
  queueReason: 'unconfirmed' | 'unreported' | null;
  createdBy: string;
  createdVia: ActorKind;
  createdAt: string;
  updatedAt: string;
  steps: HelpStep[];
}

export const hasStarted = (r: Pick<HelpRequestDoc, 'startAt'>, now: Date): boolean => now.getTime() >= Date.parse(r.startAt);
export const hasEnded = (r: Pick<HelpRequestDoc, 'endAt'>, now: Date): boolean => now.getTime() >= Date.parse(r.endAt);

/** May the senior side cancel now? Before anyone serves: any time while open; before the start once assigned. */
export function mayCancel(r: Pick<HelpRequestDoc, 'state' | 'startAt'>, now: Date): boolean {
  if (r.state === 'awaiting_grant' || r.state === 'open') return true;
  return r.state === 'assigned' && !hasStarted(r, now);
}

/** From when the assigned volunteer may say 我出发了. */
export const onTheWayFrom = (r: Pick<HelpRequestDoc, 'startAt'>): Date => new Date(Date.parse(r.startAt) - ON_THE_WAY_HOURS_BEFORE * 3600_000);
export const saidOnTheWay = (r: Pick<HelpRequestDoc, 'steps'>): boolean => r.steps.some((x) => x.action === 'onTheWay');
/** 我出发了: assigned, not said yet, from ON_THE_WAY_HOURS_BEFORE hours before the start until the end. */
export const mayGoOnTheWay = (r: Pick<HelpRequestDoc, 'state' | 'startAt' | 'endAt' | 'steps'>, now: Date): boolean =>
  r.state === 'assigned' && !saidOnTheWay(r) && now.getTime() >= onTheWayFrom(r).getTime() && !hasEnded(r, now);
/** Whole minutes since the start (0 before it): no report may claim more. */
export const minutesSinceStart = (r: Pick<HelpRequestDoc, 'startAt'>, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(r.startAt)) / 60_000));

export const mayHandBack = (r: Pick<HelpRequestDoc, 'state' | 'startAt'>, now: Date): boolean => r.state === 'assigned' && !hasStarted(r, now);
export const mayReport = (r: Pick<HelpRequestDoc, 'state' | 'startAt'>, now: Date): boolean => r.state === 'assigned' && hasStarted(r, now);
export const mayDispute = (r: Pick<HelpRequestDoc, 'state' | 'startAt'>, now: Date): boolean =>
  r.state === 'reported' || (r.state === 'assigned' && hasStarted(r, now));
/** The social worker may settle a dispute, an unconfirmed report, or a service that started and was never reported. */
export const maySettle = (r: Pick<HelpRequestDoc, 'state' | 'startAt'>, now: Date): boolean => r.state === 'disputed' || mayDispute(r, now);

/** Reported this long ago without confirmation: the social worker takes over. */
export function confirmationOverdue(r: Pick<HelpRequestDoc, 'state' | 'reportedAt'>, now: Date): boolean {
  return r.state === 'reported' && !!r.reportedAt && now.getTime() - Date.parse(r.reportedAt) >= CONFIRM_WINDOW_HOURS * 3600_000;
}

export const overdueCutoff = (now: Date): string => new Date(now.getTime() - CONFIRM_WINDOW_HOURS * 3600_000).toISOString();

/**
 * How a settlement of `actual` minutes moves credits, given `held` minutes on hold:
 * - the same: post the hold;
 * - fewer: void the hold and post the actual minutes from the same payer (the rest is released);
 * - more: post the hold and take the difference from a top-up source (the senior's credits or the pool).
 * The ledger resolves a hold all or nothing, hence void-and-post for fewer.
 */
interface SettlementPlan {
  resolveHold: 'post' | 'void';
  /** Posted from the hold's payer, after voiding it. */
  fresh: number;
  /** Posted from the top-up source. */
  extra: number;
}

export function settlementPlan(held: number, actual: number): SettlementPlan {
  if (!Number.isSafeInteger(held) || held <= 0 || !Number.isSafeInteger(actual) || actual < 0) {
    throw new RangeError(`bad settlement ${held} → ${actual}`);
  }
  if (actual === held) return { resolveHold: 'post', fresh: 0, extra: 0 };
  if (actual < held) return { resolveHold: 'void', fresh: actual, extra: 0 };
  return { resolveHold: 'post', fresh: 0, extra: actual - held };
}

/** Walking pace of the street's volunteers (many in their 60s), metres a minute. */
const WALK_METRES_PER_MINUTE = 70;
/** Streets are not straight lines. */
const DETOUR_FACTOR = 1.3;

interface WalkingDistance {
  /** Straight-line distance rounded to 100 m (never less than 100), so no exact position can be worked out. */
  meters: number;
  minutes: number;
  text: string;
}

export function walkingDistance(from: LatLng, to: LatLng): WalkingDistance {
  const straight = distanceMeters(from, to);
  const meters = Math.max(100, Math.round(straight / 100) * 100);
  const minutes = Math.max(1, Math.round((straight * DETOUR_FACTOR) / WALK_METRES_PER_MINUTE));
  const distance = meters >= 1000 ? `${(meters / 1000).toFixed(1)} 公里` : `${meters} 米`;
  return { meters, minutes, text: `约 ${distance}，步行约 ${minutes} 分钟` };
}
