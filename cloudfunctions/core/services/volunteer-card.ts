/**
 * 电子志愿者证, the electronic volunteer card: the volunteer's own card (`account.card`, its QR
 * refreshed by `account.cardToken`), and what a leader does with a scanned card
 * (`activities.cardLookup`, `activities.cardCheckIn`). The token rules are domain/card-token.ts;
 * a check-in goes through the same code path as the leader's roster check-in
 * (services/activities/attendance.ts: checkInByCard). docs/certificates.md, "Electronic volunteer card".
 *
 * Privacy: the card shows its holder the identity number masked (last 4), and that reading is
 * audited like a proof's. A scan tells a leader the name, volunteer number, teams and masked phone,
 * nothing else, and every scan is audited with who scanned whom.
 */
import type { AccountResults, ActivitiesResults, CardLookup, ParsedInput } from '../api';
import { ID_TYPE_LABELS, type CertificateDoc } from '../domain/certificates';
import { formatHours } from '../domain/ledger';
import { checkCardToken, issueCardToken } from '../domain/card-token';
import { assertCheckInWindow } from '../domain/check-in-window';
import type { MembershipDoc, SignupDoc, StoredActivityDoc } from '../domain/activities';
import type { UserDoc } from '../domain/people';
import { manages } from '../domain/scope';
import { timeText } from '../domain/schedule';
import { starProgress } from '../domain/stars';
import type { CommitteeDoc, TeamDoc } from '../domain/street';
import { AppError } from '../errors';
import type { Store } from '../store/port';
import { checkInByCard } from './activities/attendance';
import { loadPolicy } from './policy';
import { servedTotals } from './records';
import { audit, auditRead } from './shared/audit';
import { requireUser, type ServiceContext } from './shared/context';
import { ensureVolunteerNumber } from './shared/sequences';

const sign = (ctx: ServiceContext) => (payload: string) => ctx.secrets.sign(payload);

/** The teams a person belongs to: current memberships, and the teams they lead (leaders have no membership document). */
async function teamsOf(store: Store, u: UserDoc): Promise<Array<{ id: string; name: string }>> {
  const ids = new Set<string>();
  for (const g of u.grants) if (g.role === 'leader' && g.teamId) ids.add(g.teamId);
  let after: string | undefined;
  do {
    const page = await store.find<MembershipDoc>('memberships', {
      where: { userId: u._id, state: 'member' },
      orderBy: { field: 'createdAt', direction: 'asc' },
      limit: 100,
      after,
    });
    for (const m of page.items) ids.add(m.teamId);
    after = page.next ?? undefined;
  } while (after);
  const teams: Array<{ id: string; name: string }> = [];
  for (const id of ids) {
    const t = await store.get<TeamDoc>('teams', id);
    if (t) teams.push({ id, name: t.name });
  }
  return teams;
}

/** The identity document given (encrypted, with consent) with the latest application for a proof; none is collected elsewhere. */
async function identityOnFile(store: Store, userId: string): Promise<CertificateDoc['identity']> {
  const page = await store.find<CertificateDoc>('certificates', {
    where: { applicantId: userId },
    orderBy: { field: 'requestedAt', direction: 'desc' },
    limit: 20,
  });
  return page.items.find((c) => c.identity)?.identity ?? null;
}

// ---------------------------------------------------------------- the volunteer's card

export async function card(ctx: ServiceContext): Promise<AccountResults['card']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  // Registered before numbers existed: the number is given now, once (a write outside any mutation, like a lazy default).
  const volunteerNo = me.volunteerNo ?? (await ctx.store.transaction((tx) => ensureVolunteerNumber(tx, me._id, now)));
  const [policy, served, teams, identity, committee] = await Promise.all([
    loadPolicy(ctx.store),
    servedTotals(ctx.store, me._id),
    teamsOf(ctx.store, me),
    identityOnFile(ctx.store, me._id),
    ctx.store.get<CommitteeDoc>('committees', me.committeeId),
  ]);
  if (identity) await auditRead(ctx.store, me._id, me._id, 'card.identity.read', {}, now.toISOString());
  const star = starProgress(served.totalMinutes, policy.starThresholdsHours);
  return {
    name: me.name,
    volunteerNo,
    identity: identity
      ? { typeText: ID_TYPE_LABELS[identity.type as keyof typeof ID_TYPE_LABELS] ?? identity.type, numberMasked: identity.numberMasked }
      : null,
    // No photo upload yet: the card shows the name's first character.
    photoUrl: null,
    star: { level: star.level, label: star.label },
    served: { minutes: served.totalMinutes, hoursText: formatHours(served.totalMinutes) },
    teams,
    committeeName: committee?.name ?? '',
    qr: issueCardToken(sign(ctx), me._id, now),
  };
}

export async function cardToken(ctx: ServiceContext): Promise<AccountResults['cardToken']> {
  const me = requireUser(ctx);
  return issueCardToken(sign(ctx), me._id, ctx.now());
}

// ---------------------------------------------------------------- the leader's scan

/** The card holder a scanned token names: expired and forged tokens are refused in words for the leader. */
async function holderOf(ctx: ServiceContext, token: string, now: Date): Promise<UserDoc> {
  const check = checkCardToken(sign(ctx), token, now);
  if (!check.ok && check.reason === 'expired') {
    throw new AppError('TOKEN_EXPIRED', '志愿者证二维码已过期，请对方刷新志愿者证后再扫', { reason: 'expired' });
  }
  if (!check.ok) throw new AppError('TOKEN_INVALID', '这不是有效的志愿者证二维码', { reason: 'invalid' });
  const holder = await ctx.store.get<UserDoc>('users', check.userId);
  if (!holder || holder.closedAt) throw new AppError('NOT_FOUND', '找不到这位志愿者（账号可能已注销）');
  return holder;
}

/** The holder's places in activities the scanner manages whose check-in is open now (sign-ups ending from now on). */
async function openActivitiesFor(ctx: ServiceContext, leader: UserDoc, holderId: string, now: Date): Promise<CardLookup['activities']> {
  const page = await ctx.store.find<SignupDoc>('signups', {
    where: { userId: holderId, state: { in: ['signed', 'waitlisted'] }, endAt: { gt: now.toISOString() } },
    orderBy: { field: 'endAt', direction: 'asc' },
    limit: 50,
  });
  const out: CardLookup['activities'] = [];
  for (const s of page.items) {
    if (!manages(leader, s.teamId)) continue;
    const a = await ctx.store.get<StoredActivityDoc>('activities', s.activityId);
    if (!a) continue;
    try {
      assertCheckInWindow(a, now, false);
    } catch {
      continue;
    }
    out.push({ id: a._id, title: a.title, timeText: timeText(a.startAt, a.endAt), attendance: s.attendance, waitlisted: s.state === 'waitlisted' });
  }
  return out;
}

export async function cardLookup(ctx: ServiceContext, input: ParsedInput<'activities', 'cardLookup'>): Promise<ActivitiesResults['cardLookup']> {
  const leader = requireUser(ctx);
  const now = ctx.now();
  const holder = await holderOf(ctx, input.token, now);
  const [teams, activities] = await Promise.all([teamsOf(ctx.store, holder), openActivitiesFor(ctx, leader, holder._id, now)]);
  await auditRead(ctx.store, leader._id, holder._id, 'card.scan', {}, now.toISOString());
  return {
    userId: holder._id,
    name: holder.name,
    volunteerNo: holder.volunteerNo ?? null,
    phoneMasked: holder.phoneMasked,
    teams,
    activities,
  };
}

export async function cardCheckIn(ctx: ServiceContext, input: ParsedInput<'activities', 'cardCheckIn'>): Promise<ActivitiesResults['cardCheckIn']> {
  const leader = requireUser(ctx);
  const now = ctx.now();
  // The token is checked before the transaction; a retry of the same request is answered by the
  // dispatcher from its first result even after the token has expired.
  const holder = await holderOf(ctx, input.token, now);
  return ctx.mutate(async (tx) => {
    const result = await checkInByCard(tx, input.activityId, holder._id, leader, now);
    const a = await tx.get<StoredActivityDoc>('activities', input.activityId);
    if (!result.already) await audit(tx, leader._id, holder._id, 'card.checkIn', { activityId: input.activityId }, now.toISOString());
    return { ...result, name: holder.name, title: a?.title ?? '' };
  });
}
