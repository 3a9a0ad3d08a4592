/** Staff grant credits from the community pool (公益池) to a resident without enough of their own. */
import { POOL_ACCOUNT, formatHours, personAccountId, transferId } from '../../domain/ledger';
import type { Tx } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import { postTransfer, type PostResult } from '../ledger';
import type { OperationRequest } from './request';

/** `grant:<callerId>:<requestId>`: from the pool to the resident's account, with the staff's reason as memo. */
export async function postGrant(tx: Tx, req: OperationRequest, to: UserDoc, minutes: number, reason: string): Promise<PostResult> {
  return postTransfer(
    tx,
    {
      id: transferId.grant(req.callerId, req.requestId),
      kind: 'grant',
      phase: 'posted',
      debitAccountId: POOL_ACCOUNT,
      creditAccountId: personAccountId(to._id),
      amount: minutes,
      actorId: req.callerId,
      memo: reason,
      refs: { requestId: req.requestId },
      at: req.at,
    },
    undefined,
    {
      cap: (v) => `${to.name}的账户上限是 ${formatHours(v.cap)}，最多还能资助 ${formatHours(v.room)}`,
    },
  );
}
