/** Contract of the `account` function: registration, the caller's own profile, home. */
import * as z from 'zod';
import { MOBILE_PHONE, REAL_NAME } from '../domain/people';
import { BIND_CODE } from '../domain/wechat-binding';
import type { PermissionRole, Role } from '../domain/roles';
import { Cursor, Id, Empty, PageLimit, type ActionSpecs, type PageResult } from './common';
import type { MinutesView } from './timebank';
import type { DeskConsentView } from './consent';

/** One opening of my own phone number or identity number by someone else (account.accessLog). */
export interface PersonAccessView {
  id: string;
  at: string;
  actorName: string;
  what: 'phone' | 'identity';
  /** The team whose leader looked the number up to call (phone). */
  teamName: string | null;
}

const Name = z.string().trim().regex(REAL_NAME, { error: '请填写真实姓名（2 到 20 个字）' });
const Phone = z.string().trim().regex(MOBILE_PHONE, { error: '请填写正确的手机号码：11 位数字，以 13 到 19 开头' });
const BirthYear = z.int({ error: '请填写出生年份' }).min(1900, { error: '出生年份不正确' }).max(2100, { error: '出生年份不正确' });

export const Guardian = z.strictObject({
  name: Name,
  phone: Phone,
  relation: z.string().trim().min(1).max(10),
  consent: z.literal(true, { error: '需要监护人同意' }),
});

export const RegisterInput = z.strictObject({
  name: Name,
  phone: Phone,
  birthYear: BirthYear,
  committeeId: Id,
  consentVersion: z.string().min(1).max(20),
  guardian: Guardian.optional(),
  elderMode: z.boolean().optional(),
});

export const UpdateProfileInput = z
  .strictObject({
    name: Name.optional(),
    phone: Phone.optional(),
    committeeId: Id.optional(),
    elderMode: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: '没有要修改的内容' });

export const CloseAccountInput = z.strictObject({
  /** The person saw what is deleted and what is kept, and confirmed. */
  confirm: z.literal(true, { error: '请先确认注销' }),
  /** Credits left on the account go to the community pool; required when there are any. */
  leftover: z.literal('donate').optional(),
});

export const accountActions = {
  options: { input: Empty, mutation: false, summary: '注册表单所需：居委列表、隐私政策版本；本街道（是否仍是示例街道）' },
  me: { input: Empty, mutation: false, summary: '我的资料、角色和首页卡片；未注册时 registered=false' },
  register: { input: RegisterInput, mutation: true, summary: '实名注册（14 岁以下不可注册，14–17 岁需监护人同意）' },
  updateProfile: { input: UpdateProfileInput, mutation: true, summary: '修改我的姓名、手机、居委或长辈模式' },
  bindSenior: {
    input: z.strictObject({ code: z.string().trim().regex(BIND_CODE, { error: '请输入社工给的 6 位数字绑定码' }) }),
    mutation: true,
    summary: '居委已登记的老人用社工给的绑定码把自己的微信绑定到档案上（这个微信还没有注册过）；每个微信每小时最多试 5 次，超过回答 RATE_LIMITED',
    errors: ['VALIDATION', 'ALREADY_REGISTERED', 'RATE_LIMITED'],
  },
  accessLog: {
    input: z.strictObject({ limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '谁看过我的手机号或身份证号：队长为打电话查看手机号、工作人员开证明时查看身份证号（只看自己的）',
  },
  closeCheck: { input: Empty, mutation: false, summary: '注销前检查：剩余时间币，以及还有哪些未了结的事项' },
  close: {
    input: CloseAccountInput,
    mutation: true,
    summary: '撤回同意并注销账号：删除姓名、手机等个人信息，解除微信绑定；服务记录和时间账本匿名保留；剩余时间币捐给公益池',
    errors: ['CLOSE_BLOCKED', 'VALIDATION'],
  },
  card: {
    input: Empty,
    mutation: false,
    summary: '电子志愿者证：姓名、证件号（只显示后 4 位）、志愿者编号、星级、累计时长、所在队伍，和每 60 秒更换的二维码（队长扫码查询或签到）',
  },
  cardToken: {
    input: Empty,
    mutation: false,
    summary: '电子志愿者证上的新二维码（每 60 秒更换，最多 2 分钟内有效）',
  },
} satisfies ActionSpecs;

export interface CommitteeView {
  id: string;
  name: string;
}

export interface RoleView {
  role: Role;
  label: string;
  teamId?: string;
  teamName?: string;
  committeeId?: string;
  committeeName?: string;
  seniorId?: string;
}

export interface ProfileView {
  id: string;
  name: string;
  phoneMasked: string;
  birthYear: number;
  committeeId: string;
  committeeName: string;
  elderMode: boolean;
  consent: { version: string; at: string };
  guardian?: { name: string; relation: string; phoneMasked: string };
  roles: RoleView[];
  /** A senior registered at the 居委 desk: what she agreed to there (her own record only); null for anyone else. */
  deskConsent: DeskConsentView | null;
  createdAt: string;
  /** 志愿者编号, e.g. 310000-demo-2026-000123; null until given (registered before numbers existed). */
  volunteerNo: string | null;
}

export interface MeResult {
  registered: boolean;
  profile: ProfileView | null;
  /** The roles permission checks see; `guest` until registration. */
  roles: PermissionRole[];
}

/** Something that must be settled before an account can be closed, said in plain words. */
export interface CloseBlocker {
  kind: 'role' | 'ledgerHold' | 'signups' | 'helpAccepted' | 'pendingRecords' | 'partnerSeniors' | 'proxyFor';
  count: number;
  text: string;
}

export interface CloseCheck {
  /** Credits that would go to the community pool. */
  available: MinutesView;
  blockers: CloseBlocker[];
  canClose: boolean;
}

export interface CloseResult {
  closedAt: string;
  /** Credits donated to the community pool on closing, if any. */
  donated: MinutesView | null;
}

/** The QR of the electronic volunteer card (domain/card-token.ts). */
export interface CardTokenView {
  token: string;
  rotatesAt: string;
  validUntil: string;
  windowSeconds: number;
}

/** 电子志愿者证: what the volunteer shows; the identity number masked except its last 4. */
export interface VolunteerCardView {
  name: string;
  volunteerNo: string;
  /** The identity document given (with consent) for a 志愿服务记录证明; null when none was collected. */
  identity: { typeText: string; numberMasked: string } | null;
  /** A link to the photo; null: no photo (the card shows the name's first character). */
  photoUrl: string | null;
  star: { level: number; label: string };
  served: { minutes: number; hoursText: string };
  teams: Array<{ id: string; name: string }>;
  committeeName: string;
  qr: CardTokenView;
}

/** The street this installation serves, from setup; null before setup has run. */
export interface StreetInfo {
  name: string;
  code: string;
  /** Still the shipped demo street (street.json's `sample`): the admin home says so. */
  sample: boolean;
}

export interface AccountResults {
  options: { committees: CommitteeView[]; privacyPolicyVersion: string; street: StreetInfo | null };
  me: MeResult;
  register: MeResult;
  bindSenior: MeResult;
  updateProfile: MeResult;
  accessLog: PageResult<PersonAccessView>;
  closeCheck: CloseCheck;
  close: CloseResult;
  card: VolunteerCardView;
  cardToken: CardTokenView;
}
