/** Credits a person gives away: a gift to a confirmed relative, a donation to the community pool (公益池). */
import { POOL_ACCOUNT, formatHours, personAccountId, transferId } from '../../domain/ledger';
import type { TimebankPolicy } from '../../domain/policy';
import type { Tx } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import { postTransfer, type PostResult, type RefusalWords } from '../ledger';
import type { OperationRequest } from './request';
import { terms, type Wording } from '../../domain/words';

/**
 * Refusals worded for the giver: what they have, and how much more the recipient may hold; a senior
 * reads the pool as 街道公共时间 (domain/words.ts).
 */
const giverWords = (recipient: string, wording: Wording): RefusalWords => ({
  insufficient: (v) => `可用时间币不足：您可用 ${formatHours(v.available)}，本次需要 ${formatHours(v.needed)}`,
  cap: (v) =>
    `${recipient}的账户上限是 ${formatHours(v.cap)}，最多还能转入 ${formatHours(v.room)}。可以少转一些，或者把时间币${wording === 'plain' ? '捐给街道公共时间' : '捐赠到公益池'}`,
});

/** `gift:<callerId>:<requestId>`: the caller's credits to a relative's account (whether they are linked is the caller's check). */
export async function postGift(
  tx: Tx,
  req: OperationRequest,
  to: UserDoc,
  minutes: number,
  note: string,
  policy: TimebankPolicy,
  wording: Wording = 'staff',
): Promise<PostResult> {
  return postTransfer(
    tx,
    {
      id: transferId.gift(req.callerId, req.requestId),
      kind: 'gift',
      phase: 'posted',
      debitAccountId: personAccountId(req.callerId),
      creditAccountId: personAccountId(to._id),
      amount: minutes,
      actorId: req.callerId,
      memo: note,
      refs: { requestId: req.requestId },
      at: req.at,
    },
    policy,
    giverWords(to.name, wording),
  );
}

/** `donate:<callerId>:<requestId>`: the caller's credits to the community pool. */
export async function postDonation(
  tx: Tx,
  req: OperationRequest,
  minutes: number,
  note: string,
  policy: TimebankPolicy,
  wording: Wording = 'staff',
): Promise<PostResult> {
  return postTransfer(
    tx,
    {
      id: transferId.donate(req.callerId, req.requestId),
      kind: 'donate',
      phase: 'posted',
      debitAccountId: personAccountId(req.callerId),
      creditAccountId: POOL_ACCOUNT,
      amount: minutes,
      actorId: req.callerId,
      memo: note,
      refs: { requestId: req.requestId },
      at: req.at,
    },
    policy,
    giverWords(terms(wording).pool, wording),
  );
}
