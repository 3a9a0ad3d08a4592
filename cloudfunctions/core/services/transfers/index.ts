/**
 * Transfer operations: one function per kind of movement a person or staff member asks for, each
 * building its transfer (id, accounts, memo, refs) and the refusal words, and posting it through
 * services/ledger.ts inside the caller's transaction. Services check who may do it, call one of
 * these, and build the view. Earning (services/records.ts) and redemption (services/redemption.ts)
 * post their own.
 */
export type { OperationRequest } from './request';
export { postDonation, postGift } from './giving';
export { postGrant } from './grant';
export { postAdjustment, type Adjusted } from './adjust';
export { postReversal } from './reverse';
