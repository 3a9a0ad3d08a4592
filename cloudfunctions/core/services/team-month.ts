/**
 * `teams.month`: a team's current month day by day (approved and pending service minutes), for the
 * chart on its leader's home. Sums only, read page by page on the (teamId, date) index.
 */
import type { ParsedInput, TeamsResults } from '../api';
import { AppError } from '../errors';
import { formatHours } from '../domain/ledger';
import type { ServiceRecordDoc } from '../domain/records';
import { addDays, localDate } from '../domain/schedule';
import { manages } from '../domain/scope';
import type { TeamDoc } from '../domain/street';
import { MAX_PAGE } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';

/** Every date of `month` ('YYYY-MM'). */
export function datesOfMonth(month: string): string[] {
  const dates: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) dates.push(d);
  return dates;
}

export async function teamMonth(ctx: ServiceContext, input: ParsedInput<'teams', 'month'>): Promise<TeamsResults['month']> {
  const user = requireUser(ctx);
  if (!manages(user, input.teamId)) throw new AppError('FORBIDDEN', '只有本队队长或管理员可以查看本队的月度统计');
  const team = await ctx.store.get<TeamDoc>('teams', input.teamId);
  if (!team) throw new AppError('NOT_FOUND', '队伍不存在', { teamId: input.teamId });
  const month = localDate(ctx.now()).slice(0, 7);
  const dates = datesOfMonth(month);
  const days = new Map(dates.map((date) => [date, { date, approvedMinutes: 0, pendingMinutes: 0 }]));
  const approved = { count: 0, minutes: 0 };
  const pending = { count: 0, minutes: 0 };
  let after: string | undefined;
  do {
    const page = await ctx.store.find<ServiceRecordDoc>('serviceRecords', {
      where: { teamId: team._id, date: { gte: dates[0]!, lte: dates[dates.length - 1]! } },
      orderBy: { field: 'date', direction: 'asc' },
      limit: MAX_PAGE,
      after,
    });
    for (const r of page.items) {
      const day = days.get(r.date);
      if (!day) continue;
      if (r.state === 'approved') {
        day.approvedMinutes += r.minutes;
        approved.count += 1;
        approved.minutes += r.minutes;
      } else if (r.state === 'pending') {
        day.pendingMinutes += r.minutes;
        pending.count += 1;
        pending.minutes += r.minutes;
      }
    }
    after = page.next ?? undefined;
  } while (after);
  return {
    teamId: team._id,
    teamName: team.name,
    month,
    days: [...days.values()],
    approved: { ...approved, hours: formatHours(approved.minutes) },
    pending: { ...pending, hours: formatHours(pending.minutes) },
  };
}
