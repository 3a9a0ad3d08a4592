/**
 * Activity reminders (活动提醒), 24 hours and 2 hours before the start (the windows are
 * domain/reminders.ts). The scheduler finds the activities in a window (services/scheduler.ts
 * `sweepReminders`) and runs one transaction per activity that re-reads it and each sign-up: a
 * cancelled activity, a cancelled or waitlisted sign-up gets nothing. Each volunteer's message has an
 * id derived from the reminder, the activity and its start (`notify` with `eventKey`), so a re-run
 * writes nothing twice; a mark in `meta` (`remind24:<activityId>`) lists who has had it, so a run
 * with nothing new to say reads one document per activity and opens no transaction. A reminder is a
 * 'reminder' priority notice: the outbox holds it through the person's quiet hours.
 */
import { joinActivity, signupId, type ActivityDoc, type ActivityQueueDoc, type SignupDoc, type StoredActivityDoc } from '../domain/activities';
import { isDue, toRemind } from '../domain/reminders';
import { shortDateTime, timeText } from '../domain/schedule';
import type { Store, Tx } from '../store/port';
import { notify } from './inbox';
import { readActivity } from './activities/shared';
import type { ReminderMarkDoc, ReminderKind } from '../domain/reminders';

const reminderMarkId = (kind: ReminderKind, activityId: string) => `${kind}:${activityId}`;

/**
 * Cheap check outside any transaction, on the activity the sweep has just found: false when everyone
 * holding a place has had this reminder. Reads the queue and the mark, by id.
 */
export async function mayNeedReminder(store: Store, kind: ReminderKind, stored: StoredActivityDoc): Promise<boolean> {
  const a = joinActivity(stored, await store.get<ActivityQueueDoc>('activityQueues', stored._id));
  if (!a.signed.length) return false;
  const mark = await store.get<ReminderMarkDoc>('meta', reminderMarkId(kind, a._id));
  if (!mark || mark.startAt !== a.startAt) return true;
  const had = new Set(mark.userIds);
  return a.signed.some((id) => !had.has(id));
}

function reminderText(kind: ReminderKind, a: ActivityDoc, now: Date): { title: string; body: string } {
  const when = kind === 'remind2' ? '即将开始' : '快到了';
  const cancel = a.cancelDeadline > now.toISOString() ? `如不能参加，请在 ${shortDateTime(a.cancelDeadline)} 前取消报名` : '如不能参加，请尽快告诉队长';
  return {
    title: `活动${when}：${a.title}`,
    body: `您报名的“${a.title}”将于 ${timeText(a.startAt, a.endAt)} 开始，地点：${a.place.name}。${cancel}。`,
  };
}

/**
 * Inside `tx`: tells each volunteer holding a place in the activity who has not had this reminder of
 * its current start. Returns how many were told (0 when the activity is no longer due: cancelled,
 * moved out of the window, started).
 */
export async function remindActivity(tx: Tx, activityId: string, kind: ReminderKind, now: Date): Promise<number> {
  const a = await readActivity(tx, activityId);
  if (!a || !isDue(kind, a, now)) return 0;
  const markId = reminderMarkId(kind, a._id);
  const mark = await tx.get<ReminderMarkDoc>('meta', markId);
  const already = new Set(mark && mark.startAt === a.startAt ? mark.userIds : []);
  const signups = new Map<string, SignupDoc | null>();
  for (const userId of a.signed) if (!already.has(userId)) signups.set(userId, await tx.get<SignupDoc>('signups', signupId(a._id, userId)));
  const told = toRemind(a, signups, already);
  if (!told.length) return 0;
  const at = now.toISOString();
  const { title, body } = reminderText(kind, a, now);
  for (const userId of told) {
    await notify(tx, { userId, kind: 'activity.reminder', title, body, activityId: a._id, teamId: a.teamId, eventKey: `${kind}:${a._id}:${a.startAt}` }, at);
  }
  const next: ReminderMarkDoc = { _id: markId, activityId: a._id, kind, startAt: a.startAt, userIds: [...already, ...told], updatedAt: at };
  await tx.set('meta', next);
  return told.length;
}
