/**
 * Alerts about a senior. One-tap help (一键求助) raises one at once to the paired 老伙伴 volunteer
 * (when a pairing exists) and to the social workers of the senior's 居委, with their numbers to
 * call; each alert keeps its time, who was told, who saw it and when, every step, and who closed it
 * and how. The 老伙伴 feature adds kinds (an unreachable senior and its escalation) on the same
 * documents: `raiseAlert` and `addStep` are the pieces it composes.
 */
import { randomUUID } from 'node:crypto';
import type { AlertDetail, AlertView, CallEntry, HelpResults, ParsedInput } from '../api';
import { AppError } from '../errors';
import {
  ALERT_CLOSE_LABELS,
  ALERT_KIND_LABELS,
  ALERT_STEP_LABELS,
  EMERGENCY_NUMBERS,
  type AlertDoc,
  type AlertKind,
  type AlertStep,
  type AlertStepKind,
} from '../domain/alerts';
import { ageInYear } from '../domain/people';
import { VIA_LABELS, proxiedSeniors, servedCommittees, type ActorKind, type SeniorDoc } from '../domain/seniors';
import type { Store, Tx } from '../store/port';
import { requireUser, type ServiceContext, type UserDoc } from './context';
import { committeeName } from './directory';
import { Names } from './ledger-views';
import {
  actingFor,
  actorLabel,
  audit,
  auditRead,
  isAdmin,
  isStaffFor,
  loadSenior,
  logAct,
  partnerOf,
  seniorAddress,
  seniorContacts,
  seniorPhone,
  seniorSide,
  socialWorkersOf,
  tell,
  type Acting,
} from './acting';

// ---------------------------------------------------------------- views

export async function alertViewOf(store: Store, a: AlertDoc, names: Names): Promise<AlertView> {
  const seen = new Map(a.seenBy.map((s) => [s.userId, s.at]));
  const recipients = [
    ...(a.partnerId ? [{ userId: a.partnerId, role: 'partner' as const }] : []),
    ...a.socialWorkerIds.map((userId) => ({ userId, role: 'socialWorker' as const })),
  ];
  return {
    id: a._id,
    kind: a.kind,
    kindText: ALERT_KIND_LABELS[a.kind],
    seniorId: a.seniorId,
    seniorName: await names.userName(a.seniorId),
    committeeName: await committeeName(store, a.committeeId),
    state: a.state,
    raisedAt: a.raisedAt,
    raisedByName: await names.userName(a.raisedBy),
    raisedVia: a.raisedVia,
    raisedViaText: VIA_LABELS[a.raisedVia],
    note: a.note,
    recipients: await Promise.all(
      recipients.map(async (r) => ({
        userId: r.userId,
        name: await names.userName(r.userId),
        role: r.role,
        roleText: r.role === 'partner' ? '老伙伴' : '居委社工',
        seenAt: seen.get(r.userId) ?? null,
      })),
    ),
    steps: await Promise.all(
      a.steps.map(async (s) => ({ at: s.at, kind: s.kind, kindText: ALERT_STEP_LABELS[s.kind], actorName: await names.userName(s.actorId), note: s.note })),
    ),
    closedByName: a.closedBy ? await names.userName(a.closedBy) : null,
    closedAt: a.closedAt,
    closeHow: a.closeHow,
    closeHowText: a.closeHow ? ALERT_CLOSE_LABELS[a.closeHow] : null,
    closeNote: a.closeNote,
  };
}

type Role = 'recipient' | 'staff' | 'seniorSide';

function roleOf(user: UserDoc, a: AlertDoc, senior: SeniorDoc): Role | null {
  if (a.partnerId === user._id || senior.partnerId === user._id || a.socialWorkerIds.includes(user._id)) return 'recipient';
  if (isStaffFor(user, a.committeeId)) return 'staff';
  if (user._id === a.seniorId) return 'seniorSide';
  if (senior.proxyIds.includes(user._id) && proxiedSeniors(user.grants).includes(a.seniorId)) return 'seniorSide';
  return null;
}

async function loadAlert(reader: Pick<Tx, 'get'>, id: string): Promise<AlertDoc> {
  const a = await reader.get<AlertDoc>('alerts', id);
  if (!a) throw new AppError('NOT_FOUND', '找不到这条求助警报');
  return a;
}

// ---------------------------------------------------------------- composable pieces

/** Appends a step (and re-reads nothing): callers hold the alert read in the same transaction. */
export async function addStep(tx: Tx, a: AlertDoc, added: AlertStep, patch: Partial<AlertDoc> = {}): Promise<AlertDoc> {
  const next: AlertDoc = { ...a, ...patch, steps: [...a.steps, added], updatedAt: added.at };
  await tx.update('alerts', a._id, { ...patch, steps: next.steps, updatedAt: added.at });
  return next;
}

/**
 * Raises an alert about a senior inside `tx` and tells the partner and the 居委's social workers.
 * While an alert of the senior is open, another raise joins it as a 'repeat' step.
 */
export async function raiseAlert(
  tx: Tx,
  acting: Pick<Acting, 'actor' | 'senior' | 'seniorUser'> & { via: ActorKind },
  kind: AlertKind,
  note: string,
  at: string,
  committeeLabel: string,
): Promise<AlertDoc> {
  const { actor, senior, seniorUser, via } = acting;
  const who = actorLabel(actor.name, via);
  const current = senior.openAlertId ? await tx.get<AlertDoc>('alerts', senior.openAlertId) : null;
  if (current && current.state === 'open') {
    const next = await addStep(tx, current, { at, kind: 'repeat', actorId: actor._id, note: note || `${who}再次求助` });
    await tell(tx, recipientIds(next), 'alert.raised', `再次求助：${seniorUser.name}`.slice(0, 40), `${seniorUser.name}（${committeeLabel}）又按了一键求助，请尽快联系`, at);
    await logAct(tx, { seniorId: senior._id, actorId: actor._id, via, kind: 'alert.repeat', text: `${who}再次按下一键求助`, refId: next._id, at });
    return next;
  }
  const partner = await partnerOf(tx, senior);
  const staff = await socialWorkersOf(tx, senior.committeeId);
  const told = [...(partner ? [`老伙伴${partner.name}`] : []), ...staff.map((s) => `社工${s.name}`)];
  const doc: AlertDoc = {
    _id: `al_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    kind,
    seniorId: senior._id,
    committeeId: senior.committeeId,
    state: 'open',
    raisedAt: at,
    raisedBy: actor._id,
    raisedVia: via,
    note,
    partnerId: partner?._id ?? null,
    socialWorkerIds: staff.map((s) => s._id),
    steps: [
      { at, kind: 'raised', actorId: actor._id, note: note || `${who}按下一键求助` },
      { at, kind: 'notified', actorId: 'system', note: told.length ? `已通知：${told.join('、')}` : '本居委暂无社工登记，请居委尽快处理' },
    ],
    seenBy: [],
    closedBy: null,
    closedAt: null,
    closeHow: null,
    closeNote: null,
    updatedAt: at,
  };
  await tx.create('alerts', doc);
  await tx.update('seniors', senior._id, { openAlertId: doc._id, updatedAt: at });
  senior.openAlertId = doc._id;
  const by = via === 'self' ? '' : `（由${who}代按）`;
  await tell(
    tx,
    recipientIds(doc),
    'alert.raised',
    `紧急求助：${seniorUser.name}`.slice(0, 40),
    `${seniorUser.name}（${committeeLabel}）按下了一键求助${by}${note ? `：${note}` : ''}。请立即电话联系或上门查看，处理后在小程序里结束`,
    at,
  );
  await logAct(tx, { seniorId: senior._id, actorId: actor._id, via, kind: 'alert.raise', text: `${who}按下一键求助；${doc.steps[1]!.note}`, refId: doc._id, at });
  return doc;
}

const recipientIds = (a: AlertDoc): string[] => [...(a.partnerId ? [a.partnerId] : []), ...a.socialWorkerIds];

// ---------------------------------------------------------------- actions

export async function raise(ctx: ServiceContext, input: ParsedInput<'help', 'alert'>): Promise<HelpResults['alert']> {
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const acting = await actingFor(ctx, tx, input.seniorId);
    const committeeLabel = await committeeName(ctx.store, acting.senior.committeeId);
    const alert = await raiseAlert(tx, acting, 'help', input.note ?? '', at, committeeLabel);
    return alertViewOf(ctx.store, alert, new Names(ctx.store));
  });
}

/** The numbers on the one-tap help page; the senior's own contacts opened by someone else are logged. */
export async function callList(ctx: ServiceContext, input: ParsedInput<'help', 'callList'>): Promise<HelpResults['callList']> {
  const { actor, senior, seniorUser, via } = await actingFor(ctx, ctx.store, input.seniorId);
  const contacts: CallEntry[] = [];
  const partner = await partnerOf(ctx.store, senior);
  if (partner?.phoneEnc) contacts.push({ kind: 'partner', label: '老伙伴', name: partner.name, phone: ctx.secrets.decrypt(partner.phoneEnc) });
  for (const s of await socialWorkersOf(ctx.store, senior.committeeId)) {
    if (s.phoneEnc) contacts.push({ kind: 'socialWorker', label: '居委社工', name: s.name, phone: ctx.secrets.decrypt(s.phoneEnc) });
  }
  for (const c of seniorContacts(ctx, senior)) contacts.push({ kind: 'emergencyContact', label: c.relation, name: c.name, phone: c.phone });
  for (const n of EMERGENCY_NUMBERS) contacts.push({ kind: 'emergencyService', label: n.label, name: n.label, phone: n.phone });
  if (via !== 'self') {
    await auditRead(ctx.store, actor._id, senior._id, 'senior.contacts.open', { via, fields: ['emergencyContacts'] }, ctx.now().toISOString());
  }
  return { seniorName: seniorUser.name, contacts };
}

export async function list(ctx: ServiceContext, input: ParsedInput<'help', 'alerts'>): Promise<HelpResults['alerts']> {
  const me = requireUser(ctx);
  let where: Record<string, unknown>;
  let stateInIndex = false;
  if (input.seniorId) {
    const { senior } = await actingFor(ctx, ctx.store, input.seniorId);
    where = { seniorId: senior._id };
  } else if (servedCommittees(me.grants).length || isAdmin(me)) {
    const served = servedCommittees(me.grants);
    where = served.length ? { committeeId: served.length === 1 ? served[0]! : { in: served } } : {};
    if (input.state) {
      where.state = input.state;
      stateInIndex = true;
    }
  } else if (me.roles.includes('senior') && (await ctx.store.get('seniors', me._id))) {
    where = { seniorId: me._id };
  } else if (proxiedSeniors(me.grants).length) {
    const ids = proxiedSeniors(me.grants);
    where = { seniorId: ids.length === 1 ? ids[0]! : { in: ids } };
  } else {
    where = { partnerId: me._id };
  }
  const page = await ctx.store.find<AlertDoc>('alerts', {
    where: where as never,
    orderBy: { field: 'raisedAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const items = stateInIndex || !input.state ? page.items : page.items.filter((a) => a.state === input.state);
  return { items: await Promise.all(items.map((a) => alertViewOf(ctx.store, a, names))), next: page.next };
}

/**
 * An alert as its recipient opens it: the senior's address, phone and emergency contacts to act on,
 * with the opening logged in `audit` and recorded on the alert as seen (who and when).
 */
export async function detail(ctx: ServiceContext, input: ParsedInput<'help', 'alertDetail'>): Promise<HelpResults['alertDetail']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  let alert = await loadAlert(ctx.store, input.alertId);
  const { senior, user } = await loadSenior(ctx.store, alert.seniorId);
  const role = roleOf(me, alert, senior);
  if (!role) throw new AppError('FORBIDDEN', '只有收到警报的老伙伴、本居委社工和老人一方可以查看');
  let seniorInfo: AlertDetail['senior'] = null;
  if (role !== 'seniorSide') {
    alert = await ctx.store.transaction(async (tx) => {
      const a = await loadAlert(tx, input.alertId);
      await audit(tx, me._id, a.seniorId, 'senior.open', { alertId: a._id, fields: ['address', 'phone', 'emergencyContacts'] }, at);
      if (a.seenBy.some((s) => s.userId === me._id)) return a;
      return addStep(tx, a, { at, kind: 'seen', actorId: me._id, note: `${me.name}已查看` }, { seenBy: [...a.seenBy, { userId: me._id, at }] });
    });
    seniorInfo = {
      name: user.name,
      age: ageInYear(user.birthYear, now),
      address: seniorAddress(ctx, senior),
      phone: seniorPhone(ctx, user),
      livingAlone: senior.livingAlone,
      emergencyContacts: seniorContacts(ctx, senior),
    };
  }
  return { ...(await alertViewOf(ctx.store, alert, new Names(ctx.store))), senior: seniorInfo };
}

export async function addAlertStep(ctx: ServiceContext, input: ParsedInput<'help', 'alertStep'>): Promise<HelpResults['alertStep']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadAlert(tx, input.alertId);
    const { senior } = await loadSenior(tx, a.seniorId);
    const role = roleOf(me, a, senior);
    if (!role) throw new AppError('FORBIDDEN', '只有收到警报的人可以记录处理情况');
    if (role === 'seniorSide' && input.kind !== 'note') throw new AppError('FORBIDDEN', '老人和家属可以留言；电话、上门由老伙伴或社工记录');
    if (a.state !== 'open') throw new AppError('WRONG_STATE', '这条警报已经结束');
    const kind: AlertStepKind = input.kind;
    const patch = role === 'seniorSide' || a.seenBy.some((s) => s.userId === me._id) ? {} : { seenBy: [...a.seenBy, { userId: me._id, at }] };
    const next = await addStep(tx, a, { at, kind, actorId: me._id, note: input.note }, patch);
    await logAct(tx, {
      seniorId: a.seniorId,
      actorId: me._id,
      via: role === 'seniorSide' ? (me._id === a.seniorId ? 'self' : 'proxy') : a.partnerId === me._id ? 'partner' : isAdmin(me) && !servedCommittees(me.grants).length ? 'admin' : 'socialWorker',
      kind: `alert.${kind}`,
      text: `${me.name}：${ALERT_STEP_LABELS[kind]}，${input.note}`,
      refId: a._id,
      at,
    });
    return alertViewOf(ctx.store, next, new Names(ctx.store));
  });
}

export async function close(ctx: ServiceContext, input: ParsedInput<'help', 'closeAlert'>): Promise<HelpResults['closeAlert']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadAlert(tx, input.alertId);
    const { senior, user } = await loadSenior(tx, a.seniorId);
    const role = roleOf(me, a, senior);
    if (!role) throw new AppError('FORBIDDEN', '只有收到警报的人、社工或老人一方可以结束警报');
    if (a.state === 'closed') return alertViewOf(ctx.store, a, new Names(ctx.store));
    if (role === 'seniorSide' && input.how !== 'false_alarm') {
      throw new AppError('FORBIDDEN', '老人和家属只能标记为“误按”；其他情况由老伙伴或社工处理后结束');
    }
    const how = ALERT_CLOSE_LABELS[input.how];
    const next = await addStep(
      tx,
      a,
      { at, kind: 'closed', actorId: me._id, note: `${how}${input.note ? `：${input.note}` : ''}` },
      { state: 'closed', closedBy: me._id, closedAt: at, closeHow: input.how, closeNote: input.note ?? null },
    );
    if (senior.openAlertId === a._id) await tx.update('seniors', senior._id, { openAlertId: null, updatedAt: at });
    const via: ActorKind =
      role === 'seniorSide' ? (me._id === a.seniorId ? 'self' : 'proxy') : a.partnerId === me._id ? 'partner' : isAdmin(me) && !servedCommittees(me.grants).length ? 'admin' : 'socialWorker';
    await logAct(tx, { seniorId: a.seniorId, actorId: me._id, via, kind: 'alert.close', text: `${actorLabel(me.name, via)}结束了一键求助：${next.steps.at(-1)!.note}`, refId: a._id, at });
    const others = [...recipientIds(a), ...seniorSide(senior)].filter((id) => id !== me._id);
    await tell(tx, others, 'alert.closed', `求助已结束：${user.name}`.slice(0, 40), `${me.name}结束了 ${user.name} 的一键求助（${how}）`, at);
    return alertViewOf(ctx.store, next, new Names(ctx.store));
  });
}
