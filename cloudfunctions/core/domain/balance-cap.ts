/**
 * The balance cap: a person's projected balance (balance plus credits still held for them) may not
 * rise above the street's cap (`capMinutes` of the policy; null means no cap). Only people are
 * capped, not the pool or issuance. The cap only refuses a change that raises the projected
 * balance, so someone left above a since-lowered cap can still spend, and resolving a hold never
 * fails on it. No I/O; domain/ledger.ts applies it to every movement.
 */

/** Whether a change of a projected balance from `before` to `after` breaks the cap in force. */
export const breaksCap = (capped: boolean, cap: number | null, before: number, after: number): boolean =>
  capped && cap !== null && after > before && after > cap;

/** Minutes a capped account may still receive. */
export const roomUnderCap = (cap: number, projected: number): number => Math.max(0, cap - projected);

/** Whether an account sits above the cap now (possible only after the cap was lowered). */
export const aboveCap = (capped: boolean, cap: number | null, projected: number): boolean => capped && cap !== null && projected > cap;
