/** Registration and the caller's own profile. */
import { randomUUID } from 'node:crypto';
import type { AccountResults, MeResult, ParsedInput } from '../api';
import { AppError } from '../errors';
import { PRIVACY_POLICY_VERSION, ageBand, maskPhone } from '../domain/people';
import { roleSet, type RoleGrant } from '../domain/roles';
import type { Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import { committeeViews, listCommittees, profileView } from './shared/directory';
import type { CommitteeDoc } from '../domain/street';
import type { SetupMarker } from '../domain/meta';
import { newVolunteerNumber } from './shared/sequences';
import { ownDeskConsent } from './desk-consent';

/** The uniqueness claim of a mobile number (its keyed hash): registration creates it, the admin's search reads it. */
export const phoneClaimKey = (ctx: ServiceContext, phone: string) => `phone:${ctx.secrets.lookupHash('phone', phone)}`;
const phoneKey = phoneClaimKey;

export async function meOf(ctx: ServiceContext, user: UserDoc | null): Promise<MeResult> {
  if (!user) return { registered: false, profile: null, roles: ['guest'] };
  return { registered: true, profile: await profileView(ctx.store, user, await ownDeskConsent(ctx.store, user)), roles: user.roles };
}

async function requireCommittee(tx: Tx, id: string): Promise<void> {
  if (!(await tx.get<CommitteeDoc>('committees', id))) {
    throw new AppError('VALIDATION', '请选择所在居委', [{ path: 'committeeId', message: '居委不存在' }]);
  }
}

async function claimPhone(ctx: ServiceContext, tx: Tx, phone: string, userId: string): Promise<string> {
  const key = phoneKey(ctx, phone);
  const claim = await tx.get<{ _id: string; userId: string }>('uniques', key);
  if (claim && claim.userId !== userId) {
    throw new AppError('CONFLICT', '这个手机号已经注册过，请换一个号码或联系居委', [{ path: 'phone', message: '已被使用' }]);
  }
  if (!claim) await tx.create('uniques', { _id: key, userId });
  return key;
}

export async function options(ctx: ServiceContext): Promise<AccountResults['options']> {
  const marker = await ctx.store.get<SetupMarker>('meta', 'setup');
  return {
    committees: committeeViews(await listCommittees(ctx.store)),
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    street: marker ? { name: marker.streetName, code: marker.streetCode, sample: marker.sample === true } : null,
  };
}

export async function me(ctx: ServiceContext): Promise<MeResult> {
  return meOf(ctx, ctx.actor.user);
}

export async function register(ctx: ServiceContext, input: ParsedInput<'account', 'register'>): Promise<MeResult> {
  if (input.consentVersion !== PRIVACY_POLICY_VERSION) {
    throw new AppError('VALIDATION', '请阅读并同意最新的隐私政策', [{ path: 'consentVersion', message: '版本已更新' }]);
  }
  const now = ctx.now();
  const band = ageBand(input.birthYear, now);
  if (band === 'underage') {
    throw new AppError('VALIDATION', '未满 14 周岁不能注册成为志愿者', [{ path: 'birthYear', message: '未满 14 周岁' }]);
  }
  if (band === 'minor' && !input.guardian) {
    throw new AppError('VALIDATION', '14 至 17 周岁需要监护人同意并填写监护人信息', [{ path: 'guardian', message: '必填' }]);
  }
  if (band === 'adult' && input.guardian) {
    throw new AppError('VALIDATION', '成年人不需要填写监护人', [{ path: 'guardian', message: '不需要' }]);
  }
  const at = now.toISOString();
  const user = await ctx.mutate(async (tx) => {
    if (await tx.get('identities', ctx.actor.openid)) throw new AppError('ALREADY_REGISTERED');
    await requireCommittee(tx, input.committeeId);
    const userId = `u_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    // Drawn in this transaction: if anything below refuses (a phone already used …), no number is taken.
    const volunteerNo = await newVolunteerNumber(tx, now);
    await claimPhone(ctx, tx, input.phone, userId);
    const grants: RoleGrant[] = [{ role: 'volunteer', grantedBy: userId, grantedAt: at }];
    const doc: UserDoc = {
      _id: userId,
      name: input.name,
      phoneEnc: ctx.secrets.encrypt(input.phone),
      phoneHash: ctx.secrets.lookupHash('phone', input.phone),
      phoneMasked: maskPhone(input.phone),
      birthYear: input.birthYear,
      committeeId: input.committeeId,
      elderMode: input.elderMode ?? false,
      consent: { version: input.consentVersion, at },
      grants,
      roles: roleSet(grants),
      createdAt: at,
      updatedAt: at,
      volunteerNo,
    };
    if (input.guardian) {
      doc.guardian = {
        name: input.guardian.name,
        relation: input.guardian.relation,
        phoneEnc: ctx.secrets.encrypt(input.guardian.phone),
        phoneMasked: maskPhone(input.guardian.phone),
        consentAt: at,
      };
    }
    await tx.create('users', doc);
    await tx.create('identities', { _id: ctx.actor.openid, userId });
    return meOf(ctx, doc);
  });
  return user;
}

export async function updateProfile(ctx: ServiceContext, input: ParsedInput<'account', 'updateProfile'>): Promise<MeResult> {
  const userId = requireUser(ctx)._id;
  return ctx.mutate(async (tx) => {
    const user = await tx.get<UserDoc>('users', userId);
    if (!user) throw new AppError('NOT_FOUND');
    const patch: Partial<UserDoc> = { updatedAt: ctx.now().toISOString() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.elderMode !== undefined) patch.elderMode = input.elderMode;
    if (input.committeeId !== undefined) {
      await requireCommittee(tx, input.committeeId);
      patch.committeeId = input.committeeId;
    }
    if (input.phone !== undefined) {
      const newKey = await claimPhone(ctx, tx, input.phone, userId);
      const oldKey = `phone:${user.phoneHash}`;
      if (oldKey !== newKey) await tx.remove('uniques', oldKey);
      patch.phoneEnc = ctx.secrets.encrypt(input.phone);
      patch.phoneHash = ctx.secrets.lookupHash('phone', input.phone);
      patch.phoneMasked = maskPhone(input.phone);
    }
    await tx.update('users', userId, patch);
    return meOf(ctx, { ...user, ...patch });
  });
}
