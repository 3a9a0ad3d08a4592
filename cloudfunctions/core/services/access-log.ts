/**
 * Access logs read back from `audit`. A senior's (seniors.accessLog): who opened her address, phone,
 * emergency contacts or health notes, when, in which capacity and why; for her, a confirmed proxy,
 * her 居委's social workers and admins (`actingFor`). Anyone's own (account.accessLog): who looked up
 * my phone number or the identity number on my certificate. Reading a log writes nothing: it holds
 * no sealed field, and a log of reading the log would only grow with every look.
 */
import type { AccountResults, ParsedInput, SeniorsResults } from '../api';
import { ACCESS_KINDS, PERSON_ACCESS_KINDS, readAccess, readPersonAccess, type AuditDoc } from '../domain/access-log';
import type { TeamDoc } from '../domain/street';
import { actingFor } from './shared/acting';
import { requireUser, type ServiceContext } from './shared/context';
import { Names } from './shared/ledger-views';

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

export async function myAccessLog(ctx: ServiceContext, input: ParsedInput<'account', 'accessLog'>): Promise<AccountResults['accessLog']> {
  const me = requireUser(ctx);
  const page = await ctx.store.find<AuditDoc>('audit', {
    where: { subjectId: me._id, kind: { in: [...PERSON_ACCESS_KINDS] } },
    orderBy: { field: 'at', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const teams = new Map<string, Promise<TeamDoc | null>>();
  const teamName = async (id: string | null) => {
    if (!id) return null;
    if (!teams.has(id)) teams.set(id, ctx.store.get<TeamDoc>('teams', id));
    return (await teams.get(id))?.name ?? null;
  };
  const items = await Promise.all(
    page.items.map(async (entry) => {
      const reading = readPersonAccess(entry);
      if (!reading) return null;
      return { id: entry._id, at: entry.at, actorName: await names.userName(entry.actorId), what: reading.what, teamName: await teamName(reading.teamId) };
    }),
  );
  return { items: items.filter((x) => x !== null), next: page.next };
}
