/**
 * 志愿服务记录证明 (民发〔2015〕149号): who issues a proof of which records, what it leaves out and
 * why, the volunteer number and the proof number, the verification code, and when an issued proof
 * is final or void. Pure; no I/O, no clock (callers pass `now`), no randomness (callers pass bytes).
 *
 * "谁记录谁证明": an activity's or a leader's record is certified by its team (the leader or the
 * street admin); one-to-one help and 老伙伴 contacts by the 居委 of the senior served (its social
 * worker or the street admin). A request spanning several issuers becomes one proof per issuer.
 */
import { AppError } from '../errors';
import { ID_TYPES, ID_TYPE_LABELS, birthDateOfIdCard, identityNumberProblem, isMinorOn, type IdType } from './identity-documents';
import { formatHours } from './ledger';

export { ID_TYPES, ID_TYPE_LABELS, identityNumberProblem, type IdType };

/**
 * A minor's proof needs a guardian: when the 居民身份证 number shows the applicant is under 18 on
 * `day` (the day of the application), the guardian's name (the guardian consents for them) must be
 * given. Answers the Chinese refusal, or null when nothing is missing. Other documents carry no
 * birth date and are not checked here (registration already asked a minor for a guardian).
 */
export function guardianMissing(identity: { type: string; number: string; guardianName?: string | null }, day: string): string | null {
  if (identity.type !== 'idCard') return null;
  const birth = birthDateOfIdCard(identity.number);
  if (!birth || !isMinorOn(birth, day)) return null;
  return identity.guardianName?.trim() ? null : '未满 18 周岁的志愿者申请证明，需要监护人同意并填写监护人姓名';
}

/** Street-wide and per-issuer settings of the proof's issuer block (`settings/certificateIssuer`). */
export const ISSUER_SETTINGS_ID = 'certificateIssuer';
export interface IssuerSetting {
  /** The organisation's contact number printed on its proofs (not a handler's own phone). */
  phone: string | null;
  /** The electronic seal, a transparent PNG in the Files port. */
  sealFileId: string | null;
  updatedAt: string;
  updatedBy: string;
}
export interface IssuerSettingsDoc {
  _id: string;
  /** The street's own: used for every issuer that has none of its own. */
  street: IssuerSetting | null;
  /** By `issuerKey` (team:<id>, committee:<id>). */
  issuers: Record<string, IssuerSetting>;
}

/** What an issuer's proofs carry: its own phone and seal, each falling back to the street's. */
export function issuerSettingOf(doc: IssuerSettingsDoc | null, key: string): { phone: string | null; sealFileId: string | null } {
  const own = doc?.issuers[key];
  return { phone: own?.phone ?? doc?.street?.phone ?? null, sealFileId: own?.sealFileId ?? doc?.street?.sealFileId ?? null };
}

/** What an issuer's block lacks for a proof others will accept: the electronic seal, the contact number. */
export type IssuerGap = 'seal' | 'phone';
const ISSUER_GAP_WORDS: Record<IssuerGap, { what: string; todo: string }> = {
  seal: { what: '电子印章', todo: '上传电子印章' },
  phone: { what: '联系电话', todo: '填写联系电话' },
};

/** The gaps of an issuer's effective setting (`issuerSettingOf`), seal first. */
export function issuerGaps(setting: { phone: string | null; sealFileId: string | null }): IssuerGap[] {
  return [...(setting.sealFileId ? [] : (['seal'] as const)), ...(setting.phone ? [] : (['phone'] as const))];
}

/**
 * The refusal to issue while the issuer block is incomplete (a proof without the issuer's seal or
 * contact is rejected by whoever it is shown to): WRONG_STATE, naming what the street admin sets up
 * first; null when nothing is missing. The request stays accepted, in the queue, until then.
 */
export function issuerIncomplete(gaps: IssuerGap[]): AppError | null {
  if (!gaps.length) return null;
  const what = gaps.map((g) => ISSUER_GAP_WORDS[g].what).join('和');
  const todo = gaps.map((g) => ISSUER_GAP_WORDS[g].todo).join('、');
  return new AppError('WRONG_STATE', `还不能出具：出具单位还没有${what}。请街道管理员先在“我的 → 街道管理 → 证明出具设置”中${todo}，再出具。`, {
    missing: gaps,
  });
}

// ---------------------------------------------------------------- numbers

/** Digits of a gap-free sequence number (volunteer and proof numbers). */
export const SEQUENCE_DIGITS = 6;
const SEQUENCE_MAX = 10 ** SEQUENCE_DIGITS - 1;

function sequenceText(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > SEQUENCE_MAX) {
    throw new AppError('INTERNAL', `编号序号超出范围：${seq}`);
  }
  return String(seq).padStart(SEQUENCE_DIGITS, '0');
}

/**
 * The volunteer number (志愿者编号): street code, year of registration and a gap-free sequence of
 * that street and year, e.g. `310000-demo-2026-000123`. Assigned once; never reused, because the
 * sequence only grows and a closed account keeps its number.
 */
export function volunteerNumber(streetCode: string, year: number, seq: number): string {
  return `${streetCode}-${year}-${sequenceText(seq)}`;
}

const VOLUNTEER_NUMBER = /^(.+)-(\d{4})-(\d{6})$/;

export function parseVolunteerNumber(text: string): { streetCode: string; year: number; seq: number } | null {
  const m = VOLUNTEER_NUMBER.exec(text);
  if (!m) return null;
  const seq = Number(m[3]);
  return seq >= 1 ? { streetCode: m[1]!, year: Number(m[2]), seq } : null;
}

/** The sequence a volunteer number is drawn from: one per street and year. */
export const volunteerSequenceId = (streetCode: string, year: number): string => `volunteer:${streetCode}:${year}`;

/**
 * The proof number: the issuer's short name, the year of issue and a gap-free sequence of that
 * issuer and year, e.g. `新圆湾-2026-000123`. Numbers of refused or never-issued requests are not
 * taken: a number is drawn only in the transaction that issues.
 */
export function proofNumber(issuerShortName: string, year: number, seq: number): string {
  return `${issuerShortName}-${year}-${sequenceText(seq)}`;
}

export const proofSequenceId = (issuerKey: string, year: number): string => `proof:${issuerKey}:${year}`;

/** A short name for numbers: the organisation's name without its kind (居委, 街道, 队 …), at most 6 characters. */
export function issuerShortName(name: string): string {
  const short = name.replace(/(居民委员会|居委会|居委|街道办事处|街道|志愿服务队|志愿者服务队|志愿队|服务队|队)$/, '').trim();
  return (short || name).slice(0, 6);
}

// ---------------------------------------------------------------- the verification code

/** Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BODY = 16;

/** The check character of a body (Luhn mod 32): catches every single wrong character and most swaps. */
function checkChar(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body[i]!);
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

/**
 * A verification code from 10+ random bytes (80 bits): four groups of four and a check character,
 * e.g. `7K3M-Q9XD-2HRT-V8PA-N`. Guessing one is hopeless, and the verify action is rate-limited.
 */
export function verificationCode(random: Uint8Array): string {
  if (random.length < 10) throw new AppError('INTERNAL', '验证码需要至少 80 位随机数');
  let bits = 0;
  let value = 0;
  let body = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && body.length < CODE_BODY) {
      body += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return `${body.match(/.{4}/g)!.join('-')}-${checkChar(body)}`;
}

/**
 * The code as stored, from what someone typed or scanned: upper case, without spaces or dashes,
 * with the look-alikes Crockford allows (O→0, I/L→1). Null when it is not a whole, well-formed code
 * (truncated, forged check character, foreign characters), so a typo is told apart from "unknown".
 */
export function normalizeCode(text: string): string | null {
  const plain = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== CODE_BODY + 1 || [...plain].some((c) => !ALPHABET.includes(c))) return null;
  const body = plain.slice(0, CODE_BODY);
  if (checkChar(body) !== plain[CODE_BODY]) return null;
  return `${body.match(/.{4}/g)!.join('-')}-${plain[CODE_BODY]}`;
}

// ---------------------------------------------------------------- what a proof contains

/** Who certifies a record: the team that organised it, or the 居委 of the senior served. */
export interface IssuerRef {
  kind: 'team' | 'committee';
  id: string;
}

export const issuerKey = (i: IssuerRef): string => `${i.kind}:${i.id}`;

/** A record as the proof rules read it (the service resolves its issuer and the senior served). */
export interface ProofRecord {
  id: string;
  state: 'pending' | 'approved' | 'rejected' | 'reversed';
  source: 'manual' | 'activity' | 'help' | 'contact';
  date: string;
  minutes: number;
  teamId: string;
  activityId?: string;
  categoryName: string;
  content: string;
  issuer: IssuerRef;
  /** The senior served, for help and 老伙伴 records only ("people served" counts distinct seniors). */
  seniorId?: string;
  /** A help request the senior side disputed and nobody has settled. */
  disputed?: boolean;
}

export type ProofScope = { from: string; to: string } & ({ kind: 'all' } | { kind: 'team'; teamId: string } | { kind: 'activity'; activityId: string });

export type ExclusionReason = 'pending' | 'rejected' | 'reversed' | 'disputed';

export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  pending: '尚未审核',
  rejected: '已退回',
  reversed: '已更正（冲销）',
  disputed: '有异议，尚未处理',
};

export interface ProofLine {
  /** An activity's title, or a category's name for records without an activity. */
  title: string;
  minutes: number;
  records: number;
}

export interface ProofPart {
  issuer: IssuerRef;
  recordIds: string[];
  minutes: number;
  /** Each activity or category with its hours, longest first. */
  lines: ProofLine[];
  /** Distinct seniors served through help and 老伙伴 records. */
  peopleServed: number;
  /** The first and last service dates in this part. */
  firstDate: string;
  lastDate: string;
}

export interface ProofPlan {
  parts: ProofPart[];
  excluded: Array<{ recordId: string; date: string; minutes: number; reason: ExclusionReason; label: string }>;
}

const inScope = (r: ProofRecord, s: ProofScope): boolean =>
  r.date >= s.from && r.date <= s.to && (s.kind === 'all' || (s.kind === 'team' ? r.teamId === s.teamId : r.activityId === s.activityId));

/**
 * The senior a record served, when it counts as "people served": help and 老伙伴 records only
 * (an activity's crowd is not people served one by one). Shared with the year in review.
 */
export const servedSeniorOf = (r: Pick<ProofRecord, 'source' | 'seniorId'>): string | null =>
  (r.source === 'help' || r.source === 'contact') && r.seniorId ? r.seniorId : null;

/** Why a record is left out of a proof (and of the year in review), or null when it counts. */
export function exclusionOf(r: Pick<ProofRecord, 'state' | 'disputed'>): ExclusionReason | null {
  if (r.state !== 'approved') return r.state;
  return r.disputed ? 'disputed' : null;
}

/**
 * Which records of `scope` a proof certifies, split into one part per issuer; unapproved, reversed
 * and disputed records are left out and listed with the reason, so the proof can say which. A scope
 * with no certifiable record is an error the volunteer can act on.
 */
export function planProof(records: readonly ProofRecord[], scope: ProofScope, titles: (r: ProofRecord) => string = (r) => r.categoryName): ProofPlan {
  if (scope.from > scope.to) throw new AppError('VALIDATION', '开始日期不能晚于结束日期', [{ path: 'from', message: '晚于结束日期' }]);
  const parts = new Map<string, ProofPart & { seniors: Set<string>; byTitle: Map<string, ProofLine> }>();
  const excluded: ProofPlan['excluded'] = [];
  const sorted = records.filter((r) => inScope(r, scope)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  for (const r of sorted) {
    const reason = exclusionOf(r);
    if (reason) {
      excluded.push({ recordId: r.id, date: r.date, minutes: r.minutes, reason, label: EXCLUSION_LABELS[reason] });
      continue;
    }
    const key = issuerKey(r.issuer);
    let part = parts.get(key);
    if (!part) {
      part = {
        issuer: r.issuer,
        recordIds: [],
        minutes: 0,
        lines: [],
        peopleServed: 0,
        firstDate: r.date,
        lastDate: r.date,
        seniors: new Set(),
        byTitle: new Map(),
      };
      parts.set(key, part);
    }
    part.recordIds.push(r.id);
    part.minutes += r.minutes;
    part.lastDate = r.date;
    const senior = servedSeniorOf(r);
    if (senior) part.seniors.add(senior);
    const title = titles(r);
    const line = part.byTitle.get(title) ?? { title, minutes: 0, records: 0 };
    line.minutes += r.minutes;
    line.records += 1;
    part.byTitle.set(title, line);
  }
  if (parts.size === 0) {
    throw new AppError('VALIDATION', '这段时间没有已审核通过的服务记录，无法开具证明', [{ path: 'from', message: '没有已审核的时长' }]);
  }
  return {
    parts: [...parts.values()]
      .sort((a, b) => (issuerKey(a.issuer) < issuerKey(b.issuer) ? -1 : 1))
      .map(({ seniors, byTitle, ...p }) => ({
        ...p,
        peopleServed: seniors.size,
        lines: [...byTitle.values()].sort((a, b) => b.minutes - a.minutes || (a.title < b.title ? -1 : 1)),
      })),
    excluded,
  };
}

// ---------------------------------------------------------------- after issue

/** Days an issued proof is shown on the 公示 list before it counts as final (policy may turn it off: 0). */
export const DEFAULT_PUBLICITY_DAYS = 7;

export type ProofStanding = 'publicising' | 'final' | 'void';

export function proofStanding(p: { issuedAt: string; publicityDays: number; voidedAt?: string | null }, now: Date): ProofStanding {
  if (p.voidedAt) return 'void';
  const ends = Date.parse(p.issuedAt) + p.publicityDays * 86_400_000;
  return now.getTime() < ends ? 'publicising' : 'final';
}

/** A proof is void once any record it certifies is reversed: its hours are no longer true. */
export const voidedByReversal = (certified: readonly string[], reversedRecordId: string): boolean => certified.includes(reversedRecordId);

/** An identity number shown masked except its last 4 characters. */
export function maskIdNumber(id: string): string {
  const plain = id.replace(/\s/g, '');
  return plain.length <= 4 ? '****' : `${'*'.repeat(plain.length - 4)}${plain.slice(-4)}`;
}

// ---------------------------------------------------------------- the document

/** A request for a proof and, once issued, the proof (`certificates`). Contents are snapshots taken at issue. */
export interface CertificateDoc {
  _id: string;
  applicantId: string;
  /** Snapshots: a proof says what was true when it was issued, and still verifies after the account closed. */
  applicantName: string;
  volunteerNo: string;
  identity: { type: string; numberEnc: string; numberMasked: string; guardianName: string | null } | null;
  scope: ProofScope;
  issuer: IssuerRef & { name: string };
  /** `issuerKey(issuer)`, for the issuer's queue. */
  issuerKey: string;
  state: 'requested' | 'accepted' | 'refused' | 'issued';
  remarks: string;
  requestedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  refusedReason: string | null;
  /** At apply, the plan for this issuer; replaced at issue by the records approved then. */
  recordIds: string[];
  minutes: number;
  lines: ProofLine[];
  peopleServed: number;
  excluded: ProofPlan['excluded'];
  firstDate: string;
  lastDate: string;
  issuedAt: string | null;
  issuedBy: string | null;
  /** `sealFileId`: the seal in force when issued (absent or null: issued without one). */
  issuerDetails: { inCharge: string; handler: string; contact: string; sealFileId?: string | null } | null;
  /** The stored PDF of this proof and the version it shows (`issued` or `void`), reused until the proof changes. */
  documentFile?: { fileId: string; version: string } | null;
  number: string | null;
  /** The verification code (the QR carries it); its keyed hash is the id of `certificateCodes/<hash>`. */
  code: string | null;
  publicityDays: number;
  voidedAt: string | null;
  voidedBy: string | null;
  /** A corrected proof names the void one it replaces, and the void one names its replacement. */
  replaces?: string | null;
  replacedBy?: string | null;
  updatedAt: string;
}

/** `certifiedRecords/<recordId>`: the proofs a record is in, so reversing it voids them in the same transaction. */
export interface CertifiedRecordDoc {
  _id: string;
  certificateIds: string[];
}

/** `certificateCodes/<keyed hash of the code>`: the proof a verification code belongs to, read by id. */
export interface CertificateCodeDoc {
  _id: string;
  certificateId: string;
}

export const CERTIFICATE_STATE_LABELS: Record<CertificateDoc['state'], string> = {
  requested: '待受理',
  accepted: '已受理，待出具',
  refused: '不予出具',
  issued: '已出具',
};

export const STANDING_LABELS: Record<ProofStanding, string> = { publicising: '公示中', final: '已生效', void: '已作废' };

/** Wrong codes one caller may try per hour before verification is refused for a while. */
export const VERIFY_LIMIT = { scope: 'certificateVerify', limit: 20, windowMinutes: 60, what: '核验证明' } as const;

/**
 * Hours on a proof: 12小时30分. The figure is volunteer service time (服务时长, the hours the guidance
 * counts), not time credits, so it leads with 小时; the minutes left over keep the app's unit, 分, as
 * every screen writes service hours and credits (formatHours / src/services/format.ts `hours`), so the
 * proof and the records it was made from read the same figure the same way. Minutes stay exact.
 */
export function certificateHours(minutes: number): string {
  return formatHours(minutes);
}
