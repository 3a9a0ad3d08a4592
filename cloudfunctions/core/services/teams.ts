/** Teams: browsing. Joining, scheduling and the rest grow here. */
import type { TeamsResults } from '../api';
import type { ServiceContext, UserDoc } from './context';
import type { TeamDoc } from './directory';

export async function list(ctx: ServiceContext): Promise<TeamsResults['list']> {
  const page = await ctx.store.find<TeamDoc>('teams', { orderBy: { field: 'order', direction: 'asc' }, limit: 100 });
  const items = await Promise.all(
    page.items.map(async (t) => {
      const leaders = await Promise.all(t.leaderIds.map((id) => ctx.store.get<UserDoc>('users', id)));
      return {
        id: t._id,
        name: t.name,
        description: t.description,
        leaderNames: leaders.filter((u): u is UserDoc => !!u).map((u) => u.name),
      };
    }),
  );
  return { items };
}
