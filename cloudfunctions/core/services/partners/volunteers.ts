/** Partner volunteers (`partners/<userId>`): joining, the own profile, leaving, and the staff's list. */
import type { ParsedInput, PartnerListItem, PartnersResults } from '../../api';
import { AVAILABILITY_LABELS } from '../../api/partners';
import { AppError } from '../../errors';
import { partnerRefusal } from '../../domain/eligibility';
import { coarseLocation } from '../../domain/seniors';
import type { LatLng } from '../../domain/geo';
import { membershipId, type MembershipDoc } from '../../domain/activities';
import type { PartnerDoc } from '../../domain/partners';
import { isMemberOf, isStaffFor } from '../../domain/scope';
import { loadPolicy } from '../policy';
import { requireUser, type ServiceContext } from '../shared/context';
import { committeeName, findEstate, listEstates } from '../shared/directory';
import type { TeamDoc } from '../../domain/street';
import { Names } from '../shared/ledger-views';
import { loadProgramme } from './programme';
import { profileView } from './views';

export const DEFAULT_CAPACITY = 5;

/**
 * The volunteer's home point: a map pick when one is sent; else the point they already have when the
 * estate did not change and that point was a map pick (finer than the estate's); else the picked
 * estate's point; else none (an estate typed by name). Always rounded to about 100 m.
 */
function homePoint(
  prior: PartnerDoc | null,
  estate: { id: string; name: string; latitude: number; longitude: number } | null,
  estateName: string,
  picked: LatLng | undefined,
): { location: LatLng | null; locationFrom: 'estate' | 'map' | null } {
  if (picked) return { location: coarseLocation(picked), locationFrom: 'map' };
  if (prior?.location && (prior.locationFrom ?? 'map') === 'map') {
    const sameEstate = estate
      ? prior.estateId === estate.id || (!prior.estateId && prior.estate === estate.name)
      : !prior.estateId && prior.estate === estateName;
    if (sameEstate) return { location: prior.location, locationFrom: 'map' };
  }
  if (estate) return { location: coarseLocation(estate), locationFrom: 'estate' };
  return { location: null, locationFrom: null };
}

export async function estates(ctx: ServiceContext): Promise<PartnersResults['estates']> {
  requireUser(ctx);
  const items = await listEstates(ctx.store);
  return { items: items.map((e) => ({ id: e.id, name: e.name, committeeId: e.committeeId, committeeName: e.committeeName })) };
}

export async function join(ctx: ServiceContext, input: ParsedInput<'partners', 'join'>): Promise<PartnersResults['join']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  // The street's estates are reference data: read before the transaction (which cannot query).
  const estate = input.estateId ? await findEstate(ctx.store, input.estateId) : null;
  if (input.estateId && !estate) throw new AppError('VALIDATION', '请从列表里选择居住的小区', [{ path: 'estateId', message: '没有这个小区' }]);
  const estateName = estate?.name ?? input.estate!;
  return ctx.mutate(async (tx) => {
    const refusal = partnerRefusal(me, await loadPolicy(tx), ctx.now());
    if (refusal) throw refusal;
    const { teamId } = await loadProgramme(tx);
    if (teamId) {
      const m = await tx.get<MembershipDoc>('memberships', membershipId(teamId, me._id));
      if (!isMemberOf(me, teamId, m)) {
        const team = await tx.get<TeamDoc>('teams', teamId);
        throw new AppError('NOT_ELIGIBLE', `请先申请加入“${team?.name ?? '老伙伴'}”队伍，队长同意后再填写老伙伴资料`);
      }
    }
    const prior = await tx.get<PartnerDoc>('partners', me._id);
    const capacity = input.capacity ?? prior?.capacity ?? DEFAULT_CAPACITY;
    if (prior && prior.state === 'active' && prior.seniorIds.length > capacity) {
      throw new AppError('VALIDATION', `您现在结对了 ${prior.seniorIds.length} 位老人，可结对人数不能少于这个数`, [
        { path: 'capacity', message: '少于已结对人数' },
      ]);
    }
    const doc: PartnerDoc = {
      _id: me._id,
      committeeId: me.committeeId,
      state: 'active',
      capacity,
      estate: estateName,
      estateId: estate?.id ?? null,
      building: input.building ?? '',
      ...homePoint(prior, estate, estateName, input.location),
      gender: input.gender,
      dialects: [...new Set(input.dialects)],
      availability: [...new Set(input.availability)],
      availabilityNote: input.availabilityNote ?? '',
      seniorIds: prior?.state === 'active' ? prior.seniorIds : [],
      joinedAt: prior?.state === 'active' ? prior.joinedAt : at,
      updatedAt: at,
    };
    await tx.set('partners', doc);
    return profileView(doc, me.name, true);
  });
}

export async function profile(ctx: ServiceContext): Promise<PartnersResults['profile']> {
  const me = requireUser(ctx);
  const p = await ctx.store.get<PartnerDoc>('partners', me._id);
  return p ? profileView(p, me.name, true) : null;
}

export async function leave(ctx: ServiceContext): Promise<PartnersResults['leave']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const p = await tx.get<PartnerDoc>('partners', me._id);
    if (!p) throw new AppError('NOT_FOUND', '您还没有加入老伙伴');
    if (p.seniorIds.length) throw new AppError('WRONG_STATE', `您还结对着 ${p.seniorIds.length} 位老人，请先请居委社工为他们重新结对`);
    const next: PartnerDoc = { ...p, state: 'left', updatedAt: at };
    await tx.set('partners', next);
    return profileView(next, me.name, true);
  });
}

export async function volunteers(ctx: ServiceContext, input: ParsedInput<'partners', 'volunteers'>): Promise<PartnersResults['volunteers']> {
  const me = requireUser(ctx);
  if (input.committeeId && !isStaffFor(me, input.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委的老伙伴');
  const where: Record<string, string> = input.committeeId ? { state: 'active', committeeId: input.committeeId } : { state: 'active' };
  const page = await ctx.store.find<PartnerDoc>('partners', {
    where,
    orderBy: { field: 'joinedAt', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const items: PartnerListItem[] = [];
  for (const p of page.items) {
    items.push({
      userId: p._id,
      name: await names.userName(p._id),
      committeeName: await committeeName(ctx.store, p.committeeId),
      estate: p.estate,
      building: p.building,
      gender: p.gender,
      dialects: p.dialects,
      availabilityText: p.availability.map((a) => AVAILABILITY_LABELS[a]).join('、'),
      capacity: p.capacity,
      load: p.seniorIds.length,
      room: Math.max(0, p.capacity - p.seniorIds.length),
    });
  }
  return { items, next: page.next };
}
