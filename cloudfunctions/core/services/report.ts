/**
 * The street report (街道工作报表): what the street did in a period, in numbers only. Every figure is
 * computed from the documents themselves by queries on indexed fields (store/schema.ts), page by
 * page, never from counters kept on the side, so the report can be checked against the data.
 *
 * Periods are local (Shanghai) dates, both ends included: service records by their service date,
 * everything with a timestamp by that timestamp. "Now" figures (circulation, pool, pairs, active
 * requests) are as of the call.
 */
import type { AdminResults, Amount, ParsedInput, Tally } from '../api';
import { type ActivityDoc } from '../domain/activities';
import { ACTIVE_STATES, HELP_STATES, type HelpRequestDoc } from '../domain/help';
import { PARTNER_ALERT_LABELS, type PartnerAlertKind } from '../domain/ladder';
import { balanceOf, formatHours, isIssuanceAccount, POOL_ACCOUNT, type AccountDoc, type TransferDoc, type TransferKind } from '../domain/ledger';
import { addDays, localToUtc } from '../domain/schedule';
import type { SeniorDoc } from '../domain/seniors';
import type { Store } from '../store/port';
import { scan, scanAll } from '../store/scan';
import type { ServiceContext, UserDoc } from './context';
import type { TeamDoc } from './directory';
import { issuanceTotals } from './ledger-views';
import type { CareDoc, ContactDoc, PartnerAlertDoc } from './partners';
import type { ServiceRecordDoc } from './records';

const amount = (minutes: number): Amount => ({ minutes, hours: formatHours(minutes) });
const tally = (count: number, minutes: number): Tally => ({ count, ...amount(minutes) });

class Sum {
  count = 0;
  minutes = 0;
  add(minutes: number): void {
    this.count += 1;
    this.minutes += minutes;
  }
  get tally(): Tally {
    return tally(this.count, this.minutes);
  }
}

/** The `admin.report` action. */
export async function streetReport(ctx: ServiceContext, input: ParsedInput<'admin', 'report'>): Promise<AdminResults['report']> {
  return report(ctx.store, input, ctx.now());
}

export async function report(store: Store, input: ParsedInput<'admin', 'report'>, now: Date): Promise<AdminResults['report']> {
  const start = localToUtc(input.from, '00:00').toISOString();
  const end = localToUtc(addDays(input.to, 1), '00:00').toISOString();
  const during = { gte: start, lt: end };
  const [people, service, activities, timebank, help, partners] = await Promise.all([
    peopleSection(store, during),
    serviceSection(store, input.from, input.to),
    activitiesSection(store, during),
    timebankSection(store, during),
    helpSection(store, during),
    partnersSection(store, during),
  ]);
  const servedInPeriod = service.volunteers.size;
  return {
    from: input.from,
    to: input.to,
    generatedAt: now.toISOString(),
    people: { ...people, servedInPeriod },
    service: service.view,
    activities,
    timebank,
    help,
    partners,
  };
}

type During = { gte: string; lt: string };

async function peopleSection(store: Store, during: During) {
  let registered = 0;
  let registeredInPeriod = 0;
  for await (const u of scan<UserDoc>(store, 'users', {}, 'createdAt')) {
    if (u.closedAt) continue;
    registered += 1;
    if (u.createdAt >= during.gte && u.createdAt < during.lt) registeredInPeriod += 1;
  }
  return { registered, registeredInPeriod };
}

async function serviceSection(store: Store, from: string, to: string) {
  const dates = { gte: from, lte: to };
  const approved = new Sum();
  const teams = new Map<string, { sum: Sum; volunteers: Set<string> }>();
  const categories = new Map<string, { name: string; sum: Sum }>();
  const volunteers = new Set<string>();
  for await (const r of scan<ServiceRecordDoc>(store, 'serviceRecords', { state: 'approved', date: dates }, 'date')) {
    approved.add(r.minutes);
    volunteers.add(r.volunteerId);
    const team = teams.get(r.teamId) ?? { sum: new Sum(), volunteers: new Set<string>() };
    team.sum.add(r.minutes);
    team.volunteers.add(r.volunteerId);
    teams.set(r.teamId, team);
    const category = categories.get(r.category) ?? { name: r.categoryName, sum: new Sum() };
    category.sum.add(r.minutes);
    categories.set(r.category, category);
  }
  const pending = new Sum();
  for await (const r of scan<ServiceRecordDoc>(store, 'serviceRecords', { state: 'pending', date: dates }, 'date')) pending.add(r.minutes);
  const teamDocs = await Promise.all([...teams.keys()].map((id) => store.get<TeamDoc>('teams', id)));
  const byTeam = [...teams.entries()]
    .map(([teamId, t], i) => ({ teamId, name: teamDocs[i]?.name ?? teamId, volunteers: t.volunteers.size, ...t.sum.tally }))
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
  const byCategory = [...categories.entries()]
    .map(([category, c]) => ({ category, name: c.name, ...c.sum.tally }))
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
  return { volunteers, view: { approved: approved.tally, byTeam, byCategory, pending: pending.tally } };
}

async function activitiesSection(store: Store, during: During) {
  let held = 0;
  let cancelled = 0;
  let signedPlaces = 0;
  const found = await Promise.all(
    (['scheduled', 'cancelled'] as const).map((status) => scanAll<ActivityDoc>(store, 'activities', { status, startAt: during }, 'startAt')),
  );
  for (const a of found.flat()) {
    if (a.status === 'cancelled') cancelled += 1;
    else {
      held += 1;
      signedPlaces += a.signed.length;
    }
  }
  return { held, cancelled, signedPlaces };
}

/** Minutes moved in the period, by kind; a hold counts once it is posted, never while held or when voided. */
async function timebankSection(store: Store, during: During) {
  const kinds: TransferKind[] = ['earn', 'redeem', 'donate', 'grant', 'reversal', 'adjust'];
  const sums = new Map<TransferKind, Sum>(kinds.map((k) => [k, new Sum()]));
  const adjustedIn = new Sum();
  const adjustedOut = new Sum();
  const found = await Promise.all(kinds.map((kind) => scanAll<TransferDoc>(store, 'transfers', { kind, createdAt: during }, 'createdAt')));
  for (const t of found.flat()) {
    if (t.phase !== 'posted' && t.phase !== 'post_pending') continue;
    if (t.kind === 'adjust') {
      // From issuance: credits added; to issuance: taken away (pool adjustments count the same way).
      if (isIssuanceAccount(t.debitAccountId)) adjustedIn.add(t.amount);
      else adjustedOut.add(t.amount);
      continue;
    }
    sums.get(t.kind)!.add(t.amount);
  }
  const [issued, pool] = await Promise.all([issuanceTotals(store), store.get<AccountDoc>('accounts', POOL_ACCOUNT)]);
  const poolBalance = pool ? balanceOf(pool) : 0;
  // Every credit issued and not burned is held by someone: people or the pool.
  const inCirculation = -balanceOf(issued) - poolBalance;
  return {
    earned: sums.get('earn')!.tally,
    redeemed: sums.get('redeem')!.tally,
    donated: sums.get('donate')!.tally,
    granted: sums.get('grant')!.tally,
    reversed: sums.get('reversal')!.tally,
    adjustedIn: adjustedIn.tally,
    adjustedOut: adjustedOut.tally,
    inCirculation: amount(inCirculation),
    pool: amount(poolBalance),
  };
}

async function helpSection(store: Store, during: During) {
  // Every state: the index on (state, createdAt) serves a query over all of them.
  const requested = (await scanAll<HelpRequestDoc>(store, 'helpRequests', { state: { in: [...HELP_STATES] }, createdAt: during }, 'createdAt')).length;
  const completed = new Sum();
  for await (const h of scan<HelpRequestDoc>(store, 'helpRequests', { state: 'completed', endAt: during }, 'endAt')) {
    completed.add(h.settlement?.minutes ?? h.report?.minutes ?? h.minutes);
  }
  const activeNow = (await scanAll<HelpRequestDoc>(store, 'helpRequests', { state: { in: [...ACTIVE_STATES] } }, 'startAt')).length;
  let oneTapAlerts = 0;
  for await (const a of scan<PartnerAlertDoc>(store, 'alerts', { raisedAt: during }, 'raisedAt')) if (a.kind === 'help') oneTapAlerts += 1;
  return { requested, completed: completed.tally, activeNow, oneTapAlerts };
}

async function partnersSection(store: Store, during: During) {
  const seniors = await scanAll<SeniorDoc>(store, 'seniors', {}, 'createdAt');
  const alone = new Set(seniors.filter((s) => s.livingAlone).map((s) => s._id));
  let paired = 0;
  for await (const c of scan<CareDoc>(store, 'care', { paired: true }, 'anchorAt')) if (alone.has(c._id)) paired += 1;
  let contacts = 0;
  let visits = 0;
  let phoneCalls = 0;
  let unreachable = 0;
  for await (const c of scan<ContactDoc>(store, 'contacts', { at: during }, 'at')) {
    contacts += 1;
    if (c.channel === 'visit') visits += 1;
    else phoneCalls += 1;
    if (c.outcome === 'unreachable') unreachable += 1;
  }
  const kinds = Object.keys(PARTNER_ALERT_LABELS) as PartnerAlertKind[];
  const alerts = new Map(kinds.map((k) => [k, { raised: 0, closed: 0 }]));
  for await (const a of scan<PartnerAlertDoc>(store, 'alerts', { raisedAt: during }, 'raisedAt')) {
    const row = alerts.get(a.kind as PartnerAlertKind);
    if (!row) continue;
    row.raised += 1;
    if (a.state !== 'open') row.closed += 1;
  }
  return {
    seniorsLivingAlone: alone.size,
    paired,
    contacts,
    visits,
    phoneCalls,
    unreachable,
    alerts: kinds.map((kind) => ({ kind, label: PARTNER_ALERT_LABELS[kind], ...alerts.get(kind)! })),
  };
}
