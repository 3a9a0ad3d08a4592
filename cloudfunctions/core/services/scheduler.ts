/**
 * The scheduler: what the clock does, every 5 minutes on CloudBase (a timer trigger, see
 * cloudfunctions/scheduler/config.json; no longer than the shortest wait of the alarm chain,
 * domain/alert-chain.ts TIMER_MINUTES) and on an interval in the local runtime (server/serve.ts).
 *
 * 1. The alarms, first and completely, in every run, whatever the budget: the 老伙伴 alarm ladder
 *    (domain/ladder.ts) finds seniors whose schedule period began long enough ago to be due (a
 *    range read on care (paired, anchorAt), page by page), and for each one with a step to take
 *    runs one transaction that re-reads the care record, asks the ladder again and takes the steps,
 *    recording their ids. Then open unreachable and emergency alerts older than the reminder time
 *    get their one reminder. One senior failing does not stop the others; anything left undone is
 *    logged at error level as ALARMS UNFINISHED and shown in the run view (`partners.complete`).
 *    Then every open alert whose chain link's time ran out moves up its chain (services/alerts.ts
 *    `escalateDue`), and the messages that are due go out (services/delivery.ts `deliverDue`: the
 *    alarms just written, retries after their backoff, reminders whose quiet hours ended).
 * 2. Then, under a time budget below the function's timeout (SCHEDULER_BUDGET_MS, default 45 s of
 *    the 60 s timeout on CloudBase; the interval locally), each part as a resumable pass
 *    (services/budget.ts) that saves a cursor in `meta` when the budget runs out and resumes from it
 *    next run:
 *    - activities (`meta` scheduler:activities): closes attendance of ended activities;
 *    - reminders (`meta` scheduler:reminders): the 24-hour and 2-hour activity reminders
 *      (services/reminders.ts);
 *    - help requests (`meta` scheduler:help): rebuilds the desks, then the 72-hour confirmation
 *      sweep and the expiry of stale requests (the queries and steps of services/help/sweep.ts).
 *    A pass that gets to the end clears its cursor, so the next pass starts from the beginning.
 * 3. Last, whatever the sweeps wrote to the outbox is delivered (`deliverDue` again).
 *
 * Running it again, or twice at once, changes nothing twice: every ladder step id is derived from
 * the senior, the step and the period, and every sweep step re-checks its item inside the
 * transaction that takes it. A cursor moves past an item only once its step has committed, so an
 * item cut off by the budget or an error is the first one of the next run.
 */
import type { ParsedInput, SchedulerResults, SchedulerRunView } from '../api';
import { minimumGapHours } from '../domain/contacts';
import { alertSteps, scheduleSteps, type LadderAction } from '../domain/ladder';
import { shortDateTime } from '../domain/schedule';
import type { SeniorDoc } from '../domain/seniors';
import type { StoredActivityDoc } from '../domain/activities';
import type { HelpRequestDoc } from '../domain/help';
import type { Page, Store, Tx } from '../store/port';
import { requireUser, type Logger, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import { logAct, refreshDesks } from './shared/acting';
import { audit } from './shared/audit';
import { closeActivityAttendance } from './activities';
import { resumablePass, timeBudget, type Budget, type PassResult } from './budget';
import { expireStaleRequest, helpSweepQuery, queueOverdueRequest, type HelpSweepPhase } from './help';
import { loadProgramme, tellUsers, type Programme } from './partners';
import type { CareDoc, PartnerAlertDoc } from '../domain/partners';
import { appendAlertStep, escalateDue, raiseAlert } from './alerts';
import { deliverAndSettle, deliverDue, type DeliveryDeps } from './delivery';
import type { Notifier } from '../notifier/port';
import { notificationTemplates } from '../notifier/templates';
import type { NotificationsConfig } from '../domain/notifications';
import { REMINDER_KINDS, reminderWindow } from '../domain/reminders';
import { mayNeedReminder, remindActivity } from './reminders';
import type { SweepCursorDoc } from '../domain/meta';
import type { Files } from '../files/port';
import { sweepPhotos } from './photos';
import { resumeErasures } from './senior-close';
import { resumeHealthDeletions } from './health-consent';
import { sweepRetryAnswers } from './retry-answers';

export interface LadderRun {
  scanned: number;
  reminded: number;
  escalated: number;
  alertReminders: number;
  /** Seniors or alerts whose step failed this run (each logged); the next run tries them again. */
  failed: number;
  /** False when anything that might wake a person was left undone this run. */
  complete: boolean;
}

async function takeScheduleSteps(tx: Tx, seniorId: string, prog: Programme, now: Date): Promise<LadderAction[]> {
  const care = await tx.get<CareDoc>('care', seniorId);
  if (!care || !care.paired || !care.partnerId) return [];
  const steps = scheduleSteps({ seniorId, clock: care, done: new Set(care.ladder) }, prog.schedule, prog.weather, now);
  if (!steps.length) return [];
  const senior = await tx.get<SeniorDoc>('seniors', seniorId);
  const user = await tx.get<UserDoc>('users', seniorId);
  if (!senior || !user) return [];
  const at = now.toISOString();
  let overdueAlertId = care.overdueAlertId;
  // Dated as people read dates; the last try's outcome apart from the last contact that reached them.
  const failedSince = care.lastOutcome === 'unreachable' ? '，最近一次联系不上' : '';
  const since = care.lastContactAt ? `上次联系上是 ${shortDateTime(care.lastContactAt)}${failedSince}` : `结对后还没有联系上过${failedSince}`;
  for (const step of steps) {
    if (step.step === 'remind') {
      await tellUsers(
        tx,
        senior._id,
        [care.partnerId],
        'partner.due',
        `该联系${user.name}了`,
        `${user.name}的联系已到期：${since}。请今天打个电话或上门看看，并在小程序里记录`,
        at,
      );
      await logAct(tx, { seniorId, actorId: 'system', via: 'system', kind: 'partner.remind', text: `联系到期，已提醒老伙伴（${since}）`, refId: step.id, at });
    } else if (step.step === 'escalate') {
      const raised = await raiseAlert(tx, {
        id: step.alertId!,
        kind: 'overdue',
        senior,
        seniorName: user.name,
        raisedBy: 'system',
        raisedVia: 'system',
        note: `联系到期 ${prog.schedule.escalateAfterHours} 小时后仍未联系；${since}`,
        period: step.period,
        at,
      });
      overdueAlertId = raised?._id ?? step.alertId!;
    }
  }
  await tx.set<CareDoc>('care', { ...care, ladder: [...care.ladder, ...steps.map((s) => s.id)], overdueAlertId, updatedAt: at });
  return steps;
}

async function takeAlertReminder(tx: Tx, alertId: string, prog: Programme, now: Date): Promise<boolean> {
  const a = await tx.get<PartnerAlertDoc>('alerts', alertId);
  if (!a) return false;
  const steps = alertSteps(
    { alertId: a._id, seniorId: a.seniorId, kind: a.kind, raisedAt: a.raisedAt, state: a.state, done: new Set(a.ladder ?? []) },
    prog.schedule,
    now,
  );
  if (!steps.length) return false;
  const at = now.toISOString();
  const user = await tx.get<UserDoc>('users', a.seniorId);
  const minutes = prog.schedule.alertReminderMinutes;
  const note = `警报已 ${minutes} 分钟未结束，再次通知；如仍联系不上，请拨打 110 / 120`;
  await appendAlertStep(tx, a, { at, kind: 'notifying', actorId: 'system', note }, { ladder: [...(a.ladder ?? []), ...steps.map((s) => s.id)] });
  const recipients = [...(a.partnerId ? [a.partnerId] : []), ...a.socialWorkerIds];
  await tellUsers(
    tx,
    a.seniorId,
    recipients,
    'alert.raised',
    `仍未处理：${user?.name ?? '老人'}`.slice(0, 40),
    `${user?.name ?? '老人'}的警报已 ${minutes} 分钟未结束。请确认是否已联系上；仍无消息请拨打 110 / 120，并在小程序里记录`,
    at,
  );
  return true;
}

/**
 * The 老伙伴 alarm ladder over the whole street. Safe to run at any time, as often as wanted. Not
 * under any budget: it pages through everything due. A senior or an alert whose step fails is
 * reported through `onError` and the run goes on to the next one (`complete` turns false).
 */
export async function runLadder(store: Store, now: Date, onError?: (what: string, e: unknown) => void): Promise<LadderRun> {
  const prog = await loadProgramme(store);
  const result: LadderRun = { scanned: 0, reminded: 0, escalated: 0, alertReminders: 0, failed: 0, complete: true };
  const failed = (what: string, e: unknown) => {
    result.failed += 1;
    result.complete = false;
    onError?.(what, e);
  };
  // Nothing can be due before this long after a period began: the index range skips the rest.
  const horizon = new Date(now.getTime() - minimumGapHours(prog.schedule) * 3600_000).toISOString();
  let after: string | undefined;
  do {
    const page: Page<CareDoc> = await store.find<CareDoc>('care', {
      where: { paired: true, anchorAt: { lte: horizon } },
      orderBy: { field: 'anchorAt', direction: 'asc' },
      limit: 100,
      after,
    });
    for (const care of page.items) {
      result.scanned += 1;
      // Asked outside first (cheap, no transaction when nothing is due), then again inside.
      if (!scheduleSteps({ seniorId: care._id, clock: care, done: new Set(care.ladder) }, prog.schedule, prog.weather, now).length) continue;
      let taken: LadderAction[];
      try {
        taken = await store.transaction((tx) => takeScheduleSteps(tx, care._id, prog, now));
      } catch (e) {
        failed(`care ${care._id}`, e);
        continue;
      }
      for (const s of taken) {
        if (s.step === 'remind') result.reminded += 1;
        if (s.step === 'escalate') result.escalated += 1;
      }
    }
    after = page.next ?? undefined;
  } while (after);

  const cutoff = new Date(now.getTime() - prog.schedule.alertReminderMinutes * 60_000).toISOString();
  after = undefined;
  do {
    const page: Page<PartnerAlertDoc> = await store.find<PartnerAlertDoc>('alerts', {
      where: { state: 'open', raisedAt: { lte: cutoff } },
      orderBy: { field: 'raisedAt', direction: 'asc' },
      limit: 100,
      after,
    });
    for (const a of page.items) {
      if (a.kind !== 'unreachable' && a.kind !== 'emergency') continue;
      if ((a.ladder ?? []).length) continue;
      try {
        if (await store.transaction((tx) => takeAlertReminder(tx, a._id, prog, now))) result.alertReminders += 1;
      } catch (e) {
        failed(`alert ${a._id}`, e);
      }
    }
    after = page.next ?? undefined;
  } while (after);
  return result;
}

/** The budget of the work after the alarms in one run, when nothing else says: 45 s of the scheduler function's 60 s timeout (cloudbaserc.json). */
export const DEFAULT_SCHEDULER_BUDGET_MS = 45_000;

/** `SCHEDULER_BUDGET_MS` from the environment (milliseconds, 0 or more), else `fallback`. */
export function schedulerBudgetMs(env: Record<string, string | undefined> = process.env, fallback = DEFAULT_SCHEDULER_BUDGET_MS): number {
  const raw = env.SCHEDULER_BUDGET_MS;
  const ms = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

export interface SchedulerDeps {
  store: Store;
  log?: Logger;
  /** Budget of the work after the alarms, from the start of the run; DEFAULT_SCHEDULER_BUDGET_MS when absent. */
  budgetMs?: number;
  /** Injected budget (tests): replaces `budgetMs`. */
  budget?: Budget;
  /** Sends what the outbox holds; without one, messages wait there (counted as tried: 0). */
  notifier?: Notifier;
  /** Cloud storage, for deleting photos past their retention; without it the photo sweep waits. */
  files?: Files;
  /** The template configuration (notifications.json) when not the bundled one. */
  templates?: NotificationsConfig;
}

export const ACTIVITIES_CURSOR = 'scheduler:activities';
export const HELP_CURSOR = 'scheduler:help';
export const REMINDERS_CURSOR = 'scheduler:reminders';

interface Phase {
  name: string;
  run(after: string | null, budget: Budget): Promise<PassResult>;
}

type Progress = { partial: boolean; resumeFrom: string | null };

const describe = (phase: string, last: string | null) => (last ? `${phase} after ${last}` : phase);

/**
 * Runs the phases of one part in order from its saved cursor while the budget lasts; saves the
 * cursor where it stopped (budget or error), or clears it when the last phase is done. An error is
 * thrown again after the cursor is saved.
 */
async function runPart(store: Store, cursorId: string, phases: Phase[], budget: Budget, at: string): Promise<Progress> {
  const saved = await store.get<SweepCursorDoc>('meta', cursorId);
  const savedIndex = saved ? phases.findIndex((p) => p.name === saved.phase) : -1;
  const start = Math.max(0, savedIndex);
  for (let i = start; i < phases.length; i += 1) {
    const phase = phases[i]!;
    const resumeAfter = i === savedIndex ? saved!.after : null;
    const r = await phase.run(resumeAfter, budget);
    if (r.done && r.error === undefined) continue;
    const last = r.last ?? (i === savedIndex ? saved!.last : null);
    const doc: SweepCursorDoc = {
      _id: cursorId,
      phase: phase.name,
      after: r.after,
      last,
      since: saved?.since ?? at,
      runs: (saved?.runs ?? 0) + 1,
      updatedAt: at,
    };
    await store.transaction((tx) => tx.set<SweepCursorDoc>('meta', doc));
    if (r.error !== undefined) throw r.error;
    return { partial: true, resumeFrom: describe(phase.name, last) };
  }
  if (saved) await store.transaction(async (tx) => ((await tx.get('meta', cursorId)) ? tx.remove('meta', cursorId) : undefined));
  return { partial: false, resumeFrom: null };
}

export interface ActivitiesRun extends Progress {
  activities: number;
  absent: number;
}

/** Closes attendance of every ended activity, oldest first, while the budget lasts. */
export async function sweepActivities(store: Store, now: Date, budget: Budget): Promise<ActivitiesRun> {
  const at = now.toISOString();
  const out = { activities: 0, absent: 0 };
  const close: Phase = {
    name: 'close',
    run: (after, b) =>
      resumablePass<StoredActivityDoc>(store, 'activities', { attendance: 'open', endAt: { lte: at } }, 'endAt', after, b, async (a) => {
        const r = await store.transaction((tx) => closeActivityAttendance(tx, a._id, now));
        out.activities += 1;
        out.absent += r.absent;
      }),
  };
  const progress = await runPart(store, ACTIVITIES_CURSOR, [close], budget, at);
  return { ...out, ...progress };
}

export interface RemindersRun extends Progress {
  /** Activities whose volunteers were told this run, and how many volunteers. */
  activities: number;
  reminded: number;
}

/**
 * The 24-hour and then the 2-hour activity reminders: every scheduled activity starting inside each
 * window (domain/reminders.ts), soonest first, while the budget lasts. An activity whose volunteers
 * all had the reminder costs one read; the others get one transaction each (services/reminders.ts).
 */
export async function sweepReminders(store: Store, now: Date, budget: Budget): Promise<RemindersRun> {
  const at = now.toISOString();
  const out = { activities: 0, reminded: 0 };
  const phases: Phase[] = REMINDER_KINDS.map((kind) => ({
    name: kind,
    run: (after, b) => {
      const w = reminderWindow(kind, now);
      return resumablePass<StoredActivityDoc>(
        store,
        'activities',
        { status: 'scheduled', startAt: { gt: w.from, lte: w.to } },
        'startAt',
        after,
        b,
        async (a) => {
          if (!(await mayNeedReminder(store, kind, a))) return;
          const told = await store.transaction((tx) => remindActivity(tx, a._id, kind, now));
          if (told > 0) {
            out.activities += 1;
            out.reminded += told;
          }
        },
      );
    },
  }));
  const progress = await runPart(store, REMINDERS_CURSOR, phases, budget, at);
  return { ...out, ...progress };
}

export interface HelpRun extends Progress {
  queued: number;
  expired: number;
  desks: number;
}

/** The help requests' sweep (desks, 72-hour confirmation, expiry) while the budget lasts. */
export async function sweepHelpRequests(store: Store, now: Date, budget: Budget): Promise<HelpRun> {
  const at = now.toISOString();
  const out = { queued: 0, expired: 0, desks: 0 };
  const desks: Phase = {
    name: 'desks',
    run: async (_after, b) => {
      if (b.timeLeft() <= 0) return { done: false, after: null, last: null, handled: 0 };
      out.desks = await refreshDesks(store, at);
      return { done: true, after: null, last: null, handled: 1 };
    },
  };
  const query = (phase: HelpSweepPhase): Phase => ({
    name: phase,
    run: (after, b) => {
      const q = helpSweepQuery(phase, now);
      return resumablePass<HelpRequestDoc>(store, 'helpRequests', q.where, q.orderBy.field, after, b, async (r) => {
        if (phase === 'unconfirmed' || phase === 'unreported') {
          if (await queueOverdueRequest(store, r._id, now)) out.queued += 1;
        } else if (await expireStaleRequest(store, r._id, phase, now)) out.expired += 1;
      });
    },
  });
  const phases = [desks, query('unconfirmed'), query('unreported'), query('open'), query('awaiting_grant')];
  const progress = await runPart(store, HELP_CURSOR, phases, budget, at);
  return { ...out, ...progress };
}

const silentLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Everything the clock does: the alarms first and whole, then each budgeted part on its own (one failing does not stop the others). */
export async function runScheduler(deps: SchedulerDeps, now: Date): Promise<SchedulerRunView> {
  const started = Date.now();
  const errors: string[] = [];
  const unfinished: string[] = [];
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const attempt = async <T>(name: string, job: () => Promise<T>): Promise<T | null> => {
    try {
      return await job();
    } catch (e) {
      errors.push(`${name}: ${message(e)}`);
      deps.log?.error({ job: name, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'scheduler job failed');
      return null;
    }
  };
  // 1. Alarms: before anything else and outside the budget.
  const ladder = await attempt('partners', () =>
    runLadder(deps.store, now, (what, e) => {
      errors.push(`partners: ${what}: ${message(e)}`);
      deps.log?.error({ job: 'partners', item: what, err: message(e) }, 'scheduler alarm step failed');
    }),
  );
  const partners = ladder ?? { scanned: 0, reminded: 0, escalated: 0, alertReminders: 0, failed: 0, complete: false };
  // The alarm chains: every open alert whose link's time ran out passes to the next link.
  const escalated = await attempt('alerts', () => escalateDue(deps.store, now, deps.notifier?.kind ?? 'local'));
  if (!ladder || !escalated) partners.complete = false;
  if (!partners.complete) {
    unfinished.push('partners');
    deps.log?.error(
      { scheduler: { partners, errors } },
      'ALARMS UNFINISHED: the 老伙伴 alarm ladder or the alarm chains did not get through every senior and alert this run; the next run tries again',
    );
  }
  // Delivery, right after the alarms: what the chains just added first, then everything due.
  const notifications = { tried: 0 };
  const delivery: DeliveryDeps | null = deps.notifier
    ? {
        store: deps.store,
        notifier: deps.notifier,
        templates: deps.templates ?? notificationTemplates(),
        // The run's clock, moving on as the run does: a send's lease counts from when it is claimed.
        now: () => new Date(now.getTime() + (Date.now() - started)),
        log: deps.log ?? silentLog,
      }
    : null;
  const deliver = async (name: string) => {
    if (!delivery) return;
    const r = await attempt(name, () => deliverDue(delivery));
    if (r) notifications.tried += r.tried;
  };
  if (delivery && escalated?.length) await attempt('notifications', () => deliverAndSettle(delivery, escalated));
  await deliver('notifications');
  // 2. The rest, under the budget, counted from the start of the run (the alarms' time included, so the run ends before the timeout).
  const budget = deps.budget ?? timeBudget(Math.max(0, (deps.budgetMs ?? DEFAULT_SCHEDULER_BUDGET_MS) - (Date.now() - started)));
  const activities = await attempt('activities', () => sweepActivities(deps.store, now, budget));
  const reminders = await attempt('reminders', () => sweepReminders(deps.store, now, budget));
  const help = await attempt('help', () => sweepHelpRequests(deps.store, now, budget));
  const files = deps.files;
  const photos = files ? await attempt('photos', () => sweepPhotos(deps.store, files, now, budget)) : null;
  if (files && (!photos || photos.partial)) unfinished.push('photos');
  // Closed seniors' records whose scrub a crash or a timeout cut short (services/senior-close.ts).
  const erasures = await attempt('erasures', () => resumeErasures(deps.store, files, now, budget));
  // Health notes a withdrawn consent left because its call ran out of time (services/health-consent.ts).
  const healthNotes = await attempt('healthNotes', () => resumeHealthDeletions(deps.store, now, budget));
  // Answers kept for retries, past their days (services/retry-answers.ts).
  const retryAnswers = await attempt('retryAnswers', () => sweepRetryAnswers(deps.store, now, budget));
  if (!activities || activities.partial) unfinished.push('activities');
  if (!reminders || reminders.partial) unfinished.push('reminders');
  if (!help || help.partial) unfinished.push('help');
  if (!erasures || erasures.partial) unfinished.push('erasures');
  if (!healthNotes || healthNotes.partial) unfinished.push('healthNotes');
  if (!retryAnswers || retryAnswers.partial) unfinished.push('retryAnswers');
  // 3. What the sweeps wrote (reminders, help notices), once they are done.
  await deliver('notifications');
  const view: SchedulerRunView = {
    at: now.toISOString(),
    ms: Date.now() - started,
    partners,
    activities,
    reminders,
    help,
    photos: photos ? { deleted: photos.deleted } : null,
    erasures: erasures ? { finished: erasures.finished } : null,
    healthNotes: healthNotes ? { finished: healthNotes.finished } : null,
    retryAnswers: retryAnswers ? { deleted: retryAnswers.deleted } : null,
    notifications,
    unfinished,
    errors,
  };
  const line = { scheduler: { ...view, errors: errors.length } };
  if (unfinished.length) deps.log?.warn(line, `scheduler run: unfinished ${unfinished.join(', ')}; resumes next run`);
  else deps.log?.info(line, 'scheduler run');
  return view;
}

/** `scheduler.run`: the admin runs it by hand; the run is recorded in `audit`. */
export async function run(ctx: ServiceContext, _input: ParsedInput<'scheduler', 'run'>): Promise<SchedulerResults['run']> {
  const admin = requireUser(ctx);
  const now = ctx.now();
  const result = await runScheduler({ store: ctx.store, log: ctx.log, budgetMs: schedulerBudgetMs(), notifier: ctx.notifier, files: ctx.files }, now);
  return ctx.mutate(async (tx) => {
    await audit(
      tx,
      admin._id,
      'scheduler',
      'scheduler.run',
      {
        partners: result.partners,
        activities: result.activities,
        reminders: result.reminders,
        help: result.help,
        notifications: result.notifications,
        unfinished: result.unfinished,
        errors: result.errors,
      },
      now.toISOString(),
    );
    return result;
  });
}
