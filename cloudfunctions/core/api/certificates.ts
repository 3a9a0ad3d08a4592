/**
 * Contract of the `certificates` function: 志愿服务记录证明. A volunteer applies for a proof of a
 * period (all approved service, one team's or one activity's); it becomes one request per issuer
 * ("谁记录谁证明": the team for activity and leader records, the senior's 居委 for help and 老伙伴
 * records). The issuer accepts or refuses with a reason, and issues: the proof gets its number and
 * a verification code, is publicised (公示) for the policy's days, then is final; a reversed record
 * voids it. Anyone may verify a code; the answer carries the number, issuer, period, hours and the
 * masked name, nothing else. Rules: domain/certificates.ts; docs/certificates.md.
 */
import * as z from 'zod';
import { ID_TYPES, type ExclusionReason, type ProofLine, type ProofStanding } from '../domain/certificates';
import { identityNumberProblem } from '../domain/identity-documents';
import { FIRST_REVIEW_YEAR } from '../domain/year-review';
import { Cursor, Id, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';

const Day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

const Identity = z
  .strictObject({
    type: z.enum(ID_TYPES, { error: '请选择证件类型' }),
    number: z.string().trim().max(20, { error: '证件号码最多 20 位' }),
    /** The applicant agrees that the number is printed (masked) on the proof; a minor's guardian agrees for them. */
    consent: z.literal(true, { error: '请同意在证明上使用证件信息' }),
    guardianName: z.string().trim().min(2).max(20).optional(),
  })
  // Per document type (domain/identity-documents.ts): a 居民身份证 number's length, birth date and
  // check digit (ISO 7064 MOD 11-2); other documents 6 to 20 letters or digits. The page checks the same.
  .superRefine((v, issue) => {
    const problem = identityNumberProblem(v.type, v.number);
    if (problem) issue.addIssue({ code: 'custom', message: problem, path: ['number'] });
  });

/** An issuer key: the street (absent) or one issuer, `team:<id>` or `committee:<id>`. */
const IssuerKey = z.string().regex(/^(team|committee):[A-Za-z0-9_-]{1,64}$/, { error: '出具单位不正确' });
/** Largest seal image, in bytes (the call's body is limited to 1 MB, base64 adds a third). */
export const MAX_SEAL_BYTES = 512 * 1024;
const OrgPhone = z
  .string()
  .trim()
  .regex(/^[0-9][0-9-]{6,19}$/, { error: '联系电话应为 7 到 20 位数字（座机可带区号和“-”）' });

export const certificatesActions = {
  apply: {
    input: z
      .strictObject({
        scope: z.enum(['all', 'team', 'activity'], { error: '请选择证明的范围' }),
        from: Day,
        to: Day,
        teamId: Id.optional(),
        activityId: Id.optional(),
        /** Needed once; later applications reuse the number kept (encrypted) from the first. */
        identity: Identity.optional(),
        remarks: z.string().trim().max(100, { error: '用途说明最多 100 个字' }).optional(),
      })
      .refine((v) => v.scope !== 'team' || !!v.teamId, { error: '请选择队伍', path: ['teamId'] })
      .refine((v) => v.scope !== 'activity' || !!v.activityId, { error: '请选择活动', path: ['activityId'] }),
    mutation: true,
    summary: '申请志愿服务记录证明：按时间段（全部、某队或某次活动）；跨出具方时每个出具方一份',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  mine: {
    input: z.strictObject({ limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '我的证明申请与已出具的证明（最新在前）',
  },
  queue: {
    input: z.strictObject({ state: z.enum(['requested', 'accepted']).optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '待我出具的证明：队长看本队的，社工看本居委的，管理员看全部',
  },
  detail: {
    input: z.strictObject({ certificateId: Id }),
    mutation: false,
    summary: '一份证明的全部内容（申请人或出具方）；证件号只显示后 4 位，查看记入审计',
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  decide: {
    input: z
      .strictObject({ certificateId: Id, accept: z.boolean(), reason: Reason.optional() })
      .refine((v) => v.accept || !!v.reason, { error: '不受理时请填写原因', path: ['reason'] }),
    mutation: true,
    summary: '出具方受理或不受理（写明原因）一份证明申请',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_STATE'],
  },
  issue: {
    input: z.strictObject({ certificateId: Id }),
    mutation: true,
    summary: '出具证明：按出具时已审核的记录编号、生成验证码，进入公示；出具单位还没有电子印章或联系电话时不能出具（申请留在待出具）',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_STATE', 'VALIDATION'],
  },
  reissue: {
    input: z.strictObject({ certificateId: Id }),
    mutation: true,
    summary: '重新出具：证明因记录更正作废后，出具方一键按现有记录出具更正后的证明（新编号），原证明指向新证明；同样需要电子印章和联系电话',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_STATE', 'VALIDATION'],
  },
  document: {
    input: z.strictObject({ certificateId: Id }),
    mutation: false,
    summary: '证明的 PDF 文件（A4，含验证码和二维码）：申请人或出具方下载，链接 10 分钟内有效；作废的证明带“已作废”字样',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_STATE'],
  },
  publicity: {
    input: z.strictObject({ limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '公示中的证明：姓名（遮挡）、时长、时间段、出具方、公示截止',
  },
  yearReview: {
    input: z.strictObject({
      /** Defaults to the current year (Shanghai calendar); a future year is refused. */
      year: z
        .int({ error: '年份应为整数，如 2026' })
        .min(FIRST_REVIEW_YEAR, { error: `年份不能早于 ${FIRST_REVIEW_YEAR} 年` })
        .max(9999)
        .optional(),
    }),
    mutation: false,
    summary: '我的年度志愿报告：一年的已审核时长、参加的活动、服务的老人、服务队、每月时长、获得的时间币和星级',
  },
  issuerSettings: {
    input: z.strictObject({ issuerKey: IssuerKey.optional() }),
    mutation: false,
    summary: '出具单位设置（管理员）：联系电话和电子印章（预览链接 10 分钟内有效）；不填 issuerKey 为街道统一设置',
    errors: ['FORBIDDEN'],
  },
  setIssuer: {
    input: z
      .strictObject({
        issuerKey: IssuerKey.optional(),
        /** The organisation's contact number printed on proofs; null clears it. */
        phone: OrgPhone.nullable().optional(),
        /** The electronic seal: a PNG (transparent background), base64, at most 512 KB; null removes it. */
        sealPngBase64: z
          .string()
          .max(Math.ceil((MAX_SEAL_BYTES * 4) / 3) + 4, { error: '印章图片太大（上限 512 KB）' })
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '印章图片编码不正确' })
          .nullable()
          .optional(),
      })
      .refine((v) => v.phone !== undefined || v.sealPngBase64 !== undefined, { error: '没有要修改的内容' }),
    mutation: true,
    summary: '管理员设置出具单位的联系电话和电子印章（PNG，按内容校验，上限 512 KB）；不填 issuerKey 为街道统一设置',
    errors: ['FORBIDDEN', 'VALIDATION', 'PAYLOAD_TOO_LARGE'],
  },
  verify: {
    input: z.strictObject({ code: z.string().trim().min(1, { error: '请输入验证码' }).max(40, { error: '验证码不正确' }) }),
    mutation: false,
    summary: '任何人核验证明：真实 / 已作废 / 查无此证，只给出编号、出具方、时间段、时长和遮挡的姓名；错误次数受限',
    errors: ['RATE_LIMITED'],
  },
} satisfies ActionSpecs;

export type CertificateState = 'requested' | 'accepted' | 'refused' | 'issued';

export interface CertificateSummary {
  id: string;
  state: CertificateState;
  stateText: string;
  /** Once issued: publicising, final or void. */
  standing: ProofStanding | null;
  applicantName: string;
  issuerName: string;
  from: string;
  to: string;
  minutes: number;
  hoursText: string;
  number: string | null;
  requestedAt: string;
  issuedAt: string | null;
  publicityEndsAt: string | null;
  voidedAt: string | null;
  refusedReason: string | null;
}

export interface CertificateView extends CertificateSummary {
  volunteerNo: string;
  identity: { typeText: string; numberMasked: string } | null;
  lines: Array<ProofLine & { hoursText: string }>;
  peopleServed: number;
  excluded: Array<{ date: string; hoursText: string; reason: ExclusionReason; label: string }>;
  issuer: { name: string; inCharge: string; handler: string | null; contact: string };
  /** Issued with the issuer's electronic seal (false: the document says it carries none). */
  sealed: boolean;
  /** For the issuer before issuing: what the admin must set up first (the seal, the contact number), in Chinese; issuing waits for it. */
  issuerWarnings: string[];
  /** The guardian who consented for a minor applicant. */
  guardianName: string | null;
  verificationCode: string | null;
  remarks: string;
  /** The void proof this one corrects, and the proof that corrects this one. */
  replaces: string | null;
  replacedBy: string | null;
  /** What the caller may do now (`issue` and `reissue` only once the issuer has its seal and contact number). */
  can: { decide: boolean; issue: boolean; reissue: boolean };
}

export interface PublicityItem {
  id: string;
  maskedName: string;
  issuerName: string;
  from: string;
  to: string;
  hoursText: string;
  number: string;
  endsAt: string;
}

/** 年度志愿报告: what the year image draws and the page repeats as text. */
export interface YearReview {
  year: number;
  name: string;
  volunteerNo: string | null;
  minutes: number;
  /** 小时分钟, as on a proof. */
  hoursText: string;
  records: number;
  activities: number;
  peopleServed: number;
  teams: Array<{ teamId: string; name: string; minutes: number; hoursText: string }>;
  /** Minutes per month, January first (12 entries). */
  months: number[];
  firstDate: string | null;
  lastDate: string | null;
  creditsMinutes: number;
  creditsText: string;
  star: { level: number; label: string };
  /** Records of the year left out (not approved yet, returned, reversed, disputed). */
  excludedCount: number;
}

export type VerifyAnswer =
  | { result: 'unknown' }
  | {
      result: 'genuine' | 'void';
      number: string;
      issuerName: string;
      from: string;
      to: string;
      hoursText: string;
      maskedName: string;
      voidedAt: string | null;
    };

export interface CertificatesResults {
  apply: { items: CertificateSummary[]; volunteerNo: string };
  /** `identityOnFile`: an earlier application gave the identity, so the form need not ask again. */
  mine: PageResult<CertificateSummary> & { identityOnFile: boolean };
  queue: PageResult<CertificateSummary>;
  detail: CertificateView;
  decide: CertificateSummary;
  issue: CertificateView;
  reissue: CertificateView;
  /** `fileId` for wx.cloud.downloadFile on WeChat; `url` a short-lived link (H5, the local runtime). */
  document: { fileId: string; url: string; expiresAt: string; name: string };
  publicity: PageResult<PublicityItem>;
  yearReview: YearReview;
  issuerSettings: IssuerSettingsView;
  setIssuer: IssuerSettingsView;
  verify: VerifyAnswer;
}

/** One issuer's (or the street's) proof settings as the admin sees them. */
export interface IssuerSettingsView {
  issuerKey: string | null;
  phone: string | null;
  /** A short-lived preview of the seal. */
  seal: { url: string; expiresAt: string; fileId: string } | null;
  /** What proofs of this issuer will use now (its own, or the street's). */
  effective: { phone: string | null; sealed: boolean };
  updatedAt: string | null;
}
