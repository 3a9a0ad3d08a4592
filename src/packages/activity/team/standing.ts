/**
 * What the team page offers the caller, from their standing in the team: a leader belongs by their
 * grant and cannot leave (teams.leave refuses 队长不能退出队伍), so nothing offers it to them.
 */
import type { TeamCard } from '@core/api';

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
