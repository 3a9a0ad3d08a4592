/**
 * A reason a person writes for a decision others will read (退回, 撤销, 异议 and its answer, an
 * adjustment, a pool grant, a cancellation ...): long enough to mean something, short enough for a
 * message. One rule for the contract (api/common.ts) and the pages that check it before sending.
 */
export const REASON_MIN_CHARS = 2;
export const REASON_MAX_CHARS = 200;

/** Too short to send, once surrounding spaces are dropped (as the contract trims). */
export const isTooShortReason = (text: string): boolean => text.trim().length < REASON_MIN_CHARS;
