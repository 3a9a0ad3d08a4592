/**
 * 志愿服务记录证明, the use cases: apply (one request per issuer), the issuer's queue, accept or
 * refuse, issue (number, verification code, 公示), read, the 公示 list, and verification by anyone.
 * The rules are domain/certificates.ts; this loads, checks scope and writes in one transaction.
 *
 * Privacy: the identity number is stored encrypted and leaves the server only masked (last 4), and
 * every reading of a proof's identity is audited. Verification answers the number, issuer, period,
 * hours and the masked name, nothing else.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CertificateSummary, CertificateView, CertificatesResults, ParsedInput, PublicityItem } from '../api';
import { ID_TYPE_LABELS } from '../domain/certificates';
import {
  CERTIFICATE_STATE_LABELS,
  STANDING_LABELS,
  VERIFY_LIMIT,
  certificateHours,
  issuerKey,
  issuerShortName,
  maskIdNumber,
  normalizeCode,
  planProof,
  proofNumber,
  proofSequenceId,
  proofStanding,
  verificationCode,
  type CertificateCodeDoc,
  type CertificateDoc,
  type CertifiedRecordDoc,
  type IssuerRef,
  type ProofPart,
  type ProofPlan,
  type ProofRecord,
  type ProofScope,
} from '../domain/certificates';
import type { HelpRequestDoc } from '../domain/help';
import type { ContactDoc } from '../domain/partners';
import type { UserDoc } from '../domain/people';
import type { ServiceRecordDoc } from '../domain/records';
import { isAdmin, leads, servesCommittee } from '../domain/scope';
import type { CommitteeDoc, DeskDoc, TeamDoc } from '../domain/street';
import { AppError } from '../errors';
import type { Store, Tx } from '../store/port';
import { loadPolicy } from './policy';
import { takeRateLimited } from './rate-limit';
import { audit, auditRead, type Reader } from './shared/acting';
import { requireFiles, requireUser, type ServiceContext } from './shared/context';
import { loadCjkFont, renderCertificatePdf } from './certificate-pdf';
import { maskName } from './shared/ledger-views';
import { notify } from './inbox';
import { ensureVolunteerNumber, nextInSequence } from './shared/sequences';

const newCertificateId = () => `cert_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

// ---------------------------------------------------------------- reading the records

/** Every record of the applicant in the period (queries, outside the transaction; re-checked at issue). */
async function recordsOf(store: Store, volunteerId: string, from: string, to: string): Promise<ServiceRecordDoc[]> {
  const out: ServiceRecordDoc[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<ServiceRecordDoc>('serviceRecords', {
      where: { volunteerId, date: { gte: from, lte: to } },
      orderBy: { field: 'date', direction: 'asc' },
      limit: 100,
      after,
    });
    out.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return out;
}

/** Who certifies a record ("谁记录谁证明"), and the senior served by help and 老伙伴 records. */
export async function asProofRecord(reader: Reader, r: ServiceRecordDoc & { activityId?: string }): Promise<ProofRecord> {
  const base = {
    id: r._id,
    state: r.state,
    source: r.source ?? 'manual',
    date: r.date,
    minutes: r.minutes,
    teamId: r.teamId,
    ...(r.activityId ? { activityId: r.activityId } : {}),
    categoryName: r.categoryName,
    content: r.content,
  } as const;
  if (r.source === 'help') {
    const help = await reader.get<HelpRequestDoc>('helpRequests', r._id.replace(/^r_/, ''));
    if (help) return { ...base, issuer: { kind: 'committee', id: help.committeeId }, seniorId: help.seniorId, disputed: help.state === 'disputed' };
  }
  if (r.source === 'contact') {
    const contact = await reader.get<ContactDoc>('contacts', r._id.replace(/^r_/, ''));
    if (contact) return { ...base, issuer: { kind: 'committee', id: contact.committeeId }, seniorId: contact.seniorId };
  }
  return { ...base, issuer: { kind: 'team', id: r.teamId } };
}

/** An activity record's line is its activity; others are their category. */
const lineTitle = (r: ProofRecord) => (r.source === 'activity' ? r.content : r.categoryName);

async function issuerName(reader: Reader, i: IssuerRef): Promise<string> {
  if (i.kind === 'team') return (await reader.get<TeamDoc>('teams', i.id))?.name ?? '志愿服务队';
  return (await reader.get<CommitteeDoc>('committees', i.id))?.name ?? '居委';
}

function scopeOf(input: ParsedInput<'certificates', 'apply'>): ProofScope {
  const period = { from: input.from, to: input.to };
  if (input.scope === 'team') return { kind: 'team', teamId: input.teamId!, ...period };
  if (input.scope === 'activity') return { kind: 'activity', activityId: input.activityId!, ...period };
  return { kind: 'all', ...period };
}

// ---------------------------------------------------------------- who may issue

/** May `u` issue for this issuer: the team's leader or the 居委's social worker, or a street admin. */
function issues(u: UserDoc, i: IssuerRef): boolean {
  if (isAdmin(u)) return true;
  return i.kind === 'team' ? leads(u, i.id) : servesCommittee(u, i.id);
}

/** The issuers `u` may act for; null for an admin (all of them). */
function issuerKeysOf(u: UserDoc): string[] | null {
  if (isAdmin(u)) return null;
  const keys: string[] = [];
  for (const g of u.grants) {
    if (g.role === 'leader' && g.teamId) keys.push(issuerKey({ kind: 'team', id: g.teamId }));
    if (g.role === 'socialWorker' && g.committeeId) keys.push(issuerKey({ kind: 'committee', id: g.committeeId }));
  }
  return keys;
}

async function loadCertificate(reader: Reader, id: string): Promise<CertificateDoc> {
  const c = await reader.get<CertificateDoc>('certificates', id);
  if (!c) throw new AppError('NOT_FOUND', '找不到这份证明');
  return c;
}

// ---------------------------------------------------------------- views

function summaryOf(c: CertificateDoc, now: Date): CertificateSummary {
  const standing = c.issuedAt ? proofStanding({ issuedAt: c.issuedAt, publicityDays: c.publicityDays, voidedAt: c.voidedAt }, now) : null;
  return {
    id: c._id,
    state: c.state,
    stateText: standing ? STANDING_LABELS[standing] : CERTIFICATE_STATE_LABELS[c.state],
    standing,
    applicantName: c.applicantName,
    issuerName: c.issuer.name,
    from: c.scope.from,
    to: c.scope.to,
    minutes: c.minutes,
    hoursText: certificateHours(c.minutes),
    number: c.number,
    requestedAt: c.requestedAt,
    issuedAt: c.issuedAt,
    publicityEndsAt: c.issuedAt ? new Date(Date.parse(c.issuedAt) + c.publicityDays * 86_400_000).toISOString() : null,
    voidedAt: c.voidedAt,
    refusedReason: c.refusedReason,
  };
}

function viewOf(c: CertificateDoc, viewer: UserDoc, now: Date): CertificateView {
  const mayIssue = issues(viewer, c.issuer);
  return {
    ...summaryOf(c, now),
    volunteerNo: c.volunteerNo,
    identity: c.identity
      ? { typeText: ID_TYPE_LABELS[c.identity.type as keyof typeof ID_TYPE_LABELS] ?? c.identity.type, numberMasked: c.identity.numberMasked }
      : null,
    lines: c.lines.map((l) => ({ ...l, hoursText: certificateHours(l.minutes) })),
    peopleServed: c.peopleServed,
    excluded: c.excluded.map((e) => ({ date: e.date, hoursText: certificateHours(e.minutes), reason: e.reason, label: e.label })),
    issuer: {
      name: c.issuer.name,
      inCharge: c.issuerDetails?.inCharge ?? '',
      handler: c.issuerDetails?.handler ?? null,
      contact: c.issuerDetails?.contact ?? '',
    },
    // The code is the proof's credential: only its holder and its issuer see it.
    verificationCode: c.code,
    remarks: c.remarks,
    replaces: c.replaces ?? null,
    replacedBy: c.replacedBy ?? null,
    can: { decide: mayIssue && c.state === 'requested', issue: mayIssue && c.state === 'accepted', reissue: mayIssue && !!c.voidedAt && !c.replacedBy },
  };
}

// ---------------------------------------------------------------- apply

async function latestIdentity(store: Store, applicantId: string): Promise<CertificateDoc['identity']> {
  const page = await store.find<CertificateDoc>('certificates', { where: { applicantId }, orderBy: { field: 'requestedAt', direction: 'desc' }, limit: 20 });
  return page.items.find((c) => c.identity)?.identity ?? null;
}

export async function apply(ctx: ServiceContext, input: ParsedInput<'certificates', 'apply'>): Promise<CertificatesResults['apply']> {
  const me = requireUser(ctx);
  const scope = scopeOf(input);
  const records = await recordsOf(ctx.store, me._id, scope.from, scope.to);
  const proofRecords = await Promise.all(records.map((r) => asProofRecord(ctx.store, r)));
  // Refuses a period with no approved hours before anything is written.
  const plan = planProof(proofRecords, scope, lineTitle);
  const names = new Map<string, string>();
  for (const p of plan.parts) names.set(issuerKey(p.issuer), await issuerName(ctx.store, p.issuer));
  // Given once: a later application reuses the identity (still encrypted) of the latest one that had it.
  const earlier = input.identity ? null : await latestIdentity(ctx.store, me._id);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const user = await tx.get<UserDoc>('users', me._id);
    if (!user) throw new AppError('NOT_REGISTERED');
    const volunteerNo = await ensureVolunteerNumber(tx, me._id, now);
    const given = input.identity;
    const identity: CertificateDoc['identity'] = given
      ? {
          type: given.type,
          numberEnc: ctx.secrets.encrypt(given.number.toUpperCase()),
          numberMasked: maskIdNumber(given.number.toUpperCase()),
          guardianName: given.guardianName ?? null,
        }
      : earlier;
    const items: CertificateSummary[] = [];
    for (const part of plan.parts) {
      const key = issuerKey(part.issuer);
      const doc: CertificateDoc = {
        _id: newCertificateId(),
        applicantId: me._id,
        applicantName: user.name,
        volunteerNo,
        identity,
        scope,
        issuer: { ...part.issuer, name: names.get(key)! },
        issuerKey: key,
        state: 'requested',
        remarks: input.remarks ?? '',
        requestedAt: at,
        decidedAt: null,
        decidedBy: null,
        refusedReason: null,
        recordIds: part.recordIds,
        minutes: part.minutes,
        lines: part.lines,
        peopleServed: part.peopleServed,
        excluded: plan.excluded,
        firstDate: part.firstDate,
        lastDate: part.lastDate,
        issuedAt: null,
        issuedBy: null,
        issuerDetails: null,
        number: null,
        code: null,
        publicityDays: 0,
        voidedAt: null,
        voidedBy: null,
        updatedAt: at,
      };
      await tx.create('certificates', doc);
      if (given) await audit(tx, me._id, me._id, 'certificate.identity.given', { certificateId: doc._id, type: given.type }, at);
      items.push(summaryOf(doc, now));
    }
    return { items, volunteerNo };
  });
}

// ---------------------------------------------------------------- reading

export async function mine(ctx: ServiceContext, input: ParsedInput<'certificates', 'mine'>): Promise<CertificatesResults['mine']> {
  const me = requireUser(ctx);
  const page = await ctx.store.find<CertificateDoc>('certificates', {
    where: { applicantId: me._id },
    orderBy: { field: 'requestedAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const now = ctx.now();
  const identity = await latestIdentity(ctx.store, me._id);
  return { items: page.items.map((c) => summaryOf(c, now)), next: page.next, identityOnFile: !!identity };
}

export async function queue(ctx: ServiceContext, input: ParsedInput<'certificates', 'queue'>): Promise<CertificatesResults['queue']> {
  const me = requireUser(ctx);
  const keys = issuerKeysOf(me);
  if (keys && keys.length === 0) return { items: [], next: null };
  const state = input.state ?? { in: ['requested', 'accepted'] };
  const page = await ctx.store.find<CertificateDoc>('certificates', {
    where: keys ? { issuerKey: { in: keys }, state } : { state },
    orderBy: { field: 'requestedAt', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const now = ctx.now();
  return { items: page.items.map((c) => summaryOf(c, now)), next: page.next };
}

export async function detail(ctx: ServiceContext, input: ParsedInput<'certificates', 'detail'>): Promise<CertificatesResults['detail']> {
  const me = requireUser(ctx);
  const c = await loadCertificate(ctx.store, input.certificateId);
  if (c.applicantId !== me._id && !issues(me, c.issuer)) throw new AppError('FORBIDDEN', '只能查看自己的证明，或本队、本居委出具的证明');
  const now = ctx.now();
  if (c.identity) await auditRead(ctx.store, me._id, c.applicantId, 'certificate.identity.read', { certificateId: c._id }, now.toISOString());
  return viewOf(c, me, now);
}

export async function publicity(ctx: ServiceContext, input: ParsedInput<'certificates', 'publicity'>): Promise<CertificatesResults['publicity']> {
  requireUser(ctx);
  const now = ctx.now();
  // Proofs issued within the longest publicity window; each is shown while its own window lasts.
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const page = await ctx.store.find<CertificateDoc>('certificates', {
    where: { state: 'issued', issuedAt: { gte: since } },
    orderBy: { field: 'issuedAt', direction: 'desc' },
    limit: input.limit ?? 50,
    after: input.after,
  });
  const items: PublicityItem[] = page.items
    .filter((c) => c.issuedAt && proofStanding({ issuedAt: c.issuedAt, publicityDays: c.publicityDays, voidedAt: c.voidedAt }, now) === 'publicising')
    .map((c) => ({
      id: c._id,
      maskedName: maskName(c.applicantName),
      issuerName: c.issuer.name,
      from: c.scope.from,
      to: c.scope.to,
      hoursText: certificateHours(c.minutes),
      number: c.number!,
      endsAt: summaryOf(c, now).publicityEndsAt!,
    }));
  return { items, next: page.next };
}

/** Where the QR of a proof points: the verify page with its code (VERIFY_URL_BASE, e.g. the local server's address). */
export const verifyUrlOf = (code: string): string =>
  `${(process.env.VERIFY_URL_BASE ?? 'http://localhost:3000').replace(/\/$/, '')}/verify/${encodeURIComponent(code)}`;

export async function document(ctx: ServiceContext, input: ParsedInput<'certificates', 'document'>): Promise<CertificatesResults['document']> {
  const me = requireUser(ctx);
  const files = requireFiles(ctx);
  const c = await loadCertificate(ctx.store, input.certificateId);
  if (c.applicantId !== me._id && !issues(me, c.issuer)) throw new AppError('FORBIDDEN', '只能下载自己的证明，或本队、本居委出具的证明');
  if (c.state !== 'issued' || !c.code) throw new AppError('WRONG_STATE', '证明出具后才能下载');
  const now = ctx.now();
  const view = viewOf(c, me, now);
  const pdf = await renderCertificatePdf(view, await loadCjkFont(files), verifyUrlOf(c.code));
  if (c.identity) await auditRead(ctx.store, me._id, c.applicantId, 'certificate.identity.read', { certificateId: c._id, document: true }, now.toISOString());
  const stored = await files.put({ folder: 'certificates', name: `志愿服务记录证明-${c.number}`, kind: 'pdf', body: pdf });
  const link = await files.link(stored.fileId, 600);
  return { fileId: stored.fileId, url: link.url, expiresAt: link.expiresAt, name: stored.name };
}

// ---------------------------------------------------------------- the issuer

export async function decide(ctx: ServiceContext, input: ParsedInput<'certificates', 'decide'>): Promise<CertificatesResults['decide']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const c = await loadCertificate(tx, input.certificateId);
    if (!issues(me, c.issuer)) throw new AppError('FORBIDDEN', `只有${c.issuer.name}的负责人或街道管理员可以处理这份申请`);
    if (c.state !== 'requested') throw new AppError('WRONG_STATE', `这份申请${CERTIFICATE_STATE_LABELS[c.state]}`);
    const patch: Partial<CertificateDoc> = input.accept
      ? { state: 'accepted', decidedAt: at, decidedBy: me._id, updatedAt: at }
      : { state: 'refused', decidedAt: at, decidedBy: me._id, refusedReason: input.reason ?? '', updatedAt: at };
    await tx.update('certificates', c._id, patch);
    if (!input.accept) {
      const body = `${c.issuer.name}不予出具 ${c.scope.from} 至 ${c.scope.to} 的志愿服务记录证明：${input.reason ?? ''}`;
      await notify(tx, { userId: c.applicantId, kind: 'certificate.refused', title: '证明申请未通过', body, ref: c._id }, at);
    }
    return summaryOf({ ...c, ...patch }, now);
  });
}

/** The person in charge of an issuer: the team's first leader, or the 居委's first social worker. */
async function inChargeOf(store: Store, i: IssuerRef): Promise<string> {
  let userId: string | undefined;
  if (i.kind === 'team') userId = (await store.get<TeamDoc>('teams', i.id))?.leaderIds[0];
  else userId = (await store.get<DeskDoc>('desks', i.id))?.socialWorkerIds[0];
  return (userId && (await store.get<UserDoc>('users', userId))?.name) || '';
}

/** What issuing `c` now would certify: its issuer's approved records of its period (queries, before the transaction). */
async function planNow(ctx: ServiceContext, c: CertificateDoc, me: UserDoc): Promise<Issuing> {
  const records = await recordsOf(ctx.store, c.applicantId, c.scope.from, c.scope.to);
  const proofRecords = (await Promise.all(records.map((r) => asProofRecord(ctx.store, r)))).filter((r) => issuerKey(r.issuer) === c.issuerKey);
  const plan = planProof(proofRecords, c.scope, lineTitle);
  return { part: plan.parts[0]!, excluded: plan.excluded, inCharge: (await inChargeOf(ctx.store, c.issuer)) || me.name };
}

interface Issuing {
  part: ProofPart;
  excluded: ProofPlan['excluded'];
  inCharge: string;
}

/** Issues the accepted `c` in `tx`: re-checks each record, draws the number and the code, indexes the records, tells the holder. */
async function issueInTx(ctx: ServiceContext, tx: Tx, c: CertificateDoc, me: UserDoc, issuing: Issuing, now: Date): Promise<CertificateView> {
  const at = now.toISOString();
  const { part } = issuing;
  for (const id of part.recordIds) {
    const r = await tx.get<ServiceRecordDoc>('serviceRecords', id);
    if (r?.state !== 'approved') throw new AppError('CONFLICT', '有记录刚刚被更正，请重新出具');
  }
  const policy = await loadPolicy(tx);
  const year = Number(at.slice(0, 4));
  const seq = await nextInSequence(tx, proofSequenceId(c.issuerKey, year), at);
  const code = verificationCode(randomBytes(10));
  const patch: Partial<CertificateDoc> = {
    state: 'issued',
    recordIds: part.recordIds,
    minutes: part.minutes,
    lines: part.lines,
    peopleServed: part.peopleServed,
    excluded: issuing.excluded,
    firstDate: part.firstDate,
    lastDate: part.lastDate,
    issuedAt: at,
    issuedBy: me._id,
    issuerDetails: { inCharge: issuing.inCharge, handler: me.name, contact: me.phoneMasked },
    number: proofNumber(issuerShortName(c.issuer.name), year, seq),
    code,
    publicityDays: policy.certificatePublicityDays,
    updatedAt: at,
  };
  await tx.update('certificates', c._id, patch);
  await tx.create<CertificateCodeDoc>('certificateCodes', { _id: ctx.secrets.lookupHash('certificateCode', code), certificateId: c._id });
  for (const id of part.recordIds) {
    const held = await tx.get<CertifiedRecordDoc>('certifiedRecords', id);
    await tx.set<CertifiedRecordDoc>('certifiedRecords', { _id: id, certificateIds: [...(held?.certificateIds ?? []), c._id] });
  }
  await audit(tx, me._id, c.applicantId, 'certificate.issue', { certificateId: c._id, number: patch.number, replaces: c.replaces ?? null }, at);
  const body = `${c.issuer.name}已出具您 ${c.scope.from} 至 ${c.scope.to} 的志愿服务记录证明（${patch.number}），${certificateHours(part.minutes)}`;
  await notify(tx, { userId: c.applicantId, kind: 'certificate.issued', title: '志愿服务记录证明已出具', body, ref: c._id }, at);
  return viewOf({ ...c, ...patch }, me, now);
}

export async function issue(ctx: ServiceContext, input: ParsedInput<'certificates', 'issue'>): Promise<CertificatesResults['issue']> {
  const me = requireUser(ctx);
  const before = await loadCertificate(ctx.store, input.certificateId);
  if (!issues(me, before.issuer)) throw new AppError('FORBIDDEN', `只有${before.issuer.name}的负责人或街道管理员可以出具这份证明`);
  const issuing = await planNow(ctx, before, me);
  const now = ctx.now();
  return ctx.mutate(async (tx) => {
    const c = await loadCertificate(tx, input.certificateId);
    if (c.state === 'issued') return viewOf(c, me, now);
    if (c.state !== 'accepted')
      throw new AppError('WRONG_STATE', c.state === 'requested' ? '请先受理这份申请' : `这份申请${CERTIFICATE_STATE_LABELS[c.state]}`);
    return issueInTx(ctx, tx, c, me, issuing, now);
  });
}

/**
 * The corrected proof for a void one, in one tap of its issuer: a new proof of the same holder,
 * issuer and period, over the records approved now, numbered anew; the void one points to it.
 */
export async function reissue(ctx: ServiceContext, input: ParsedInput<'certificates', 'reissue'>): Promise<CertificatesResults['reissue']> {
  const me = requireUser(ctx);
  const before = await loadCertificate(ctx.store, input.certificateId);
  if (!issues(me, before.issuer)) throw new AppError('FORBIDDEN', `只有${before.issuer.name}的负责人或街道管理员可以重新出具这份证明`);
  if (!before.voidedAt) throw new AppError('WRONG_STATE', '只有已作废的证明需要重新出具');
  const issuing = await planNow(ctx, before, me);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const old = await loadCertificate(tx, input.certificateId);
    if (old.replacedBy) return viewOf(await loadCertificate(tx, old.replacedBy), me, now);
    const fresh: CertificateDoc = {
      ...old,
      _id: newCertificateId(),
      state: 'accepted',
      requestedAt: at,
      decidedAt: at,
      decidedBy: me._id,
      refusedReason: null,
      issuedAt: null,
      issuedBy: null,
      issuerDetails: null,
      number: null,
      code: null,
      voidedAt: null,
      voidedBy: null,
      replaces: old._id,
      replacedBy: null,
      updatedAt: at,
    };
    await tx.create('certificates', fresh);
    await tx.update('certificates', old._id, { replacedBy: fresh._id, updatedAt: at });
    return issueInTx(ctx, tx, fresh, me, issuing, now);
  });
}

/**
 * Voids, inside the reversing transaction, every proof that certifies `recordId`: its hours are no
 * longer true. Called by records.reverse.
 */
export async function voidProofsOf(tx: Tx, recordId: string, actorId: string, at: string): Promise<number> {
  const held = await tx.get<CertifiedRecordDoc>('certifiedRecords', recordId);
  let voided = 0;
  for (const id of held?.certificateIds ?? []) {
    const c = await tx.get<CertificateDoc>('certificates', id);
    if (!c || c.voidedAt) continue;
    await tx.update('certificates', id, { voidedAt: at, voidedBy: actorId, updatedAt: at });
    await audit(tx, actorId, c.applicantId, 'certificate.void', { certificateId: id, recordId }, at);
    const body = `证明 ${c.number} 中的服务记录已被更正，这份证明已作废；可请${c.issuer.name}重新出具`;
    await notify(tx, { userId: c.applicantId, kind: 'certificate.voided', title: '志愿服务记录证明已作废', body, ref: id }, at);
    voided += 1;
  }
  return voided;
}

// ---------------------------------------------------------------- verification

export async function verify(ctx: ServiceContext, input: ParsedInput<'certificates', 'verify'>): Promise<CertificatesResults['verify']> {
  const now = ctx.now();
  const code = normalizeCode(input.code);
  const found = code ? await ctx.store.get<CertificateCodeDoc>('certificateCodes', ctx.secrets.lookupHash('certificateCode', code)) : null;
  const c = found ? await ctx.store.get<CertificateDoc>('certificates', found.certificateId) : null;
  if (!c || c.state !== 'issued') {
    // Only wrong codes count: a genuine proof may be checked as often as anyone likes.
    const key = ctx.actor.openid || 'anonymous';
    await takeRateLimited(ctx.store, ctx.log, VERIFY_LIMIT, key, now, { subjectId: key, detail: { wellFormed: !!code } });
    return { result: 'unknown' };
  }
  const closed = !!(await ctx.store.get<UserDoc>('users', c.applicantId))?.closedAt;
  return {
    result: c.voidedAt ? 'void' : 'genuine',
    number: c.number!,
    issuerName: c.issuer.name,
    from: c.scope.from,
    to: c.scope.to,
    hoursText: certificateHours(c.minutes),
    // A proof issued before the account closed still verifies, without the name.
    maskedName: closed ? '（已注销）' : maskName(c.applicantName),
    voidedAt: c.voidedAt,
  };
}
