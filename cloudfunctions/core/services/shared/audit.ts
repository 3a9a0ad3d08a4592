/**
 * The audit trail (domain/access-log.ts AuditDoc): who did or saw what, of whom, when. Every service
 * writes its entries through here; the access-log pages read them back.
 */
import { randomUUID } from 'node:crypto';
import type { AuditDoc } from '../../domain/access-log';
import type { Store, Tx } from '../../store/port';
import type { ServiceContext } from './context';

/** One entry, in the caller's transaction. */
export async function audit(tx: Pick<Tx, 'create'>, actorId: string, subjectId: string, kind: string, detail: unknown, at: string): Promise<void> {
  await tx.create<AuditDoc>('audit', { _id: `a_${randomUUID()}`, at, actorId, subjectId, kind, detail });
}

/** One entry by the caller (the system for a scheduled run), now, in the caller's transaction. */
export function auditByCaller(
  tx: Pick<Tx, 'create'>,
  ctx: Pick<ServiceContext, 'actor' | 'now'>,
  subjectId: string,
  kind: string,
  detail: unknown,
): Promise<void> {
  return audit(tx, ctx.actor.user?._id ?? 'system', subjectId, kind, detail, ctx.now().toISOString());
}

/** An entry for a read, in its own transaction: the data is returned only after the entry is committed. */
export async function auditRead(store: Store, actorId: string, subjectId: string, kind: string, detail: unknown, at: string): Promise<void> {
  await store.transaction((tx) => audit(tx, actorId, subjectId, kind, detail, at));
}
