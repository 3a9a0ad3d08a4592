/**
 * The street's duty roster (街道值班) and the alarm chain's waiting times: one settings document
 * (settings/alarm, domain/duty.ts) read by id inside the transactions that raise and escalate
 * alerts. People on the roster hold the 街道值班 role; taking someone off the roster takes it away.
 */
import type { AlertsResults, ParsedInput } from '../api';
import { AppError } from '../errors';
import { CHAIN_LINK_LABELS, linksFor, type ChainLinkKind } from '../domain/alert-chain';

const labelled = (link: ChainLinkKind) => ({ link, linkText: CHAIN_LINK_LABELS[link] });
import { ALARM_SETTINGS_ID, onDuty, overlappingShifts, type AlarmSettingsDoc } from '../domain/duty';
import { ROLE_LABELS, roleSet, type RoleGrant } from '../domain/roles';
import type { Store, Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import { audit } from './shared/audit';
import type { UserDoc } from '../domain/people';
import { Names } from './shared/ledger-views';
import { STREET_DESK_ID, openUsers } from './shared/acting';
import type { DeskDoc } from '../domain/street';
import { alarmSettings } from './alerts';
import { isDutyOfficer } from '../domain/scope';

/** Staff and admins who may be put on duty (the desks list them by id). */
async function candidates(store: Store, settings: AlarmSettingsDoc) {
  const desks = await store.find<DeskDoc>('desks', { limit: 100 });
  const ids = new Set<string>();
  for (const d of desks.items) {
    for (const id of d.socialWorkerIds) ids.add(id);
    for (const id of d.adminIds ?? []) ids.add(id);
  }
  for (const s of settings.shifts) ids.add(s.userId);
  return (await openUsers(store, [...ids])).map((u) => ({
    userId: u._id,
    name: u.name,
    roleText:
      u.roles
        .filter((r) => r !== 'volunteer')
        .map((r) => ROLE_LABELS[r])
        .join('、') || ROLE_LABELS.volunteer,
  }));
}

async function view(store: Store, settings: AlarmSettingsDoc, now: Date): Promise<AlertsResults['roster']> {
  const names = new Names(store);
  return {
    shifts: await Promise.all(settings.shifts.map(async (s) => ({ ...s, name: await names.userName(s.userId) }))),
    onDutyNow: await Promise.all(onDuty(settings.shifts, now).map(async (userId) => ({ userId, name: await names.userName(userId) }))),
    waitMinutes: settings.chain.waitMinutes,
    links: linksFor({ ...settings.chain, byCommittee: {} }, '').links.map(labelled),
    committees: (await store.find<{ _id: string; name: string }>('committees', { orderBy: { field: 'order', direction: 'asc' }, limit: 100 })).items.map(
      (c) => ({
        committeeId: c._id,
        committeeName: c.name,
        own: !!settings.chain.byCommittee?.[c._id],
        links: linksFor(settings.chain, c._id).links.map(labelled),
      }),
    ),
    candidates: await candidates(store, settings),
  };
}

/**
 * A roster change's transaction returns the settings it wrote. The view needs reads a transaction
 * cannot make (the 居委 list, the candidates), so it is made after the commit and stored as the
 * call's answer: a retry then gets the same view, not the settings.
 */
const rosterAnswer = (ctx: ServiceContext) => ({
  answer: (saved: AlarmSettingsDoc): Promise<AlertsResults['roster']> => view(ctx.store, saved, ctx.now()),
});

export async function roster(ctx: ServiceContext): Promise<AlertsResults['roster']> {
  return view(ctx.store, await alarmSettings(ctx.store), ctx.now());
}

async function setDutyRole(tx: Tx, user: UserDoc, on: boolean, by: string, at: string): Promise<void> {
  const has = isDutyOfficer(user);
  if (has === on) return;
  const grants: RoleGrant[] = on ? [...user.grants, { role: 'duty', grantedBy: by, grantedAt: at }] : user.grants.filter((g) => g.role !== 'duty');
  if (!grants.length) return;
  await tx.update('users', user._id, { grants, roles: roleSet(grants), updatedAt: at });
  await audit(tx, by, user._id, on ? 'role.grant' : 'role.revoke', { role: 'duty', via: 'alerts.setRoster' }, at);
}

export async function setRoster(ctx: ServiceContext, input: ParsedInput<'alerts', 'setRoster'>): Promise<AlertsResults['setRoster']> {
  const admin = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const overlap = overlappingShifts(input.shifts);
    if (overlap) {
      const [i, j] = overlap;
      const name = (await tx.get<UserDoc>('users', input.shifts[i]!.userId))?.name ?? '同一个人';
      throw new AppError('VALIDATION', `${name}的第 ${i + 1} 条和第 ${j + 1} 条值班时间有重叠，请删掉一条或改时间`, [
        { path: `shifts.${j}`, message: '和同一个人的另一班时间重叠' },
      ]);
    }
    const current = await alarmSettings(tx);
    const before = new Set(current.shifts.map((s) => s.userId));
    const after = new Set(input.shifts.map((s) => s.userId));
    for (const id of after) {
      const user = await tx.get<UserDoc>('users', id);
      if (!user || user.closedAt) throw new AppError('NOT_FOUND', '值班表里有人找不到或已注销', { userId: id });
      await setDutyRole(tx, user, true, admin._id, at);
    }
    for (const id of before) {
      if (after.has(id)) continue;
      const user = await tx.get<UserDoc>('users', id);
      if (user) await setDutyRole(tx, user, false, admin._id, at);
    }
    const next: AlarmSettingsDoc = {
      ...current,
      _id: ALARM_SETTINGS_ID,
      shifts: input.shifts.map((s) => ({ ...s, weekdays: [...new Set(s.weekdays)].sort() })),
      updatedAt: at,
    };
    await tx.set('settings', next);
    await audit(tx, admin._id, STREET_DESK_ID, 'duty.roster', { shifts: next.shifts.length }, at);
    return next;
  }, rosterAnswer(ctx));
}

export async function setChain(ctx: ServiceContext, input: ParsedInput<'alerts', 'setChain'>): Promise<AlertsResults['setChain']> {
  const admin = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const current = await alarmSettings(tx);
    const byCommittee = { ...current.chain.byCommittee };
    for (const c of input.committees ?? []) {
      if (!(await tx.get('committees', c.committeeId))) throw new AppError('NOT_FOUND', '没有这个居委', { committeeId: c.committeeId });
      if (c.links) byCommittee[c.committeeId] = c.links;
      else delete byCommittee[c.committeeId];
    }
    const chain = { waitMinutes: input.waitMinutes, links: input.links ?? current.chain.links, byCommittee };
    const next: AlarmSettingsDoc = { ...current, _id: ALARM_SETTINGS_ID, chain, updatedAt: at };
    await tx.set('settings', next);
    await audit(tx, admin._id, STREET_DESK_ID, 'alarm.chain', chain, at);
    return next;
  }, rosterAnswer(ctx));
}
