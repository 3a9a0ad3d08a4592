/**
 * Which step 加入老伙伴 shows, from what the server said. The profile form is shown only when saving
 * it can succeed (partners.join refuses anyone outside the 老伙伴 team): to a member or a leader of the
 * team, or to anyone when the admin has named no team. Before that the apply step, then the wait for
 * the leader's approval; someone the policy refuses sees why, and no form.
 */
export type JoinStep = 'loading' | 'refused' | 'apply' | 'waiting' | 'form';

export interface JoinFacts {
  /** partners.programme answered. */
  programmeLoaded: boolean;
  /** Why the caller may not be a 老伙伴 (age, minors), or null. */
  refusal: string | null;
  /** The 老伙伴 team, or null when the admin named none. */
  teamId: string | null;
  /** The caller leads that team (a leader counts as a member, as on the server). */
  leads: boolean;
  /** The caller's membership of that team: undefined while teams.mine is loading, null for none. */
  membership: 'member' | 'pending' | null | undefined;
  /** The caller applied on this page just now. */
  asked: boolean;
}

export function joinStep(f: JoinFacts): JoinStep {
  if (!f.programmeLoaded) return 'loading';
  if (f.refusal) return 'refused';
  if (!f.teamId || f.leads || f.membership === 'member') return 'form';
  if (f.membership === undefined) return 'loading';
  return f.asked || f.membership === 'pending' ? 'waiting' : 'apply';
}
