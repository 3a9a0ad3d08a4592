/**
 * What the team page offers the caller, from their standing in the team: a leader belongs by their
 * grant and cannot leave (teams.leave refuses 队长不能退出队伍), so nothing offers it to them.
 */
import type { ActivityView, TeamCard } from '@core/api';

export type Standing = 'leader' | 'member' | 'pending' | 'none';

export function standingOf(t: Pick<TeamCard, 'iLead' | 'myMembership'>): Standing {
  if (t.iLead) return 'leader';
  if (t.myMembership === 'member' || t.myMembership === 'pending') return t.myMembership;
  return 'none';
}

/** The buttons the standing allows: join (or apply), withdraw an application, leave. */
export function offers(s: Standing): { join: boolean; withdraw: boolean; leave: boolean } {
  return { join: s === 'none', withdraw: s === 'pending', leave: s === 'member' };
}

/**
 * The caller's coming sign-ups (or waitlist places) for this team's members-only activities: leaving
 * the team keeps them (the leader counts on a place taken; cancelling keeps its own rules), so the
 * page lists them before 确定退出, each linking to its activity page where it can be cancelled.
 */
export function keptOnLeaving(upcoming: readonly ActivityView[], teamId: string): ActivityView[] {
  return upcoming.filter((a) => a.teamId === teamId && a.membersOnly && a.status !== 'cancelled' && !!a.my && a.my.state !== 'cancelled');
}
