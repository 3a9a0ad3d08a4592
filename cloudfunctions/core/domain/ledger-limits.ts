/** Limits of a transfer, for the ledger and the app's forms (webpack compiles only domain/ for the app). No imports. */

/** The largest amount one transfer may move: 1,500 hours. */
export const MAX_TRANSFER_MINUTES = 90_000;
