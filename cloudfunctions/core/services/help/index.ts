/**
 * Help requests (求助与兑换). Each act is one `ctx.mutate` transaction that re-reads the request by
 * id, checks its state, moves credits through services/redemption.ts (holds, posts, voids on the
 * ledger), appends a step, writes the senior's history line and the inbox notices. Queries (lists,
 * queues, the sweep) run outside transactions with explicit limits and are re-checked inside.
 *
 * Privacy: no view built here carries an address or a phone number. The assigned volunteer opens
 * them with `contact`, which logs the access in `audit` before returning them; it is a read, so the
 * values are never kept in an idempotency record.
 */
export { helpView, activeRequestViews, type ViewOptions } from './views';
export { categories, requests, detail, open, assigned, contact, queue } from './reading';
export { create, cancel, decideGrant } from './asking';
export { accept, onTheWay, handBack, reportDone } from './volunteer';
export { confirm, dispute, settle } from './settling';
export { sweepHelp, helpSweepQuery, queueOverdueRequest, expireStaleRequest, sweep, type HelpSweepPhase } from './sweep';
export type { HelpState } from '../../domain/help';
