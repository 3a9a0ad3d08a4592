/** Pairs (`pairs/<id>`): the social worker confirms, rejects and ends them; everyone lists theirs. */
import { randomUUID } from 'node:crypto';
import type { ParsedInput, PartnersResults } from '../../api';
import { AppError } from '../../errors';
import { pairCost, resolveOptions } from '../../domain/pairing';
import { servedCommittees, type SeniorDoc } from '../../domain/seniors';
import type { CareDoc, PairDoc, PartnerDoc } from '../../domain/partners';
import { isAdmin, isStaffFor } from '../../domain/scope';
import type { Tx } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { Names } from '../shared/ledger-views';
import { loadSenior, logAct, touchDesk } from '../shared/acting';
import { audit } from '../shared/audit';
import { committeeWhere, staffCommittees, staffVia } from './access';
import { excludeIn, newCare } from './care';
import { tellUsers } from './messages';
import { toPairingSenior, toPairingVolunteer } from './suggestions';
import { Exclusions, pairView } from './views';

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** Ends an active pair inside `tx`: history kept, the senior unpaired, the partner's load freed. */
async function endPair(
  tx: Tx,
  pair: PairDoc,
  partner: PartnerDoc | null,
  care: CareDoc,
  by: string,
  reason: string,
  at: string,
): Promise<{ pair: PairDoc; care: CareDoc; partner: PartnerDoc | null }> {
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

/** Partners read or written by one transaction, so several pairs with one volunteer see each other. */
class PartnersInTx {
  private readonly docs = new Map<string, PartnerDoc | null>();
  constructor(private readonly tx: Tx) {}

  async get(id: string): Promise<PartnerDoc | null> {
    if (!this.docs.has(id)) this.docs.set(id, await this.tx.get<PartnerDoc>('partners', id));
    return this.docs.get(id)!;
  }

  set(id: string, doc: PartnerDoc | null): void {
    this.docs.set(id, doc);
  }
}

/** The new pair's document; its reasons use the same costs as the suggestions (no distance limit: the social worker decided). */
function newPair(senior: SeniorDoc, care: CareDoc, holder: PartnerDoc, by: string, at: string): PairDoc {
  const c = pairCost(toPairingSenior(senior, care), toPairingVolunteer(holder), { ...resolveOptions(), maxDistanceM: Number.MAX_SAFE_INTEGER });
  return {
    _id: newId('pr'),
    seniorId: senior._id,
    volunteerId: holder._id,
    committeeId: senior.committeeId,
    state: 'active',
    source: 'suggestion',
    cost: c?.cost ?? null,
    reasons: c ? [c.distanceM === null ? '位置未登记' : `相距约 ${c.distanceM} 米`, c.sameCommittee ? '同一居委' : '不同居委'] : [],
    createdAt: at,
    createdBy: by,
    endedAt: null,
    endedBy: null,
    endReason: null,
  };
}

/**
 * Pairs one senior with one volunteer inside `tx`: the same pair again is kept as it is; another
 * active pair is ended first when `replace` is asked, else refused.
 */
async function confirmPair(
  tx: Tx,
  partners: PartnersInTx,
  me: UserDoc,
  ref: { seniorId: string; volunteerId: string },
  replace: boolean,
  at: string,
): Promise<{ pair: PairDoc; excluded: boolean }> {
  const { seniorId, volunteerId } = ref;
  const { senior, user } = await loadSenior(tx, seniorId);
  if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', `只能为本居委的老人结对（${user.name}）`);
  let care = (await tx.get<CareDoc>('care', seniorId)) ?? newCare(senior, at);
  const volunteer = await tx.get<UserDoc>('users', volunteerId);
  const partner = await partners.get(volunteerId);
  if (!volunteer || !partner || partner.state !== 'active') throw new AppError('NOT_FOUND', '这位志愿者不是老伙伴（或已退出）');
  if (volunteerId === seniorId) throw new AppError('VALIDATION', '老人不能和自己结对');
  if (care.paired && care.pairId) {
    const current = await tx.get<PairDoc>('pairs', care.pairId);
    if (current && current.state === 'active' && current.volunteerId === volunteerId) return { pair: current, excluded: care.rejected.includes(volunteerId) };
    if (!replace) throw new AppError('CONFLICT', `${user.name}已经有老伙伴了；要更换请选择“更换老伙伴”`);
    if (current && current.state === 'active') {
      const ended = await endPair(tx, current, await partners.get(current.volunteerId), care, me._id, '社工更换老伙伴', at);
      care = ended.care;
      partners.set(current.volunteerId, ended.partner);
      await tellUsers(tx, seniorId, [current.volunteerId], 'partner.ended', `结对调整：${user.name}`, `居委社工为${user.name}更换了老伙伴，感谢您的陪伴`, at);
    }
  }
  const holder = (await partners.get(volunteerId))!;
  if (holder.seniorIds.length >= holder.capacity) throw new AppError('CAPACITY_FULL', `${volunteer.name}已结对 ${holder.seniorIds.length} 位老人，名额已满`);
  const pair = newPair(senior, care, holder, me._id, at);
  await tx.create('pairs', pair);
  const nextPartner: PartnerDoc = { ...holder, seniorIds: [...holder.seniorIds, seniorId], updatedAt: at };
  partners.set(volunteerId, nextPartner);
  await tx.set('partners', nextPartner);
  const nextCare: CareDoc = { ...care, paired: true, partnerId: volunteerId, pairId: pair._id, pairedAt: at, anchorAt: at, ladder: [], updatedAt: at };
  await tx.set('care', nextCare);
  // One-tap help (services/alerts.ts) finds the partner through this field.
  await tx.update('seniors', seniorId, { partnerId: volunteerId, updatedAt: at });
  await logAct(tx, {
    seniorId,
    actorId: me._id,
    via: staffVia(me),
    kind: 'partner.pair',
    text: `${me.name}为老人结对老伙伴${volunteer.name}`,
    refId: pair._id,
    at,
  });
  await audit(tx, me._id, seniorId, 'partner.pair', { pairId: pair._id, volunteerId }, at);
  await tellUsers(
    tx,
    seniorId,
    [volunteerId],
    'partner.paired',
    `新结对：${user.name}`,
    `居委社工为您结对了${user.name}，请在 24 小时内第一次联系，之后每周至少两次。老人的地址和电话在“老人卡片”里查看`,
    at,
  );
  return { pair, excluded: nextCare.rejected.includes(volunteerId) };
}

export async function confirm(ctx: ServiceContext, input: ParsedInput<'partners', 'confirm'>): Promise<PartnersResults['confirm']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  const seniorsSeen = new Set<string>();
  for (const p of input.pairs) {
    if (seniorsSeen.has(p.seniorId)) throw new AppError('VALIDATION', '同一位老人只能确认一位老伙伴', [{ path: 'pairs', message: '老人重复' }]);
    seniorsSeen.add(p.seniorId);
  }
  return ctx.mutate(async (tx) => {
    const partners = new PartnersInTx(tx);
    const out: Array<{ pair: PairDoc; excluded: boolean }> = [];
    for (const ref of input.pairs) out.push(await confirmPair(tx, partners, me, ref, !!input.replace, at));
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
    const care2 = suggestAgain
      ? ended.care
      : excludeIn(ended.care, { volunteerId: p.volunteerId, from: 'end', reason: input.reason, pairId: p._id, by: me._id, at }, at);
    if (care2 !== ended.care) await tx.set('care', care2);
    const volunteerName = (await tx.get<UserDoc>('users', p.volunteerId))?.name ?? '老伙伴';
    const again = suggestAgain ? '以后还可以推荐' : '以后不再推荐';
    await logAct(tx, {
      seniorId: p.seniorId,
      actorId: me._id,
      via: staffVia(me),
      kind: 'partner.end',
      text: `${me.name}结束了与老伙伴${volunteerName}的结对（${again}）：${input.reason}`,
      refId: p._id,
      at,
    });
    await audit(tx, me._id, p.seniorId, 'partner.end', { pairId: p._id, volunteerId: p.volunteerId, reason: input.reason, suggestAgain }, at);
    await tellUsers(
      tx,
      p.seniorId,
      [p.volunteerId],
      'partner.ended',
      `结对结束：${user.name}`,
      `居委社工结束了您与${user.name}的结对（${input.reason}），感谢您的陪伴`,
      at,
    );
    return pairView(tx, ended.pair, new Names(tx), care2.rejected.includes(p.volunteerId));
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
