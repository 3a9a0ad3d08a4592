/**
 * Activities: scheduling (one-off and weekly series), sign-up with capacity and a waitlist,
 * check-in and check-out, the roster, and closing attendance after the end.
 *
 * Every mutation is one `ctx.mutate` transaction that addresses documents by id only (the activity,
 * the sign-up `<activityId>:<userId>`, the volunteer's agenda, the series, messages), so the same code
 * holds on CloudBase, where a transaction allows no query. Queries (lists, the roster, the sweep)
 * run outside transactions with an explicit limit and cursor.
 */
export { isTeamMember } from './shared';
export * from './views';
export * from './schedule';
export * from './signup';
export * from './release';
export * from './attendance';
export * from './roster';
