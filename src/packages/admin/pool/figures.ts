/**
 * The pool's headline: what can be granted now (available) first, the hours reserved for redemptions
 * not yet delivered beside it, and the whole balance. The grant form refuses more than available, so
 * the big number is the one it checks against.
 */
import type { BalanceView } from '@core/api';
import { hours } from '@/services/format';

export function poolFigures(b: BalanceView): { available: string; reserved: string | null; total: string } {
  return {
    available: hours(b.available.minutes),
    reserved: b.pending.minutes > 0 ? hours(b.pending.minutes) : null,
    total: hours(b.balance.minutes),
  };
}
