/**
 * 年度志愿报告: the signed-in volunteer's year, read from their service records. It sits in the
 * `certificates` function because it is read by the rules of a proof: a record counts, and a senior
 * counts as served, exactly when a proof would certify it (services/certificates.asProofRecord
 * resolves the senior of help and 老伙伴 records; domain/year-review.ts sums). Read-only: nothing
 * is written, not even a volunteer number.
 */
import type { CertificatesResults, ParsedInput } from '../api';
import { formatHours } from '../domain/ledger';
import type { ServiceRecordDoc } from '../domain/records';
import { localDate } from '../domain/schedule';
import type { TeamDoc } from '../domain/street';
import { assertReviewYear, summarizeYear } from '../domain/year-review';
import type { Store } from '../store/port';
import { asProofRecord } from './certificates';
import { loadPolicy } from './policy';
import { requireUser, type ServiceContext } from './shared/context';

/** Every page of a query on the volunteer's records (a cloud-function read returns at most 100). */
async function allPages(store: Store, where: Record<string, unknown>): Promise<ServiceRecordDoc[]> {
  const out: ServiceRecordDoc[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<ServiceRecordDoc>('serviceRecords', {
      where: where as never,
      orderBy: { field: 'date', direction: 'asc' },
      limit: 100,
      after,
    });
    out.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return out;
}

export async function yearReview(ctx: ServiceContext, input: ParsedInput<'certificates', 'yearReview'>): Promise<CertificatesResults['yearReview']> {
  const me = requireUser(ctx);
  const currentYear = Number(localDate(ctx.now()).slice(0, 4));
  const year = input.year ?? currentYear;
  assertReviewYear(year, currentYear);
  const [inYear, before, policy] = await Promise.all([
    allPages(ctx.store, { volunteerId: me._id, date: { gte: `${year}-01-01`, lte: `${year}-12-31` } }),
    // Only the minutes matter before the year (for the star level at its end): no per-record reads.
    allPages(ctx.store, { volunteerId: me._id, state: 'approved', date: { lt: `${year}-01-01` } }),
    loadPolicy(ctx.store),
  ]);
  const records = await Promise.all(inYear.map(async (r) => ({ ...(await asProofRecord(ctx.store, r)), earnsCredits: r.earnsCredits })));
  const servedBefore = before.reduce((sum, r) => sum + r.minutes, 0);
  const s = summarizeYear(records, year, servedBefore, policy.starThresholdsHours);
  const teams = [];
  for (const t of s.teams) {
    // One-to-one help has no team of its own (its records hold a placeholder id): not listed as a team.
    const team = await ctx.store.get<TeamDoc>('teams', t.teamId);
    if (team) teams.push({ teamId: t.teamId, name: team.name, minutes: t.minutes, hoursText: formatHours(t.minutes) });
  }
  return {
    year,
    name: me.name,
    volunteerNo: me.volunteerNo ?? null,
    minutes: s.minutes,
    hoursText: formatHours(s.minutes),
    records: s.records,
    activities: s.activities,
    peopleServed: s.peopleServed,
    teams,
    months: s.months,
    firstDate: s.firstDate,
    lastDate: s.lastDate,
    creditsMinutes: s.creditsMinutes,
    creditsText: formatHours(s.creditsMinutes),
    star: s.star,
    excludedCount: Object.values(s.excluded).reduce((a, b) => a + (b ?? 0), 0),
  };
}
