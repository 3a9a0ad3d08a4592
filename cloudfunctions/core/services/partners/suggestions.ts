/** The social worker's side of pairing before a decision: a senior's preferences, suggested pairs, candidates. */
import type { CandidateView, ParsedInput, PartnersResults, SuggestionView } from '../../api';
import { AppError } from '../../errors';
import { suggestPairs, pairCost, resolveOptions, type PairingSenior, type PairingVolunteer, type PairRef } from '../../domain/pairing';
import type { SeniorDoc } from '../../domain/seniors';
import type { CareDoc, PartnerDoc } from '../../domain/partners';
import { isStaffFor } from '../../domain/scope';
import type { Store } from '../../store/port';
import { scanAll } from '../../store/scan';
import { requireUser, type ServiceContext } from '../shared/context';
import { Names } from '../shared/ledger-views';
import { loadSenior } from '../shared/acting';
import { audit } from '../shared/audit';
import { committeeWhere, staffCommittees } from './access';
import { newCare } from './care';

export async function seniorPrefs(ctx: ServiceContext, input: ParsedInput<'partners', 'seniorPrefs'>): Promise<PartnersResults['seniorPrefs']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const { senior } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能为本居委的老人登记');
    const care = (await tx.get<CareDoc>('care', senior._id)) ?? newCare(senior, at);
    const next: CareDoc = { ...care, genderPreference: input.genderPreference, dialects: [...new Set(input.dialects)], updatedAt: at };
    await tx.set('care', next);
    await audit(tx, me._id, senior._id, 'partner.prefs', { genderPreference: next.genderPreference, dialects: next.dialects }, at);
    return { seniorId: senior._id, genderPreference: next.genderPreference, dialects: next.dialects };
  });
}

export const toPairingSenior = (s: SeniorDoc, care: CareDoc | null): PairingSenior => ({
  id: s._id,
  committeeId: s.committeeId,
  location: s.location,
  genderPreference: care?.genderPreference ?? null,
  dialects: care?.dialects ?? [],
});

export const toPairingVolunteer = (p: PartnerDoc): PairingVolunteer => ({
  id: p._id,
  committeeId: p.committeeId,
  location: p.location,
  gender: p.gender,
  dialects: p.dialects,
  capacity: p.capacity,
});

async function activePartners(store: Store): Promise<PartnerDoc[]> {
  return scanAll<PartnerDoc>(store, 'partners', { state: 'active' }, 'joinedAt');
}

export async function suggest(ctx: ServiceContext, input: ParsedInput<'partners', 'suggest'>): Promise<PartnersResults['suggest']> {
  const me = requireUser(ctx);
  const committees = staffCommittees(me, input.committeeId);
  const empty = { suggestions: [], unassigned: [], totalCost: 0, seniors: 0, volunteers: 0 };
  if (committees && committees.length === 0) return empty;
  const seniors = await scanAll<SeniorDoc>(ctx.store, 'seniors', committees ? { committeeId: committeeWhere(committees) } : {}, 'createdAt');
  const cares = await scanAll<CareDoc>(ctx.store, 'care', committees ? { committeeId: committeeWhere(committees) } : {}, 'updatedAt');
  const careOf = new Map(cares.map((c) => [c._id, c]));
  const wanted = seniors.filter((s) => s.livingAlone && !careOf.get(s._id)?.paired);
  const partners = await activePartners(ctx.store);
  const existing: PairRef[] = partners.flatMap((p) => p.seniorIds.map((seniorId) => ({ seniorId, volunteerId: p._id })));
  const forbidden: PairRef[] = wanted.flatMap((s) => (careOf.get(s._id)?.rejected ?? []).map((volunteerId) => ({ seniorId: s._id, volunteerId })));
  const result = suggestPairs({
    seniors: wanted.map((s) => toPairingSenior(s, careOf.get(s._id) ?? null)),
    volunteers: partners.map(toPairingVolunteer),
    existing,
    forbidden,
  });
  const names = new Names(ctx.store);
  const estate = new Map(partners.map((p) => [p._id, p.estate]));
  const suggestions: SuggestionView[] = [];
  for (const s of result.suggestions) {
    suggestions.push({
      seniorId: s.seniorId,
      seniorName: await names.userName(s.seniorId),
      volunteerId: s.volunteerId,
      volunteerName: await names.userName(s.volunteerId),
      volunteerEstate: estate.get(s.volunteerId) ?? '',
      cost: s.cost,
      distanceM: s.distanceM,
      sameCommittee: s.sameCommittee,
      genderMet: s.genderMet,
      sharedDialects: s.sharedDialects,
      rank: s.rank,
      reasons: s.reasons,
    });
  }
  const unassigned = [];
  for (const u of result.unassigned) unassigned.push({ seniorId: u.seniorId, seniorName: await names.userName(u.seniorId), reason: u.reason, text: u.text });
  return { suggestions, unassigned, totalCost: result.totalCost, seniors: wanted.length, volunteers: partners.length };
}

export async function candidates(ctx: ServiceContext, input: ParsedInput<'partners', 'candidates'>): Promise<PartnersResults['candidates']> {
  const me = requireUser(ctx);
  const { senior } = await loadSenior(ctx.store, input.seniorId);
  if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能为本居委的老人结对');
  const care = await ctx.store.get<CareDoc>('care', senior._id);
  const s = toPairingSenior(senior, care);
  const o = resolveOptions();
  const rejected = new Set(care?.rejected ?? []);
  const names = new Names(ctx.store);
  const scored = (await activePartners(ctx.store))
    .filter((p) => p.capacity - p.seniorIds.length > 0 && !rejected.has(p._id) && p._id !== senior._id)
    .map((p) => ({ p, c: pairCost(s, toPairingVolunteer(p), o) }))
    .filter((x): x is { p: PartnerDoc; c: NonNullable<ReturnType<typeof pairCost>> } => !!x.c)
    .sort((a, b) => a.c.cost - b.c.cost || (a.p._id < b.p._id ? -1 : 1))
    .slice(0, input.limit ?? 10);
  const items: CandidateView[] = [];
  for (const [i, { p, c }] of scored.entries()) {
    const rank = i + 1;
    const reasons = [...(c.distanceM === null ? ['位置未登记'] : [`相距约 ${c.distanceM} 米`]), c.sameCommittee ? '同一居委' : '不同居委'];
    if (c.genderMet === false) reasons.push('性别偏好未满足');
    if (c.dialectMet !== null) reasons.push(c.dialectMet ? `都会说${c.sharedDialects.join('、')}` : '没有共同方言');
    reasons.push(`还可结对 ${p.capacity - p.seniorIds.length} 位`);
    items.push({
      seniorId: senior._id,
      seniorName: await names.userName(senior._id),
      volunteerId: p._id,
      volunteerName: await names.userName(p._id),
      volunteerEstate: p.estate,
      cost: c.cost,
      distanceM: c.distanceM,
      sameCommittee: c.sameCommittee,
      genderMet: c.genderMet,
      sharedDialects: c.sharedDialects,
      rank,
      reasons,
      room: p.capacity - p.seniorIds.length,
    });
  }
  return { seniorId: senior._id, items };
}
