/**
 * Acting for a senior: who may (the senior, a confirmed proxy, a social worker of the senior's
 * 居委, an admin), how every act is recorded with both the senior and the real actor, and the
 * sealed fields (phone, address, contacts) opened for it. Also who is told of anything: the senior
 * side, the 居委's social workers, the paired 老伙伴 volunteer, a team's leaders, the street's admins
 * and the desks that list them. Used by most services; the audit trail itself is shared/audit.ts.
 */
import { randomUUID } from 'node:crypto';
import type { SeniorMessageKind } from '../../domain/messages';
import { AppError } from '../../errors';
import {
  VIA_LABELS,
  isClosing,
  proxiedSeniors,
  servedCommittees,
  type ActorKind,
  type EmergencyContact,
  type SeniorDoc,
  type SeniorLogDoc,
  type Via,
} from '../../domain/seniors';
import type { Store, Tx } from '../../store/port';
import { isAdmin, manages, servesCommittee } from '../../domain/scope';
import { requireUser, type ServiceContext } from './context';
import type { UserDoc } from '../../domain/people';
import { notify } from '../inbox';
import type { DeskDoc, TeamDoc } from '../../domain/street';
import type { Wording } from '../../domain/words';

export type Reader = Pick<Tx, 'get'>;

export interface Acting {
  /** The person really acting. */
  actor: UserDoc;
  senior: SeniorDoc;
  seniorUser: UserDoc;
  via: Via;
}

export async function loadSenior(reader: Reader, seniorId: string): Promise<{ senior: SeniorDoc; user: UserDoc }> {
  const [senior, user] = await Promise.all([reader.get<SeniorDoc>('seniors', seniorId), reader.get<UserDoc>('users', seniorId)]);
  if (!senior || !user) throw new AppError('NOT_FOUND', '找不到这位老人的档案', { seniorId });
  return { senior, user };
}

/** Nothing is done for a senior while the 居委 is closing her record. */
function refuseWhileClosing(ctx: ServiceContext, senior: SeniorDoc): void {
  if (isClosing(senior, ctx.now())) throw new AppError('CONFLICT', '居委正在注销这位老人的档案，暂时不能办理');
}

/**
 * Who the actor acts for, and how. Without `seniorId`: the actor themselves if they are a
 * registered senior, else the one senior they are proxy for. A proxy acting for a senior who is
 * not theirs, or a social worker for another 居委's senior, is FORBIDDEN.
 */
export async function actingFor(ctx: ServiceContext, reader: Reader, seniorId?: string): Promise<Acting> {
  const actor = requireUser(ctx);
  let id = seniorId;
  if (!id) {
    const proxied = proxiedSeniors(actor.grants);
    if (actor.roles.includes('senior')) id = actor._id;
    else if (proxied.length === 1) id = proxied[0];
    else {
      throw new AppError('VALIDATION', proxied.length ? '请选择要代为操作的老人' : '请选择老人', [{ path: 'seniorId', message: '必填' }]);
    }
  }
  if (id === actor._id) {
    const senior = await reader.get<SeniorDoc>('seniors', id);
    if (!senior) throw new AppError('NOT_FOUND', '您还没有老人档案，请联系居委社工登记');
    refuseWhileClosing(ctx, senior);
    return { actor, senior, seniorUser: actor, via: 'self' };
  }
  const { senior, user } = await loadSenior(reader, id!);
  refuseWhileClosing(ctx, senior);
  if (proxiedSeniors(actor.grants).includes(senior._id) && senior.proxyIds.includes(actor._id)) {
    return { actor, senior, seniorUser: user, via: 'proxy' };
  }
  if (servesCommittee(actor, senior.committeeId)) return { actor, senior, seniorUser: user, via: 'socialWorker' };
  if (isAdmin(actor)) return { actor, senior, seniorUser: user, via: 'admin' };
  if (actor.roles.includes('proxy')) throw new AppError('FORBIDDEN', '您不是这位老人的家属代理人，不能代为操作');
  if (actor.roles.includes('socialWorker')) throw new AppError('FORBIDDEN', '只能为本居委的老人办理');
  throw new AppError('FORBIDDEN', '只有老人本人、已确认的家属代理人或本居委社工可以办理');
}

/** "沈小妹（家属代理）", "居委社工小郑（社工代办）", "沈阿婆（本人）". */
export const actorLabel = (name: string, via: ActorKind): string => `${name}（${VIA_LABELS[via]}）`;

let logSeq = 0;
/** Ids that sort in the order lines were written, so lines of the same millisecond read in order (history sorts on at, then id). */
const logId = () => `sl_${Date.now().toString(36).padStart(9, '0')}${(logSeq++ % 46656).toString(36).padStart(3, '0')}_${randomUUID().slice(0, 8)}`;

/** One line of the senior's history, in the same transaction as the act. */
export async function logAct(
  tx: Tx,
  entry: { seniorId: string; actorId: string; via: ActorKind; kind: string; text: string; refId?: string | null; at: string },
): Promise<void> {
  const doc: SeniorLogDoc = {
    _id: logId(),
    seniorId: entry.seniorId,
    actorId: entry.actorId,
    via: entry.via,
    kind: entry.kind,
    text: entry.text.slice(0, 200),
    refId: entry.refId ?? null,
    at: entry.at,
  };
  await tx.create('seniorLog', doc);
}

// ---------------------------------------------------------------- who is told

/**
 * Tells `userIds` about something of senior `seniorId`'s: the message is cleared when her record is
 * closed (null only for the close's own notice, which must outlive it).
 */
export async function tell(
  tx: Tx,
  seniorId: string | null,
  userIds: Iterable<string>,
  kind: SeniorMessageKind,
  title: string,
  body: string,
  at: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const userId of new Set(userIds)) ids.push(await notify(tx, { userId, kind, title, body, ...(seniorId ? { seniorId } : {}) }, at));
  return ids;
}

/**
 * Marks read the messages that asked someone to act (请确认服务, 家属代理申请 …) once the thing they
 * asked for is done: an unread to-do for a settled matter only hides the real ones.
 */
export async function settleTodos(tx: Tx, messageIds: readonly string[] | undefined, at: string): Promise<void> {
  for (const id of messageIds ?? []) {
    const m = await tx.get<{ _id: string; read: boolean }>('messages', id);
    if (m && !m.read) await tx.update('messages', id, { read: true, readAt: at });
  }
}

/** The senior and their confirmed proxies. */
export const seniorSide = (senior: SeniorDoc): string[] => [senior._id, ...senior.proxyIds];

/**
 * Whether someone acting `via` is on the senior side (herself, or her family proxy), who read plain
 * words (domain/words.ts); a social worker or an admin acting for her read the staff's.
 */
export const readsPlain = (via: ActorKind): boolean => via === 'self' || via === 'proxy';

/** The words a message to `userId` about senior `senior` is in: plain for the senior side, else the staff's. */
export const wordingFor = (senior: Pick<SeniorDoc, '_id' | 'proxyIds'>, userId: string): Wording =>
  userId === senior._id || senior.proxyIds.includes(userId) ? 'plain' : 'staff';

/** Records the actor at the desks of the 居委 they serve (called from their own transactions). */
export async function touchDesk(tx: Tx, actor: UserDoc, at: string): Promise<void> {
  if (isAdmin(actor)) await touchStreetDesk(tx, actor._id, at);
  for (const committeeId of servedCommittees(actor.grants)) {
    const desk = await tx.get<DeskDoc>('desks', committeeId);
    if (desk?.socialWorkerIds.includes(actor._id)) continue;
    await tx.set<DeskDoc>('desks', { _id: committeeId, socialWorkerIds: [...(desk?.socialWorkerIds ?? []), actor._id], updatedAt: at });
  }
}

/** The social workers of a 居委 who still hold the grant (a revoked grant stops notices at once). */
export async function socialWorkersOf(reader: Reader, committeeId: string): Promise<UserDoc[]> {
  const desk = await reader.get<DeskDoc>('desks', committeeId);
  return openUsers(reader, desk?.socialWorkerIds ?? [], (u) => servesCommittee(u, committeeId));
}

/**
 * The leaders who manage team `teamId` today (open accounts), not `volunteerId`: they hear of a 异议
 * about the volunteer's records or that she cannot come to an activity, and may approve her records
 * (none: only the street can).
 */
export async function teamLeadersOf(reader: Reader, teamId: string, volunteerId: string): Promise<UserDoc[]> {
  return leadersOf(reader, await reader.get<TeamDoc>('teams', teamId), teamId, volunteerId);
}

/** teamLeadersOf for a team already read (`null`: a team that is gone, which no one leads). */
export function leadersOf(reader: Reader, team: TeamDoc | null, teamId: string, volunteerId: string): Promise<UserDoc[]> {
  return openUsers(reader, team?.leaderIds ?? [], (u) => u._id !== volunteerId && manages(u, teamId));
}

/**
 * The people among `ids` whose accounts are open and who pass `keep`, read by id (usable inside a
 * transaction), in the order given. A closed account keeps its id in old lists; it is told nothing.
 */
export async function openUsers(reader: Reader, ids: readonly string[], keep: (u: UserDoc) => boolean = () => true): Promise<UserDoc[]> {
  const users = await Promise.all(ids.map((id) => reader.get<UserDoc>('users', id)));
  return users.filter((u): u is UserDoc => !!u && !u.closedAt && keep(u));
}

/**
 * Rebuilds every desk from the users' grants, page by page outside any transaction (one read
 * per 100 people). The scheduler's sweep and the seed run it; each desk is then written by id.
 */
export async function refreshDesks(store: Store, at: string): Promise<number> {
  const desks = new Map<string, string[]>();
  const admins: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<UserDoc>('users', { orderBy: { field: '_id', direction: 'asc' }, limit: 100, after });
    for (const u of page.items) {
      for (const c of servedCommittees(u.grants)) desks.set(c, [...(desks.get(c) ?? []), u._id]);
      if (isAdmin(u) && !u.closedAt) admins.push(u._id);
    }
    after = page.next ?? undefined;
  } while (after);
  for (const id of admins) await store.transaction((tx) => touchStreetDesk(tx, id, at));
  let changed = 0;
  for (const [committeeId, ids] of desks) {
    const same = await store.transaction(async (tx) => {
      const desk = await tx.get<DeskDoc>('desks', committeeId);
      const merged = [...new Set([...ids, ...(desk?.socialWorkerIds ?? [])])];
      if (desk && merged.length === desk.socialWorkerIds.length) return true;
      await tx.set<DeskDoc>('desks', { _id: committeeId, socialWorkerIds: merged, updatedAt: at });
      return false;
    });
    if (!same) changed += 1;
  }
  return changed;
}

/** The street's admins (desks/street, kept by refreshDesks and role changes), re-checked against their grants. */
export const STREET_DESK_ID = 'street';
export async function streetAdminsOf(reader: Reader): Promise<UserDoc[]> {
  const desk = await reader.get<DeskDoc>('desks', STREET_DESK_ID);
  return openUsers(reader, desk?.adminIds ?? [], isAdmin);
}

/** Records an admin at the street's desk (from the transaction that made or saw them admin). */
export async function touchStreetDesk(tx: Tx, userId: string, at: string): Promise<void> {
  const desk = await tx.get<DeskDoc>('desks', STREET_DESK_ID);
  if (desk?.adminIds?.includes(userId)) return;
  await tx.set<DeskDoc>('desks', { _id: STREET_DESK_ID, socialWorkerIds: [], adminIds: [...(desk?.adminIds ?? []), userId], updatedAt: at });
}

/**
 * The senior's 老伙伴 volunteer, or null. The 老伙伴 feature sets `seniors.partnerId` when it
 * pairs (this is the one place that reads it); a partner who is gone counts as none.
 */
export async function partnerOf(reader: Reader, senior: SeniorDoc): Promise<UserDoc | null> {
  if (!senior.partnerId) return null;
  return reader.get<UserDoc>('users', senior.partnerId);
}

// ---------------------------------------------------------------- sealed fields

/** Callers log the access (audit) before these values leave the server. */
export const seniorPhone = (ctx: ServiceContext, user: UserDoc): string | null => (user.phoneEnc ? ctx.secrets.decrypt(user.phoneEnc) : null);
export const seniorAddress = (ctx: ServiceContext, senior: SeniorDoc): string => ctx.secrets.decrypt(senior.addressEnc);
export const seniorContacts = (ctx: ServiceContext, senior: SeniorDoc): EmergencyContact[] =>
  JSON.parse(ctx.secrets.decrypt(senior.emergencyEnc)) as EmergencyContact[];
