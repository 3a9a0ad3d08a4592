/**
 * A senior's access log (seniors.accessLog): who opened her address, phone, emergency contacts or
 * health notes, when, in which capacity and why, read back from `audit`. For her, a confirmed proxy,
 * her 居委's social workers and admins (`actingFor`). Reading the log writes nothing: it holds no
 * sealed field, and a log of reading the log would only grow with every look.
 */
import type { ParsedInput, SeniorsResults } from '../api';
import { ACCESS_KINDS, readAccess } from '../domain/access-log';
import { actingFor } from './shared/acting';
import type { ServiceContext } from './shared/context';
import { Names } from './shared/ledger-views';

interface AuditDoc {
  _id: string;
  at: string;
  actorId: string;
  subjectId: string;
  kind: string;
  detail: unknown;
}

export async function accessLog(ctx: ServiceContext, input: ParsedInput<'seniors', 'accessLog'>): Promise<SeniorsResults['accessLog']> {
  const { senior, seniorUser } = await actingFor(ctx, ctx.store, input.seniorId);
  const page = await ctx.store.find<AuditDoc>('audit', {
    where: { subjectId: senior._id, kind: { in: [...ACCESS_KINDS] } },
    orderBy: { field: 'at', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const items = await Promise.all(
    page.items.map(async (entry) => {
      const reader = await names.user(entry.actorId);
      const reading = readAccess(entry, reader?.roles ?? []);
      return reading ? { id: entry._id, at: entry.at, actorName: await names.userName(entry.actorId), ...reading } : null;
    }),
  );
  return { seniorName: seniorUser.name, items: items.filter((x) => x !== null), next: page.next };
}
