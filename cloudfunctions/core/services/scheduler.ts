/**
 * The scheduler: what the clock does, every 15 minutes on CloudBase (a timer trigger, see
 * cloudfunctions/scheduler/config.json) and on an interval in the local runtime (server/serve.ts).
 *
 * 1. The 老伙伴 alarm ladder (domain/ladder.ts): finds seniors whose schedule period began long
 *    enough ago to be due (a range read on care (paired, anchorAt), page by page), and for each
 *    one with a step to take runs one transaction that re-reads the care record, asks the ladder
 *    again and takes the steps, recording their ids. Then open unreachable and emergency alerts
 *    older than the reminder time get their one reminder.
 * 2. Activities: closes attendance of ended activities (services/activities.ts markAbsentees).
 * 3. Help requests: the 72-hour confirmation sweep (services/help.ts sweepHelp).
 *
 * Running it again, or twice at once, changes nothing twice: every step id is derived from the
 * senior, the step and the period, and is checked inside the transaction that takes it.
 */
import type { ParsedInput, SchedulerResults, SchedulerRunView } from '../api';
import { minimumGapHours, OUTCOME_LABELS } from '../domain/contacts';
import { alertSteps, scheduleSteps, type LadderAction } from '../domain/ladder';
import type { SeniorDoc } from '../domain/seniors';
import type { Page, Store, Tx } from '../store/port';
import { requireUser, type Logger, type ServiceContext, type UserDoc } from './context';
import { audit, logAct } from './acting';
import { markAbsentees } from './activities';
import { sweepHelp } from './help';
import { appendStep, loadProgramme, raisePartnerAlert, tellUsers, type CareDoc, type PartnerAlertDoc, type Programme } from './partners';

export interface LadderRun {
  scanned: number;
  reminded: number;
  escalated: number;
  alertReminders: number;
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
  const since = care.lastContactAt ? `上次联系是 ${care.lastContactAt.slice(0, 10)}（${OUTCOME_LABELS[care.lastOutcome ?? 'ok']}）` : '结对后还没有联系过';
  for (const step of steps) {
    if (step.step === 'remind') {
      await tellUsers(tx, [care.partnerId], 'partner.due', `该联系${user.name}了`, `${user.name}的联系已到期：${since}。请今天打个电话或上门看看，并在小程序里记录`, at);
      await logAct(tx, { seniorId, actorId: 'system', via: 'system', kind: 'partner.remind', text: `联系到期，已提醒老伙伴（${since}）`, refId: step.id, at });
    } else if (step.step === 'escalate') {
      const raised = await raisePartnerAlert(tx, {
        id: step.alertId!,
        kind: 'overdue',
        senior,
        seniorName: user.name,
        care,
        raisedBy: 'system',
        raisedVia: 'system',
        note: `联系到期 ${prog.schedule.escalateAfterHours} 小时后仍未联系；${since}`,
        period: step.period,
        family: false,
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
  const steps = alertSteps({ alertId: a._id, seniorId: a.seniorId, kind: a.kind, raisedAt: a.raisedAt, state: a.state, done: new Set(a.ladder ?? []) }, prog.schedule, now);
  if (!steps.length) return false;
  const at = now.toISOString();
  const user = await tx.get<UserDoc>('users', a.seniorId);
  const minutes = prog.schedule.alertReminderMinutes;
  const note = `警报已 ${minutes} 分钟未结束，再次通知；如仍联系不上，请拨打 110 / 120`;
  await appendStep(tx, a, { at, kind: 'notified', actorId: 'system', note }, { ladder: [...(a.ladder ?? []), ...steps.map((s) => s.id)] });
  const recipients = [...(a.partnerId ? [a.partnerId] : []), ...a.socialWorkerIds];
  await tellUsers(tx, recipients, 'alert.raised', `仍未处理：${user?.name ?? '老人'}`.slice(0, 40), `${user?.name ?? '老人'}的警报已 ${minutes} 分钟未结束。请确认是否已联系上；仍无消息请拨打 110 / 120，并在小程序里记录`, at);
  return true;
}

/** The 老伙伴 alarm ladder over the whole street. Safe to run at any time, as often as wanted. */
export async function runLadder(store: Store, now: Date): Promise<LadderRun> {
  const prog = await loadProgramme(store);
  const result: LadderRun = { scanned: 0, reminded: 0, escalated: 0, alertReminders: 0 };
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
      const taken = await store.transaction((tx) => takeScheduleSteps(tx, care._id, prog, now));
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
      if (await store.transaction((tx) => takeAlertReminder(tx, a._id, prog, now))) result.alertReminders += 1;
    }
    after = page.next ?? undefined;
  } while (after);
  return result;
}

export interface SchedulerDeps {
  store: Store;
  log?: Logger;
}

/** Everything the clock does, each part on its own so one failing does not stop the others. */
export async function runScheduler(deps: SchedulerDeps, now: Date): Promise<SchedulerRunView> {
  const started = Date.now();
  const errors: string[] = [];
  const attempt = async <T>(name: string, job: () => Promise<T>): Promise<T | null> => {
    try {
      return await job();
    } catch (e) {
      errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      deps.log?.error({ job: name, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'scheduler job failed');
      return null;
    }
  };
  const partners = (await attempt('partners', () => runLadder(deps.store, now))) ?? { scanned: 0, reminded: 0, escalated: 0, alertReminders: 0 };
  const activities = await attempt('activities', () => markAbsentees(deps.store, now));
  const help = await attempt('help', () => sweepHelp(deps.store, now));
  const view: SchedulerRunView = { at: now.toISOString(), ms: Date.now() - started, partners, activities, help, errors };
  deps.log?.info({ scheduler: { ...view, errors: errors.length } }, 'scheduler run');
  return view;
}

/** `scheduler.run`: the admin runs it by hand; the run is recorded in `audit`. */
export async function run(ctx: ServiceContext, _input: ParsedInput<'scheduler', 'run'>): Promise<SchedulerResults['run']> {
  const admin = requireUser(ctx);
  const now = ctx.now();
  const result = await runScheduler({ store: ctx.store, log: ctx.log }, now);
  return ctx.mutate(async (tx) => {
    await audit(tx, admin._id, 'scheduler', 'scheduler.run', { partners: result.partners, activities: result.activities, help: result.help, errors: result.errors }, now.toISOString());
    return result;
  });
}
