/** Who asks for a transfer operation, under which request, and when. */
export interface OperationRequest {
  /** The signed-in caller: the transfer's actor, and part of its id (`<kind>:<callerId>:<requestId>`, domain/ledger.ts). */
  callerId: string;
  /** The client's request id: the idempotency key, so a retried request posts nothing new. */
  requestId: string;
  at: string;
}
