/**
 * Contacts of the 老伙伴 programme: the partner logs each contact in a few taps; a contact that
 * reached the senior starts a new schedule period (closing an overdue alert) and becomes a pending
 * service record (category 精神慰藉) of the programme's team; 联系不上 and 紧急 raise an alert at
 * once. The social worker approves the records in bulk, and credits follow through the ledger
 * (`earn:<recordId>`, the same transfer records.approve posts, so either path credits once).
 */
import { randomUUID } from 'node:crypto';
import type { LoggedContact, ParsedInput, PartnersResults } from '../api';
import { AppError } from '../errors';
import { CHANNEL_LABELS, DEFAULT_CONTACT_MINUTES, NEED_LABELS, OUTCOME_LABELS, anchorOf, reached } from '../domain/contacts';
import { contactAlertId, outcomeEffect } from '../domain/ladder';
import { formatHours } from '../domain/ledger';
import { categoryOf } from '../domain/policy';
import { servedCommittees, type SeniorDoc } from '../domain/seniors';
import { localDate } from '../domain/schedule';
import type { Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import { loadPolicy } from './policy';
import { Names } from './shared/ledger-views';
import { isAdmin, isStaffFor } from '../domain/scope';
import { logAct, socialWorkersOf } from './shared/acting';
import { approveInTx } from './records';
import { newServiceRecord, type ServiceRecordDoc } from '../domain/records';
import { accessTo, contactView, contactViewOf, loadProgramme, tellUsers } from './partners';
import type { CareDoc, ContactDoc, PartnerAlertDoc } from '../domain/partners';
import { closeAlertIn, closeAsReached, raiseAlert } from './alerts';
import type { AlertDoc } from '../domain/alerts';
import { hasHealthConsent } from './health-consent';

/** The service category of a contact: emotional support (精神慰藉) in the default policy. */
export const CONTACT_CATEGORY = 'emotional';
/** How far back a contact may be logged. */
const BACKDATE_HOURS = 72;

type LogInput = ParsedInput<'partners', 'logContact'>;

/** When the contact happened: now unless given, not in the future, at most BACKDATE_HOURS ago. */
function contactTime(input: LogInput, now: Date): string {
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  if (Date.parse(at) > now.getTime() + 5 * 60_000) throw new AppError('VALIDATION', '联系时间不能晚于现在', [{ path: 'at', message: '不能是将来的时间' }]);
  if (Date.parse(at) < now.getTime() - BACKDATE_HOURS * 3600_000) {
    throw new AppError('VALIDATION', `只能补记 ${BACKDATE_HOURS / 24} 天内的联系`, [{ path: 'at', message: '时间太早' }]);
  }
  return at;
}

/** One contact being logged: who logs it, about whom, when it happened and when it is written. */
interface Logging {
  input: LogInput;
  me: UserDoc;
  senior: SeniorDoc;
  seniorName: string;
  contactId: string;
  at: string;
  stamp: string;
}

const needsText = (input: LogInput): string => (input.needs ?? []).map((n) => NEED_LABELS[n]).join('、');

/** The contact's service record: pending, for the programme's team, no personal data in its text. */
async function createContactRecord(tx: Tx, l: Logging, teamId: string, minutes: number): Promise<string> {
  const { input, me, stamp } = l;
  const policy = await loadPolicy(tx);
  const category = categoryOf(policy, CONTACT_CATEGORY) ?? policy.categories[0]!;
  const record = newServiceRecord({
    id: `r_${l.contactId}`,
    volunteerId: me._id,
    teamId,
    category,
    date: localDate(new Date(l.at)),
    place: input.channel === 'visit' ? '独居老人家中（上门探访）' : '电话联系',
    content:
      `老伙伴${CHANNEL_LABELS[input.channel]}联系独居老人：${OUTCOME_LABELS[input.outcome]}${input.needs?.length ? `；需求：${needsText(input)}` : ''}`.slice(
        0,
        200,
      ),
    served: '独居老人 1 位',
    minutes,
    recorderId: me._id,
    source: 'contact',
    at: stamp,
  });
  await tx.create('serviceRecords', record);
  return record._id;
}

/**
 * The care document after the contact: a contact that reached the senior (and is the latest) starts
 * a new schedule period and closes the overdue alert of the period that ended; one that did not
 * only records the outcome.
 */
async function careAfterContact(tx: Tx, l: Logging, care: CareDoc, resets: boolean): Promise<CareDoc> {
  const { input, me, at, stamp } = l;
  let next: CareDoc = { ...care, updatedAt: stamp };
  // The outcome shown is the latest try's (by its time: a contact logged late for earlier changes nothing).
  const lastTried = care.lastTriedAt ?? care.lastContactAt;
  if (!lastTried || at >= lastTried) next = { ...next, lastTriedAt: at, lastOutcome: input.outcome };
  if (!resets) return next;
  if (care.lastContactAt && at <= care.lastContactAt) return next;
  next = { ...next, lastContactAt: at, lastContactId: l.contactId };
  const anchor = anchorOf(next);
  if (anchor && anchor.at !== care.anchorAt) next = { ...next, anchorAt: anchor.at, ladder: [] };
  if (care.overdueAlertId) {
    const overdue = await tx.get<PartnerAlertDoc>('alerts', care.overdueAlertId);
    if (overdue && overdue.state === 'open') {
      await closeAlertIn(tx, overdue, l.senior, me._id, 'resolved', `老伙伴${me.name}已联系上老人（${OUTCOME_LABELS[input.outcome]}）`, stamp);
      await tellUsers(
        tx,
        l.senior._id,
        overdue.socialWorkerIds,
        'alert.closed',
        `已联系上：${l.seniorName}`,
        `老伙伴${me.name}已${CHANNEL_LABELS[input.channel]}联系上${l.seniorName}（${OUTCOME_LABELS[input.outcome]}），逾期警报已结束`,
        stamp,
      );
    }
    next.overdueAlertId = null;
  }
  return next;
}

/**
 * 联系不上 and 紧急 raise an alert at once (or join the senior's open one: the contact then points at
 * that one, and `care` lists it open); a worrying contact tells the 居委's social workers.
 */
async function alertOrTell(tx: Tx, l: Logging, contact: ContactDoc, care: CareDoc, effect: ReturnType<typeof outcomeEffect>): Promise<void> {
  const { input, me, stamp } = l;
  if (effect.raise) {
    const raised = await raiseAlert(tx, {
      id: contactAlertId(l.contactId),
      kind: effect.raise,
      senior: l.senior,
      seniorName: l.seniorName,
      raisedBy: me._id,
      raisedVia: 'partner',
      note: `${CHANNEL_LABELS[input.channel]}：${input.note ?? OUTCOME_LABELS[input.outcome]}`.slice(0, 120),
      contactId: l.contactId,
      at: stamp,
    });
    if (raised && raised._id !== contact.alertId) {
      contact.alertId = raised._id;
      await tx.update('contacts', contact._id, { alertId: raised._id });
    }
    if (raised) care.openAlertIds = [...care.openAlertIds.filter((id) => id !== raised._id), raised._id];
  } else if (effect.tellStaff) {
    const staff = await socialWorkersOf(tx, l.senior.committeeId);
    await tellUsers(
      tx,
      l.senior._id,
      staff.map((s) => s._id),
      'partner.worried',
      `需要关注：${l.seniorName}`,
      `老伙伴${me.name}${CHANNEL_LABELS[input.channel]}联系${l.seniorName}后有点担心${input.needs?.length ? `，需求：${needsText(input)}` : ''}。详情见老人卡片`,
      stamp,
    );
  }
}

export async function logContact(ctx: ServiceContext, input: LogInput): Promise<PartnersResults['logContact']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = contactTime(input, now);
  const effect = outcomeEffect(input.outcome);
  const minutes = reached(input.outcome) ? (input.minutes ?? DEFAULT_CONTACT_MINUTES[input.channel]) : null;
  const sealed = {
    followUpEnc: input.followUp ? ctx.secrets.encrypt(input.followUp) : '',
    noteEnc: input.note ? ctx.secrets.encrypt(input.note) : '',
    healthEnc: input.health ? ctx.secrets.encrypt(input.health) : '',
  };
  const stamp = now.toISOString();
  const contactId = `ct_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return ctx.mutate(async (tx) => {
    const care = await tx.get<CareDoc>('care', input.seniorId);
    if (!care || !care.paired || care.partnerId !== me._id) throw new AppError('FORBIDDEN', '只有结对的老伙伴可以记录联系');
    const senior = await tx.get<SeniorDoc>('seniors', input.seniorId);
    const seniorUser = await tx.get<UserDoc>('users', input.seniorId);
    if (!senior || !seniorUser) throw new AppError('NOT_FOUND', '找不到这位老人');
    if (input.health && !hasHealthConsent(senior)) {
      throw new AppError('CONSENT_REQUIRED', '老人没有同意记录身体情况，这一栏请不要填写（需要时请联系社工）', [
        { path: 'health', message: '老人没有同意记录身体情况' },
      ]);
    }
    const l: Logging = { input, me, senior, seniorName: seniorUser.name, contactId, at, stamp };
    const prog = await loadProgramme(tx);
    const recordId = minutes !== null && prog.teamId ? await createContactRecord(tx, l, prog.teamId, minutes) : null;
    const contact: ContactDoc = {
      _id: contactId,
      seniorId: senior._id,
      volunteerId: me._id,
      committeeId: senior.committeeId,
      at,
      channel: input.channel,
      outcome: input.outcome,
      needs: [...new Set(input.needs ?? [])],
      ...sealed,
      minutes,
      recordId,
      recordState: recordId ? 'pending' : 'none',
      alertId: effect.raise ? contactAlertId(contactId) : null,
      createdAt: stamp,
      updatedAt: stamp,
    };
    await tx.create('contacts', contact);
    const nextCare = await careAfterContact(tx, l, care, effect.resets);
    const endedAlerts = input.outcome === 'ok' || input.outcome === 'worried' ? await endUnreachable(tx, l, nextCare) : 0;
    await alertOrTell(tx, l, contact, nextCare, effect);
    await tx.set('care', nextCare);
    await logAct(tx, {
      seniorId: senior._id,
      actorId: me._id,
      via: 'partner',
      kind: 'partner.contact',
      text: `老伙伴${me.name}${CHANNEL_LABELS[input.channel]}联系：${OUTCOME_LABELS[input.outcome]}`,
      refId: contactId,
      at: stamp,
    });
    // The answer is built here, so a retry replays it as it was (see loggedContact).
    return loggedContact(ctx, contact, seniorUser.name, me.name, endedAlerts);
  });
}

/**
 * A contact that reached her (好 or 有点担心) ends the 联系不上 alerts raised before its time: left
 * open, the chain would go on climbing towards people who would set out to look for her. Returns
 * how many ended; `care` loses them from its open list.
 */
async function endUnreachable(tx: Tx, l: Logging, care: CareDoc): Promise<number> {
  let ended = 0;
  for (const id of care.openAlertIds) {
    const a = await tx.get<AlertDoc>('alerts', id);
    if (!a || a.state !== 'open' || a.kind !== 'unreachable' || a.raisedAt > l.at) continue;
    await closeAsReached(tx, a, l.senior, l.seniorName, l.me, OUTCOME_LABELS[l.input.outcome], l.stamp);
    care.openAlertIds = care.openAlertIds.filter((x) => x !== id);
    ended += 1;
  }
  return ended;
}

/**
 * A contact as the answer to a write: built inside the transaction (a retry of the request replays
 * it as it was) and without the sealed follow-up and note, because that answer is stored with the
 * request and must not hold health details unsealed.
 */
function loggedContact(ctx: ServiceContext, c: ContactDoc, seniorName: string, volunteerName: string, endedAlerts = 0): LoggedContact {
  const { followUp, note, ...view } = contactViewOf(ctx, { ...c, followUpEnc: '', noteEnc: '' }, seniorName, volunteerName);
  void followUp;
  void note;
  return { ...view, hasFollowUp: !!c.followUpEnc, hasNote: !!c.noteEnc, endedAlerts };
}

export async function contacts(ctx: ServiceContext, input: ParsedInput<'partners', 'contacts'>): Promise<PartnersResults['contacts']> {
  const { senior } = await accessTo(ctx, ctx.store, input.seniorId);
  const page = await ctx.store.find<ContactDoc>('contacts', {
    where: { seniorId: senior._id },
    orderBy: { field: 'at', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  return { items: await Promise.all(page.items.map((c) => contactView(ctx, c, names, senior))), next: page.next };
}

export async function pendingContacts(ctx: ServiceContext, input: ParsedInput<'partners', 'pendingContacts'>): Promise<PartnersResults['pendingContacts']> {
  const me = requireUser(ctx);
  let committees: string[] | null;
  if (input.committeeId) {
    if (!isStaffFor(me, input.committeeId)) throw new AppError('FORBIDDEN', '只能审核本居委的联系记录');
    committees = [input.committeeId];
  } else {
    committees = servedCommittees(me.grants);
    if (!committees.length) committees = isAdmin(me) ? null : [];
  }
  if (committees && committees.length === 0) return { items: [], next: null };
  const where: Record<string, unknown> = { recordState: 'pending' };
  if (committees) where.committeeId = committees.length === 1 ? committees[0]! : { in: committees };
  const page = await ctx.store.find<ContactDoc>('contacts', {
    where: where as never,
    orderBy: { field: 'at', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const seniors = new Map<string, Promise<SeniorDoc | null>>();
  const seniorOf = (id: string) => seniors.get(id) ?? seniors.set(id, ctx.store.get<SeniorDoc>('seniors', id)).get(id)!;
  return { items: await Promise.all(page.items.map(async (c) => contactView(ctx, c, names, await seniorOf(c.seniorId)))), next: page.next };
}

export async function approveContacts(ctx: ServiceContext, input: ParsedInput<'partners', 'approveContacts'>): Promise<PartnersResults['approveContacts']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  const ids = [...new Set(input.contactIds)];
  return ctx.mutate(async (tx) => {
    const out: ContactDoc[] = [];
    let approved = 0;
    const earned = new Map<string, number>();
    for (const id of ids) {
      const c = await tx.get<ContactDoc>('contacts', id);
      if (!c) throw new AppError('NOT_FOUND', '找不到这条联系记录', { contactId: id });
      if (!isStaffFor(me, c.committeeId)) throw new AppError('FORBIDDEN', '只能审核本居委的联系记录');
      if (c.volunteerId === me._id) throw new AppError('FORBIDDEN', '不能审核自己的联系记录，请由其他社工审核');
      if (!c.recordId || c.recordState === 'none') throw new AppError('CONFLICT', '这次联系没有服务时长（联系不上的不计时长）', { contactId: id });
      const record = await tx.get<ServiceRecordDoc>('serviceRecords', c.recordId);
      if (!record) throw new AppError('NOT_FOUND', '找不到联系对应的服务记录', { contactId: id });
      if (record.state === 'approved') {
        // Approved already (here before, or by the team leader through records.approve): credited once.
        if (c.recordState !== 'approved') await tx.update('contacts', c._id, { recordState: 'approved', updatedAt: at });
        out.push({ ...c, recordState: 'approved' });
        continue;
      }
      if (record.state !== 'pending') throw new AppError('CONFLICT', '这条联系记录已被退回或撤销，不能再审核通过', { contactId: id });
      // The one approval of every record (services/records.ts): the day's maximum, the earn transfer, the state.
      const volunteer = await tx.get<UserDoc>('users', record.volunteerId);
      await approveInTx(tx, record, me._id, at, {
        quiet: true,
        words: { cap: (v) => `${volunteer?.name ?? '志愿者'}的时间币账户上限是 ${formatHours(v.cap)}，还能存入 ${formatHours(v.room)}，这条联系记录存不下` },
      });
      if (record.earnsCredits) earned.set(record.volunteerId, (earned.get(record.volunteerId) ?? 0) + record.minutes);
      await tx.update('contacts', c._id, { recordState: 'approved', updatedAt: at });
      out.push({ ...c, recordState: 'approved' });
      approved += 1;
    }
    for (const [volunteerId, minutes] of earned) {
      await tellUsers(
        tx,
        null,
        [volunteerId],
        'partner.approved',
        '联系记录已审核',
        `居委社工审核了您的老伙伴联系记录，获得 ${formatHours(minutes)} 时间币`,
        at,
      );
    }
    const names = new Names(tx);
    return {
      approved,
      items: await Promise.all(out.map(async (c) => loggedContact(ctx, c, await names.userName(c.seniorId), await names.userName(c.volunteerId)))),
    };
  });
}

export async function rejectContact(ctx: ServiceContext, input: ParsedInput<'partners', 'rejectContact'>): Promise<PartnersResults['rejectContact']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  // The answer is built in the transaction and kept with the request: a retry replays it, sealed fields left out.
  return ctx.mutate(async (tx) => {
    const names = new Names(tx);
    const answer = async (c: ContactDoc) => loggedContact(ctx, c, await names.userName(c.seniorId), await names.userName(c.volunteerId));
    const contact = await tx.get<ContactDoc>('contacts', input.contactId);
    if (!contact) throw new AppError('NOT_FOUND', '找不到这条联系记录');
    if (!isStaffFor(me, contact.committeeId)) throw new AppError('FORBIDDEN', '只能审核本居委的联系记录');
    if (!contact.recordId) throw new AppError('CONFLICT', '这次联系没有服务时长');
    const record = await tx.get<ServiceRecordDoc>('serviceRecords', contact.recordId);
    if (!record) throw new AppError('NOT_FOUND', '找不到联系对应的服务记录');
    if (record.state === 'rejected') return answer(contact);
    if (record.state !== 'pending') throw new AppError('CONFLICT', '只有待审核的记录可以退回；已审核通过的请由管理员撤销');
    await tx.update('serviceRecords', record._id, { state: 'rejected', approverId: me._id, reason: input.reason, decidedAt: at, updatedAt: at });
    const next: ContactDoc = { ...contact, recordState: 'rejected', updatedAt: at };
    await tx.update('contacts', contact._id, { recordState: 'rejected', updatedAt: at });
    await tellUsers(
      tx,
      null,
      [contact.volunteerId],
      'partner.approved',
      '联系记录的时长被退回',
      `居委社工退回了您 ${contact.at.slice(0, 10)} 的联系记录时长：${input.reason}`,
      at,
    );
    return answer(next);
  });
}
