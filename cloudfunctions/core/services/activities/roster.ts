/** The roster of an activity for its leaders: who signed up, who waits, who came. */
import type { ActivitiesResults, ParsedInput, RosterEntry } from '../../api';
import type { SignupDoc } from '../../domain/activities';
import type { Store } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { assertManages } from '../../domain/scope';
import { assertCheckInWindow, checkInOpensAt } from '../../domain/check-in-window';
import { loadActivity } from './shared';
import { viewsOf } from './views';

async function usersById(store: Store, ids: string[]): Promise<Map<string, UserDoc>> {
  const found = new Map<string, UserDoc>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const page = await store.find<UserDoc>('users', { where: { _id: { in: chunk } }, limit: 100 });
    for (const u of page.items) found.set(u._id, u);
  }
  return found;
}

async function signupsOf(store: Store, activityId: string, state: 'signed' | 'waitlisted'): Promise<SignupDoc[]> {
  const all: SignupDoc[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<SignupDoc>('signups', {
      where: { activityId, state },
      orderBy: { field: 'seq', direction: 'asc' },
      limit: 100,
      after,
    });
    all.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return all;
}

/** Whether the leader's 代为签到 would be taken now: the very rule markAttendance applies, asked without acting. */
function checkInOpenFor(a: Parameters<typeof assertCheckInWindow>[0], now: Date): boolean {
  try {
    assertCheckInWindow(a, now, false);
    return true;
  } catch {
    return false;
  }
}

export async function roster(ctx: ServiceContext, input: ParsedInput<'activities', 'roster'>): Promise<ActivitiesResults['roster']> {
  const user = requireUser(ctx);
  const a = await loadActivity(ctx.store, input.activityId);
  assertManages(user, a.teamId, '只有本队队长或管理员可以查看名单');
  const [signed, waitlisted] = await Promise.all([signupsOf(ctx.store, a._id, 'signed'), signupsOf(ctx.store, a._id, 'waitlisted')]);
  const users = await usersById(
    ctx.store,
    [...signed, ...waitlisted].map((s) => s.userId),
  );
  const position = new Map(a.waitlist.map((id, i) => [id, i + 1]));
  const entry = (s: SignupDoc): RosterEntry => {
    const u = users.get(s.userId);
    return {
      userId: s.userId,
      name: u?.name ?? '已注销用户',
      phoneMasked: u?.phoneMasked ?? '',
      state: s.state,
      seq: s.seq,
      waitlistPosition: s.state === 'waitlisted' ? (position.get(s.userId) ?? null) : null,
      attendance: s.attendance,
      checkInAt: s.checkInAt,
      checkInBy: s.checkInBy,
      checkOutAt: s.checkOutAt,
      checkOutBy: s.checkOutBy,
      distanceM: s.distanceM,
      servedMinutes: s.servedMinutes,
      recordId: s.recordId,
    };
  };
  const waitlist = waitlisted.map(entry).sort((x, y) => (x.waitlistPosition ?? Infinity) - (y.waitlistPosition ?? Infinity));
  const [view] = await viewsOf(ctx, [a]);
  return {
    activity: view!,
    checkInOpen: checkInOpenFor(a, ctx.now()),
    checkInOpensAt: new Date(checkInOpensAt(a)).toISOString(),
    signed: signed.map(entry),
    waitlist,
    counts: {
      signed: signed.length,
      waitlisted: waitlisted.length,
      checkedIn: signed.filter((s) => s.attendance === 'in').length,
      checkedOut: signed.filter((s) => s.attendance === 'out').length,
      absent: signed.filter((s) => s.attendance === 'absent').length,
    },
  };
}
