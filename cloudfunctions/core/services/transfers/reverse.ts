/** An admin's reversal of a posted transfer (`reverse:<id>`), worded for the accounts it moves credits back between. */
import { formatHours } from '../../domain/ledger';
import type { Tx } from '../../store/port';
import { reverseTransfer, type PostResult } from '../ledger';

export async function postReversal(tx: Tx, originalId: string, meta: { actorId: string; memo: string; at: string }): Promise<PostResult> {
  return reverseTransfer(tx, originalId, meta, {
    insufficient: (v) => `冲正需要从原收款账户扣回 ${formatHours(v.needed)}，但它只有 ${formatHours(v.available)} 可用`,
    cap: (v) => `冲正后原付款账户会超过上限 ${formatHours(v.cap)}`,
  });
}
