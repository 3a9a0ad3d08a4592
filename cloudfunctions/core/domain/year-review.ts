/**
 * 年度志愿报告 (the year in review): one volunteer's year summed from their service records. The
 * same records count as on a proof (domain/certificates.ts): approved, not reversed, not disputed;
 * "people served" are the distinct seniors of help and 老伙伴 records. Pure: callers pass the
 * records, the current year and the star thresholds.
 */
import { AppError } from '../errors';
import { exclusionOf, servedSeniorOf, type ExclusionReason, type ProofRecord } from './certificates';
import { starProgress } from './stars';

/** A record as the year in review reads it: what a proof reads, and whether it earned time credits. */
export interface YearRecord extends ProofRecord {
  earnsCredits: boolean;
}

export interface YearTeamTotal {
  teamId: string;
  minutes: number;
  records: number;
}

export interface YearSummary {
  year: number;
  /** Approved minutes served in the year. */
  minutes: number;
  records: number;
  /** Distinct activities with an approved attendance record. */
  activities: number;
  /** Distinct seniors served through help and 老伙伴 records. */
  peopleServed: number;
  /** Each team served with, longest first (one-to-one help has no team: its id is whatever the record holds). */
  teams: YearTeamTotal[];
  /** Minutes per calendar month, January first (12 entries). */
  months: number[];
  firstDate: string | null;
  lastDate: string | null;
  /** Minutes of the year's approved records that earned time credits (1 minute = 1 credit-minute). */
  creditsMinutes: number;
  /** The star level reached by the end of the year (all approved service up to then). */
  star: { level: number; label: string };
  /** Records of the year left out, by reason (pending, rejected, reversed, disputed). */
  excluded: Partial<Record<ExclusionReason, number>>;
}

/** The earliest year a review may be asked for (records start long after). */
export const FIRST_REVIEW_YEAR = 2000;

/** A year that has begun (Shanghai calendar): a review of a future year is refused, not answered empty. */
export function assertReviewYear(year: number, currentYear: number): void {
  if (year > currentYear) {
    throw new AppError('VALIDATION', `${year} 年还没有到，只能查看 ${currentYear} 年及以前的年度报告`, [{ path: 'year', message: '不能是将来的年份' }]);
  }
}

/**
 * Sums `records` (any of the volunteer's records; those outside `year` are ignored) into the year's
 * summary. `servedBeforeMinutes`: approved minutes before the year, so the star level is the one
 * reached by the year's end.
 */
export function summarizeYear(records: readonly YearRecord[], year: number, servedBeforeMinutes: number, starThresholdsHours: readonly number[]): YearSummary {
  const prefix = `${year}-`;
  const months = Array.from({ length: 12 }, () => 0);
  const activities = new Set<string>();
  const seniors = new Set<string>();
  const teams = new Map<string, YearTeamTotal>();
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  let minutes = 0;
  let count = 0;
  let credits = 0;
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const r of records) {
    if (!r.date.startsWith(prefix)) continue;
    const reason = exclusionOf(r);
    if (reason) {
      excluded[reason] = (excluded[reason] ?? 0) + 1;
      continue;
    }
    minutes += r.minutes;
    count += 1;
    months[Number(r.date.slice(5, 7)) - 1]! += r.minutes;
    if (r.earnsCredits) credits += r.minutes;
    if (r.source === 'activity' && r.activityId) activities.add(r.activityId);
    const senior = servedSeniorOf(r);
    if (senior) seniors.add(senior);
    const team = teams.get(r.teamId) ?? { teamId: r.teamId, minutes: 0, records: 0 };
    team.minutes += r.minutes;
    team.records += 1;
    teams.set(r.teamId, team);
    if (!firstDate || r.date < firstDate) firstDate = r.date;
    if (!lastDate || r.date > lastDate) lastDate = r.date;
  }
  const star = starProgress(servedBeforeMinutes + minutes, starThresholdsHours);
  return {
    year,
    minutes,
    records: count,
    activities: activities.size,
    peopleServed: seniors.size,
    teams: [...teams.values()].sort((a, b) => b.minutes - a.minutes || (a.teamId < b.teamId ? -1 : 1)),
    months,
    firstDate,
    lastDate,
    creditsMinutes: credits,
    star: { level: star.level, label: star.label },
    excluded,
  };
}
