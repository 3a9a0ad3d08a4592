/**
 * 老伙伴 contacts and the contact schedule. Pure rules and types; no I/O.
 *
 * A partner volunteer contacts each of their seniors by phone or home visit at least `perWeek`
 * times a week (default 2: one contact is due `168 / perWeek` hours after the last one). During a
 * weather alert (heat or cold) declared by the street admin, a contact is due every day: 24 hours
 * after the last one, but never before the alert began. A new pair is due `firstContactHours`
 * after pairing. Only contacts that reached the senior count; 联系不上 raises an alarm instead.
 */
import { localDate, localToUtc, addDays } from './schedule';

export const CONTACT_CHANNELS = ['phone', 'visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CHANNEL_LABELS: Record<ContactChannel, string> = { phone: '电话', visit: '上门' };

export const CONTACT_OUTCOMES = ['ok', 'worried', 'unreachable', 'emergency'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<ContactOutcome, string> = { ok: '好', worried: '有点担心', unreachable: '联系不上', emergency: '紧急' };

/** Needs a senior raises, as chips the volunteer taps. */
export const CONTACT_NEEDS = ['shopping', 'medicine', 'repair', 'cleaning', 'companionship', 'paperwork', 'other'] as const;
export type ContactNeed = (typeof CONTACT_NEEDS)[number];
export const NEED_LABELS: Record<ContactNeed, string> = {
  shopping: '买菜购物',
  medicine: '配药看病',
  repair: '家里维修',
  cleaning: '打扫卫生',
  companionship: '想有人陪',
  paperwork: '办事手续',
  other: '其他',
};

/** Service minutes counted for a contact when the volunteer does not change them. */
export const DEFAULT_CONTACT_MINUTES: Record<ContactChannel, number> = { phone: 10, visit: 30 };

/** Whether the contact reached the senior (and so counts for the schedule). */
export const reached = (outcome: ContactOutcome): boolean => outcome !== 'unreachable';

export interface ContactSchedule {
  /** Contacts a week at least (default 2). */
  perWeek: number;
  /** A new pair's first contact is due this many hours after pairing. */
  firstContactHours: number;
  /** An overdue contact alerts the social worker this many hours after it fell due. */
  escalateAfterHours: number;
  /** An unreachable or emergency alert still open after this long is sent again, once. */
  alertReminderMinutes: number;
}

export const DEFAULT_SCHEDULE: ContactSchedule = {
  perWeek: 2,
  firstContactHours: 24,
  escalateAfterHours: 24,
  alertReminderMinutes: 60,
};

export type WeatherKind = 'heat' | 'cold';
export const WEATHER_LABELS: Record<WeatherKind, string> = { heat: '高温', cold: '寒潮' };

export interface WeatherAlert {
  kind: WeatherKind;
  from: string;
  until: string;
  note: string;
  by: string;
}

export const weatherActive = (w: WeatherAlert | null | undefined, now: Date): w is WeatherAlert =>
  !!w && Date.parse(w.from) <= now.getTime() && now.getTime() < Date.parse(w.until);

const HOUR = 3600_000;

/** Hours between contacts under the normal schedule (84 h for twice a week). */
export const intervalHours = (s: ContactSchedule): number => Math.floor((7 * 24) / Math.max(1, s.perWeek));

/** What the schedule of one senior runs from. */
export interface CareClock {
  /** When the current pair began; null when the senior has no partner. */
  pairedAt: string | null;
  /** The last contact that reached the senior, by any partner. */
  lastContactAt: string | null;
}

/**
 * The period the schedule runs from: the last contact that reached the senior, or the pairing when
 * there has been none since. Ladder steps are keyed by it, so each period alerts at most once.
 */
export function anchorOf(c: CareClock): { at: string; first: boolean } | null {
  if (!c.pairedAt) return null;
  if (c.lastContactAt && c.lastContactAt >= c.pairedAt) return { at: c.lastContactAt, first: false };
  return { at: c.pairedAt, first: true };
}

/** When the next contact is due, or null for a senior without a partner. */
export function dueAt(c: CareClock, s: ContactSchedule, weather: WeatherAlert | null, now: Date): Date | null {
  const anchor = anchorOf(c);
  if (!anchor) return null;
  const from = Date.parse(anchor.at);
  let due = from + (anchor.first ? s.firstContactHours : intervalHours(s)) * HOUR;
  if (weatherActive(weather, now)) due = Math.min(due, Math.max(from + 24 * HOUR, Date.parse(weather.from)));
  return new Date(due);
}

/** The smallest time after the anchor at which anything can be due: scans skip anchors newer than now minus this. */
export const minimumGapHours = (s: ContactSchedule): number => Math.min(s.firstContactHours, intervalHours(s), 24);

export type DueStatus = 'waiting' | 'contacted' | 'due' | 'overdue' | 'unreachable';
export const DUE_LABELS: Record<DueStatus | 'unpaired', string> = {
  unreachable: '联系不上',
  waiting: '待首次联系',
  contacted: '已联系',
  due: '今天要联系',
  overdue: '逾期未联系',
  unpaired: '未结对',
};

/** End of the Shanghai day that contains `now`. */
function endOfLocalDay(now: Date): Date {
  return localToUtc(addDays(localDate(now), 1), '00:00');
}

/**
 * Overdue once the due time has passed; due when it falls before the end of today (Shanghai); else
 * contacted, or waiting for the first contact when nobody has reached them since the pairing.
 */
export function dueStatus(due: Date, now: Date, lastOutcome: ContactOutcome | null = null, everReached = true): DueStatus {
  // The last try found nobody: that is what the board must say, never 已联系 (the schedule may still
  // count from an earlier contact that reached them).
  if (lastOutcome === 'unreachable') return 'unreachable';
  if (now.getTime() >= due.getTime()) return 'overdue';
  if (due.getTime() < endOfLocalDay(now).getTime()) return 'due';
  // Newly paired: the first contact is not due yet, but nobody has spoken to them (never 已联系).
  return everReached ? 'contacted' : 'waiting';
}

/** Order of "my seniors": overdue first, then due today, then the rest, each by due time. */
const DUE_ORDER: Record<DueStatus | 'unpaired', number> = { unreachable: 0, overdue: 1, due: 2, waiting: 3, contacted: 4, unpaired: 5 };

/**
 * The order of every list of seniors (my seniors, the coverage board): a senior with an open alert
 * first (联系不上 leaves the schedule "contacted" when the last reached contact is recent, yet nobody
 * knows how they are), then by DUE_ORDER and due time; the id keeps it stable.
 */
export function compareByUrgency(
  a: { openAlerts: number; status: DueStatus | 'unpaired'; dueAt: string | null; seniorId: string },
  b: { openAlerts: number; status: DueStatus | 'unpaired'; dueAt: string | null; seniorId: string },
): number {
  return (
    Number(b.openAlerts > 0) - Number(a.openAlerts > 0) ||
    DUE_ORDER[a.status] - DUE_ORDER[b.status] ||
    (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
    a.seniorId.localeCompare(b.seniorId)
  );
}
