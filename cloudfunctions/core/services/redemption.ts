/**
 * Redemption (兑换) on the ledger: small functions that compose services/ledger.ts (postTransfer,
 * resolvePending) for help requests. They run inside the caller's transaction, address documents
 * by id only, and derive every id from the help request, so a repeat or a CloudBase retry posts
 * nothing twice.
 *
 * As docs/ledger.md lays down, a redemption retires the payer's credits into issuance
 * (senior or pool → issuance) and the volunteer earns new credits through a service record
 * (issuance → volunteer, `earn:<recordId>`), as in Shanghai's 时间银行; net, exactly the minutes
 * served move from the payer to the volunteer, and the volunteer's hours count for stars and
 * certificates like any other approved service.
 *
 *   redeem:<helpId>          pending  payer → issuance   the hold, placed when the request is made (or the grant approved)
 *   post:redeem:<helpId>     resolves the hold (same minutes served), or
 *   void:redeem:<helpId>     releases it (cancelled, expired, voided, or fewer minutes served)
 *   redeem:<helpId>:actual   posted   payer → issuance   fewer minutes served: what was served, after voiding the hold
 *   redeem:<helpId>:extra    posted   top-up → issuance  more minutes served: the difference, from the senior or the pool
 *   earn:r_<helpId>          posted   issuance → volunteer, with the approved service record r_<helpId>
 *
 * "issuance" is the shard `issuanceAccountFor(<transfer id>)` of each new transfer; post:/void:
 * resolve the hold on the shard it was placed on (the engine copies the hold's accounts).
 */
import { formatHours, issuanceAccountFor, transferId, type TransferDoc } from '../domain/ledger';
import { HELP_TEAM_ID, settlementPlan } from '../domain/help';
import type { Tx } from '../store/port';
import { AppError } from '../errors';
import { postTransfer, resolvePending, type PostResult, type RefusalWords } from './ledger';
import { approveInTx } from './records';
import { newServiceRecord, type NewRecord, type ServiceRecordDoc } from '../domain/records';

export const holdIdOf = (helpId: string): string => transferId.redeem(helpId);
const actualIdOf = (helpId: string): string => `${transferId.redeem(helpId)}:actual`;
const extraIdOf = (helpId: string): string => `${transferId.redeem(helpId)}:extra`;
/** The service record a help request produces; its earn transfer is earn:<this id>. */
const helpRecordIdOf = (helpId: string): string => `r_${helpId}`;

interface Meta {
  actorId: string;
  memo: string;
  at: string;
}

/** Holds `minutes` from the payer (a senior's account or the pool) for a help request. */
export async function holdRedemption(tx: Tx, helpId: string, payerAccountId: string, minutes: number, meta: Meta, words?: RefusalWords): Promise<PostResult> {
  return postTransfer(
    tx,
    {
      id: holdIdOf(helpId),
      kind: 'redeem',
      phase: 'pending',
      debitAccountId: payerAccountId,
      creditAccountId: issuanceAccountFor(holdIdOf(helpId)),
      amount: minutes,
      actorId: meta.actorId,
      memo: meta.memo,
      refs: { helpRequestId: helpId },
      at: meta.at,
    },
    undefined,
    words,
  );
}

/** Releases the hold of a help request (cancelled, expired, settled without payment). */
export async function releaseRedemption(tx: Tx, helpId: string, meta: Meta): Promise<PostResult> {
  return resolvePending(tx, holdIdOf(helpId), 'void', meta);
}

interface SettleInput {
  helpId: string;
  /** The minutes served that the volunteer is paid for (at least 1). */
  minutes: number;
  /** Where more minutes than held come from (an account id: user:<seniorId> or pool). */
  topUpAccountId: string;
  /** Words for a refused top-up. */
  topUpWords?: RefusalWords;
  volunteerId: string;
  /** The approved service record that earns the volunteer's credits. */
  record: Pick<NewRecord, 'date' | 'place' | 'content' | 'served' | 'recorderId' | 'at'> & { category: string; categoryName: string; reason: string | null };
  meta: Meta;
}

interface SettleResult {
  transferIds: string[];
  recordId: string;
}

/**
 * Settles a held redemption for `minutes` served: moves the payer's credits into issuance per
 * `settlementPlan` and credits the volunteer through an approved service record, all in `tx`.
 */
export async function settleRedemption(tx: Tx, input: SettleInput): Promise<SettleResult> {
  const hold = await tx.get<TransferDoc>('transfers', holdIdOf(input.helpId));
  if (!hold || hold.phase !== 'pending') throw new AppError('CONFLICT', '找不到这条求助预留的时间币，请刷新后重试', { helpRequestId: input.helpId });
  const plan = settlementPlan(hold.amount, input.minutes);
  const ids: string[] = [];
  const resolved = await resolvePending(tx, hold._id, plan.resolveHold, input.meta);
  ids.push(resolved.transfer._id);
  if (plan.fresh > 0) {
    const fresh = await postTransfer(tx, {
      id: actualIdOf(input.helpId),
      kind: 'redeem',
      phase: 'posted',
      debitAccountId: hold.debitAccountId,
      creditAccountId: issuanceAccountFor(actualIdOf(input.helpId)),
      amount: plan.fresh,
      actorId: input.meta.actorId,
      memo: input.meta.memo,
      refs: { helpRequestId: input.helpId },
      at: input.meta.at,
    });
    ids.push(fresh.transfer._id);
  }
  if (plan.extra > 0) {
    const extra = await postTransfer(
      tx,
      {
        id: extraIdOf(input.helpId),
        kind: 'redeem',
        phase: 'posted',
        debitAccountId: input.topUpAccountId,
        creditAccountId: issuanceAccountFor(extraIdOf(input.helpId)),
        amount: plan.extra,
        actorId: input.meta.actorId,
        memo: `${input.meta.memo}（超出 ${formatHours(plan.extra)}）`.slice(0, 120),
        refs: { helpRequestId: input.helpId },
        at: input.meta.at,
      },
      undefined,
      input.topUpWords,
    );
    ids.push(extra.transfer._id);
  }
  const recordId = helpRecordIdOf(input.helpId);
  ids.push(await earnForHelp(tx, recordId, input.volunteerId, input.minutes, input.record, input.meta));
  return { transferIds: ids, recordId };
}

/**
 * Writes the service record of one-to-one help (recorded and certified by whoever confirmed it:
 * the senior, their proxy or the social worker) and approves it through the one approval of every
 * record (records.approveInTx: the person's daily maximum, then its earn transfer). Repeating it
 * changes nothing.
 */
async function earnForHelp(tx: Tx, recordId: string, volunteerId: string, minutes: number, record: SettleInput['record'], meta: Meta): Promise<string> {
  let doc = await tx.get<ServiceRecordDoc>('serviceRecords', recordId);
  if (!doc) {
    doc = {
      ...newServiceRecord({
        ...record,
        id: recordId,
        volunteerId,
        teamId: HELP_TEAM_ID,
        // One-to-one help always earns: the senior's own credits paid for it.
        category: { id: record.category, name: record.categoryName, earnsCredits: true },
        minutes,
        source: 'help',
      }),
      reason: record.reason,
    };
    await tx.create('serviceRecords', doc);
  }
  const approved = await approveInTx(tx, doc, meta.actorId, meta.at, {
    quiet: true,
    memo: meta.memo,
    words: {
      cap: (v) =>
        `志愿者的时间币账户上限是 ${formatHours(v.cap)}，还能存入 ${formatHours(v.room)}，本次 ${formatHours(minutes)} 存不下。请志愿者先把部分时间币捐赠到公益池，再来确认`,
    },
  });
  return approved.transferId ?? transferId.earn(recordId);
}
