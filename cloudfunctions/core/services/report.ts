/**
 * The street report (街道工作报表): what the street did in a period, in numbers only. Every figure is
 * computed from the documents themselves by queries on indexed fields (store/schema.ts), page by
 * page, never from counters kept on the side, so the report can be checked against the data.
 *
 * Periods are local (Shanghai) dates, both ends included: service records by their service date,
 * everything with a timestamp by that timestamp. "Now" figures (circulation, pool, pairs, active
 * requests) are as of the call (of a job: as of its last slice).
 *
 * The report is a fixed list of scans (one query each, read a page of 100 at a time) feeding partial
 * sums, then a last step that reads the "now" figures and shapes the result. The sums and the place
 * reached (scan, cursor) are plain JSON, so a long period runs as a job in time slices
 * (`admin.reportStart`, then `admin.reportPoll` until done): each slice reads pages while its budget
 * lasts and stores the sums and the place in the job document, in a transaction that checks the
 * job's step number, so two polls at once never count a page twice. `admin.report` runs the same
 * scans in one go; both give the same figures.
 */
import { randomUUID } from 'node:crypto';
import type { AdminResults, Amount, ParsedInput, ReportJobView, StreetReport, Tally } from '../api';
import { AppError } from '../errors';
import type { ActivityDoc, StoredActivityDoc } from '../domain/activities';
import { withQueues } from './activities/shared';
import { ACTIVE_STATES, HELP_STATES, HELP_TEAM_ID, HELP_TEAM_NAME, STATE_LABELS, type HelpRequestDoc } from '../domain/help';
import { intervalHours, reached } from '../domain/contacts';
import { PARTNER_ALERT_LABELS, type PartnerAlertKind } from '../domain/ladder';
import { balanceOf, formatHours, isIssuanceAccount, POOL_ACCOUNT, type AccountDoc, type TransferDoc, type TransferKind } from '../domain/ledger';
import { addDays, localDate, localToUtc } from '../domain/schedule';
import { loadProgramme } from './partners/programme';
import type { SeniorDoc } from '../domain/seniors';
import { MAX_PAGE, type FieldFilter, type Store } from '../store/port';
import type { Doc } from '../domain/doc';
import type { CollectionName } from '../store/schema';
import { timeBudget, UNLIMITED, type Budget } from './budget';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import type { TeamDoc } from '../domain/street';
import { issuanceTotals } from './shared/ledger-views';
import type { CareDoc, ContactDoc, PartnerAlertDoc } from '../domain/partners';
import type { ServiceRecordDoc } from '../domain/records';

const amount = (minutes: number): Amount => ({ minutes, hours: formatHours(minutes) });
/** [count, minutes] */
type Pair = [number, number];
const tally = ([count, minutes]: Pair): Tally => ({ count, ...amount(minutes) });
const add = (p: Pair, minutes: number): void => {
  p[0] += 1;
  p[1] += minutes;
};

const TRANSFER_KINDS: TransferKind[] = ['earn', 'redeem', 'donate', 'grant', 'reversal', 'adjust'];
const ALERT_KINDS = Object.keys(PARTNER_ALERT_LABELS) as PartnerAlertKind[];

/**
 * The partial sums of a report, plain JSON (stored in a job between slices). Maps are lists of
 * entries in the order first met, so the result is the same however the work was sliced.
 */
interface ReportSums {
  registered: number;
  registeredInPeriod: number;
  approved: Pair;
  pending: Pair;
  /** [teamId, count, minutes, volunteer ids] */
  teams: Array<[string, number, number, string[]]>;
  /** [category, name, count, minutes] */
  categories: Array<[string, string, number, number]>;
  volunteers: string[];
  held: number;
  cancelled: number;
  signedPlaces: number;
  transfers: Record<string, Pair>;
  adjustedIn: Pair;
  adjustedOut: Pair;
  /** Adjustments of the community pool: credits an admin put into it, or took out. */
  poolAllocated: Pair;
  poolWithdrawn: Pair;
  requested: number;
  completed: Pair;
  activeNow: number;
  oneTapAlerts: number;
  alone: string[];
  paired: number;
  contacts: number;
  visits: number;
  phoneCalls: number;
  unreachable: number;
  /** kind → [raised, closed] */
  alerts: Record<string, Pair>;
  /** 'YYYY-MM' → approved [count, minutes], the 12 months ending with the period's last month. */
  months: Record<string, Pair>;
  /** Monday ('YYYY-MM-DD') → contacts [on time, late, unreachable] in the period. */
  coverage: Record<string, [number, number, number]>;
  /** Senior id → when a contact last reached them (internal to the job, never in the result). */
  lastReached: Record<string, string>;
  /** Help requests made in the period, by their state now. */
  helpStates: Record<string, number>;
}

const emptySums = (): ReportSums => ({
  registered: 0,
  registeredInPeriod: 0,
  approved: [0, 0],
  pending: [0, 0],
  teams: [],
  categories: [],
  volunteers: [],
  held: 0,
  cancelled: 0,
  signedPlaces: 0,
  transfers: Object.fromEntries(TRANSFER_KINDS.map((k) => [k, [0, 0]])),
  adjustedIn: [0, 0],
  adjustedOut: [0, 0],
  poolAllocated: [0, 0],
  poolWithdrawn: [0, 0],
  requested: 0,
  completed: [0, 0],
  activeNow: 0,
  oneTapAlerts: 0,
  alone: [],
  paired: 0,
  contacts: 0,
  visits: 0,
  phoneCalls: 0,
  unreachable: 0,
  alerts: Object.fromEntries(ALERT_KINDS.map((k) => [k, [0, 0]])),
  months: {},
  coverage: {},
  lastReached: {},
  helpStates: {},
});

/** The sums while a slice runs: the lists as maps and sets for quick lookups. */
class Acc {
  readonly s: ReportSums;
  readonly teams: Map<string, { sum: Pair; volunteers: Set<string> }>;
  readonly categories: Map<string, { name: string; sum: Pair }>;
  readonly volunteers: Set<string>;
  readonly alone: Set<string>;
  constructor(sums: ReportSums) {
    // A job stored before a field existed gets it empty.
    this.s = { ...emptySums(), ...structuredClone(sums) };
    this.teams = new Map(this.s.teams.map(([id, count, minutes, vs]) => [id, { sum: [count, minutes] as Pair, volunteers: new Set(vs) }]));
    this.categories = new Map(this.s.categories.map(([id, name, count, minutes]) => [id, { name, sum: [count, minutes] as Pair }]));
    this.volunteers = new Set(this.s.volunteers);
    this.alone = new Set(this.s.alone);
  }
  toJSON(): ReportSums {
    return {
      ...this.s,
      teams: [...this.teams].map(([id, t]) => [id, t.sum[0], t.sum[1], [...t.volunteers]]),
      categories: [...this.categories].map(([id, c]) => [id, c.name, c.sum[0], c.sum[1]]),
      volunteers: [...this.volunteers],
      alone: [...this.alone],
    };
  }
}

/** The period as the scans filter it. */
interface Bounds {
  from: string;
  to: string;
  during: { gte: string; lt: string };
  /** First day of the 12 months of the monthly series. */
  monthsFrom: string;
  /** Contacts are read from a week before the period, so the first one in it has the one before to compare with. */
  contactsFrom: string;
  /** Hours between contacts the programme asks for (weather alerts aside). */
  intervalHours: number;
}

/** The first day of the month `back` months before `date`'s month. */
export function monthStart(date: string, back: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - back;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The Monday of `date`'s week (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

const boundsOf = (from: string, to: string, interval: number): Bounds => ({
  from,
  to,
  during: { gte: localToUtc(from, '00:00').toISOString(), lt: localToUtc(addDays(to, 1), '00:00').toISOString() },
  monthsFrom: monthStart(to, 11),
  contactsFrom: localToUtc(addDays(from, -8), '00:00').toISOString(),
  intervalHours: interval,
});

interface ScanSpec {
  collection: CollectionName;
  where(b: Bounds): Record<string, FieldFilter>;
  orderBy: string;
  /** What each page's documents need read beside them before they are added (an activity's queue). */
  join?(store: Store, docs: Doc[]): Promise<Doc[]>;
  add(acc: Acc, doc: Doc, b: Bounds): void;
}

const scanOf = <T extends Doc, S extends Doc = T>(
  spec: Omit<ScanSpec, 'add' | 'join'> & { join?(store: Store, docs: S[]): Promise<T[]>; add(acc: Acc, doc: T, b: Bounds): void },
): ScanSpec => spec as unknown as ScanSpec;

/** Every scan of the report, in order (the seniors living alone are known before the pairs are counted). */
const SCANS: ScanSpec[] = [
  // People: registered now and in the period (closed accounts aside).
  scanOf<UserDoc>({
    collection: 'users',
    where: () => ({}),
    orderBy: 'createdAt',
    add: ({ s }, u, b) => {
      if (u.closedAt) return;
      s.registered += 1;
      if (u.createdAt >= b.during.gte && u.createdAt < b.during.lt) s.registeredInPeriod += 1;
    },
  }),
  // Service: approved records dated in the period, by team and category; then those still pending.
  scanOf<ServiceRecordDoc>({
    collection: 'serviceRecords',
    where: (b) => ({ state: 'approved', date: { gte: b.from, lte: b.to } }),
    orderBy: 'date',
    add: (acc, r) => {
      add(acc.s.approved, r.minutes);
      acc.volunteers.add(r.volunteerId);
      const team = acc.teams.get(r.teamId) ?? { sum: [0, 0] as Pair, volunteers: new Set<string>() };
      add(team.sum, r.minutes);
      team.volunteers.add(r.volunteerId);
      acc.teams.set(r.teamId, team);
      const category = acc.categories.get(r.category) ?? { name: r.categoryName, sum: [0, 0] as Pair };
      add(category.sum, r.minutes);
      acc.categories.set(r.category, category);
    },
  }),
  // The monthly series: approved records of the 12 months ending with the period's last month.
  scanOf<ServiceRecordDoc>({
    collection: 'serviceRecords',
    where: (b) => ({ state: 'approved', date: { gte: b.monthsFrom, lte: b.to } }),
    orderBy: 'date',
    add: ({ s }, r) => {
      const key = r.date.slice(0, 7);
      add((s.months[key] ??= [0, 0]), r.minutes);
    },
  }),
  scanOf<ServiceRecordDoc>({
    collection: 'serviceRecords',
    where: (b) => ({ state: 'pending', date: { gte: b.from, lte: b.to } }),
    orderBy: 'date',
    add: ({ s }, r) => add(s.pending, r.minutes),
  }),
  // Activities starting in the period: held (with places taken) and cancelled.
  ...(['scheduled', 'cancelled'] as const).map((status) =>
    scanOf<ActivityDoc, StoredActivityDoc>({
      collection: 'activities',
      where: (b) => ({ status, startAt: b.during }),
      orderBy: 'startAt',
      join: withQueues,
      add: ({ s }, a) => {
        if (a.status === 'cancelled') s.cancelled += 1;
        else {
          s.held += 1;
          s.signedPlaces += a.signed.length;
        }
      },
    }),
  ),
  // Minutes moved in the period, by kind; a hold counts once it is posted, never while held or when voided.
  ...TRANSFER_KINDS.map((kind) =>
    scanOf<TransferDoc>({
      collection: 'transfers',
      where: (b) => ({ kind, createdAt: b.during }),
      orderBy: 'createdAt',
      add: ({ s }, t) => {
        if (t.phase !== 'posted' && t.phase !== 'post_pending') return;
        if (t.kind === 'adjust') {
          // From issuance: credits added; to issuance: taken away. The pool's are their own lines:
          // credits put into the pool are no one's until a grant spends them.
          const up = isIssuanceAccount(t.debitAccountId);
          if (up ? t.creditAccountId === POOL_ACCOUNT : t.debitAccountId === POOL_ACCOUNT) add(up ? s.poolAllocated : s.poolWithdrawn, t.amount);
          else add(up ? s.adjustedIn : s.adjustedOut, t.amount);
          return;
        }
        add(s.transfers[t.kind]!, t.amount);
      },
    }),
  ),
  // Help: requests made in the period (every state: the index on (state, createdAt) serves them all), completed, going now.
  scanOf<HelpRequestDoc>({
    collection: 'helpRequests',
    where: (b) => ({ state: { in: [...HELP_STATES] }, createdAt: b.during }),
    orderBy: 'createdAt',
    add: ({ s }, h) => {
      s.requested += 1;
      s.helpStates[h.state] = (s.helpStates[h.state] ?? 0) + 1;
    },
  }),
  scanOf<HelpRequestDoc>({
    collection: 'helpRequests',
    where: (b) => ({ state: 'completed', endAt: b.during }),
    orderBy: 'endAt',
    add: ({ s }, h) => add(s.completed, h.settlement?.minutes ?? h.report?.minutes ?? h.minutes),
  }),
  scanOf<HelpRequestDoc>({
    collection: 'helpRequests',
    where: () => ({ state: { in: [...ACTIVE_STATES] } }),
    orderBy: 'startAt',
    add: ({ s }) => {
      s.activeNow += 1;
    },
  }),
  // Alerts raised in the period: one-tap help, and the 老伙伴 kinds raised and closed.
  scanOf<PartnerAlertDoc>({
    collection: 'alerts',
    where: (b) => ({ raisedAt: b.during }),
    orderBy: 'raisedAt',
    add: ({ s }, a) => {
      if (a.kind === 'help') s.oneTapAlerts += 1;
      const row = s.alerts[a.kind];
      if (!row) return;
      row[0] += 1;
      if (a.state !== 'open') row[1] += 1;
    },
  }),
  // 老伙伴: seniors living alone now, those of them paired now, contacts in the period.
  scanOf<SeniorDoc>({
    collection: 'seniors',
    where: () => ({}),
    orderBy: 'createdAt',
    add: (acc, senior) => {
      if (senior.livingAlone) acc.alone.add(senior._id);
    },
  }),
  scanOf<CareDoc>({
    collection: 'care',
    where: () => ({ paired: true }),
    orderBy: 'anchorAt',
    add: (acc, c) => {
      if (acc.alone.has(c._id)) acc.s.paired += 1;
    },
  }),
  scanOf<ContactDoc>({
    collection: 'contacts',
    where: (b) => ({ at: b.during }),
    orderBy: 'at',
    add: ({ s }, c) => {
      s.contacts += 1;
      if (c.channel === 'visit') s.visits += 1;
      else s.phoneCalls += 1;
      if (c.outcome === 'unreachable') s.unreachable += 1;
    },
  }),
  // 老伙伴 coverage by week: a contact that reached the senior within the programme's interval of the
  // one before it is on time, later (or with none in the week before) is late; 联系不上 is its own column.
  scanOf<ContactDoc>({
    collection: 'contacts',
    where: (b) => ({ at: { gte: b.contactsFrom, lt: b.during.lt } }),
    orderBy: 'at',
    add: ({ s }, c, b) => {
      const prev = s.lastReached[c.seniorId];
      const ok = reached(c.outcome);
      if (c.at >= b.during.gte) {
        const row = (s.coverage[mondayOf(localDate(new Date(c.at)))] ??= [0, 0, 0]);
        if (!ok) row[2] += 1;
        else if (prev && Date.parse(c.at) - Date.parse(prev) <= b.intervalHours * 3_600_000) row[0] += 1;
        else row[1] += 1;
      }
      if (ok) s.lastReached[c.seniorId] = c.at;
    },
  }),
];

/** Where a report stands: the next scan and the cursor in it, the sums so far; the report once done. */
interface ReportProgressState {
  from: string;
  to: string;
  /** Index into the scans; SCANS.length means only the last step is left. */
  scan: number;
  after: string | null;
  sums: ReportSums;
  report: StreetReport | null;
}

export const newReportState = (from: string, to: string): ReportProgressState => ({ from, to, scan: 0, after: null, sums: emptySums(), report: null });

/** Units of work of a whole report: one per scan (whatever its pages) and the last step. */
export const REPORT_UNITS = SCANS.length + 1;

/**
 * Advances a report while the budget lasts: a page of one scan per unit of budget (the budget is
 * asked before each page), then the last step. Reads only; the caller stores the state it returns.
 */
export async function advanceReport(store: Store, state: ReportProgressState, budget: Budget, now: Date): Promise<ReportProgressState> {
  if (state.report) return state;
  const b = boundsOf(state.from, state.to, intervalHours((await loadProgramme(store)).schedule));
  const acc = new Acc(state.sums);
  let scan = state.scan;
  let after = state.after;
  while (scan < SCANS.length) {
    if (budget.timeLeft() <= 0) return { ...state, scan, after, sums: acc.toJSON() };
    const spec = SCANS[scan]!;
    const page = await store.find<Doc>(spec.collection, {
      where: spec.where(b),
      orderBy: { field: spec.orderBy, direction: 'asc' },
      limit: MAX_PAGE,
      after: after ?? undefined,
    });
    for (const doc of spec.join ? await spec.join(store, page.items) : page.items) spec.add(acc, doc, b);
    if (page.next) after = page.next;
    else {
      scan += 1;
      after = null;
    }
  }
  if (budget.timeLeft() <= 0) return { ...state, scan, after, sums: acc.toJSON() };
  const sums = acc.toJSON();
  return { ...state, scan, after: null, sums, report: await finish(store, b, acc, now) };
}

/** The last step: the "now" figures of the time bank, the team names, and the shape of the result. */
async function finish(store: Store, b: Bounds, acc: Acc, now: Date): Promise<StreetReport> {
  const { from, to } = b;
  const s = acc.s;
  const teamIds = [...acc.teams.keys()];
  const [teamDocs, issued, pool] = await Promise.all([
    Promise.all(teamIds.map((id) => store.get<TeamDoc>('teams', id))),
    issuanceTotals(store),
    store.get<AccountDoc>('accounts', POOL_ACCOUNT),
  ]);
  const byTeam = [...acc.teams.entries()]
    .map(([teamId, t], i) => ({
      teamId,
      name: teamId === HELP_TEAM_ID ? HELP_TEAM_NAME : (teamDocs[i]?.name ?? '已撤销的队伍'),
      volunteers: t.volunteers.size,
      ...tally(t.sum),
    }))
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
  const byCategory = [...acc.categories.entries()]
    .map(([category, c]) => ({ category, name: c.name, ...tally(c.sum) }))
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
  // Every month and week of the series, empty ones as zero.
  const byMonth = Array.from({ length: 12 }, (_, i) => monthStart(to, 11 - i).slice(0, 7)).map((month) => ({ month, ...tally(s.months[month] ?? [0, 0]) }));
  const coverage: StreetReport['partners']['coverage']['weeks'] = [];
  for (let week = mondayOf(from); week <= to; week = addDays(week, 7)) {
    const [onTime, late, unreachable] = s.coverage[week] ?? [0, 0, 0];
    coverage.push({ week, onTime, late, unreachable });
  }
  const byState = HELP_STATES.map((state) => ({ state, label: STATE_LABELS[state], count: s.helpStates[state] ?? 0 }));
  const poolBalance = pool ? balanceOf(pool) : 0;
  // Every credit issued and not burned is held by someone: people or the pool.
  const inCirculation = -balanceOf(issued) - poolBalance;
  return {
    from,
    to,
    generatedAt: now.toISOString(),
    people: { registered: s.registered, registeredInPeriod: s.registeredInPeriod, servedInPeriod: acc.volunteers.size },
    service: { approved: tally(s.approved), byTeam, byCategory, pending: tally(s.pending), byMonth },
    activities: { held: s.held, cancelled: s.cancelled, signedPlaces: s.signedPlaces },
    timebank: {
      earned: tally(s.transfers.earn!),
      redeemed: tally(s.transfers.redeem!),
      donated: tally(s.transfers.donate!),
      granted: tally(s.transfers.grant!),
      reversed: tally(s.transfers.reversal!),
      adjustedIn: tally(s.adjustedIn),
      adjustedOut: tally(s.adjustedOut),
      poolAllocated: tally(s.poolAllocated),
      poolWithdrawn: tally(s.poolWithdrawn),
      inCirculation: amount(inCirculation),
      pool: amount(poolBalance),
      poolReserved: amount(pool?.debitsPending ?? 0),
    },
    help: { requested: s.requested, completed: tally(s.completed), activeNow: s.activeNow, oneTapAlerts: s.oneTapAlerts, byState },
    partners: {
      seniorsLivingAlone: acc.alone.size,
      paired: s.paired,
      contacts: s.contacts,
      visits: s.visits,
      phoneCalls: s.phoneCalls,
      unreachable: s.unreachable,
      alerts: ALERT_KINDS.map((kind) => ({ kind, label: PARTNER_ALERT_LABELS[kind], raised: s.alerts[kind]![0], closed: s.alerts[kind]![1] })),
      coverage: { intervalHours: b.intervalHours, weeks: coverage },
    },
  };
}

/** The `admin.report` action: the whole report in one call (fine for a short period). */
export async function streetReport(ctx: ServiceContext, input: ParsedInput<'admin', 'report'>): Promise<AdminResults['report']> {
  return report(ctx.store, input, ctx.now());
}

/** The whole report in one go: the same scans as a job, without a budget. */
export async function report(store: Store, input: { from: string; to: string }, now: Date): Promise<StreetReport> {
  const done = await advanceReport(store, newReportState(input.from, input.to), UNLIMITED, now);
  return done.report!;
}

// ---------------------------------------------------------------- the report as a job

/** One time slice of a report job, well inside the `admin` function's 20 s timeout. */
const REPORT_SLICE_MS = 5_000;

/** The budget of each slice; tests replace `sliceBudget` to cut a job into as many slices as they like. */
export const reportJobs = { sliceBudget: (): Budget => timeBudget(REPORT_SLICE_MS) };

/** A report job in the `jobs` collection. `step` counts the slices stored; a slice is stored only on the step it started from. */
export interface ReportJobDoc extends ReportProgressState {
  _id: string;
  kind: 'report';
  ownerId: string;
  state: 'running' | 'done';
  step: number;
  createdAt: string;
  updatedAt: string;
}

function jobView(job: ReportJobDoc): ReportJobView {
  if (job.state === 'done' && job.report) return { jobId: job._id, state: 'done', report: job.report };
  const done = Math.min(job.scan, REPORT_UNITS - 1);
  return { jobId: job._id, state: 'running', progress: { done, total: REPORT_UNITS, percent: Math.floor((done * 100) / REPORT_UNITS) } };
}

/** `admin.reportStart`: creates the job and runs its first slice (a short period is often done in it). */
export async function startReport(ctx: ServiceContext, input: ParsedInput<'admin', 'reportStart'>): Promise<AdminResults['reportStart']> {
  const admin = requireUser(ctx);
  const now = ctx.now();
  const first = await advanceReport(ctx.store, newReportState(input.from, input.to), reportJobs.sliceBudget(), now);
  const id = `rj_${randomUUID()}`;
  return ctx.mutate(async (tx) => {
    const at = now.toISOString();
    const job: ReportJobDoc = {
      _id: id,
      kind: 'report',
      ownerId: admin._id,
      ...first,
      state: first.report ? 'done' : 'running',
      step: 1,
      createdAt: at,
      updatedAt: at,
    };
    await tx.create<ReportJobDoc>('jobs', job);
    return jobView(job);
  });
}

const jobMissing = () => new AppError('NOT_FOUND', '找不到这份报表，请重新生成');

/**
 * `admin.reportPoll`: advances the job by one slice and says where it stands. The slice is read
 * outside any transaction from the job as it was; it is stored only if the job is still at that
 * step (another poll may have got there first: then this slice is dropped and the stored state
 * returned), so a page is never counted twice. Polling a finished job returns its report.
 */
export async function pollReport(ctx: ServiceContext, input: ParsedInput<'admin', 'reportPoll'>): Promise<AdminResults['reportPoll']> {
  const admin = requireUser(ctx);
  const job = await ctx.store.get<ReportJobDoc>('jobs', input.jobId);
  if (!job || job.kind !== 'report' || job.ownerId !== admin._id) throw jobMissing();
  if (job.state === 'done') return jobView(job);
  const now = ctx.now();
  const next = await advanceReport(ctx.store, job, reportJobs.sliceBudget(), now);
  return ctx.store.transaction(async (tx) => {
    const current = await tx.get<ReportJobDoc>('jobs', job._id);
    if (!current) throw jobMissing();
    if (current.step !== job.step) return jobView(current);
    const stored: ReportJobDoc = {
      ...current,
      scan: next.scan,
      after: next.after,
      sums: next.sums,
      report: next.report,
      state: next.report ? 'done' : 'running',
      step: current.step + 1,
      updatedAt: now.toISOString(),
    };
    await tx.set<ReportJobDoc>('jobs', stored);
    return jobView(stored);
  });
}
