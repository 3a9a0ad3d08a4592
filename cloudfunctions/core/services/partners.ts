/**
 * The 老伙伴 programme: partner volunteers, pairing (suggested by domain/pairing.ts, decided by the
 * social worker), the senior's card and schedule, coverage, and the alerts of the programme.
 * Contacts are in services/contacts.ts, the clock-driven ladder in services/scheduler.ts.
 *
 * Documents (all read by id inside transactions):
 * - `partners/<userId>`: a partner volunteer's profile and the seniors they look after now;
 * - `pairs/<id>`: one pair, active or ended (history is never deleted);
 * - `care/<seniorId>`: the senior's programme state: current pair, last contact, the ladder steps
 *   taken in the current period, the social worker's notes on preferences and rejected pairs;
 * - `settings/partners`: the programme's team, contacts a week, and the weather alert.
 * Pairing also sets `seniors/<id>.partnerId`, which one-tap help reads to tell the partner.
 */
import { randomUUID } from 'node:crypto';
import type {
  Availability,
  CandidateView,
  PartnerContactView,
  CoverageItem,
  ExclusionView,
  MessageKind,
  MySeniorItem,
  PairView,
  ParsedInput,
  PartnerListItem,
  PartnerProfileView,
  PartnersResults,
  ProgrammeView,
  ScheduleView,
  SuggestionView,
} from '../api';
import { AVAILABILITY_LABELS } from '../api/partners';
import { AppError } from '../errors';
import { ALERT_CLOSE_LABELS, ALERT_KIND_LABELS, ALERT_STEP_LABELS, type AlertDoc, type AlertStep } from '../domain/alerts';
import {
  CHANNEL_LABELS,
  DEFAULT_SCHEDULE,
  DUE_LABELS,
  compareByUrgency,
  NEED_LABELS,
  OUTCOME_LABELS,
  WEATHER_LABELS,
  anchorOf,
  dueAt,
  dueStatus,
  weatherActive,
  type ContactChannel,
  type ContactNeed,
  type ContactOutcome,
  type ContactSchedule,
  type WeatherAlert,
} from '../domain/contacts';
import { CHECKLIST, CHECKLIST_LABELS, PARTNER_ALERT_LABELS, type ChecklistStep, type PartnerAlertKind } from '../domain/ladder';
import { suggestPairs, pairCost, resolveOptions, type Gender, type PairingSenior, type PairingVolunteer, type PairRef } from '../domain/pairing';
import { ageInYear } from '../domain/people';
import { partnerRefusal } from '../domain/eligibility';
import { loadPolicy } from './ledger';
import { coarseLocation, servedCommittees, type ActorKind, type SeniorDoc } from '../domain/seniors';
import type { LatLng } from '../domain/geo';
import { membershipId, type MembershipDoc } from '../domain/activities';
import type { FieldFilter, Store, Tx } from '../store/port';
import type { Doc } from '../domain/doc';
import { scanAll } from '../store/scan';
import { requireUser, type ServiceContext, type UserDoc } from './context';
import { committeeName, findEstate, listEstates, type TeamDoc } from './directory';
import { notify } from './inbox';
import { alertViewOf } from './alerts';
import { Names, minutesView } from './ledger-views';
import { isAdmin, isMemberOf, isStaffFor } from '../domain/scope';
import { audit, auditRead, loadSenior, logAct, seniorAddress, seniorContacts, seniorPhone, socialWorkersOf, touchDesk, type Reader } from './acting';
import type { PartnerDoc, PairDoc, CareDoc, ExclusionNote, ContactDoc, PartnerAlertDoc, ProgrammeDoc } from '../domain/partners';

export type { CareDoc, ContactDoc, PartnerAlertDoc } from '../domain/partners';

// ---------------------------------------------------------------- documents

export const PROGRAMME_DOC_ID = 'partners';
export const DEFAULT_CAPACITY = 5;

export interface Programme {
  teamId: string | null;
  schedule: ContactSchedule;
  weather: WeatherAlert | null;
}

export async function loadProgramme(reader: Reader): Promise<Programme> {
  const doc = await reader.get<ProgrammeDoc>('settings', PROGRAMME_DOC_ID);
  return { teamId: doc?.teamId ?? null, schedule: { ...DEFAULT_SCHEDULE, perWeek: doc?.perWeek ?? DEFAULT_SCHEDULE.perWeek }, weather: doc?.weather ?? null };
}

export function newCare(senior: SeniorDoc, at: string): CareDoc {
  return {
    _id: senior._id,
    committeeId: senior.committeeId,
    paired: false,
    partnerId: null,
    pairId: null,
    pairedAt: null,
    lastContactAt: null,
    lastContactId: null,
    lastOutcome: null,
    anchorAt: null,
    ladder: [],
    overdueAlertId: null,
    openAlertIds: [],
    genderPreference: null,
    dialects: [],
    rejected: [],
    exclusions: [],
    updatedAt: at,
  };
}

/** The care document with `note.volunteerId` kept out of the senior's suggestions (the latest note wins). */
function excludeIn(care: CareDoc, note: ExclusionNote, at: string): CareDoc {
  return {
    ...care,
    rejected: [...new Set([...care.rejected, note.volunteerId])],
    exclusions: [...(care.exclusions ?? []).filter((x) => x.volunteerId !== note.volunteerId), note],
    updatedAt: at,
  };
}

const EXCLUSION_FROM: Record<ExclusionView['from'], string> = { end: '结束结对时选择不再推荐', reject: '不采用这条结对建议', unknown: '以前记下的' };

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** Inbox kinds of the programme (api/inbox.ts lists the activities' kinds only). */
export type PartnerMessageKind = 'partner.paired' | 'partner.ended' | 'partner.due' | 'partner.overdue' | 'partner.worried' | 'partner.approved' | 'alert.raised' | 'alert.closed';

export async function tellUsers(tx: Tx, userIds: Iterable<string>, kind: PartnerMessageKind, title: string, body: string, at: string): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (userId === 'system') continue;
    await notify(tx, { userId, kind: kind as unknown as MessageKind, title, body }, at);
  }
}

// ---------------------------------------------------------------- who may see a senior

export interface Access {
  me: UserDoc;
  senior: SeniorDoc;
  user: UserDoc;
  care: CareDoc;
  as: 'partner' | 'staff';
}

/** The senior's active partner, or staff of the senior's 居委 (or an admin); anyone else is refused. */
export async function accessTo(ctx: ServiceContext, reader: Reader, seniorId: string): Promise<Access> {
  const me = requireUser(ctx);
  const found = await reader.get<SeniorDoc>('seniors', seniorId);
  const user = found ? await reader.get<UserDoc>('users', seniorId) : null;
  if (!found || !user) throw new AppError('NOT_FOUND', '找不到这位老人');
  const care = (await reader.get<CareDoc>('care', seniorId)) ?? newCare(found, ctx.now().toISOString());
  if (care.paired && care.partnerId === me._id) return { me, senior: found, user, care, as: 'partner' };
  if (isStaffFor(me, found.committeeId)) return { me, senior: found, user, care, as: 'staff' };
  throw new AppError('FORBIDDEN', '只有结对的老伙伴和本居委社工可以查看这位老人');
}

/** The 居委 a staff member works on: the one asked for (checked), else all they serve (an admin: null = all). */
function staffCommittees(me: UserDoc, committeeId: string | undefined): string[] | null {
  if (committeeId) {
    if (!isStaffFor(me, committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委的老人');
    return [committeeId];
  }
  const served = servedCommittees(me.grants);
  if (served.length) return served;
  return isAdmin(me) ? null : [];
}

/** How a staff act reads in the senior's history: an admin serving no 居委 acts as admin. */
const staffVia = (me: UserDoc): ActorKind => (isAdmin(me) && !servedCommittees(me.grants).length ? 'admin' : 'socialWorker');

const committeeWhere = (ids: string[]) => (ids.length === 1 ? ids[0]! : { in: ids });

// ---------------------------------------------------------------- views

export function scheduleView(care: CareDoc | null, programme: Programme, now: Date): ScheduleView {
  const weather = weatherActive(programme.weather, now);
  const due = care && care.paired ? dueAt(care, programme.schedule, programme.weather, now) : null;
  const status = due ? dueStatus(due, now, care?.lastOutcome ?? null) : 'unpaired';
  return {
    status,
    statusText: DUE_LABELS[status],
    dueAt: due ? due.toISOString() : null,
    lastContactAt: care?.lastContactAt ?? null,
    lastOutcome: care?.lastOutcome ?? null,
    lastOutcomeText: care?.lastOutcome ? OUTCOME_LABELS[care.lastOutcome] : null,
    weather,
  };
}

function profileView(p: PartnerDoc, name: string, own: boolean): PartnerProfileView {
  return {
    userId: p._id,
    name,
    capacity: p.capacity,
    load: p.seniorIds.length,
    estate: p.estate,
    estateId: p.estateId ?? null,
    building: p.building,
    hasLocation: own && !!p.location,
    locationFrom: own && p.location ? (p.locationFrom ?? 'map') : null,
    gender: p.gender,
    dialects: p.dialects,
    availability: p.availability,
    availabilityText: p.availability.map((a) => AVAILABILITY_LABELS[a]).join('、'),
    availabilityNote: p.availabilityNote,
    state: p.state,
    joinedAt: p.joinedAt,
  };
}

/** Reads each senior's care document once, to say whether a pair's volunteer is now kept out (staff views). */
class Exclusions {
  private readonly cares = new Map<string, Promise<CareDoc | null>>();
  constructor(private readonly store: Reader) {}

  async has(seniorId: string, volunteerId: string): Promise<boolean> {
    let care = this.cares.get(seniorId);
    if (!care) {
      care = this.store.get<CareDoc>('care', seniorId);
      this.cares.set(seniorId, care);
    }
    return (await care)?.rejected.includes(volunteerId) ?? false;
  }
}

/**
 * `exclusions`: whether the volunteer is now kept out of the senior's suggestions, looked up or known;
 * null when the viewer is not staff (a volunteer's own pairs), who is not told.
 */
export async function pairView(reader: Reader, p: PairDoc, names: Names, exclusions: Exclusions | boolean | null): Promise<PairView> {
  return {
    id: p._id,
    seniorId: p.seniorId,
    seniorName: await names.userName(p.seniorId),
    volunteerId: p.volunteerId,
    volunteerName: await names.userName(p.volunteerId),
    committeeName: await committeeName(reader, p.committeeId),
    state: p.state,
    source: p.source,
    reasons: p.reasons,
    createdAt: p.createdAt,
    createdByName: await names.userName(p.createdBy),
    endedAt: p.endedAt,
    endedByName: p.endedBy ? await names.userName(p.endedBy) : null,
    endReason: p.endReason,
    excluded: exclusions === null || typeof exclusions === 'boolean' ? exclusions : await exclusions.has(p.seniorId, p.volunteerId),
  };
}

export function contactViewOf(ctx: ServiceContext, c: ContactDoc, seniorName: string, volunteerName: string): PartnerContactView {
  const open = (sealed: string) => (sealed ? ctx.secrets.decrypt(sealed) : '');
  return {
    id: c._id,
    seniorId: c.seniorId,
    seniorName,
    volunteerId: c.volunteerId,
    volunteerName,
    at: c.at,
    channel: c.channel,
    channelText: CHANNEL_LABELS[c.channel],
    outcome: c.outcome,
    outcomeText: OUTCOME_LABELS[c.outcome],
    needs: c.needs,
    needsText: c.needs.map((n) => NEED_LABELS[n]),
    followUp: open(c.followUpEnc),
    note: open(c.noteEnc),
    minutes: c.minutes === null ? null : minutesView(c.minutes),
    recordId: c.recordId,
    recordState: c.recordState,
    alertId: c.alertId,
  };
}

export async function contactView(ctx: ServiceContext, c: ContactDoc, names: Names): Promise<PartnerContactView> {
  return contactViewOf(ctx, c, await names.userName(c.seniorId), await names.userName(c.volunteerId));
}

// ---------------------------------------------------------------- the programme

async function programmeView(store: Reader, now: Date): Promise<ProgrammeView> {
  const p = await loadProgramme(store);
  const on = weatherActive(p.weather, now);
  const team = p.teamId ? await store.get<TeamDoc>('teams', p.teamId) : null;
  return {
    perWeek: p.schedule.perWeek,
    teamId: p.teamId,
    teamName: team?.name ?? null,
    weather: {
      on,
      kind: on ? p.weather!.kind : null,
      kindText: on ? WEATHER_LABELS[p.weather!.kind] : null,
      from: on ? p.weather!.from : null,
      until: on ? p.weather!.until : null,
      note: on ? p.weather!.note : '',
    },
  };
}

export async function programme(ctx: ServiceContext): Promise<PartnersResults['programme']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  return { ...(await programmeView(ctx.store, now)), joinRefusal: partnerRefusal(me, await loadPolicy(ctx.store), now)?.message ?? null };
}

async function saveProgramme(tx: Tx, by: string, at: string, patch: Partial<ProgrammeDoc>): Promise<void> {
  const prior = await tx.get<ProgrammeDoc>('settings', PROGRAMME_DOC_ID);
  const doc: ProgrammeDoc = {
    _id: PROGRAMME_DOC_ID,
    teamId: prior?.teamId ?? null,
    perWeek: prior?.perWeek ?? DEFAULT_SCHEDULE.perWeek,
    weather: prior?.weather ?? null,
    ...patch,
    updatedAt: at,
    updatedBy: by,
  };
  await tx.set('settings', doc);
}

export async function setProgramme(ctx: ServiceContext, input: ParsedInput<'partners', 'setProgramme'>): Promise<PartnersResults['setProgramme']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    if (input.teamId && !(await tx.get('teams', input.teamId))) throw new AppError('NOT_FOUND', '队伍不存在');
    const patch: Partial<ProgrammeDoc> = {};
    if (input.teamId !== undefined) patch.teamId = input.teamId;
    if (input.perWeek !== undefined) patch.perWeek = input.perWeek;
    await saveProgramme(tx, me._id, at, patch);
    await audit(tx, me._id, 'partners', 'partners.programme', patch, at);
    // The answer is built inside the transaction, so a retry of this request replays it as it was.
    return programmeView(tx, ctx.now());
  });
}

export async function weather(ctx: ServiceContext, input: ParsedInput<'partners', 'weather'>): Promise<PartnersResults['weather']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const w: WeatherAlert | null = input.on
      ? { kind: input.kind!, from: at, until: new Date(now.getTime() + input.days! * 24 * 3600_000).toISOString(), note: input.note ?? '', by: me._id }
      : null;
    await saveProgramme(tx, me._id, at, { weather: w });
    await audit(tx, me._id, 'partners', input.on ? 'partners.weather.on' : 'partners.weather.off', w ?? {}, at);
    return programmeView(tx, now);
  });
}

// ---------------------------------------------------------------- partner volunteers

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
    const sameEstate = estate ? prior.estateId === estate.id || (!prior.estateId && prior.estate === estate.name) : !prior.estateId && prior.estate === estateName;
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
      throw new AppError('VALIDATION', `您现在结对了 ${prior.seniorIds.length} 位老人，可结对人数不能少于这个数`, [{ path: 'capacity', message: '少于已结对人数' }]);
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
  const page = await ctx.store.find<PartnerDoc>('partners', { where, orderBy: { field: 'joinedAt', direction: 'asc' }, limit: input.limit ?? 20, after: input.after });
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

// ---------------------------------------------------------------- the social worker: preferences and pairing

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

const toPairingSenior = (s: SeniorDoc, care: CareDoc | null): PairingSenior => ({
  id: s._id,
  committeeId: s.committeeId,
  location: s.location,
  genderPreference: care?.genderPreference ?? null,
  dialects: care?.dialects ?? [],
});

const toPairingVolunteer = (p: PartnerDoc): PairingVolunteer => ({
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

/** Ends an active pair inside `tx`: history kept, the senior unpaired, the partner's load freed. */
async function endPair(tx: Tx, pair: PairDoc, partner: PartnerDoc | null, care: CareDoc, by: string, reason: string, at: string): Promise<{ pair: PairDoc; care: CareDoc; partner: PartnerDoc | null }> {
  const ended: PairDoc = { ...pair, state: 'ended', endedAt: at, endedBy: by, endReason: reason };
  await tx.set('pairs', ended);
  let nextPartner: PartnerDoc | null = null;
  if (partner) {
    nextPartner = { ...partner, seniorIds: partner.seniorIds.filter((id) => id !== pair.seniorId), updatedAt: at };
    await tx.set('partners', nextPartner);
  }
  const nextCare: CareDoc =
    care.pairId === pair._id ? { ...care, paired: false, partnerId: null, pairId: null, pairedAt: null, anchorAt: null, ladder: [], updatedAt: at } : care;
  if (nextCare !== care) {
    await tx.set('care', nextCare);
    await tx.update('seniors', pair.seniorId, { partnerId: null, updatedAt: at });
  }
  return { pair: ended, care: nextCare, partner: nextPartner };
}

export async function confirm(ctx: ServiceContext, input: ParsedInput<'partners', 'confirm'>): Promise<PartnersResults['confirm']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  const seniorsSeen = new Set<string>();
  for (const p of input.pairs) {
    if (seniorsSeen.has(p.seniorId)) throw new AppError('VALIDATION', '同一位老人只能确认一位老伙伴', [{ path: 'pairs', message: '老人重复' }]);
    seniorsSeen.add(p.seniorId);
  }
  // The pair's reasons use the same costs as the suggestions (no distance limit: the social worker decided).
  const o = resolveOptions();
  return ctx.mutate(async (tx) => {
    // Partners touched by this transaction, so several pairs with one volunteer see each other.
    const partners = new Map<string, PartnerDoc | null>();
    const partnerOf = async (id: string) => {
      if (!partners.has(id)) partners.set(id, await tx.get<PartnerDoc>('partners', id));
      return partners.get(id)!;
    };
    const out: Array<{ pair: PairDoc; excluded: boolean }> = [];
    for (const { seniorId, volunteerId } of input.pairs) {
      const { senior, user } = await loadSenior(tx, seniorId);
      if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', `只能为本居委的老人结对（${user.name}）`);
      let care = (await tx.get<CareDoc>('care', seniorId)) ?? newCare(senior, at);
      const volunteer = await tx.get<UserDoc>('users', volunteerId);
      const partner = await partnerOf(volunteerId);
      if (!volunteer || !partner || partner.state !== 'active') throw new AppError('NOT_FOUND', '这位志愿者不是老伙伴（或已退出）');
      if (volunteerId === seniorId) throw new AppError('VALIDATION', '老人不能和自己结对');
      if (care.paired && care.pairId) {
        const current = await tx.get<PairDoc>('pairs', care.pairId);
        if (current && current.state === 'active' && current.volunteerId === volunteerId) {
          out.push({ pair: current, excluded: care.rejected.includes(volunteerId) });
          continue;
        }
        if (!input.replace) throw new AppError('CONFLICT', `${user.name}已经有老伙伴了；要更换请选择“更换老伙伴”`);
        if (current && current.state === 'active') {
          const old = await partnerOf(current.volunteerId);
          const ended = await endPair(tx, current, old, care, me._id, '社工更换老伙伴', at);
          care = ended.care;
          partners.set(current.volunteerId, ended.partner);
          await tellUsers(tx, [current.volunteerId], 'partner.ended', `结对调整：${user.name}`, `居委社工为${user.name}更换了老伙伴，感谢您的陪伴`, at);
        }
      }
      const holder = partners.get(volunteerId)!;
      if (holder.seniorIds.length >= holder.capacity) {
        throw new AppError('CAPACITY_FULL', `${volunteer.name}已结对 ${holder.seniorIds.length} 位老人，名额已满`);
      }
      const c = pairCost(toPairingSenior(senior, care), toPairingVolunteer(holder), { ...o, maxDistanceM: Number.MAX_SAFE_INTEGER });
      const pair: PairDoc = {
        _id: newId('pr'),
        seniorId,
        volunteerId,
        committeeId: senior.committeeId,
        state: 'active',
        source: 'suggestion',
        cost: c?.cost ?? null,
        reasons: c ? [c.distanceM === null ? '位置未登记' : `相距约 ${c.distanceM} 米`, c.sameCommittee ? '同一居委' : '不同居委'] : [],
        createdAt: at,
        createdBy: me._id,
        endedAt: null,
        endedBy: null,
        endReason: null,
      };
      await tx.create('pairs', pair);
      const nextPartner: PartnerDoc = { ...holder, seniorIds: [...holder.seniorIds, seniorId], updatedAt: at };
      partners.set(volunteerId, nextPartner);
      await tx.set('partners', nextPartner);
      const nextCare: CareDoc = { ...care, paired: true, partnerId: volunteerId, pairId: pair._id, pairedAt: at, anchorAt: at, ladder: [], updatedAt: at };
      await tx.set('care', nextCare);
      // One-tap help (services/alerts.ts) finds the partner through this field.
      await tx.update('seniors', seniorId, { partnerId: volunteerId, updatedAt: at });
      await logAct(tx, { seniorId, actorId: me._id, via: staffVia(me), kind: 'partner.pair', text: `${me.name}为老人结对老伙伴${volunteer.name}`, refId: pair._id, at });
      await audit(tx, me._id, seniorId, 'partner.pair', { pairId: pair._id, volunteerId }, at);
      await tellUsers(tx, [volunteerId], 'partner.paired', `新结对：${user.name}`, `居委社工为您结对了${user.name}，请在 24 小时内第一次联系，之后每周至少两次。老人的地址和电话在“老人卡片”里查看`, at);
      out.push({ pair, excluded: nextCare.rejected.includes(volunteerId) });
    }
    await touchDesk(tx, me, at);
    // The views are built inside the transaction: a retried request is answered with what it stored.
    const names = new Names(tx);
    return { pairs: await Promise.all(out.map((x) => pairView(tx, x.pair, names, x.excluded))) };
  });
}

export async function reject(ctx: ServiceContext, input: ParsedInput<'partners', 'reject'>): Promise<PartnersResults['reject']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const { senior } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能为本居委的老人结对');
    const care = (await tx.get<CareDoc>('care', senior._id)) ?? newCare(senior, at);
    const next = excludeIn(care, { volunteerId: input.volunteerId, from: 'reject', reason: input.reason ?? null, pairId: null, by: me._id, at }, at);
    await tx.set('care', next);
    await audit(tx, me._id, senior._id, 'partner.reject', { volunteerId: input.volunteerId, reason: input.reason ?? null }, at);
    return { seniorId: senior._id, volunteerId: input.volunteerId, rejected: next.rejected.length };
  });
}

export async function end(ctx: ServiceContext, input: ParsedInput<'partners', 'end'>): Promise<PartnersResults['end']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  // The view is built inside the transaction: a retried request is answered with what it stored.
  return ctx.mutate(async (tx) => {
    const p = await tx.get<PairDoc>('pairs', input.pairId);
    if (!p) throw new AppError('NOT_FOUND', '找不到这个结对');
    if (!isStaffFor(me, p.committeeId)) throw new AppError('FORBIDDEN', '只能调整本居委老人的结对');
    if (p.state === 'ended') return pairView(tx, p, new Names(tx), new Exclusions(tx));
    const { senior, user } = await loadSenior(tx, p.seniorId);
    const care = (await tx.get<CareDoc>('care', p.seniorId)) ?? newCare(senior, at);
    const ended = await endPair(tx, p, await tx.get<PartnerDoc>('partners', p.volunteerId), care, me._id, input.reason, at);
    // By default the social worker does not want the same pair proposed again: the volunteer joins
    // the senior's excluded list, which suggestions already honour, until staff undo it.
    const suggestAgain = input.suggestAgain ?? false;
    const care2 = suggestAgain ? ended.care : excludeIn(ended.care, { volunteerId: p.volunteerId, from: 'end', reason: input.reason, pairId: p._id, by: me._id, at }, at);
    if (care2 !== ended.care) await tx.set('care', care2);
    const volunteerName = (await tx.get<UserDoc>('users', p.volunteerId))?.name ?? '老伙伴';
    const again = suggestAgain ? '以后还可以推荐' : '以后不再推荐';
    await logAct(tx, { seniorId: p.seniorId, actorId: me._id, via: staffVia(me), kind: 'partner.end', text: `${me.name}结束了与老伙伴${volunteerName}的结对（${again}）：${input.reason}`, refId: p._id, at });
    await audit(tx, me._id, p.seniorId, 'partner.end', { pairId: p._id, volunteerId: p.volunteerId, reason: input.reason, suggestAgain }, at);
    await tellUsers(tx, [p.volunteerId], 'partner.ended', `结对结束：${user.name}`, `居委社工结束了您与${user.name}的结对（${input.reason}），感谢您的陪伴`, at);
    return pairView(tx, ended.pair, new Names(tx), care2.rejected.includes(p.volunteerId));
  });
}

/** The volunteers kept out of one senior's suggestions, newest decision first (staff of the senior's 居委). */
export async function exclusions(ctx: ServiceContext, input: ParsedInput<'partners', 'exclusions'>): Promise<PartnersResults['exclusions']> {
  const me = requireUser(ctx);
  const { senior, user } = await loadSenior(ctx.store, input.seniorId);
  if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委老人的结对');
  const care = await ctx.store.get<CareDoc>('care', senior._id);
  const notes = new Map((care?.exclusions ?? []).map((x) => [x.volunteerId, x]));
  const names = new Names(ctx.store);
  const items: ExclusionView[] = [];
  for (const volunteerId of care?.rejected ?? []) {
    const note = notes.get(volunteerId);
    const from = note?.from ?? 'unknown';
    items.push({
      seniorId: senior._id,
      volunteerId,
      volunteerName: await names.userName(volunteerId),
      from,
      fromText: EXCLUSION_FROM[from],
      reason: note?.reason ?? null,
      pairId: note?.pairId ?? null,
      byName: note ? await names.userName(note.by) : null,
      at: note?.at ?? null,
    });
  }
  items.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || a.volunteerId.localeCompare(b.volunteerId));
  return { seniorId: senior._id, seniorName: user.name, items };
}

/**
 * Staff undo a 不再推荐 (from ending a pair or not taking a suggestion): later suggestions may pair the
 * two again. Audited with what is undone; a line in the senior's history. Undoing what is not there
 * changes nothing.
 */
export async function allowAgain(ctx: ServiceContext, input: ParsedInput<'partners', 'allowAgain'>): Promise<PartnersResults['allowAgain']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const { senior } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能调整本居委老人的结对');
    const volunteerName = (await tx.get<UserDoc>('users', input.volunteerId))?.name ?? '已注销用户';
    const care = await tx.get<CareDoc>('care', senior._id);
    if (!care || !care.rejected.includes(input.volunteerId)) {
      return { seniorId: senior._id, volunteerId: input.volunteerId, volunteerName, changed: false, excluded: care?.rejected.length ?? 0 };
    }
    const was = (care.exclusions ?? []).find((x) => x.volunteerId === input.volunteerId) ?? null;
    const next: CareDoc = {
      ...care,
      rejected: care.rejected.filter((id) => id !== input.volunteerId),
      exclusions: (care.exclusions ?? []).filter((x) => x.volunteerId !== input.volunteerId),
      updatedAt: at,
    };
    await tx.set('care', next);
    await audit(
      tx,
      me._id,
      senior._id,
      'partner.allowAgain',
      { volunteerId: input.volunteerId, reason: input.reason ?? null, was: was ? { from: was.from, reason: was.reason, pairId: was.pairId, by: was.by, at: was.at } : null },
      at,
    );
    await logAct(tx, {
      seniorId: senior._id,
      actorId: me._id,
      via: staffVia(me),
      kind: 'partner.allowAgain',
      text: `${me.name}撤销了“不再推荐老伙伴${volunteerName}”${input.reason ? `：${input.reason}` : ''}`,
      refId: was?.pairId ?? null,
      at,
    });
    await touchDesk(tx, me, at);
    return { seniorId: senior._id, volunteerId: input.volunteerId, volunteerName, changed: true, excluded: next.rejected.length };
  });
}

export async function pairs(ctx: ServiceContext, input: ParsedInput<'partners', 'pairs'>): Promise<PartnersResults['pairs']> {
  const me = requireUser(ctx);
  let where: Record<string, unknown>;
  let staffView = true;
  if (input.seniorId) {
    const { senior } = await loadSenior(ctx.store, input.seniorId);
    if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委老人的结对');
    where = { seniorId: senior._id };
  } else if (input.committeeId || servedCommittees(me.grants).length || isAdmin(me)) {
    const committees = staffCommittees(me, input.committeeId);
    where = committees ? { committeeId: committeeWhere(committees) } : {};
    if (input.state) where.state = input.state;
  } else {
    staffView = false;
    where = input.state ? { volunteerId: me._id, state: input.state } : { volunteerId: me._id };
  }
  const page = await ctx.store.find<PairDoc>('pairs', {
    where: where as never,
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const items = input.seniorId && input.state ? page.items.filter((p) => p.state === input.state) : page.items;
  // Whether a volunteer is kept out of a senior's suggestions is the staff's note, not the volunteer's.
  const exclusions = staffView ? new Exclusions(ctx.store) : null;
  return { items: await Promise.all(items.map((p) => pairView(ctx.store, p, names, exclusions))), next: page.next };
}

// ---------------------------------------------------------------- my seniors, the card, coverage

async function openAlertsOf(store: Store, seniorId: string): Promise<PartnerAlertDoc[]> {
  const page = await store.find<PartnerAlertDoc>('alerts', { where: { seniorId }, orderBy: { field: 'raisedAt', direction: 'desc' }, limit: 20 });
  return page.items.filter((a) => a.state === 'open');
}

export async function mySeniors(ctx: ServiceContext): Promise<PartnersResults['mySeniors']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const prog = await loadProgramme(ctx.store);
  const p = await ctx.store.get<PartnerDoc>('partners', me._id);
  const items: MySeniorItem[] = [];
  for (const seniorId of p?.seniorIds ?? []) {
    const [user, care] = await Promise.all([ctx.store.get<UserDoc>('users', seniorId), ctx.store.get<CareDoc>('care', seniorId)]);
    if (!user || !care || care.partnerId !== me._id) continue;
    items.push({
      seniorId,
      name: user.name,
      age: ageInYear(user.birthYear, now),
      pairedAt: care.pairedAt ?? '',
      openAlerts: (await openAlertsOf(ctx.store, seniorId)).length,
      ...scheduleView(care, prog, now),
    });
  }
  items.sort(compareByUrgency);
  return { items, weather: weatherActive(prog.weather, now) };
}

export async function card(ctx: ServiceContext, input: ParsedInput<'partners', 'card'>): Promise<PartnersResults['card']> {
  const { senior, user, care, as } = await accessTo(ctx, ctx.store, input.seniorId);
  const now = ctx.now();
  const prog = await loadProgramme(ctx.store);
  const names = new Names(ctx.store);
  const recent = await ctx.store.find<ContactDoc>('contacts', { where: { seniorId: senior._id }, orderBy: { field: 'at', direction: 'desc' }, limit: 5 });
  const partnerName = care.paired && care.partnerId ? await names.userName(care.partnerId) : null;
  return {
    seniorId: senior._id,
    name: user.name,
    age: ageInYear(user.birthYear, now),
    committeeName: await committeeName(ctx.store, senior.committeeId),
    livingAlone: senior.livingAlone,
    addressHint: senior.addressHint,
    genderPreference: care.genderPreference,
    dialects: care.dialects,
    partner: care.paired && care.partnerId ? { userId: care.partnerId, name: partnerName!, since: care.pairedAt ?? '' } : null,
    schedule: scheduleView(care, prog, now),
    recent: await Promise.all(recent.items.map((c) => contactView(ctx, c, names))),
    openAlerts: await Promise.all((await openAlertsOf(ctx.store, senior._id)).map((a) => alertViewOf(ctx.store, a, names))),
    as,
  };
}

export async function reveal(ctx: ServiceContext, input: ParsedInput<'partners', 'reveal'>): Promise<PartnersResults['reveal']> {
  const { me, senior, user, as } = await accessTo(ctx, ctx.store, input.seniorId);
  await auditRead(ctx.store, me._id, senior._id, `senior.${input.field}.open`, { as, field: input.field }, ctx.now().toISOString());
  if (input.field === 'address') return { seniorId: senior._id, field: 'address', address: seniorAddress(ctx, senior) };
  if (input.field === 'phone') return { seniorId: senior._id, field: 'phone', phone: seniorPhone(ctx, user) };
  return { seniorId: senior._id, field: 'emergencyContacts', emergencyContacts: seniorContacts(ctx, senior) };
}

export async function coverage(ctx: ServiceContext, input: ParsedInput<'partners', 'coverage'>): Promise<PartnersResults['coverage']> {
  const me = requireUser(ctx);
  const committees = staffCommittees(me, input.committeeId);
  const now = ctx.now();
  const prog = await loadProgramme(ctx.store);
  const counts = { unreachable: 0, contacted: 0, due: 0, overdue: 0, unpaired: 0 };
  if (committees && committees.length === 0) return { counts, items: [], weather: weatherActive(prog.weather, now) };
  const where: Record<string, FieldFilter> = committees ? { committeeId: committeeWhere(committees) } : {};
  const seniors = await scanAll<SeniorDoc>(ctx.store, 'seniors', where, 'createdAt');
  const careOf = new Map((await scanAll<CareDoc>(ctx.store, 'care', where, 'updatedAt')).map((c) => [c._id, c]));
  const open = await scanAll<PartnerAlertDoc>(ctx.store, 'alerts', { ...where, state: 'open' }, 'raisedAt', 1000);
  const openBy = new Map<string, number>();
  for (const a of open) openBy.set(a.seniorId, (openBy.get(a.seniorId) ?? 0) + 1);
  const names = new Names(ctx.store);
  const items: CoverageItem[] = [];
  for (const s of seniors) {
    const care = careOf.get(s._id) ?? null;
    const view = scheduleView(care, prog, now);
    counts[view.status] += 1;
    if (input.status && view.status !== input.status) continue;
    const user = await names.user(s._id);
    items.push({
      seniorId: s._id,
      name: user?.name ?? '已注销用户',
      age: user ? ageInYear(user.birthYear, now) : 0,
      livingAlone: s.livingAlone,
      partnerName: care?.paired && care.partnerId ? await names.userName(care.partnerId) : null,
      openAlerts: openBy.get(s._id) ?? 0,
      ...view,
    });
  }
  items.sort(compareByUrgency);
  return { counts, items, weather: weatherActive(prog.weather, now) };
}
