/** Which of a team's members the 登记服务记录 form lists: all of a small team, or those a typed name finds. */

/** Up to this many members are listed without a search box: a list a leader reads at a glance. */
export const LISTED_WITHOUT_SEARCH = 8;

interface Member {
  userId: string;
  name: string;
}

/**
 * The members to list for `query` (part of a name, spaces ignored). The one already chosen stays
 * listed whatever is typed, so a choice never disappears from under the leader.
 */
export function membersShown<T extends Member>(people: readonly T[], query: string, chosen: string | null): T[] {
  const wanted = query.replace(/\s+/g, '');
  if (people.length <= LISTED_WITHOUT_SEARCH || !wanted) return [...people];
  return people.filter((p) => p.userId === chosen || p.name.includes(wanted));
}

/** Whether a typed name finds nobody (the member already chosen, still listed, does not count). */
export function nobodyNamed(people: readonly Member[], query: string): boolean {
  const wanted = query.replace(/\s+/g, '');
  return people.length > LISTED_WITHOUT_SEARCH && !!wanted && !people.some((p) => p.name.includes(wanted));
}
