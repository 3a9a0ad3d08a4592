/**
 * A senior registered at the 居委's desk binds her own WeChat to her record (domain/wechat-binding.ts):
 * the social worker issues a six-digit code (`seniors.issueBindCode`, then shown by `seniors.wechatBinding`),
 * and whoever opens the mini-program on the senior's phone types it (`account.bindSenior`). The code
 * is derived again whenever it is shown, never stored; one code at a time, used once, for 24 hours.
 */
import { randomBytes } from 'node:crypto';
import type { AccountResults, ParsedInput, SeniorsResults, WechatBindingView } from '../api';
import { AppError } from '../errors';
import { BIND_CODE_ATTEMPTS } from '../domain/rate-limit';
import { isStaffFor } from '../domain/scope';
import type { SeniorDoc } from '../domain/seniors';
import type { UserDoc } from '../domain/people';
import { bindClaimKey, bindCodeDigits, bindCodeExpiry, bindCodeSource, isLive, type BindClaimDoc, type BindCodeState } from '../domain/wechat-binding';
import { meOf } from './account';
import { takeRateLimited } from './rate-limit';
import { logAct } from './shared/acting';
import { audit } from './shared/audit';
import { requireUser, type ServiceContext } from './shared/context';
import type { Store, Tx } from '../store/port';

const WRONG_CODE = '绑定码不对或已经过期，请核对后再输入，或请居委社工重新生成一个';

function codeOf(ctx: ServiceContext, seniorId: string, state: Pick<BindCodeState, 'issuedAt' | 'nonce'>): { digits: string; key: string } {
  const digits = bindCodeDigits(ctx.secrets.lookupHash('bindCodeOf', bindCodeSource(seniorId, state.issuedAt, state.nonce)));
  return { digits, key: bindClaimKey(ctx.secrets.lookupHash('bindCode', digits)) };
}

function viewOf(ctx: ServiceContext, senior: SeniorDoc, wechatCount: number): WechatBindingView {
  const live = senior.bindCode && isLive(senior.bindCode.expiresAt, ctx.now()) ? senior.bindCode : null;
  return {
    seniorId: senior._id,
    code: live ? { digits: codeOf(ctx, senior._id, live).digits, expiresAt: live.expiresAt } : null,
    boundAt: senior.wechat?.boundAt ?? null,
    wechatCount,
  };
}

/** The WeChats that sign in as this person (identities by user id: a query, so outside transactions). */
export async function identitiesOf(store: Pick<Store, 'find'>, userId: string): Promise<string[]> {
  return (await store.find<{ _id: string; userId: string }>('identities', { where: { userId }, limit: 20 })).items.map((i) => i._id);
}

/**
 * Inside a transaction: every WeChat that signs in as the senior loses it (those `found` by the
 * query before it, and the one her binding names), each re-read by id. Returns how many.
 */
export async function unbindAll(tx: Tx, senior: SeniorDoc, found: readonly string[]): Promise<number> {
  const openids = new Set([...found, ...(senior.wechat ? [senior.wechat.openid] : [])]);
  let unbound = 0;
  for (const openid of openids) {
    const identity = await tx.get<{ _id: string; userId: string }>('identities', openid);
    if (identity?.userId !== senior._id) continue;
    await tx.remove('identities', openid);
    unbound += 1;
  }
  return unbound;
}

async function staffSenior(ctx: ServiceContext, reader: Pick<ServiceContext['store'], 'get'>, seniorId: string): Promise<SeniorDoc> {
  const me = requireUser(ctx);
  const senior = await reader.get<SeniorDoc>('seniors', seniorId);
  if (!senior) throw new AppError('NOT_FOUND', '找不到这位老人');
  if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能为本居委的老人办理微信绑定');
  return senior;
}

/** `seniors.wechatBinding`: the code in force (derived again, never stored) and when her WeChat was bound. */
export async function wechatBinding(ctx: ServiceContext, input: ParsedInput<'seniors', 'wechatBinding'>): Promise<SeniorsResults['wechatBinding']> {
  const senior = await staffSenior(ctx, ctx.store, input.seniorId);
  return viewOf(ctx, senior, (await identitiesOf(ctx.store, senior._id)).length);
}

/**
 * `seniors.unbindWechat`: every WeChat that signs in as the senior loses it (a lost or passed-on
 * phone could otherwise spend her credits); the 居委 can issue a new code for her next phone.
 */
export async function unbindWechat(ctx: ServiceContext, input: ParsedInput<'seniors', 'unbindWechat'>): Promise<SeniorsResults['unbindWechat']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  await staffSenior(ctx, ctx.store, input.seniorId);
  const found = await identitiesOf(ctx.store, input.seniorId);
  return ctx.mutate(async (tx) => {
    const senior = await staffSenior(ctx, tx, input.seniorId);
    const unbound = await unbindAll(tx, senior, found);
    await tx.update('seniors', senior._id, { wechat: null, updatedAt: at });
    const text = unbound ? `社工解除了老人 ${unbound} 个微信的绑定：${input.reason}` : `社工确认老人档案没有绑定的微信：${input.reason}`;
    await logAct(tx, { seniorId: senior._id, actorId: me._id, via: 'socialWorker', kind: 'wechat.unbound', text, at });
    await audit(tx, me._id, senior._id, 'senior.wechatUnbound', { unbound, reason: input.reason }, at);
    // Not the view: a live code's digits must not be kept with the request (wechatBinding shows them).
    return { seniorId: senior._id, unbound };
  });
}

/** `seniors.issueBindCode`: a new code; the one before stops working. */
export async function issueBindCode(ctx: ServiceContext, input: ParsedInput<'seniors', 'issueBindCode'>): Promise<SeniorsResults['issueBindCode']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const issuedAt = now.toISOString();
  // Two codes issued in the same millisecond still differ.
  const nonce = randomBytes(6).toString('base64url');
  const { key } = codeOf(ctx, input.seniorId, { issuedAt, nonce });
  return ctx.mutate(async (tx) => {
    const senior = await staffSenior(ctx, tx, input.seniorId);
    const user = await tx.get<UserDoc>('users', senior._id);
    if (!user || user.closedAt) throw new AppError('NOT_FOUND', '这位老人的账号已注销');
    const taken = await tx.get<BindClaimDoc>('uniques', key);
    // Two live codes alike (one in a million per code in force): a new tap draws another.
    if (taken && taken.userId !== senior._id && isLive(taken.expiresAt, now)) throw new AppError('CONFLICT', '生成绑定码时撞号了，请再点一次');
    // The code before stops working; its claim goes unless an expired one was since taken by another senior's code.
    const before = senior.bindCode ? await tx.get<BindClaimDoc>('uniques', senior.bindCode.key) : null;
    if (before?.userId === senior._id && before._id !== key) await tx.remove('uniques', before._id);
    const bindCode: BindCodeState = { key, nonce, issuedAt, expiresAt: bindCodeExpiry(now), issuedBy: me._id };
    await tx.set<BindClaimDoc>('uniques', { _id: key, userId: senior._id, expiresAt: bindCode.expiresAt });
    await tx.update('seniors', senior._id, { bindCode, updatedAt: issuedAt });
    await logAct(tx, {
      seniorId: senior._id,
      actorId: me._id,
      via: 'socialWorker',
      kind: 'wechat.code',
      text: '生成微信绑定码（24 小时内有效）',
      at: issuedAt,
    });
    await audit(tx, me._id, senior._id, 'senior.bindCode', { expiresAt: bindCode.expiresAt }, issuedAt);
    // Not the digits: the answer is kept for retries, and the code is never stored (wechatBinding shows it).
    return { seniorId: senior._id, expiresAt: bindCode.expiresAt };
  });
}

/**
 * `account.bindSenior`: the caller's WeChat (not registered yet) becomes the senior's own login. A
 * WeChat bound through an earlier code is unbound; each attempt counts against the caller's limit.
 */
export async function bindSenior(ctx: ServiceContext, input: ParsedInput<'account', 'bindSenior'>): Promise<AccountResults['bindSenior']> {
  const openid = ctx.actor.openid;
  if (ctx.actor.user)
    throw new AppError('ALREADY_REGISTERED', '这个微信已经注册过；家属请在首页点“替家中老人办理”申请成为家属代理人，老人本人请用自己的微信输入绑定码');
  const now = ctx.now();
  const at = now.toISOString();
  await takeRateLimited(ctx.store, ctx.log, BIND_CODE_ATTEMPTS, openid, now, { subjectId: openid, detail: {} });
  const key = bindClaimKey(ctx.secrets.lookupHash('bindCode', input.code));
  return ctx.mutate(async (tx) => {
    if (await tx.get('identities', openid)) throw new AppError('ALREADY_REGISTERED');
    const claim = await tx.get<BindClaimDoc>('uniques', key);
    const senior = claim ? await tx.get<SeniorDoc>('seniors', claim.userId) : null;
    const user = senior ? await tx.get<UserDoc>('users', senior._id) : null;
    if (!claim || !senior || !user || user.closedAt || senior.bindCode?.key !== key || !isLive(senior.bindCode.expiresAt, now)) {
      throw new AppError('VALIDATION', WRONG_CODE, [{ path: 'code', message: '绑定码不对或已过期' }]);
    }
    if (senior.wechat) await tx.remove('identities', senior.wechat.openid);
    await tx.create('identities', { _id: openid, userId: senior._id });
    await tx.remove('uniques', key);
    await tx.update('seniors', senior._id, { bindCode: null, wechat: { openid, boundAt: at }, updatedAt: at });
    const text = senior.wechat ? '老人的微信已换绑（用绑定码，原来绑定的微信已解除）' : '老人本人的微信已绑定（用绑定码）';
    await logAct(tx, { seniorId: senior._id, actorId: senior._id, via: 'self', kind: 'wechat.bound', text, at });
    await audit(tx, senior._id, senior._id, 'senior.wechatBound', { replaced: !!senior.wechat }, at);
    // The answer (and what a retry gets) is her profile, as registration answers.
    return meOf(ctx, user);
  });
}
