/**
 * The activity form's values, as typed (strings), and the pure steps between them and the API:
 * the empty form, the form of an existing activity, validation, and what to send.
 */
import type { ActivityDetail, Input } from '@core/api';
import { ACTIVITY_LIMITS as L } from '@core/domain/activity-limits';
import { today } from '@/services/dates';
import { addDays, localParts, localToUtc } from '@core/domain/schedule';
import { messages as m } from './messages';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface Form {
  title: string;
  description: string;
  category: string | null;
  placeName: string;
  lat: string;
  lng: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: string;
  signupClose: string;
  cancelClose: string;
  who: 'all' | 'members';
  minAge: string;
  geofence: string;
  repeat: 'once' | 'weekly';
  weeks: string;
}

export type Errors = Partial<Record<keyof Form | 'place', string>>;

export interface Place {
  name: string;
  latitude: number;
  longitude: number;
}

/**
 * The category a new activity of `teamId` starts with: the one the team's activities use most (on a
 * tie, the one used last), among the categories the policy still has; null when the team has none
 * yet, so that the leader chooses (never another team's category, nor the first in the list).
 */
export function mostUsedCategory(
  activities: ReadonlyArray<{ teamId: string; category: string; startAt: string }>,
  teamId: string,
  categories: ReadonlyArray<{ id: string }>,
): string | null {
  const known = new Set(categories.map((c) => c.id));
  const used = new Map<string, { n: number; last: string }>();
  for (const a of activities) {
    if (a.teamId !== teamId || !known.has(a.category)) continue;
    const u = used.get(a.category) ?? { n: 0, last: '' };
    used.set(a.category, { n: u.n + 1, last: a.startAt > u.last ? a.startAt : u.last });
  }
  let best: string | null = null;
  for (const [id, u] of used) {
    const b = best ? used.get(best)! : null;
    if (!b || u.n > b.n || (u.n === b.n && u.last > b.last)) best = id;
  }
  return best;
}

/** The next Saturday (Shanghai) after today. */
function nextSaturday(): string {
  const t = today();
  const wd = localParts(`${t}T04:00:00.000Z`).weekday;
  return addDays(t, (6 - wd + 7) % 7 || 7);
}

export const EMPTY = (): Form => ({
  title: '',
  description: '',
  category: null,
  placeName: '',
  lat: '',
  lng: '',
  date: nextSaturday(),
  startTime: '09:00',
  endTime: '11:00',
  capacity: '10',
  signupClose: '0',
  cancelClose: '120',
  who: 'all',
  minAge: '',
  geofence: 'none',
  repeat: 'once',
  weeks: '8',
});

export function fromActivity(a: ActivityDetail): Form {
  const start = Date.parse(a.startAt);
  return {
    title: a.title,
    description: a.description,
    category: a.category,
    placeName: a.place.name,
    lat: String(a.place.latitude),
    lng: String(a.place.longitude),
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    capacity: String(a.capacity),
    signupClose: String(Math.round((start - Date.parse(a.signupDeadline)) / 60_000)),
    cancelClose: String(Math.round((start - Date.parse(a.cancelDeadline)) / 60_000)),
    who: a.membersOnly ? 'members' : 'all',
    minAge: a.minAge ? String(a.minAge) : '',
    geofence: a.geofenceRadiusM ? String(a.geofenceRadiusM) : 'none',
    repeat: 'once',
    weeks: '8',
  };
}

/** "12月7日 15:00" of an instant (Shanghai), as the deadline errors say it. */
function moment(at: Date): string {
  const p = localParts(at);
  return `${p.month}月${p.day}日 ${p.time}`;
}

export function validate(f: Form, creating: boolean, now: Date = new Date()): Errors {
  const e: Errors = {};
  const title = f.title.trim();
  if (title.length < L.titleMin || title.length > L.titleMax) e.title = m.titleField.invalid(L.titleMin, L.titleMax);
  if (!f.category) e.category = m.category.invalid;
  if (f.placeName.trim().length < 2) e.placeName = m.place.invalid;
  if (!Number.isFinite(Number.parseFloat(f.lat)) || !Number.isFinite(Number.parseFloat(f.lng))) e.place = m.place.coordsInvalid;
  if (!DATE.test(f.date.trim())) e.date = m.date.invalid;
  if (!TIME.test(f.startTime.trim())) e.startTime = m.start.invalid;
  if (!TIME.test(f.endTime.trim())) e.endTime = m.end.invalid;
  else if (TIME.test(f.startTime.trim()) && f.endTime.trim() <= f.startTime.trim()) e.endTime = m.end.before;
  if (creating && !e.date && !e.startTime) {
    // A new activity whose start, or whose sign-up or cancel deadline, is already past (the server
    // refuses the same): said on the field to change, with the deadline's time.
    const start = localToUtc(f.date.trim(), f.startTime.trim()).getTime();
    const before = (minutes: string) => new Date(start - Number(minutes) * 60_000);
    if (f.date.trim() < localParts(now).date) e.date = m.date.past;
    else if (start <= now.getTime()) e.startTime = m.start.past;
    else if (before(f.signupClose) <= now) e.signupClose = m.signupClose.passed(moment(before(f.signupClose)));
    else if (before(f.cancelClose) <= now) e.cancelClose = m.cancelClose.passed(moment(before(f.cancelClose)));
  }
  const cap = Number(f.capacity);
  if (!/^\d+$/.test(f.capacity.trim()) || cap < 1 || cap > L.capacityMax) e.capacity = m.capacity.invalid(L.capacityMax);
  const age = Number(f.minAge);
  if (f.minAge.trim() && (!/^\d+$/.test(f.minAge.trim()) || age < L.minAgeMin || age > L.minAgeMax)) e.minAge = m.minAge.invalid(L.minAgeMin, L.minAgeMax);
  const weeks = Number(f.weeks);
  if (creating && f.repeat === 'weekly' && (!/^\d+$/.test(f.weeks.trim()) || weeks < L.seriesWeeksMin || weeks > L.seriesWeeksMax)) {
    e.weeks = m.weeks.invalid(L.seriesWeeksMin, L.seriesWeeksMax);
  }
  return e;
}

/** The activity's fields as the API takes them. */
export function toFields(form: Form) {
  return {
    title: form.title.trim(),
    description: form.description.trim(),
    category: form.category ?? '',
    place: { name: form.placeName.trim(), latitude: Number.parseFloat(form.lat), longitude: Number.parseFloat(form.lng) },
    date: form.date.trim(),
    startTime: form.startTime.trim(),
    endTime: form.endTime.trim(),
    capacity: Number(form.capacity),
    signupCloseMinutes: Number(form.signupClose),
    cancelCloseMinutes: Number(form.cancelClose),
    membersOnly: form.who === 'members',
    minAge: form.minAge.trim() ? Number(form.minAge) : null,
    geofenceRadiusM: form.geofence === 'none' ? null : Number(form.geofence),
  };
}

/** Only what changed since `a`; moving the date is for one occurrence only. */
export function changesFrom(a: ActivityDetail, form: Form, scope: 'one' | 'following'): Input<'activities', 'update'>['changes'] {
  const f = toFields(form);
  const before = fromActivity(a);
  const o = {
    title: before.title.trim(),
    description: before.description.trim(),
    category: before.category,
    place: `${before.placeName}|${before.lat}|${before.lng}`,
  };
  const changes: Input<'activities', 'update'>['changes'] = {};
  if (f.title !== o.title) changes.title = f.title;
  if (f.description !== o.description) changes.description = f.description;
  if (f.category !== o.category) changes.category = f.category;
  if (`${form.placeName.trim()}|${form.lat}|${form.lng}` !== o.place) changes.place = f.place;
  if (f.date !== before.date && (scope === 'one' || !a.seriesId)) changes.date = f.date;
  if (f.startTime !== before.startTime) changes.startTime = f.startTime;
  if (f.endTime !== before.endTime) changes.endTime = f.endTime;
  if (String(f.capacity) !== before.capacity) changes.capacity = f.capacity;
  if (String(f.signupCloseMinutes) !== before.signupClose) changes.signupCloseMinutes = f.signupCloseMinutes;
  if (String(f.cancelCloseMinutes) !== before.cancelClose) changes.cancelCloseMinutes = f.cancelCloseMinutes;
  if (form.who !== before.who) changes.membersOnly = f.membersOnly;
  if (form.minAge.trim() !== before.minAge) changes.minAge = f.minAge;
  if (form.geofence !== before.geofence) changes.geofenceRadiusM = f.geofenceRadiusM;
  return changes;
}
