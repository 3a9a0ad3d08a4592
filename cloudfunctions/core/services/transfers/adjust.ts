/** An admin's adjustment: credits issued into an account, or taken out of it, against the issuance account. */
import { formatHours, issuanceAccountFor, transferId, type AccountDoc } from '../../domain/ledger';
import type { TimebankPolicy } from '../../domain/policy';
import type { Tx } from '../../store/port';
import { postTransfer, type PostResult } from '../ledger';
import type { OperationRequest } from './request';

export interface Adjusted extends PostResult {
  /** The adjusted account as it is after this transaction. */
  account: AccountDoc;
}

/** `adjust:<callerId>:<requestId>`: positive `minutes` credit `accountId`, negative ones debit it. */
export async function postAdjustment(
  tx: Tx,
  req: OperationRequest,
  accountId: string,
  minutes: number,
  reason: string,
  policy: TimebankPolicy,
): Promise<Adjusted> {
  const id = transferId.adjust(req.callerId, req.requestId);
  const up = minutes > 0;
  const posted = await postTransfer(
    tx,
    {
      id,
      kind: 'adjust',
      phase: 'posted',
      debitAccountId: up ? issuanceAccountFor(id) : accountId,
      creditAccountId: up ? accountId : issuanceAccountFor(id),
      amount: Math.abs(minutes),
      actorId: req.callerId,
      memo: reason,
      refs: { requestId: req.requestId },
      at: req.at,
    },
    policy,
    {
      insufficient: (v) => `这个账户可用 ${formatHours(v.available)}，不能扣减 ${formatHours(v.needed)}`,
      cap: (v) => `调整后会超过账户上限 ${formatHours(v.cap)}，最多还能增加 ${formatHours(v.room)}`,
    },
  );
  return { ...posted, account: up ? posted.credit : posted.debit };
}
