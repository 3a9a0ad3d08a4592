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
import { MAX_SEAL_BYTES } from '../api/certificates';
import type { CertificateSummary, CertificateView, CertificatesResults, IssuerSettingsView, ParsedInput, PublicityItem } from '../api';
import {
  CERTIFICATE_STATE_LABELS,
  ID_TYPE_LABELS,
  identityNumberProblem,
  STANDING_LABELS,
  VERIFY_LIMIT,
  ISSUER_SETTINGS_ID,
  certificateHours,
  guardianMissing,
  issuerGaps,
  issuerIncomplete,
  issuerKey,
  issuerSettingOf,
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
  type IssuerSetting,
  type IdType,
  type IssuerSettingsDoc,
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
import type { Files } from '../files/port';
import { VERIFY_PAGE, type Wxacode } from '../wxacode/port';
import type { Store, Tx } from '../store/port';
import { loadPolicy } from './policy';
import { takeRateLimited } from './rate-limit';
import { type Reader } from './shared/acting';
import { audit, auditRead } from './shared/audit';
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
  // A correction granted on appeal is certified as the service it restores was (same issuer, same senior).
  const original = r.source === 'appeal' && r.correctionOf ? await reader.get<ServiceRecordDoc>('serviceRecords', r.correctionOf) : null;
  if (original) return { ...(await asProofRecord(reader, original)), id: r._id, state: r.state, minutes: r.minutes };
  const base = {
    id: r._id,
    state: r.state,
    source: !r.source || r.source === 'appeal' ? 'manual' : r.source,
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

function viewOf(c: CertificateDoc, viewer: UserDoc, now: Date, settings: IssuerSettingsDoc | null = null): CertificateView {
  const mayIssue = issues(viewer, c.issuer);
  // A proof is issued only with the issuer's seal and contact number (issueInTx refuses otherwise):
  // its issuer is told what is missing, and offered no 出具 button until the admin has set it up.
  const gaps = willIssue(c) ? issuerGaps(issuerSettingOf(settings, c.issuerKey)) : [];
  const issuerWarnings = mayIssue ? gaps.map((g) => ISSUER_WARNINGS[g]) : [];
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
    sealed: !!c.issuerDetails?.sealFileId,
    issuerWarnings,
    guardianName: c.identity?.guardianName ?? null,
    // The code is the proof's credential: only its holder and its issuer see it.
    verificationCode: c.code,
    remarks: c.remarks,
    replaces: c.replaces ?? null,
    replacedBy: c.replacedBy ?? null,
    can: {
      decide: mayIssue && c.state === 'requested',
      issue: mayIssue && c.state === 'accepted' && !gaps.length,
      reissue: mayIssue && !!c.voidedAt && !c.replacedBy && !gaps.length,
    },
  };
}

const ISSUER_WARNINGS = {
  seal: '出具单位还没有上传电子印章，暂时不能出具：请街道管理员在“我的 → 街道管理 → 证明出具设置”中上传。',
  phone: '出具单位还没有设置联系电话，暂时不能出具：请街道管理员在“我的 → 街道管理 → 证明出具设置”中填写。',
} as const;

/** Whether `c` is still to be issued, or re-issued (void, not yet replaced): its issuer is told what it would lack. */
const willIssue = (c: CertificateDoc) => c.state !== 'issued' || (!!c.voidedAt && !c.replacedBy);

const loadIssuerSettings = (reader: Reader) => reader.get<IssuerSettingsDoc>('settings', ISSUER_SETTINGS_ID);

// ---------------------------------------------------------------- apply

async function latestIdentity(store: Store, applicantId: string): Promise<CertificateDoc['identity']> {
  const page = await store.find<CertificateDoc>('certificates', { where: { applicantId }, orderBy: { field: 'requestedAt', direction: 'desc' }, limit: 20 });
  return page.items.find((c) => c.identity)?.identity ?? null;
}

/** Why an identity kept from an earlier application would not be printed now (a number given before the check), or null. */
function reusedIdentityProblem(ctx: ServiceContext, identity: NonNullable<CertificateDoc['identity']>, today: string): string | null {
  if (!(identity.type in ID_TYPE_LABELS)) return null;
  return identityNumberProblem(identity.type as IdType, ctx.secrets.decrypt(identity.numberEnc), today);
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
  const today = shanghaiDay(now);
  // The number is checked for its document type (also by the contract, without the date): a birth date
  // after today is refused here; one kept from an application before the check is asked for again.
  const numberProblem = input.identity
    ? identityNumberProblem(input.identity.type, input.identity.number, today)
    : earlier && reusedIdentityProblem(ctx, earlier, today);
  if (numberProblem) {
    const message = input.identity ? numberProblem : `之前填写的证件号码有误（${numberProblem}），请重新填写证件信息`;
    throw new AppError('VALIDATION', message, [{ path: 'identity.number', message: numberProblem }]);
  }
  // A minor's proof needs the guardian's consent and name, checked on the day of the application.
  const guardianProblem = input.identity
    ? guardianMissing(input.identity, today)
    : earlier
      ? guardianMissing({ type: earlier.type, number: ctx.secrets.decrypt(earlier.numberEnc), guardianName: earlier.guardianName }, today)
      : null;
  if (guardianProblem) throw new AppError('VALIDATION', guardianProblem, [{ path: 'identity.guardianName', message: '必填' }]);
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
  // A number kept from before the check that fails it is asked for again by the form.
  const identityOnFile = !!identity && !reusedIdentityProblem(ctx, identity, shanghaiDay(now));
  return { items: page.items.map((c) => summaryOf(c, now)), next: page.next, identityOnFile };
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

/** The calendar day in Shanghai, YYYY-MM-DD. */
const shanghaiDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function detail(ctx: ServiceContext, input: ParsedInput<'certificates', 'detail'>): Promise<CertificatesResults['detail']> {
  const me = requireUser(ctx);
  const c = await loadCertificate(ctx.store, input.certificateId);
  if (c.applicantId !== me._id && !issues(me, c.issuer)) throw new AppError('FORBIDDEN', '只能查看自己的证明，或本队、本居委出具的证明');
  const now = ctx.now();
  if (c.identity) await auditRead(ctx.store, me._id, c.applicantId, 'certificate.identity.read', { certificateId: c._id }, now.toISOString());
  return viewOf(c, me, now, willIssue(c) ? await loadIssuerSettings(ctx.store) : null);
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

/**
 * Where the QR of a proof points: the verify page with its code, under the runtime's verifyUrlBase
 * (VERIFY_URL_BASE, or the local server's own address); the local server's default address when a
 * runtime has none.
 */
export const verifyUrlOf = (code: string, base = 'http://localhost:8787'): string => `${base.replace(/\/$/, '')}/verify/${encodeURIComponent(code)}`;

/**
 * What the proof's code block carries: on CloudBase the mini-program code of the verify page with the
 * verification code as its scene; locally, or when WeChat refuses (a page not yet published), the
 * verify URL as a QR — a proof is never withheld for want of the nicer code.
 */
export async function verifyCodeOf(wxacode: Wxacode | undefined, code: string, log: ServiceContext['log'], verifyUrlBase?: string): Promise<string | Buffer> {
  if (!wxacode) return verifyUrlOf(code, verifyUrlBase);
  try {
    return await wxacode.unlimited({ scene: code, page: VERIFY_PAGE });
  } catch (e) {
    log.warn({ err: String(e) }, 'wxacode.getUnlimited failed; the proof carries the verify URL as a QR');
    return verifyUrlOf(code, verifyUrlBase);
  }
}

export async function document(ctx: ServiceContext, input: ParsedInput<'certificates', 'document'>): Promise<CertificatesResults['document']> {
  const me = requireUser(ctx);
  const files = requireFiles(ctx);
  const c = await loadCertificate(ctx.store, input.certificateId);
  if (c.applicantId !== me._id && !issues(me, c.issuer)) throw new AppError('FORBIDDEN', '只能下载自己的证明，或本队、本居委出具的证明');
  if (c.state !== 'issued' || !c.code) throw new AppError('WRONG_STATE', '证明出具后才能下载');
  const now = ctx.now();
  if (c.identity) await auditRead(ctx.store, me._id, c.applicantId, 'certificate.identity.read', { certificateId: c._id, document: true }, now.toISOString());
  const name = `志愿服务记录证明-${c.number}.pdf`;
  // One stored file per version of the proof: made again only when it changes (voided), the old one removed.
  const version = documentVersion(c);
  if (c.documentFile?.version === version) {
    try {
      const link = await files.link(c.documentFile.fileId, 600);
      return { fileId: c.documentFile.fileId, url: link.url, expiresAt: link.expiresAt, name };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  const view = viewOf(c, me, now);
  const seal = await sealBytes(files, c.issuerDetails?.sealFileId ?? null, ctx);
  const pdf = await renderCertificatePdf(view, await loadCjkFont(files), await verifyCodeOf(ctx.wxacode, c.code, ctx.log, ctx.verifyUrlBase), seal);
  const stored = await files.put({ folder: 'certificates', name: `志愿服务记录证明-${c.number}`, kind: 'pdf', body: pdf });
  const previous = c.documentFile?.fileId;
  const kept = await ctx.store.transaction(async (tx) => {
    const fresh = await tx.get<CertificateDoc>('certificates', c._id);
    // Another download made this version meanwhile: keep that one.
    if (fresh?.documentFile?.version === version) return fresh.documentFile;
    await tx.update('certificates', c._id, { documentFile: { fileId: stored.fileId, version } });
    return { fileId: stored.fileId, version };
  });
  if (kept.fileId !== stored.fileId) await files.remove(stored.fileId);
  else if (previous && previous !== stored.fileId) await files.remove(previous).catch(() => undefined);
  const link = await files.link(kept.fileId, 600);
  return { fileId: kept.fileId, url: link.url, expiresAt: link.expiresAt, name: stored.name };
}

/** What the document of `c` shows that can change after issue: void or not (and its replacement). */
const documentVersion = (c: CertificateDoc) => (c.voidedAt ? `void:${c.voidedAt}` : 'issued');

/** The seal's bytes, or null when the proof was issued without one or the file is gone (said in the log). */
async function sealBytes(files: Files, fileId: string | null, ctx: ServiceContext): Promise<Buffer | null> {
  if (!fileId) return null;
  try {
    return await files.read(fileId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') {
      ctx.log.warn({ fileId }, 'certificate seal file is gone; the document says it carries no seal');
      return null;
    }
    throw e;
  }
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
  const setting = issuerSettingOf(await loadIssuerSettings(tx), c.issuerKey);
  // Never a proof without the issuer's seal or contact: the request stays accepted until the admin sets them.
  const incomplete = issuerIncomplete(issuerGaps(setting));
  if (incomplete) throw incomplete;
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
    // The organisation's number and seal as set by the admin, never the handler's own phone.
    issuerDetails: { inCharge: issuing.inCharge, handler: me.name, contact: setting.phone ?? '', sealFileId: setting.sealFileId },
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
      documentFile: null,
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

// ---------------------------------------------------------------- the issuer's settings (seal, contact number)

function requireAdmin(ctx: ServiceContext): UserDoc {
  const me = requireUser(ctx);
  if (!isAdmin(me)) throw new AppError('FORBIDDEN', '只有街道管理员可以设置证明的出具单位信息');
  return me;
}

async function settingsView(files: Files, doc: IssuerSettingsDoc | null, key: string | null): Promise<IssuerSettingsView> {
  const own = key ? (doc?.issuers[key] ?? null) : (doc?.street ?? null);
  const effective = key ? issuerSettingOf(doc, key) : { phone: own?.phone ?? null, sealFileId: own?.sealFileId ?? null };
  let seal: IssuerSettingsView['seal'] = null;
  if (own?.sealFileId) {
    try {
      seal = { ...(await files.link(own.sealFileId, 600)), fileId: own.sealFileId };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  return {
    issuerKey: key,
    phone: own?.phone ?? null,
    seal,
    effective: { phone: effective.phone, sealed: !!effective.sealFileId },
    updatedAt: own?.updatedAt ?? null,
  };
}

export async function issuerSettings(
  ctx: ServiceContext,
  input: ParsedInput<'certificates', 'issuerSettings'>,
): Promise<CertificatesResults['issuerSettings']> {
  requireAdmin(ctx);
  return settingsView(requireFiles(ctx), await loadIssuerSettings(ctx.store), input.issuerKey ?? null);
}

/**
 * Sets the street's (or one issuer's) contact number and electronic seal. The seal is checked by its
 * bytes (a PNG) and stored before the transaction; a retry is answered the first result by the dispatcher, and a
 * concurrent retry that loses the race removes its own upload.
 * Proofs issued earlier keep the seal they were issued with.
 */
export async function setIssuer(ctx: ServiceContext, input: ParsedInput<'certificates', 'setIssuer'>): Promise<CertificatesResults['setIssuer']> {
  const me = requireAdmin(ctx);
  const files = requireFiles(ctx);
  const key = input.issuerKey ?? null;
  if (key) {
    const [kind, id] = key.split(':') as ['team' | 'committee', string];
    const exists = kind === 'team' ? await ctx.store.get('teams', id) : await ctx.store.get('committees', id);
    if (!exists) throw new AppError('NOT_FOUND', '找不到这个出具单位');
  }
  let uploaded: string | null = null;
  if (input.sealPngBase64) {
    const body = Buffer.from(input.sealPngBase64, 'base64');
    if (body.length > MAX_SEAL_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '印章图片太大（上限 512 KB）');
    // Past the signature, a PNG starts with its IHDR chunk; anything else would break the document later.
    if (body.length >= 24 && body.subarray(12, 16).toString('latin1') === 'IHDR') {
      const [w, h] = [body.readUInt32BE(16), body.readUInt32BE(20)];
      if (w < 64 || h < 64 || w > 4096 || h > 4096) throw new AppError('VALIDATION', '印章图片的边长需要在 64 到 4096 像素之间');
    } else if (body.subarray(0, 4).toString('latin1') === '\x89PNG') {
      throw new AppError('VALIDATION', '印章图片已损坏，请重新选择');
    }
    uploaded = (await files.put({ folder: 'seals', name: '电子印章', kind: 'png', body })).fileId;
  }
  const at = ctx.now().toISOString();
  const result = await ctx.mutate<IssuerSettingsView>(
    async (tx) => {
      const doc: IssuerSettingsDoc = (await loadIssuerSettings(tx)) ?? { _id: ISSUER_SETTINGS_ID, street: null, issuers: {} };
      const before = key ? (doc.issuers[key] ?? null) : doc.street;
      const next: IssuerSetting = {
        phone: input.phone === undefined ? (before?.phone ?? null) : input.phone,
        sealFileId: input.sealPngBase64 === undefined ? (before?.sealFileId ?? null) : uploaded,
        updatedAt: at,
        updatedBy: me._id,
      };
      const saved: IssuerSettingsDoc = key ? { ...doc, issuers: { ...doc.issuers, [key]: next } } : { ...doc, street: next };
      await tx.set<IssuerSettingsDoc>('settings', saved);
      await audit(
        tx,
        me._id,
        me._id,
        'certificate.issuer.set',
        { issuerKey: key, phone: input.phone !== undefined, seal: input.sealPngBase64 !== undefined },
        at,
      );
      // The committed values; the answer (kept for a retry) adds the preview link.
      const seal = next.sealFileId ? { url: '', expiresAt: '', fileId: next.sealFileId } : null;
      const effective = key ? issuerSettingOf(saved, key) : next;
      return { issuerKey: key, phone: next.phone, seal, effective: { phone: effective.phone, sealed: !!effective.sealFileId }, updatedAt: at };
    },
    { answer: async () => settingsView(files, await loadIssuerSettings(ctx.store), key) },
  );
  // A concurrent retry that lost the race answers the first result: the file this call stored is not the one kept.
  if (uploaded && result.seal?.fileId !== uploaded) await files.remove(uploaded);
  return result;
}
