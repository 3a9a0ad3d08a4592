/**
 * The alarm chain (../shared/domain.md, "Alarms and who answers them"): an alert about a senior is
 * passed up partner / family → the 居委's social workers → the street's duty officer (街道值班) →
 * the street admin, until a named person acknowledges it. A link with nobody is skipped; a link
 * moves on at once when every message to it failed or found the person 未订阅, and after its
 * waiting time when nobody acknowledged. Pure; no I/O.
 */
import type { PartnerAlertKind } from './ladder';
import type { DeliveryState } from './notifications';

/** 'help': the senior pressed 一键求助; the 老伙伴 ladder raises overdue, unreachable and emergency. */
export type AlertKind = 'help' | PartnerAlertKind;

export type ChainLinkKind = 'partner' | 'socialWorker' | 'duty' | 'admin';
const CHAIN_ORDER: readonly ChainLinkKind[] = ['partner', 'socialWorker', 'duty', 'admin'];

export const CHAIN_LINK_LABELS: Record<ChainLinkKind, string> = {
  partner: '老伙伴和家属',
  socialWorker: '居委社工',
  duty: '街道值班',
  admin: '街道管理员',
};

/** waiting: not reached yet; active: told, waiting for someone to acknowledge; passed: moved on; skipped: nobody there. */
export type ChainLinkState = 'waiting' | 'active' | 'passed' | 'skipped' | 'acknowledged';

export const CHAIN_STATE_LABELS: Record<ChainLinkState, string> = {
  waiting: '未轮到',
  active: '正在通知',
  // Plain words: a senior's daughter reads the chain too (转下一级 is the desk's jargon).
  passed: '没有人接手，已通知下一位',
  skipped: '无人可通知，已跳过',
  acknowledged: '已有人处理',
};

export interface ChainLink {
  link: ChainLinkKind;
  userIds: string[];
  state: ChainLinkState;
  startedAt: string | null;
  dueAt: string | null;
  why: string | null;
}

export interface ChainConfig {
  /** Minutes a link has to acknowledge before the next one is told, per alert kind. */
  waitMinutes: Record<AlertKind, number>;
  /** The links, in order, for every 居委 without its own. */
  links: ChainLinkKind[];
  /** A 居委's own chain (e.g. one whose social workers are not on WeChat goes to the duty officer first). */
  byCommittee: Record<string, ChainLinkKind[]>;
}

export const DEFAULT_CHAIN: ChainConfig = {
  waitMinutes: { help: 10, emergency: 10, unreachable: 30, overdue: 120 },
  links: [...CHAIN_ORDER],
  byCommittee: {},
};

/**
 * The links of a 居委's chain, in order. The street admins always close it (a chain that could end
 * in nobody is not a chain): a configuration without them, or without any link at all, gets them
 * appended, and `fixed` says so for the timeline.
 */
export function linksFor(config: Partial<ChainConfig>, committeeId: string): { links: ChainLinkKind[]; fixed: boolean } {
  const wanted = config.byCommittee?.[committeeId] ?? config.links ?? CHAIN_ORDER;
  const links = [...new Set(wanted.filter((l) => (CHAIN_ORDER as readonly string[]).includes(l)))];
  if (links.at(-1) === 'admin') return { links, fixed: false };
  return { links: [...links.filter((l) => l !== 'admin'), 'admin'], fixed: true };
}

/** The scheduler's timer period on CloudBase (cloudfunctions/scheduler/config.json); no wait may be shorter. */
export const TIMER_MINUTES = 5;

/** A due time far in the future: an alert that waits for nothing (indexed, so never null). */
export const NEVER = '9999-12-31T23:59:59.999Z';

export interface ChainPeople {
  partner: string[];
  family: string[];
  socialWorkers: string[];
  duty: string[];
  admins: string[];
}

const SKIP_WHY: Record<Exclude<ChainLinkKind, 'partner'>, string> = {
  socialWorker: '本居委没有登记社工',
  duty: '现在没有人值班',
  admin: '没有其他街道管理员可通知',
};

/**
 * Why a link had nobody to tell, as it really was: the partner may be the one who raised the alert,
 * and emergency contacts are numbers for the staff to call, not family on the app.
 */
function skipWhy(link: ChainLinkKind, people: ChainPeople, raisedBy: string, already: Set<string>): string {
  if (link !== 'partner') return SKIP_WHY[link];
  const partner = !people.partner.length ? '没有结对老伙伴' : people.partner.includes(raisedBy) ? '老伙伴本人发出了警报' : '老伙伴已经收到';
  const family = !people.family.length
    ? '没有在小程序登记的家属（紧急联系人的电话由工作人员拨打）'
    : people.family.every((id) => id === raisedBy || already.has(id))
      ? '家属本人发出了警报或已经收到'
      : '家属已经收到';
  return `${partner}；${family}`;
}

/** The people of one link, without whoever raised the alert (they know already). */
function membersOf(link: ChainLinkKind, people: ChainPeople, raisedBy: string): string[] {
  const ids =
    link === 'partner' ? [...people.partner, ...people.family] : link === 'socialWorker' ? people.socialWorkers : link === 'duty' ? people.duty : people.admins;
  return [...new Set(ids)].filter((id) => id !== raisedBy && id !== 'system');
}

/** The chain as it stands when an alert is raised: every link waiting, none started. */
export function planChain(links: readonly ChainLinkKind[] = CHAIN_ORDER): ChainLink[] {
  return links.map((link) => ({ link, userIds: [], state: 'waiting', startedAt: null, dueAt: null, why: null }));
}

interface Advance {
  chain: ChainLink[];
  /** The link that was started (its people are to be told now), or null when the chain ran out. */
  started: ChainLink | null;
  skipped: ChainLink[];
}

/**
 * Starts the next link after `from` (−1: the first) that has anyone, skipping empty ones. The people
 * of each link are looked up when it starts: who is on duty at 03:00 is not who was at 21:00.
 */
export function startNext(chain: ChainLink[], from: number, people: ChainPeople, raisedBy: string, wait: number, now: Date): Advance {
  const next = chain.map((l) => ({ ...l }));
  const skipped: ChainLink[] = [];
  const at = now.toISOString();
  for (let i = from + 1; i < next.length; i += 1) {
    const link = next[i]!;
    // Someone told in an earlier link (the admin on the night roster) is not told twice.
    const already = new Set(next.slice(0, i).flatMap((l) => (l.state === 'waiting' ? [] : l.userIds)));
    const members = membersOf(link.link, people, raisedBy).filter((id) => !already.has(id));
    if (!members.length) {
      Object.assign(link, { state: 'skipped', startedAt: at, why: skipWhy(link.link, people, raisedBy, already) });
      skipped.push(link);
      continue;
    }
    Object.assign(link, { userIds: members, state: 'active', startedAt: at, dueAt: new Date(now.getTime() + wait * 60_000).toISOString(), why: null });
    return { chain: next, started: link, skipped };
  }
  return { chain: next, started: null, skipped };
}

export const activeIndex = (chain: ChainLink[]): number => chain.findIndex((l) => l.state === 'active');

type ChainDecision = { kind: 'wait'; reached: string[] } | { kind: 'move'; reached: string[]; why: string } | { kind: 'end'; reached: string[] };

/**
 * What the active link's deliveries and the clock say: move on when every message to the link has
 * settled without reaching anyone, or when its time ran out; otherwise wait. `reached` lists the
 * link's people WeChat accepted a message for.
 */
export function decide(link: ChainLink, deliveries: Map<string, DeliveryState>, now: Date): ChainDecision {
  const reached = link.userIds.filter((id) => deliveries.get(id) === 'sent');
  const allSettled = link.userIds.every((id) => {
    const s = deliveries.get(id);
    return s !== undefined && s !== 'pending';
  });
  if (allSettled && !reached.length) return { kind: 'move', reached, why: '消息都没有送到（没开微信提醒，或发送失败）' };
  if (link.dueAt && now.toISOString() >= link.dueAt) return { kind: 'move', reached, why: `${minutesBetween(link.startedAt, link.dueAt)} 分钟内无人回应` };
  return { kind: 'wait', reached };
}

const minutesBetween = (from: string | null, to: string | null): number =>
  from && to ? Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000) : 0;

/** When the scheduler must look at this alert again (the active link's due time), or NEVER. */
export function chainDueAt(chain: ChainLink[], acknowledged: boolean, open: boolean): string {
  if (!open || acknowledged) return NEVER;
  return chain.find((l) => l.state === 'active')?.dueAt ?? NEVER;
}
