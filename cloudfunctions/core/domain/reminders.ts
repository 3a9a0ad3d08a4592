/**
 * Activity reminders (活动提醒): when a signed volunteer is reminded of an activity, and who is. Pure.
 *
 * Two reminders, 24 hours and 2 hours before the start. Each has a window of start times the
 * scheduler looks at: the 24-hour one covers activities starting between 2 and 24 hours from now,
 * the 2-hour one those starting within 2 hours. So an activity created (or signed up for) late gets
 * the nearer reminder only, never both at once; and a scheduler that was down catches up on its next
 * run rather than skipping a reminder whose exact minute it missed.
 */
import type { ActivityDoc, SignupDoc } from './activities';
import type { Doc } from './doc';

export type ReminderKind = 'remind24' | 'remind2';
export const REMINDER_KINDS: readonly ReminderKind[] = ['remind24', 'remind2'];

/** Hours before the start each reminder is due, in order from the earliest. */
const REMINDER_HOURS: Record<ReminderKind, number> = { remind24: 24, remind2: 2 };

const HOUR = 3600_000;

/** Start times (exclusive from, inclusive to) of the activities this reminder is due for now. */
export function reminderWindow(kind: ReminderKind, now: Date): { from: string; to: string } {
  const nearer = kind === 'remind24' ? REMINDER_HOURS.remind2 : 0;
  return {
    from: new Date(now.getTime() + nearer * HOUR).toISOString(),
    to: new Date(now.getTime() + REMINDER_HOURS[kind] * HOUR).toISOString(),
  };
}

/** Whether the activity, as it stands, is one to remind of now (scheduled, starting inside the window). */
export function isDue(kind: ReminderKind, a: Pick<ActivityDoc, 'status' | 'startAt'>, now: Date): boolean {
  const w = reminderWindow(kind, now);
  return a.status === 'scheduled' && a.startAt > w.from && a.startAt <= w.to;
}

/**
 * Who gets the reminder: each volunteer holding a place (not waiting, not cancelled) whose sign-up
 * still says so, and who has not had this reminder already.
 */
export function toRemind(
  a: Pick<ActivityDoc, 'signed'>,
  signups: ReadonlyMap<string, Pick<SignupDoc, 'state'> | null>,
  already: ReadonlySet<string>,
): string[] {
  return a.signed.filter((userId) => !already.has(userId) && signups.get(userId)?.state === 'signed');
}

/** Who has had one reminder of one activity at its current start (`meta`, id `<kind>:<activityId>`). */
export interface ReminderMarkDoc extends Doc {
  activityId: string;
  kind: ReminderKind;
  /** The start the reminder was about: a moved activity is reminded again of its new time. */
  startAt: string;
  userIds: string[];
  updatedAt: string;
}
