/** The scheduler: unconfirmed and unreported requests queue for staff, stale ones expire. */
import type { HelpResults } from '../../api';
import { formatHours } from '../../domain/ledger';
import { CONFIRM_WINDOW_HOURS, confirmationOverdue, hasEnded, overdueCutoff, type HelpRequestDoc } from '../../domain/help';
import type { FieldFilter, Store } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import { releaseRedemption } from '../redemption';
import { loadSenior, logAct, refreshDesks, socialWorkersOf, tell } from '../shared/acting';
import { audit } from '../shared/audit';
import { loadRequest, save, sideOf, step, tellSide, what } from './shared';
import { terms, type Terms } from '../../domain/words';

/**
 * The scheduler's job, safe to run at any time: requests reported 72 h ago and still unconfirmed
 * (or never reported 72 h after their window) go to the 居委 social workers' queue with a notice;
 * open requests whose window has passed expire and their holds are released; the desks are
 * rebuilt from the grants. One transaction per request, each re-checked; at most 100 of each kind
 * per call: `help.sweep` runs it on demand. The scheduler (services/scheduler.ts) runs the same
 * queries and steps as a resumable pass under its time budget, so it never stops at 100.
 */
export async function sweepHelp(store: Store, now: Date): Promise<{ queued: number; expired: number; desks: number }> {
  const at = now.toISOString();
  const desks = await refreshDesks(store, at);
  let queued = 0;
  let expired = 0;
  const overdueReports = await store.find<HelpRequestDoc>('helpRequests', { ...helpSweepQuery('unconfirmed', now), limit: 100 });
  const unreported = await store.find<HelpRequestDoc>('helpRequests', { ...helpSweepQuery('unreported', now), limit: 100 });
  for (const found of [...overdueReports.items, ...unreported.items]) if (await queueOverdueRequest(store, found._id, now)) queued += 1;
  for (const state of ['open', 'awaiting_grant'] as const) {
    const stale = await store.find<HelpRequestDoc>('helpRequests', { ...helpSweepQuery(state, now), limit: 100 });
    for (const found of stale.items) if (await expireStaleRequest(store, found._id, state, now)) expired += 1;
  }
  return { queued, expired, desks };
}

/** The four queries of the sweep: reports not confirmed, services not reported, and stale open or awaiting-grant requests. */
export type HelpSweepPhase = 'unconfirmed' | 'unreported' | 'open' | 'awaiting_grant';

export function helpSweepQuery(phase: HelpSweepPhase, now: Date): { where: Record<string, FieldFilter>; orderBy: { field: string; direction: 'asc' } } {
  const cutoff = overdueCutoff(now);
  if (phase === 'unconfirmed')
    return { where: { state: 'reported', queued: false, reportedAt: { lte: cutoff } }, orderBy: { field: 'reportedAt', direction: 'asc' } };
  if (phase === 'unreported') return { where: { state: 'assigned', queued: false, endAt: { lte: cutoff } }, orderBy: { field: 'endAt', direction: 'asc' } };
  return { where: { state: phase, endAt: { lte: now.toISOString() } }, orderBy: { field: 'endAt', direction: 'asc' } };
}

/** Hands one overdue request to the social workers' queue; re-checked inside; false when there was nothing to do. */
export async function queueOverdueRequest(store: Store, requestId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const cutoff = overdueCutoff(now);
  return store.transaction(async (tx) => {
    const r = await loadRequest(tx, requestId);
    const reason = r.state === 'reported' && confirmationOverdue(r, now) ? 'unconfirmed' : r.state === 'assigned' && r.endAt <= cutoff ? 'unreported' : null;
    if (r.queued || !reason) return false;
    const { senior, user } = await loadSenior(tx, r.seniorId);
    const text =
      reason === 'unconfirmed'
        ? `志愿者报告完成 ${CONFIRM_WINDOW_HOURS} 小时后仍未确认，转社工处理`
        : `服务时间结束 ${CONFIRM_WINDOW_HOURS} 小时后志愿者仍未报告，转社工处理`;
    const next = await save(tx, r, { queued: true, queuedAt: at, queueReason: reason }, step(at, 'queue', 'system', 'system', text));
    await logAct(tx, { seniorId: r.seniorId, actorId: 'system', via: 'system', kind: 'help.queue', text, refId: r._id, at });
    const staff = await socialWorkersOf(tx, r.committeeId);
    await tell(
      tx,
      r.seniorId,
      staff.map((s) => s._id),
      'help.overdue',
      '待处理：服务未确认',
      `${what(next, user.name)}：${text}`,
      at,
    );
    if (reason === 'unconfirmed')
      await tell(
        tx,
        r.seniorId,
        sideOf(r, senior),
        'help.overdue',
        '服务已转社工处理',
        `${what(next, user.name)}超过 ${CONFIRM_WINDOW_HOURS} 小时未确认，居委社工会联系您`,
        at,
      );
    return true;
  });
}

/** Expires one request whose window has passed with nobody on it (releasing its hold); re-checked inside. */
export async function expireStaleRequest(store: Store, requestId: string, state: 'open' | 'awaiting_grant', now: Date): Promise<boolean> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const r = await loadRequest(tx, requestId);
    if (r.state !== state || !hasEnded(r, now)) return false;
    const { senior, user } = await loadSenior(tx, r.seniorId);
    if (r.holdId) await releaseRedemption(tx, r._id, { actorId: 'system', memo: `求助过期，无人接单：${r.categoryName}`, at });
    const textIn = (t: Terms) =>
      r.holdId ? `时间已过，${t.nobodyTook}，${t.hold}的 ${formatHours(r.heldMinutes)}已${t.release}` : `时间已过，${t.pool}资助未审核，求助结束`;
    const text = textIn(terms('staff'));
    await save(tx, r, { state: 'expired' }, step(at, 'expire', 'system', 'system', text));
    await logAct(tx, { seniorId: r.seniorId, actorId: 'system', via: 'system', kind: 'help.expire', text, refId: r._id, at });
    await tellSide(tx, r, senior, 'help.expired', (t) => ({ title: '求助已过期', body: `${what(r, user.name)}：${textIn(t)}。需要的话请重新发起` }), at);
    return true;
  });
}

export async function sweep(ctx: ServiceContext): Promise<HelpResults['sweep']> {
  const admin = requireUser(ctx);
  const now = ctx.now();
  const result = await sweepHelp(ctx.store, now);
  return ctx.mutate(async (tx) => {
    await audit(tx, admin._id, 'helpRequests', 'help.sweep', result, now.toISOString());
    return result;
  });
}
