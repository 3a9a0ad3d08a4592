/**
 * Seniors: registered by the 居委 social worker (sensitive fields sealed with ctx.secrets, consent
 * recorded), family proxies confirmed by the senior or a social worker, the desk mode, the senior's
 * home and history. Every act for a senior writes a history line with the real actor.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedInput, ProxyRequestView, ProxyView, SeniorListItem, SeniorSummary, SeniorView, SeniorsResults } from '../api';
import { AppError } from '../errors';
import { personAccountId, type AccountDoc } from '../domain/ledger';
import { PRIVACY_POLICY_VERSION, ageInYear, maskPhone } from '../domain/people';
import { redemptionEligibility } from '../domain/eligibility';
import { inWords } from '../domain/words';
import type { TimebankPolicy } from '../domain/policy';
import { roleSet, type RoleGrant } from '../domain/roles';
import {
  MIN_SENIOR_AGE,
  VIA_LABELS,
  addressHint,
  coarseLocation,
  isMobile,
  proxiedSeniors,
  proxyDocId,
  servedCommittees,
  type ProxyDoc,
  type SeniorDoc,
  type SeniorLogDoc,
  type Via,
} from '../domain/seniors';
import type { Store, Tx } from '../store/port';
import { requireUser, viewing, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import { committeeName, findEstate } from './shared/directory';
import type { CommitteeDoc } from '../domain/street';
import { distanceMeters, type LatLng } from '../domain/geo';
import type { PartnerDoc } from '../domain/partners';
import { loadPolicy } from './policy';
import { Names, accountBalance, balanceView } from './shared/ledger-views';
import {
  actingFor,
  actorLabel,
  loadSenior,
  logAct,
  seniorAddress,
  seniorContacts,
  readsPlain,
  seniorPhone,
  seniorSide,
  settleTodos,
  socialWorkersOf,
  tell,
  touchDesk,
  type Reader,
} from './shared/acting';
import { audit, auditRead } from './shared/audit';
import { isAdmin, isProxyFor, isStaffFor } from '../domain/scope';
import { activeRequestViews } from './help';
import { alertViewOf } from './alerts';
import type { AlertDoc } from '../domain/alerts';
import { isInviteId, type PhoneInviteDoc } from '../domain/invites';
import { pendingInvites, phoneLookup, putInvite, settleInvite, userByPhoneHash } from './phone-invites';
import { deskConsentView, recordedConsentView } from './desk-consent';

/** The youngest person a senior record is kept for; redemption itself follows the policy ages. */

const phoneKey = (ctx: ServiceContext, phone: string) => `phone:${ctx.secrets.lookupHash('phone', phone)}`;
const viaOfStaff = (u: UserDoc): Via => (isAdmin(u) && servedCommittees(u.grants).length === 0 ? 'admin' : 'socialWorker');

// ---------------------------------------------------------------- views

export async function seniorSummary(store: Store, senior: SeniorDoc, user: UserDoc, policy: TimebankPolicy, now: Date): Promise<SeniorSummary> {
  return {
    id: senior._id,
    name: user.name,
    age: ageInYear(user.birthYear, now),
    committeeId: senior.committeeId,
    committeeName: await committeeName(store, senior.committeeId),
    livingAlone: senior.livingAlone,
    specialDifficulty: senior.specialDifficulty,
    phoneMasked: user.phoneMasked,
    eligible: redemptionEligibility(user, senior.specialDifficulty, policy, now).eligible,
  };
}

const photoConsentView = (senior: SeniorDoc) => recordedConsentView(senior.photoConsent);
const healthConsentView = (senior: SeniorDoc) => recordedConsentView(senior.healthConsent);

async function seniorView(store: Store, senior: SeniorDoc, user: UserDoc, policy: TimebankPolicy, now: Date): Promise<SeniorView> {
  return {
    ...(await seniorSummary(store, senior, user, policy, now)),
    addressHint: senior.addressHint,
    emergencyCount: senior.emergencyCount,
    proxyCount: senior.proxyIds.length,
    consent: { by: senior.consent.by, guardianName: senior.consent.guardianName, at: senior.consent.at, version: senior.consent.version },
    photoConsent: photoConsentView(senior),
    healthConsent: healthConsentView(senior),
    createdAt: senior.createdAt,
  };
}

export async function proxyViewOf(p: ProxyDoc, names: Names): Promise<ProxyView> {
  const user = await names.user(p.userId);
  return {
    id: p._id,
    seniorId: p.seniorId,
    seniorName: await names.userName(p.seniorId),
    userId: p.userId,
    name: user?.name ?? '已注销用户',
    phoneMasked: user?.phoneMasked ?? '',
    relation: p.relation,
    state: p.state,
    requestedByName: await names.userName(p.requestedBy),
    confirmedByName: p.confirmedBy ? await names.userName(p.confirmedBy) : null,
    confirmedVia: p.confirmedVia,
    createdAt: p.createdAt,
    confirmedAt: p.confirmedAt,
  };
}

// ---------------------------------------------------------------- registration

async function claimPhone(ctx: ServiceContext, tx: Tx, phone: string, userId: string): Promise<void> {
  const key = phoneKey(ctx, phone);
  const claim = await tx.get<{ _id: string; userId: string }>('uniques', key);
  if (claim && claim.userId !== userId) {
    throw new AppError('CONFLICT', '这个手机号已被其他人注册；如果是老人自己注册的，请按“已注册居民”登记', [{ path: 'phone', message: '已被使用' }]);
  }
  if (!claim) await tx.create('uniques', { _id: key, userId });
}

function phoneFields(ctx: ServiceContext, phone: string | null | undefined): Pick<UserDoc, 'phoneEnc' | 'phoneHash' | 'phoneMasked'> {
  if (!phone) return { phoneEnc: '', phoneHash: '', phoneMasked: '' };
  return { phoneEnc: ctx.secrets.encrypt(phone), phoneHash: ctx.secrets.lookupHash('phone', phone), phoneMasked: maskPhone(phone) };
}

/**
 * A senior of the same name and birth year already on the 居委's list is most likely the same person
 * registered twice (two social workers, or one who pressed 再登记一位): her credits and alarms would
 * split over two files. Refused with who is there (the address's start only), unless the social
 * worker confirms it is someone else (`notDuplicate`). Names are read on the (committeeId, name)
 * index before the transaction, which cannot query.
 */
async function refuseLikelyDuplicate(store: Store, committeeId: string, name: string, birthYear: number): Promise<void> {
  const namesakes = await store.find<UserDoc>('users', { where: { committeeId, name }, limit: 20 });
  const same = namesakes.items.filter((u) => u.birthYear === birthYear && u.roles.includes('senior') && !u.closedAt);
  if (!same.length) return;
  const seniors = await Promise.all(same.map((u) => store.get<SeniorDoc>('seniors', u._id)));
  const hints = seniors.filter((x): x is SeniorDoc => !!x).map((x) => x.addressHint);
  throw new AppError(
    'DUPLICATE_SENIOR',
    `本居委已经登记过一位${name}（${birthYear} 年生${hints.length ? `，住${hints.join('、')}` : ''}）。是同一位老人的话，不用再登记；不是的话，请确认后再登记。`,
    [{ path: 'name', message: '已有同名、同年出生的老人' }],
  );
}

export async function register(ctx: ServiceContext, input: ParsedInput<'seniors', 'register'>): Promise<SeniorsResults['register']> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  if (input.birthYear !== undefined && ageInYear(input.birthYear, now) < MIN_SENIOR_AGE) {
    throw new AppError('VALIDATION', `老人档案只为 ${MIN_SENIOR_AGE} 岁以上的居民登记`, [{ path: 'birthYear', message: '年龄不符' }]);
  }
  const sealed = {
    addressEnc: ctx.secrets.encrypt(input.address),
    emergencyEnc: ctx.secrets.encrypt(JSON.stringify(input.emergencyContacts)),
  };
  // The street's estates are reference data: read before the transaction (which cannot query).
  const estate = input.estateId ? await findEstate(ctx.store, input.estateId) : null;
  if (input.estateId && !estate) throw new AppError('VALIDATION', '请从列表里选择老人住的小区', [{ path: 'estateId', message: '没有这个小区' }]);
  const point: 'estate' | 'map' | null = estate ? 'estate' : input.location ? 'map' : null;
  const fresh = input.userId ? null : phoneFields(ctx, input.phone);
  if (!input.userId && !input.notDuplicate) await refuseLikelyDuplicate(ctx.store, input.committeeId!, input.name!, input.birthYear!);
  const newId = `u_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return ctx.mutate(async (tx) => {
    let user: UserDoc;
    if (input.userId) {
      const existing = await tx.get<UserDoc>('users', input.userId);
      if (!existing) throw new AppError('NOT_FOUND', '找不到这位居民');
      if (!isStaffFor(actor, existing.committeeId)) throw new AppError('FORBIDDEN', '只能登记本居委的老人');
      if (ageInYear(existing.birthYear, now) < MIN_SENIOR_AGE) {
        throw new AppError('VALIDATION', `老人档案只为 ${MIN_SENIOR_AGE} 岁以上的居民登记`, [{ path: 'userId', message: '年龄不符' }]);
      }
      if (await tx.get('seniors', existing._id)) throw new AppError('CONFLICT', '这位老人已经登记过了');
      const grants: RoleGrant[] = existing.roles.includes('senior')
        ? existing.grants
        : [...existing.grants, { role: 'senior', grantedBy: actor._id, grantedAt: at }];
      const patch = { grants, roles: roleSet(grants), elderMode: true, updatedAt: at };
      await tx.update('users', existing._id, patch);
      user = { ...existing, ...patch };
    } else {
      const committeeId = input.committeeId!;
      if (!(await tx.get<CommitteeDoc>('committees', committeeId))) {
        throw new AppError('VALIDATION', '请选择居委', [{ path: 'committeeId', message: '居委不存在' }]);
      }
      if (!isStaffFor(actor, committeeId)) throw new AppError('FORBIDDEN', '只能登记本居委的老人');
      if (input.phone && isMobile(input.phone)) await claimPhone(ctx, tx, input.phone, newId);
      const grants: RoleGrant[] = [{ role: 'senior', grantedBy: actor._id, grantedAt: at }];
      user = {
        _id: newId,
        name: input.name!,
        ...fresh!,
        birthYear: input.birthYear!,
        committeeId,
        elderMode: true,
        consent: { version: PRIVACY_POLICY_VERSION, at },
        grants,
        roles: roleSet(grants),
        createdAt: at,
        updatedAt: at,
      };
      await tx.create('users', user);
    }
    const senior: SeniorDoc = {
      _id: user._id,
      committeeId: user.committeeId,
      ...sealed,
      addressHint: addressHint(input.address),
      // Only a coarse point (~100 m) is kept: it feeds walking distances, never shown to anyone.
      location: estate ? coarseLocation(estate) : input.location ? coarseLocation(input.location) : null,
      estateId: estate?.id ?? null,
      livingAlone: input.livingAlone,
      specialDifficulty: input.specialDifficulty,
      emergencyCount: input.emergencyContacts.length,
      consent: {
        version: PRIVACY_POLICY_VERSION,
        at,
        by: input.consent.by,
        guardianName: input.consent.by === 'guardian' ? (input.consent.guardianName ?? null) : null,
        recordedBy: actor._id,
        sensitive: true,
        sharing: true,
      },
      // Asked separately at the desk; recorded as the senior's own answer, taken by the social worker.
      ...(input.consent.health ? { healthConsent: { granted: true, by: actor._id, via: 'socialWorker' as const, at } } : {}),
      proxyIds: [],
      partnerId: null,
      openAlertId: null,
      registeredBy: actor._id,
      createdAt: at,
      updatedAt: at,
    };
    await tx.create('seniors', senior);
    const via = viaOfStaff(actor);
    await audit(
      tx,
      actor._id,
      user._id,
      'senior.register',
      { committeeId: user.committeeId, consentBy: input.consent.by, healthConsent: !!input.consent.health, point, estateId: estate?.id ?? null },
      at,
    );
    const agreed =
      (input.consent.by === 'senior' ? '老人本人同意' : `监护人${input.consent.guardianName}同意`) +
      (input.consent.health ? '，并单独同意老伙伴记录身体情况' : '');
    await logAct(tx, {
      seniorId: user._id,
      actorId: actor._id,
      via,
      kind: 'senior.register',
      text: `${actorLabel(actor.name, via)}登记了老人档案（${agreed}）`,
      at,
    });
    await touchDesk(tx, actor, at);
    return seniorView(ctx.store, senior, user, await loadPolicy(tx), now);
  });
}

const FIELD_NAMES: Record<string, string> = {
  phone: '电话',
  address: '地址',
  location: '位置',
  livingAlone: '是否独居',
  specialDifficulty: '特殊困难',
  emergencyContacts: '紧急联系人',
};

export async function update(ctx: ServiceContext, input: ParsedInput<'seniors', 'update'>): Promise<SeniorsResults['update']> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const { senior, user } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(actor, senior.committeeId)) throw new AppError('FORBIDDEN', '只能修改本居委老人的档案');
    const patch: Partial<SeniorDoc> = { updatedAt: at };
    const changed: string[] = [];
    if (input.address !== undefined) Object.assign(patch, { addressEnc: ctx.secrets.encrypt(input.address), addressHint: addressHint(input.address) });
    if (input.location !== undefined) Object.assign(patch, { location: input.location ? coarseLocation(input.location) : null, estateId: null });
    if (input.livingAlone !== undefined) patch.livingAlone = input.livingAlone;
    if (input.specialDifficulty !== undefined) patch.specialDifficulty = input.specialDifficulty;
    if (input.emergencyContacts !== undefined) {
      Object.assign(patch, { emergencyEnc: ctx.secrets.encrypt(JSON.stringify(input.emergencyContacts)), emergencyCount: input.emergencyContacts.length });
    }
    for (const key of Object.keys(FIELD_NAMES)) if ((input as Record<string, unknown>)[key] !== undefined) changed.push(FIELD_NAMES[key]!);
    let nextUser = user;
    if (input.phone !== undefined) {
      const oldKey = user.phoneHash ? `phone:${user.phoneHash}` : null;
      const newKey = input.phone && isMobile(input.phone) ? phoneKey(ctx, input.phone) : null;
      if (newKey) await claimPhone(ctx, tx, input.phone!, user._id);
      if (oldKey && oldKey !== newKey) {
        const claim = await tx.get<{ _id: string; userId: string }>('uniques', oldKey);
        if (claim?.userId === user._id) await tx.remove('uniques', oldKey);
      }
      const userPatch = { ...phoneFields(ctx, input.phone), updatedAt: at };
      await tx.update('users', user._id, userPatch);
      nextUser = { ...user, ...userPatch };
    }
    await tx.update('seniors', senior._id, patch);
    const via = viaOfStaff(actor);
    await audit(tx, actor._id, senior._id, 'senior.update', { fields: changed }, at);
    await logAct(tx, {
      seniorId: senior._id,
      actorId: actor._id,
      via,
      kind: 'senior.update',
      text: `${actorLabel(actor.name, via)}修改了档案：${changed.join('、')}`,
      at,
    });
    await touchDesk(tx, actor, at);
    return seniorView(ctx.store, { ...senior, ...patch }, nextUser, await loadPolicy(tx), now);
  });
}

/**
 * Staff correct a senior's address and map point. The address is sealed like at registration; the
 * point (an estate's, a map pick, or none) is kept to about 100 m and replaces the one pairing reads
 * (`seniors/<id>.location`: suggestions and candidates compute from it live). Every correction is
 * audited (which fields, where the point came from, how far it moved: never the address or the
 * point), written in the senior's history, and the current partner is told to look up the new
 * address on the card.
 */
export async function relocate(ctx: ServiceContext, input: ParsedInput<'seniors', 'relocate'>): Promise<SeniorsResults['relocate']> {
  const actor = requireUser(ctx);
  const at = ctx.now().toISOString();
  // Reference data and sealing before the transaction (it cannot query; its body may be retried).
  const estate = input.estateId ? await findEstate(ctx.store, input.estateId) : null;
  if (input.estateId && !estate) throw new AppError('VALIDATION', '请从列表里选择小区', [{ path: 'estateId', message: '没有这个小区' }]);
  const sealed = input.address !== undefined ? ctx.secrets.encrypt(input.address) : null;
  return ctx.mutate(async (tx) => {
    const { senior, user } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(actor, senior.committeeId)) throw new AppError('FORBIDDEN', '只能更正本居委老人的地址和位置');
    const patch: Partial<SeniorDoc> = { updatedAt: at };
    const changed: string[] = [];
    if (sealed !== null) {
      Object.assign(patch, { addressEnc: sealed, addressHint: addressHint(input.address!) });
      changed.push('地址');
    }
    let point: 'estate' | 'map' | 'removed' | null = null;
    let location: LatLng | null = senior.location;
    if (estate) {
      location = coarseLocation(estate);
      point = 'estate';
    } else if (input.location !== undefined) {
      location = input.location ? coarseLocation(input.location) : null;
      point = input.location ? 'map' : 'removed';
    }
    if (point) {
      Object.assign(patch, { location, estateId: estate?.id ?? null });
      changed.push('位置');
    }
    await tx.update('seniors', senior._id, patch);
    const movedM = point && senior.location && location ? distanceMeters(senior.location, location) : null;
    const via = viaOfStaff(actor);
    await audit(
      tx,
      actor._id,
      senior._id,
      'senior.relocate',
      { fields: changed, point, estateId: estate?.id ?? null, hadPoint: !!senior.location, movedM, reason: input.reason || null },
      at,
    );
    const what = changed.join('和');
    await logAct(tx, {
      seniorId: senior._id,
      actorId: actor._id,
      via,
      kind: 'senior.relocate',
      text: `${actorLabel(actor.name, via)}更正了${what}${input.reason ? `：${input.reason}` : ''}`,
      at,
    });
    let partner: SeniorsResults['relocate']['partner'] = null;
    if (senior.partnerId) {
      const [partnerUser, partnerDoc] = await Promise.all([tx.get<UserDoc>('users', senior.partnerId), tx.get<PartnerDoc>('partners', senior.partnerId)]);
      if (partnerUser) {
        partner = { name: partnerUser.name, distanceM: location && partnerDoc?.location ? distanceMeters(location, partnerDoc.location) : null };
        await tell(
          tx,
          senior._id,
          [partnerUser._id],
          'senior.moved',
          `${user.name}的${what}已更正`.slice(0, 40),
          `居委社工更正了${user.name}的${what}。上门前请在“老人卡片”里查看新地址`,
          at,
        );
      }
    }
    await touchDesk(tx, actor, at);
    return {
      seniorId: senior._id,
      name: user.name,
      addressHint: (patch.addressHint as string | undefined) ?? senior.addressHint,
      hasLocation: !!location,
      estateId: point ? (estate?.id ?? null) : (senior.estateId ?? null),
      changed,
      partner,
    };
  });
}

// ---------------------------------------------------------------- staff reading

export async function list(ctx: ServiceContext, input: ParsedInput<'seniors', 'list'>): Promise<SeniorsResults['list']> {
  const actor = requireUser(ctx);
  const served = servedCommittees(actor.grants);
  let where: Record<string, string | { in: string[] }> | undefined;
  if (input.committeeId) {
    if (!isStaffFor(actor, input.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委的老人');
    where = { committeeId: input.committeeId };
  } else if (!isAdmin(actor)) {
    if (served.length === 0) return { items: [], next: null };
    where = served.length === 1 ? { committeeId: served[0]! } : { committeeId: { in: served } };
  }
  const page = await ctx.store.find<SeniorDoc>('seniors', {
    where,
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const policy = await loadPolicy(ctx.store);
  const now = ctx.now();
  const items: SeniorListItem[] = [];
  for (const s of page.items) {
    const user = await ctx.store.get<UserDoc>('users', s._id);
    if (!user) continue;
    const account = await ctx.store.get<AccountDoc>('accounts', personAccountId(s._id));
    items.push({
      ...(await seniorSummary(ctx.store, s, user, policy, now)),
      addressHint: s.addressHint,
      photoConsent: !!s.photoConsent?.granted,
      available: balanceView(personAccountId(s._id), account, policy).available,
      proxyCount: s.proxyIds.length,
      paired: !!s.partnerId,
      createdAt: s.createdAt,
    });
  }
  return { items, next: page.next };
}

async function proxiesOf(store: Store, seniorId: string): Promise<ProxyDoc[]> {
  const found: ProxyDoc[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<ProxyDoc>('proxies', { where: { seniorId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 100, after });
    found.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return found;
}

/** The whole record for staff; the address, phone and contacts leave the store only after the access is logged. */
export async function detail(ctx: ServiceContext, input: ParsedInput<'seniors', 'detail'>): Promise<SeniorsResults['detail']> {
  const actor = requireUser(ctx);
  const { senior, user } = await loadSenior(ctx.store, input.seniorId);
  if (!isStaffFor(actor, senior.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委老人的档案');
  const now = ctx.now();
  const names = new Names(ctx.store);
  const view = await seniorView(ctx.store, senior, user, await loadPolicy(ctx.store), now);
  const proxies = await Promise.all((await proxiesOf(ctx.store, senior._id)).filter((p) => p.state !== 'removed').map((p) => proxyViewOf(p, names)));
  await auditRead(ctx.store, actor._id, senior._id, 'senior.open', { fields: ['address', 'phone', 'emergencyContacts'] }, now.toISOString());
  return {
    ...view,
    address: seniorAddress(ctx, senior),
    phone: seniorPhone(ctx, user),
    emergencyContacts: seniorContacts(ctx, senior),
    hasLocation: !!senior.location,
    estateId: senior.location ? (senior.estateId ?? null) : null,
    registeredByName: await names.userName(senior.registeredBy),
    proxies,
  };
}

// ---------------------------------------------------------------- the senior side

export async function mine(ctx: ServiceContext): Promise<SeniorsResults['mine']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const policy = await loadPolicy(ctx.store);
  const own = await ctx.store.get<SeniorDoc>('seniors', me._id);
  const proxyFor: SeniorsResults['mine']['proxyFor'] = [];
  for (const seniorId of proxiedSeniors(me.grants)) {
    const link = await ctx.store.get<ProxyDoc>('proxies', proxyDocId(seniorId, me._id));
    const senior = await ctx.store.get<SeniorDoc>('seniors', seniorId);
    const user = await ctx.store.get<UserDoc>('users', seniorId);
    if (!link || link.state !== 'confirmed' || !senior || !user) continue;
    proxyFor.push({ ...(await seniorSummary(ctx.store, senior, user, policy, now)), relation: link.relation });
  }
  const names = new Names(ctx.store);
  const toConfirm = own
    ? await ctx.store.find<ProxyDoc>('proxies', { where: { seniorId: me._id }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 })
    : { items: [] };
  const pending = toConfirm.items.filter((p) => p.state === 'proposed');
  // My own requests show as I made them (a masked number, waiting), never as the senior they reached.
  const mineAsked = await ctx.store.find<ProxyDoc>('proxies', { where: { userId: me._id }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 });
  const legacy = mineAsked.items.filter((p) => p.state === 'proposed' && !p.inviteId && p.requestedBy === me._id);
  const asked: ProxyRequestView[] = [
    ...(await pendingInvites(ctx, me._id, 'proxy')).map((i) => proxyRequestView(i)),
    ...legacy.map((p): ProxyRequestView => ({ id: p._id, phoneMasked: '', relation: p.relation, state: 'pending', createdAt: p.createdAt })),
  ];
  return {
    self: own ? await seniorSummary(ctx.store, own, me, policy, now) : null,
    proxyFor,
    pending: await Promise.all(pending.map((p) => proxyViewOf(p, names))),
    asked,
    desk: await Promise.all(servedCommittees(me.grants).map(async (c) => ({ committeeId: c, committeeName: await committeeName(ctx.store, c) }))),
  };
}

export function actingView(acting: { actor: UserDoc; seniorUser: UserDoc; via: Via }) {
  const { actor, seniorUser, via } = acting;
  return {
    seniorId: seniorUser._id,
    seniorName: seniorUser.name,
    actorId: actor._id,
    actorName: actor.name,
    via,
    viaText: VIA_LABELS[via],
    banner: via === 'self' ? '' : `您正在代 ${seniorUser.name} 操作（${VIA_LABELS[via]}：${actor.name}）`,
  };
}

export async function home(ctx: ServiceContext, input: ParsedInput<'seniors', 'home'>): Promise<SeniorsResults['home']> {
  const acting = await actingFor(ctx, ctx.store, input.seniorId);
  const { senior, seniorUser } = acting;
  const now = ctx.now();
  const policy = await loadPolicy(ctx.store);
  const e = redemptionEligibility(seniorUser, senior.specialDifficulty, policy, now, readsPlain(acting.via) ? 'plain' : 'staff');
  const alert = senior.openAlertId ? await ctx.store.get<AlertDoc>('alerts', senior.openAlertId) : null;
  return {
    acting: actingView(acting),
    senior: await seniorSummary(ctx.store, senior, seniorUser, policy, now),
    balance: await accountBalance(ctx.store, personAccountId(senior._id), policy),
    eligibility: { eligible: e.eligible, age: e.age, requiredAge: e.requiredAge, reason: e.reason },
    active: await activeRequestViews(ctx, senior._id, 10),
    openAlert: alert && alert.state === 'open' ? await alertViewOf(ctx.store, alert, new Names(ctx.store), viewing(ctx)) : null,
    photoConsent: photoConsentView(senior),
    healthConsent: healthConsentView(senior),
    deskConsent: await deskConsentView(ctx.store, senior),
  };
}

export async function history(ctx: ServiceContext, input: ParsedInput<'seniors', 'history'>): Promise<SeniorsResults['history']> {
  const { senior, via } = await actingFor(ctx, ctx.store, input.seniorId);
  // Lines are stored once in the staff's words (接单, 预留); the senior side reads them in hers.
  const wording = readsPlain(via) ? 'plain' : 'staff';
  const page = await ctx.store.find<SeniorLogDoc>('seniorLog', {
    where: { seniorId: senior._id },
    orderBy: { field: 'at', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  return {
    items: await Promise.all(
      page.items.map(async (l) => ({
        id: l._id,
        at: l.at,
        actorName: await names.userName(l.actorId),
        via: l.via,
        viaText: VIA_LABELS[l.via],
        kind: l.kind,
        text: inWords(l.text, wording),
        refId: l.refId,
      })),
    ),
    next: page.next,
  };
}

// ---------------------------------------------------------------- proxies

export async function setProxyGrant(tx: Tx, userId: string, seniorId: string, on: boolean, by: string, at: string): Promise<void> {
  const user = await tx.get<UserDoc>('users', userId);
  if (!user) throw new AppError('NOT_FOUND', '找不到这位家属');
  const has = isProxyFor(user, seniorId);
  if (on === has) return;
  const grants: RoleGrant[] = on
    ? [...user.grants, { role: 'proxy', seniorId, grantedBy: by, grantedAt: at }]
    : user.grants.filter((g) => !(g.role === 'proxy' && g.seniorId === seniorId));
  await tx.update('users', userId, { grants, roles: roleSet(grants), updatedAt: at });
}

async function setProxyIds(tx: Tx, senior: SeniorDoc, userId: string, on: boolean, at: string): Promise<void> {
  const has = senior.proxyIds.includes(userId);
  if (on === has) return;
  const proxyIds = on ? [...senior.proxyIds, userId] : senior.proxyIds.filter((id) => id !== userId);
  await tx.update('seniors', senior._id, { proxyIds, updatedAt: at });
  senior.proxyIds = proxyIds;
}

async function userByPhone(ctx: ServiceContext, reader: Reader, phone: string, missing: string): Promise<UserDoc> {
  const claim = await reader.get<{ _id: string; userId: string }>('uniques', phoneKey(ctx, phone));
  const user = claim ? await reader.get<UserDoc>('users', claim.userId) : null;
  if (!user) throw new AppError('NOT_FOUND', missing);
  return user;
}

function proxyRequestView(invite: PhoneInviteDoc, state: ProxyRequestView['state'] = invite.state): ProxyRequestView {
  return { id: invite._id, phoneMasked: invite.phoneMasked, relation: invite.relation, state, createdAt: invite.createdAt };
}

/**
 * A family member asks to act for a senior, by the senior's phone number. The answer is the same
 * whether or not the number is a registered senior's (nothing about the senior until confirmed), the
 * senior and their social workers are told only when it is one, and lookups are rate-limited per
 * caller (services/phone-invites.ts).
 */
export async function requestProxy(ctx: ServiceContext, input: ParsedInput<'seniors', 'requestProxy'>): Promise<SeniorsResults['requestProxy']> {
  const lookup = await phoneLookup(ctx, 'proxy', input.seniorPhone);
  const me = lookup.me;
  if (me.phoneHash && me.phoneHash === lookup.phoneHash) {
    throw new AppError('VALIDATION', '不能申请代理自己', [{ path: 'seniorPhone', message: '这是您自己的手机号' }]);
  }
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const seniorUser = await userByPhoneHash(tx, lookup.phoneHash);
    const senior = seniorUser && seniorUser._id !== me._id ? await tx.get<SeniorDoc>('seniors', seniorUser._id) : null;
    if (!seniorUser || !senior) return proxyRequestView(await putInvite(tx, lookup, 'proxy', input.relation, null, 'pending', at));
    const id = proxyDocId(senior._id, me._id);
    const existing = await tx.get<ProxyDoc>('proxies', id);
    if (existing?.state === 'confirmed') {
      // Already their proxy: I know who this is.
      return proxyRequestView(await putInvite(tx, lookup, 'proxy', input.relation, id, 'confirmed', at));
    }
    const invite = await putInvite(tx, lookup, 'proxy', input.relation, id, 'pending', at);
    if (existing?.state === 'proposed' && existing.inviteId === invite._id) return proxyRequestView(invite);
    const doc: ProxyDoc = {
      _id: id,
      seniorId: senior._id,
      userId: me._id,
      relation: invite.relation,
      state: 'proposed',
      requestedBy: me._id,
      confirmedBy: null,
      confirmedVia: null,
      confirmedAt: null,
      removedBy: null,
      removedAt: null,
      createdAt: existing?.state === 'proposed' ? existing.createdAt : at,
      updatedAt: at,
      inviteId: invite._id,
      // Asked again while still proposed: nobody is asked twice, and the first asks stay to be settled.
      ...(existing?.state === 'proposed' && existing.todoMessageIds ? { todoMessageIds: existing.todoMessageIds } : {}),
    };
    await tx.set('proxies', doc);
    if (existing?.state !== 'proposed') {
      await logAct(tx, {
        seniorId: senior._id,
        actorId: me._id,
        via: 'proxy',
        kind: 'proxy.request',
        text: `${me.name}申请成为家属代理人（${invite.relation}），等待确认`,
        refId: id,
        at,
      });
      const staff = await socialWorkersOf(tx, senior.committeeId);
      const asked = await tell(
        tx,
        senior._id,
        [senior._id, ...staff.map((s) => s._id)],
        'senior.proxy',
        '家属代理申请',
        `${me.name}（${invite.relation}）申请代 ${seniorUser.name} 办理时间银行事务，请老人本人或社工确认`,
        at,
      );
      await tx.update('proxies', id, { todoMessageIds: asked });
    }
    return proxyRequestView(invite);
  });
}

/** The family member withdraws a request they made that is not confirmed yet (the proxy it made goes too). */
export async function withdrawProxyRequest(
  ctx: ServiceContext,
  input: ParsedInput<'seniors', 'withdrawProxyRequest'>,
): Promise<SeniorsResults['withdrawProxyRequest']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const invite = isInviteId(input.inviteId) ? await tx.get<PhoneInviteDoc>('phoneInvites', input.inviteId) : null;
    if (!invite || invite.kind !== 'proxy' || invite.requesterId !== me._id) throw new AppError('NOT_FOUND', '找不到这条代理申请');
    if (invite.state === 'confirmed') throw new AppError('CONFLICT', '这条申请已经确认；如需解除代理，请在“代为办理”的老人页面里解除');
    if (invite.state === 'withdrawn') return proxyRequestView(invite);
    await tx.update('phoneInvites', invite._id, { state: 'withdrawn', updatedAt: at });
    const proxy = invite.targetId ? await tx.get<ProxyDoc>('proxies', invite.targetId) : null;
    if (proxy && proxy.state === 'proposed' && proxy.inviteId === invite._id) {
      await tx.update('proxies', proxy._id, { state: 'removed', removedBy: me._id, removedAt: at, updatedAt: at, todoMessageIds: [] });
      await settleTodos(tx, proxy.todoMessageIds, at);
      await logAct(tx, {
        seniorId: proxy.seniorId,
        actorId: me._id,
        via: 'proxy',
        kind: 'proxy.remove',
        text: `${me.name}撤回了代理申请`,
        refId: proxy._id,
        at,
      });
    }
    return proxyRequestView(invite, 'withdrawn');
  });
}

export async function addProxy(ctx: ServiceContext, input: ParsedInput<'seniors', 'addProxy'>): Promise<SeniorsResults['addProxy']> {
  const actor = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const { senior, user: seniorUser } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(actor, senior.committeeId)) throw new AppError('FORBIDDEN', '只能为本居委的老人添加代理人');
    const family = await userByPhone(ctx, tx, input.phone, '没有找到用这个手机号注册的家属，请先请家属在小程序里注册');
    if (family._id === senior._id) throw new AppError('VALIDATION', '老人不能做自己的代理人', [{ path: 'phone', message: '这是老人本人的号码' }]);
    const id = proxyDocId(senior._id, family._id);
    const existing = await tx.get<ProxyDoc>('proxies', id);
    if (existing?.state === 'confirmed') return proxyViewOf(existing, new Names(ctx.store));
    const via = viaOfStaff(actor);
    const doc: ProxyDoc = {
      _id: id,
      seniorId: senior._id,
      userId: family._id,
      relation: input.relation,
      state: 'confirmed',
      requestedBy: actor._id,
      confirmedBy: actor._id,
      confirmedVia: via,
      confirmedAt: at,
      removedBy: null,
      removedAt: null,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    await tx.set('proxies', doc);
    await setProxyGrant(tx, family._id, senior._id, true, actor._id, at);
    await setProxyIds(tx, senior, family._id, true, at);
    await audit(tx, actor._id, senior._id, 'proxy.confirm', { proxyId: id, userId: family._id, relation: input.relation }, at);
    await logAct(tx, {
      seniorId: senior._id,
      actorId: actor._id,
      via,
      kind: 'proxy.confirm',
      text: `${actorLabel(actor.name, via)}添加${family.name}（${input.relation}）为家属代理人`,
      refId: id,
      at,
    });
    await tell(
      tx,
      senior._id,
      [family._id],
      'senior.proxy',
      '您已成为家属代理人',
      `居委社工已登记您为 ${seniorUser.name} 的家属代理人，可以代老人求助、确认服务。如有误请在“代理”里解除`,
      at,
    );
    await touchDesk(tx, actor, at);
    return proxyViewOf(doc, new Names(ctx.store));
  });
}

export async function proxies(ctx: ServiceContext, input: ParsedInput<'seniors', 'proxies'>): Promise<SeniorsResults['proxies']> {
  const { senior } = await actingFor(ctx, ctx.store, input.seniorId);
  const names = new Names(ctx.store);
  return { items: await Promise.all((await proxiesOf(ctx.store, senior._id)).filter((p) => p.state !== 'removed').map((p) => proxyViewOf(p, names))) };
}

export async function confirmProxy(ctx: ServiceContext, input: ParsedInput<'seniors', 'confirmProxy'>): Promise<SeniorsResults['confirmProxy']> {
  const actor = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    // By the proxy's id, or by the family member's request id (which they may pass on to the senior or
    // the 居委). The requester gets the same refusal whether or not the request reached anyone.
    const invite = isInviteId(input.proxyId) ? await tx.get<PhoneInviteDoc>('phoneInvites', input.proxyId) : null;
    if (invite?.kind === 'proxy' && invite.requesterId === actor._id) throw new AppError('FORBIDDEN', '代理申请需要老人本人或本居委社工确认');
    const link = await tx.get<ProxyDoc>('proxies', invite ? (invite.kind === 'proxy' ? (invite.targetId ?? '') : '') : input.proxyId);
    if (!link || (invite && link.inviteId !== invite._id)) throw new AppError('NOT_FOUND', '找不到这条代理申请');
    const { senior, user: seniorUser } = await loadSenior(tx, link.seniorId);
    let via: Via;
    if (actor._id === senior._id) via = 'self';
    else if (actor._id !== link.userId && isStaffFor(actor, senior.committeeId)) via = viaOfStaff(actor);
    else throw new AppError('FORBIDDEN', '代理申请需要老人本人或本居委社工确认');
    if (link.state === 'removed') throw new AppError('CONFLICT', '这条代理申请已经撤销，请家属重新申请');
    if (link.state === 'confirmed') return proxyViewOf(link, new Names(ctx.store));
    const patch = { state: 'confirmed' as const, confirmedBy: actor._id, confirmedVia: via, confirmedAt: at, updatedAt: at, todoMessageIds: [] };
    await tx.update('proxies', link._id, patch);
    // Confirmed by one of those asked: the others' 请确认 is done too.
    await settleTodos(tx, link.todoMessageIds, at);
    await settleInvite(tx, link.inviteId, at);
    await setProxyGrant(tx, link.userId, senior._id, true, actor._id, at);
    await setProxyIds(tx, senior, link.userId, true, at);
    const family = await tx.get<UserDoc>('users', link.userId);
    await audit(tx, actor._id, senior._id, 'proxy.confirm', { proxyId: link._id, userId: link.userId, relation: link.relation }, at);
    await logAct(tx, {
      seniorId: senior._id,
      actorId: actor._id,
      via,
      kind: 'proxy.confirm',
      text: `${actorLabel(actor.name, via)}确认${family?.name ?? '家属'}（${link.relation}）为家属代理人`,
      refId: link._id,
      at,
    });
    await tell(tx, senior._id, [link.userId], 'senior.proxy', '代理申请已确认', `您已成为 ${seniorUser.name} 的家属代理人，可以代老人求助、确认服务`, at);
    if (via !== 'self') await touchDesk(tx, actor, at);
    return proxyViewOf({ ...link, ...patch }, new Names(ctx.store));
  });
}

export async function removeProxy(ctx: ServiceContext, input: ParsedInput<'seniors', 'removeProxy'>): Promise<SeniorsResults['removeProxy']> {
  const actor = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const link = await tx.get<ProxyDoc>('proxies', input.proxyId);
    if (!link) throw new AppError('NOT_FOUND', '找不到这条代理关系');
    const { senior, user: seniorUser } = await loadSenior(tx, link.seniorId);
    let via: Via;
    if (actor._id === senior._id) via = 'self';
    else if (actor._id === link.userId) via = 'proxy';
    else if (isStaffFor(actor, senior.committeeId)) via = viaOfStaff(actor);
    else throw new AppError('FORBIDDEN', '只有老人本人、代理人自己或本居委社工可以解除代理');
    if (link.state === 'removed') return proxyViewOf(link, new Names(ctx.store));
    const patch = { state: 'removed' as const, removedBy: actor._id, removedAt: at, updatedAt: at, todoMessageIds: [] };
    await tx.update('proxies', link._id, patch);
    await settleTodos(tx, link.todoMessageIds, at);
    await setProxyGrant(tx, link.userId, senior._id, false, actor._id, at);
    await setProxyIds(tx, senior, link.userId, false, at);
    const family = await tx.get<UserDoc>('users', link.userId);
    const what = link.state === 'proposed' ? '拒绝了' : '解除了';
    await audit(tx, actor._id, senior._id, 'proxy.remove', { proxyId: link._id, userId: link.userId, reason: input.reason ?? null }, at);
    await logAct(tx, {
      seniorId: senior._id,
      actorId: actor._id,
      via,
      kind: 'proxy.remove',
      text:
        via === 'proxy'
          ? `${actor.name}不再担任家属代理人${input.reason ? `：${input.reason}` : ''}`
          : `${actorLabel(actor.name, via)}${what}${family?.name ?? '家属'}的代理${input.reason ? `：${input.reason}` : ''}`,
      refId: link._id,
      at,
    });
    const others = [link.userId, ...seniorSide(senior)].filter((id) => id !== actor._id);
    await tell(tx, senior._id, others, 'senior.proxy', '家属代理已解除', `${actor.name}${what}${family?.name ?? '家属'}对 ${seniorUser.name} 的代理`, at);
    return proxyViewOf({ ...link, ...patch }, new Names(ctx.store));
  });
}
