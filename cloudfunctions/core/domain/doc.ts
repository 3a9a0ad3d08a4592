/** What every stored document has: its id, unique within its collection (often an idempotency key). */
export interface Doc {
  _id: string;
}
