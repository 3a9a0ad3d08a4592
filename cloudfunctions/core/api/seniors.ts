/**
 * Contract of the `seniors` function: seniors registered by the 居委 social worker, family proxies
 * (子女代理), the desk mode, the senior's home and history. Addresses, phones and emergency contacts
 * travel only in `detail` (staff, logged); lists carry masked phones and an address hint.
 */
import * as z from 'zod';
import { MOBILE_PHONE, REAL_NAME } from '../domain/people';
import { isPhoneNumber, type ActorKind, type ProxyState, type Via } from '../domain/seniors';
import { Cursor, Empty, Id, LatLngInput, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';
import type { BalanceView, MinutesView } from './timebank';
import type { HelpRequestView } from './help';
import type { AlertView } from './alerts';
import type { DeskConsentView, RecordedConsentView } from './consent';
import type { CloseBlocker } from './account';
import type { AccessAs, AccessReason, SealedField } from '../domain/access-log';

const Name = z.string().trim().regex(REAL_NAME, { error: '请填写真实姓名（2 到 20 个字）' });
const AnyPhone = z.string().trim().refine(isPhoneNumber, { error: '请填写 11 位手机号或固定电话（如 021-12345678）' });
const Mobile = z.string().trim().regex(MOBILE_PHONE, { error: '请填写正确的手机号码：11 位数字，以 13 到 19 开头' });
const BirthYear = z.int({ error: '请填写出生年份' }).min(1900, { error: '出生年份不正确' }).max(2100, { error: '出生年份不正确' });
const Address = z.string().trim().min(5, { error: '请填写详细地址（小区、楼号、门牌）' }).max(100, { error: '地址最多 100 个字' });
const Relation = z.string().trim().min(1, { error: '请填写关系（如 女儿）' }).max(10, { error: '关系最多 10 个字' });

export const EmergencyContactInput = z.strictObject({ name: Name, relation: Relation, phone: AnyPhone });

export const SeniorConsentInput = z
  .strictObject({
    by: z.enum(['senior', 'guardian'], { error: '请选择由谁同意' }),
    guardianName: Name.optional(),
    /** The notice was read out: what is collected, why, for how long. */
    informed: z.literal(true, { error: '请先向老人说明收集哪些信息、用途和保存期限' }),
    /** Separate consent for sensitive data: address, special difficulty, emergency contacts. */
    sensitive: z.literal(true, { error: '需要老人单独同意登记地址、困难情况和紧急联系人' }),
    /** Consent to share address and phone with the volunteer who accepts a request, and with the 居委. */
    sharing: z.literal(true, { error: '需要老人同意把地址和电话提供给接单的志愿者' }),
    /**
     * Separate, optional: the 老伙伴 may record how her health is on each contact. Absent or false:
     * not given (seniors.setHealthConsent records it later).
     */
    health: z.boolean({ error: '请选择是否同意记录身体情况' }).optional(),
  })
  .refine((c) => c.by === 'senior' || !!c.guardianName, { error: '请填写监护人姓名', path: ['guardianName'] });

export const RegisterSeniorInput = z
  .strictObject({
    /** An already registered person of the 居委 who becomes a senior of the time bank. */
    userId: Id.optional(),
    /** For someone not registered (most seniors): name, birth year, 居委, optionally a phone. */
    name: Name.optional(),
    /**
     * The social worker checked that a senior of the same name and birth year already on the 居委's
     * list is someone else (DUPLICATE_SENIOR named them); without it, such a registration is refused.
     */
    notDuplicate: z.literal(true).optional(),
    birthYear: BirthYear.optional(),
    committeeId: Id.optional(),
    phone: AnyPhone.optional(),
    address: Address,
    /**
     * Where the senior lives, for walking distances only: an estate of the street (`partners.estates`:
     * its point), or a point picked on the map (weapp), or neither (no point). Kept to about 100 m.
     */
    estateId: Id.optional(),
    location: LatLngInput.optional(),
    livingAlone: z.boolean({ error: '请选择是否独居' }),
    specialDifficulty: z.boolean({ error: '请选择是否特殊困难' }),
    emergencyContacts: z.array(EmergencyContactInput).min(1, { error: '请至少填写一位紧急联系人' }).max(5, { error: '紧急联系人最多 5 位' }),
    consent: SeniorConsentInput,
  })
  .superRefine((v, ctx) => {
    if (v.estateId !== undefined && v.location !== undefined) ctx.addIssue({ code: 'custom', path: ['location'], message: '位置请从小区列表或地图中选一种' });
    if (v.userId) {
      for (const field of ['name', 'birthYear', 'committeeId', 'phone'] as const) {
        if (v[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: '已注册的居民不需要再填写这一项' });
      }
      return;
    }
    if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写老人姓名' });
    if (v.birthYear === undefined) ctx.addIssue({ code: 'custom', path: ['birthYear'], message: '请填写出生年份' });
    if (!v.committeeId) ctx.addIssue({ code: 'custom', path: ['committeeId'], message: '请选择居委' });
  });

export const UpdateSeniorInput = z
  .strictObject({
    seniorId: Id,
    phone: AnyPhone.nullable().optional(),
    address: Address.optional(),
    location: LatLngInput.nullable().optional(),
    livingAlone: z.boolean().optional(),
    specialDifficulty: z.boolean().optional(),
    emergencyContacts: z.array(EmergencyContactInput).min(1, { error: '请至少填写一位紧急联系人' }).max(5).optional(),
  })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== 'seniorId' && x !== undefined), { error: '没有要修改的内容' });

/**
 * Staff correct a senior's address and map point after registration. The point comes from an estate
 * of the street (`partners.estates`: its point) or from the map (weapp); null removes it. Either way
 * it is kept to about 100 m and replaces the point pairing uses.
 */
export const RelocateSeniorInput = z
  .strictObject({
    seniorId: Id,
    address: Address.optional(),
    estateId: Id.optional(),
    location: LatLngInput.nullable().optional(),
    reason: z.string().trim().max(100, { error: '原因最多 100 个字' }).optional(),
  })
  .refine((v) => v.address !== undefined || v.estateId !== undefined || v.location !== undefined, { error: '没有要更正的内容', path: ['address'] })
  .refine((v) => v.estateId === undefined || v.location === undefined, { error: '位置请从小区列表或地图中选一种', path: ['location'] });

const SeniorRef = z.strictObject({ seniorId: Id.optional() });

/** Why a senior's record is closed at the desk: she died, moved out of the street, or she (or her guardian) asked. */
export const SENIOR_CLOSE_REASONS = ['deceased', 'movedAway', 'request'] as const;
export type SeniorCloseReason = (typeof SENIOR_CLOSE_REASONS)[number];

export const CloseSeniorInput = z.strictObject({
  seniorId: Id,
  reason: z.enum(SENIOR_CLOSE_REASONS, { error: '请选择注销原因' }),
  /** The social worker read out what is deleted and what is kept, and confirmed. */
  confirm: z.literal(true, { error: '请先确认注销' }),
  /** Credits left go to the community pool; required when there are any. */
  leftover: z.literal('donate').optional(),
});

export const seniorsActions = {
  setPhotoConsent: {
    input: z.strictObject({ seniorId: Id, granted: z.boolean({ error: '请选择同意或不同意' }) }),
    mutation: true,
    summary: '登记老人是否同意出现在活动照片里（本人、家属代办人或本居委社工）；撤回同意时删除所有有这位老人的照片',
  },
  setHealthConsent: {
    input: z.strictObject({ seniorId: Id, granted: z.boolean({ error: '请选择同意或不同意' }) }),
    mutation: true,
    summary: '登记老人是否单独同意老伙伴记录她的身体情况（本人、家属代办人或本居委社工）；撤回同意时删除已记录的身体情况',
  },
  register: {
    input: RegisterSeniorInput,
    mutation: true,
    summary:
      '社工为本居委登记老人（地址、电话、紧急联系人加密保存，记录老人的同意）；位置从街道小区中选（estateId）或在地图上选，只取约 100 米，也可不记录；可把已注册居民登记为老人',
    errors: ['CONFLICT', 'NOT_FOUND', 'DUPLICATE_SENIOR'],
  },
  update: { input: UpdateSeniorInput, mutation: true, summary: '社工修改老人档案（地址、电话、独居、特殊困难、紧急联系人），记入老人记录' },
  relocate: {
    input: RelocateSeniorInput,
    mutation: true,
    summary:
      '本居委社工或管理员更正老人的地址和位置（位置按街道小区或地图选点，只取约 100 米，替换结对使用的位置）：地址加密保存，每次更正记入审计和老人记录，并告诉结对的老伙伴',
    errors: ['NOT_FOUND'],
  },
  list: {
    input: z.strictObject({ committeeId: Id.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '本居委的老人（社工；管理员可看全部）：姓名、年龄、独居、可用时间币，电话打码，不含地址',
  },
  detail: {
    input: z.strictObject({ seniorId: Id }),
    mutation: false,
    summary: '老人档案全文（社工、管理员）：地址、电话、紧急联系人；每次查看记入审计',
  },
  mine: { input: Empty, mutation: false, summary: '我与老人的关系：我本人的老人档案、我代理的老人、待确认的代理申请、我服务的居委' },
  home: {
    input: SeniorRef,
    mutation: false,
    summary: '老人首页（长辈模式）：可用时间币、进行中的求助、未结束的一键求助；代办时注明代谁操作',
  },
  history: {
    input: z.strictObject({ seniorId: Id.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '老人的记录：为老人做过的每件事，谁做的、以什么身份（本人、家属代理、社工代办）',
  },
  accessLog: {
    input: z.strictObject({ seniorId: Id.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '谁看过老人的地址、电话、紧急联系人或身体情况：什么时候、谁、以什么身份、为什么（本人、家属代理、本居委社工、管理员可看）',
  },
  requestProxy: {
    input: z.strictObject({ seniorPhone: Mobile, relation: Relation }),
    mutation: true,
    summary:
      '家属按老人登记的手机号申请成为代理人（子女代理），等待老人本人或社工确认。号码是否是已登记的老人，回答都一样（只有输入号码的打码形式和“等待确认”）；每人每天最多 10 次（与邀请亲属合计），超过回答 RATE_LIMITED',
    errors: ['RATE_LIMITED'],
  },
  withdrawProxyRequest: {
    input: z.strictObject({ inviteId: Id }),
    mutation: true,
    summary: '家属撤回自己发出、还没有确认的代理申请',
  },
  addProxy: {
    input: z.strictObject({ seniorId: Id, phone: Mobile, relation: Relation }),
    mutation: true,
    summary: '社工在窗口为老人添加已注册的家属为代理人（社工即确认人）',
    errors: ['NOT_FOUND'],
  },
  proxies: { input: SeniorRef, mutation: false, summary: '老人的代理人：已确认的和待确认的' },
  confirmProxy: { input: z.strictObject({ proxyId: Id }), mutation: true, summary: '老人本人或本居委社工确认家属代理申请' },
  removeProxy: {
    input: z.strictObject({ proxyId: Id, reason: Reason.optional() }),
    mutation: true,
    summary: '解除或拒绝代理（老人本人、代理人自己、社工）；立即失去代办权限',
  },
  issueBindCode: {
    input: z.strictObject({ seniorId: Id }),
    mutation: true,
    summary:
      '本居委社工或管理员为老人生成微信绑定码（6 位数字，24 小时内有效，只能用一次；再生成则旧码作废）：老人或家属在老人的手机上打开小程序，输入绑定码，把老人自己的微信绑定到居委登记的档案上',
    errors: ['NOT_FOUND'],
  },
  wechatBinding: {
    input: z.strictObject({ seniorId: Id }),
    mutation: false,
    summary: '老人档案的微信绑定（社工、管理员）：有效的绑定码和到期时间，通过绑定码绑定的时间，现在能以老人本人身份登录的微信数',
  },
  unbindWechat: {
    input: z.strictObject({ seniorId: Id, reason: z.string().trim().min(2, { error: '请写明原因（例如手机丢了）' }).max(60) }),
    mutation: true,
    summary: '本居委社工或管理员解除老人档案上所有微信的绑定（手机丢失、换人使用时）：这些微信不能再以老人本人身份登录；之后可再生成绑定码',
    errors: ['NOT_FOUND'],
  },
  closeCheck: {
    input: z.strictObject({ seniorId: Id }),
    mutation: false,
    summary: '注销老人档案前的检查（本居委社工、管理员）：剩余时间币，还有哪些事没了结，注销会删除多少条记录',
    errors: ['NOT_FOUND'],
  },
  close: {
    input: CloseSeniorInput,
    mutation: true,
    summary:
      '本居委社工或管理员注销老人档案（老人去世、迁出，或本人、监护人要求）：删除档案、地址、紧急联系人、电话、微信绑定、家属代理、照片、办理记录，清除求助和警报里的备注、老伙伴联系记录里的健康情况；时间账本和志愿者的服务时长匿名保留，剩余时间币捐给公益池',
    errors: ['CLOSE_BLOCKED', 'VALIDATION', 'NOT_FOUND'],
  },
} satisfies ActionSpecs;

/** Something that must be settled before a senior's record can close, in the social worker's words. */
export interface SeniorCloseBlocker {
  /** The senior side's own, or one of account.close's (the senior is also a volunteer, a proxy, a leader ...). */
  kind: 'helpActive' | 'alertsOpen' | 'partnerPaired' | CloseBlocker['kind'];
  count: number;
  text: string;
}

/** What closing removes or scrubs, counted. */
export interface SeniorErasureCounts {
  /** Lines of her 办理记录, deleted. */
  history: number;
  /** Her help requests: notes, place, reasons and step texts cleared (times, minutes and credits stay). */
  helpRequests: number;
  /** Her alerts: notes cleared. */
  alerts: number;
  /** 老伙伴 contacts: sealed note and follow-up (health), needs cleared; the volunteer's minutes stay. */
  contacts: number;
  /** Photos showing her, deleted with their files. */
  photos: number;
  /** Other people's inbox messages naming her (a help request of hers, an alert, a pair): title and text cleared, the WeChat notice with them deleted. */
  messages: number;
}

export interface SeniorCloseCheck {
  seniorId: string;
  name: string;
  /** Credits that would go to the community pool. */
  available: MinutesView;
  blockers: SeniorCloseBlocker[];
  canClose: boolean;
  /** What closing would remove now. */
  erases: SeniorErasureCounts & { proxies: number; wechats: number };
}

export interface SeniorCloseResult {
  seniorId: string;
  closedAt: string;
  donated: MinutesView | null;
  /** The scrub of her past records: done, or still running (the scheduler finishes it); counts so far. */
  erasure: SeniorErasureCounts & { done: boolean };
}

/** A senior's WeChat binding as the 居委 sees it. */
export interface WechatBindingView {
  seniorId: string;
  /** The code in force and until when; null when none (never issued, used, or expired). */
  code: { digits: string; expiresAt: string } | null;
  /** When her own WeChat was bound through a code; null when not (she may still use a WeChat she registered with herself). */
  boundAt: string | null;
  /** WeChats that sign in as her now (bound by a code, or the one she registered with). */
  wechatCount: number;
}

export interface SeniorSummary {
  id: string;
  name: string;
  age: number;
  committeeId: string;
  committeeName: string;
  livingAlone: boolean;
  specialDifficulty: boolean;
  /** 138****5678, or '' when the senior has no phone. */
  phoneMasked: string;
  /** Whether the senior may redeem (policy ages). */
  eligible: boolean;
}

export interface SeniorListItem extends SeniorSummary {
  addressHint: string;
  /** Agreed to appear in activity photos (services/photos.ts). */
  photoConsent: boolean;
  available: BalanceView['available'];
  proxyCount: number;
  paired: boolean;
  createdAt: string;
}

export interface SeniorView extends SeniorSummary {
  addressHint: string;
  emergencyCount: number;
  proxyCount: number;
  consent: { by: 'senior' | 'guardian'; guardianName: string | null; at: string; version: string };
  /** Consent to appear in activity photos: null when never asked (no). */
  photoConsent: RecordedConsentView | null;
  /** Separate consent for the 老伙伴 to record her health: null when never asked (no). */
  healthConsent: RecordedConsentView | null;
  createdAt: string;
}

export interface ProxyView {
  id: string;
  seniorId: string;
  seniorName: string;
  userId: string;
  name: string;
  phoneMasked: string;
  relation: string;
  state: ProxyState;
  requestedByName: string;
  confirmedByName: string | null;
  confirmedVia: Via | null;
  createdAt: string;
  confirmedAt: string | null;
}

/**
 * A proxy request as the family member who made it sees it: the same whether or not the number
 * belongs to a registered senior, and nothing about the senior until the request is confirmed
 * (then the senior shows up in `mine.proxyFor`).
 */
export interface ProxyRequestView {
  id: string;
  /** The masked form of the number the family member typed. */
  phoneMasked: string;
  relation: string;
  state: 'pending' | 'confirmed' | 'withdrawn';
  createdAt: string;
}

export interface SeniorDetail extends SeniorView {
  address: string;
  phone: string | null;
  emergencyContacts: Array<{ name: string; relation: string; phone: string }>;
  hasLocation: boolean;
  /** The estate of the street the map point was taken from (null: picked on the map, or no point). */
  estateId: string | null;
  registeredByName: string;
  proxies: ProxyView[];
}

export interface SeniorRelocated {
  seniorId: string;
  name: string;
  addressHint: string;
  hasLocation: boolean;
  /** The estate the point was taken from (null: a map pick or no point). */
  estateId: string | null;
  /** What was corrected, in words (地址, 位置). */
  changed: string[];
  /** The senior's current partner (told of the change) and how far apart they now are (null: unknown). */
  partner: { name: string; distanceM: number | null } | null;
}

/** Who is acting and for whom, so every page can say "您正在代 沈阿婆 操作（家属代理）". */
export interface ActingView {
  seniorId: string;
  seniorName: string;
  actorId: string;
  actorName: string;
  via: Via;
  viaText: string;
  /** Empty when the senior acts for themselves. */
  banner: string;
}

export interface SeniorHome {
  acting: ActingView;
  senior: SeniorSummary;
  balance: BalanceView;
  eligibility: { eligible: boolean; age: number; requiredAge: number; reason: string | null };
  /** Requests still going, newest first (at most 10). */
  active: HelpRequestView[];
  openAlert: AlertView | null;
  /** Consent to appear in activity photos (the senior or a proxy may record it): null when never asked (no). */
  photoConsent: SeniorView['photoConsent'];
  healthConsent: SeniorView['healthConsent'];
  /** What she agreed to at the desk, to read again (the privacy policy page, `?seniorId=` for a proxy). */
  deskConsent: DeskConsentView;
}

export interface SeniorActView {
  id: string;
  at: string;
  actorName: string;
  via: ActorKind;
  viaText: string;
  kind: string;
  text: string;
  refId: string | null;
}

/** One opening of her sealed fields (her access log); the page words `as`, `fields` and `reason`. */
export interface SeniorAccessView {
  id: string;
  at: string;
  /** The reader's name (已注销用户 once their account is closed). */
  actorName: string;
  as: AccessAs;
  fields: SealedField[];
  reason: AccessReason;
  /** The alert or help request it was opened for, when there was one. */
  refId: string | null;
}

export interface SeniorsResults {
  setPhotoConsent: { seniorId: string; granted: boolean; photosDeleted: number };
  /** healthNotesLeft > 0: the time ran out before every note was deleted; the same call again goes on. */
  setHealthConsent: { seniorId: string; granted: boolean; healthNotesDeleted: number; healthNotesLeft: number };
  register: SeniorView;
  update: SeniorView;
  relocate: SeniorRelocated;
  list: PageResult<SeniorListItem>;
  detail: SeniorDetail;
  mine: {
    self: SeniorSummary | null;
    proxyFor: Array<SeniorSummary & { relation: string }>;
    /** Proxy requests waiting for me to confirm (as the senior). */
    pending: ProxyView[];
    /** My own proxy requests still waiting: nothing about the senior until confirmed. */
    asked: ProxyRequestView[];
    desk: Array<{ committeeId: string; committeeName: string }>;
  };
  home: SeniorHome;
  history: PageResult<SeniorActView>;
  accessLog: PageResult<SeniorAccessView> & { seniorName: string };
  requestProxy: ProxyRequestView;
  withdrawProxyRequest: ProxyRequestView;
  addProxy: ProxyView;
  proxies: { items: ProxyView[] };
  confirmProxy: ProxyView;
  removeProxy: ProxyView;
  /** Not the digits: a retry gets this same answer, kept with the request; wechatBinding shows them. */
  issueBindCode: { seniorId: string; expiresAt: string };
  wechatBinding: WechatBindingView;
  /** How many WeChats lost the binding (0 when there was none); wechatBinding shows the rest. */
  unbindWechat: { seniorId: string; unbound: number };
  closeCheck: SeniorCloseCheck;
  close: SeniorCloseResult;
}
