/**
 * Contract of the `partners` function: the 老伙伴 programme. Partner volunteers and their coarse
 * home, pairing suggestions the social worker confirms, changes or rejects, contacts logged in a
 * few taps (they become service records the social worker approves in bulk), the contact
 * schedule and coverage, and the alarms when a senior cannot be reached.
 *
 * Privacy: lists (my seniors, coverage, pairs, volunteers, contacts, alerts) carry no address, no
 * phone and no coordinates. A senior's address, phone and emergency contacts leave the server
 * only through `reveal` (the partner and the 居委's staff) and `alert` (the people alerted), each
 * logged in `audit`. A volunteer's home is shown as estate and building, never as a position.
 */
import * as z from 'zod';
import type { Gender } from '../domain/pairing';
import type { ContactChannel, ContactNeed, ContactOutcome, DueStatus, WeatherKind } from '../domain/contacts';
import { CONTACT_CHANNELS, CONTACT_NEEDS, CONTACT_OUTCOMES } from '../domain/contacts';
import { containsPhoneNumber } from '../domain/seniors';
import type { AlertView } from './alerts';
import { Cursor, Empty, Id, LatLngInput, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';
import type { MinutesView } from './timebank';
import { AVAILABILITY, type Availability } from '../domain/partners';

const GenderInput = z.enum(['female', 'male'], { error: '请选择性别' });
const Dialect = z.string().trim().min(2, { error: '方言名称至少 2 个字' }).max(10, { error: '方言名称最多 10 个字' });
const Dialects = z.array(Dialect).max(5, { error: '最多 5 种方言' });
const NoPhone = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what}最多 ${max} 个字` })
    .refine((t) => !containsPhoneNumber(t), { error: `${what}里不要写电话号码` });

export { AVAILABILITY, type Availability };
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  weekdayMorning: '工作日上午',
  weekdayAfternoon: '工作日下午',
  weekdayEvening: '工作日晚上',
  weekend: '周末',
};

export const JoinPartnersInput = z
  .strictObject({
    /** Seniors this volunteer looks after at most (the programme's 1:5 by default). */
    capacity: z.int({ error: '请填写能结对的老人数' }).min(1, { error: '至少结对 1 位老人' }).max(8, { error: '最多结对 8 位老人' }).optional(),
    /**
     * Coarse home: an estate of the street picked from `estates` (its name is taken from the list and
     * its point becomes the volunteer's home point), or an estate typed by name (then no point unless
     * `location` is given). The building is text.
     */
    estateId: Id.optional(),
    estate: z.string().trim().min(2, { error: '请填写居住的小区' }).max(30, { error: '小区名称最多 30 个字' }).optional(),
    building: z.string().trim().max(20, { error: '楼号最多 20 个字' }).optional(),
    /** A point picked on the map (weapp): rounded to about 100 m, never shown to anyone else. */
    location: LatLngInput.optional(),
    gender: GenderInput,
    dialects: Dialects,
    availability: z.array(z.enum(AVAILABILITY)).min(1, { error: '请至少选择一个方便的时间' }).max(4),
    availabilityNote: NoPhone(60, '时间说明').optional(),
  })
  .refine((v) => v.estateId !== undefined || v.estate !== undefined, { error: '请选择居住的小区', path: ['estateId'] });

const ContactInput = z.strictObject({
  seniorId: Id,
  channel: z.enum(CONTACT_CHANNELS, { error: '请选择电话或上门' }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: '请选择老人的情况' }),
  needs: z.array(z.enum(CONTACT_NEEDS)).max(CONTACT_NEEDS.length).optional(),
  followUp: NoPhone(100, '要跟进的事').optional(),
  note: NoPhone(200, '备注').optional(),
  /** How her health is: only with her separate health consent (seniors.setHealthConsent). */
  health: NoPhone(200, '身体情况').optional(),
  /** Minutes actually spent (defaults: phone 10, visit 30); travel does not count. */
  minutes: z.int({ error: '时长必须是整数分钟' }).min(1, { error: '时长必须大于 0' }).max(240, { error: '一次联系最多 4 小时' }).optional(),
  /** When the contact happened, if not just now (up to 3 days back). */
  at: z.iso.datetime({ error: '时间格式不正确' }).optional(),
});

export const partnersActions = {
  // ---------------------------------------------------------------- partner volunteers
  join: {
    input: JoinPartnersInput,
    mutation: true,
    summary:
      '志愿者加入老伙伴（需已是老伙伴队员）：可结对人数（默认 5）、居住小区（从街道小区中选，以小区位置为家的大致位置，只取约 100 米；也可在地图上选）和楼号、性别、方言、方便的时间；再次提交即修改',
    errors: ['NOT_ELIGIBLE'],
  },
  profile: { input: Empty, mutation: false, summary: '我的老伙伴资料（只有本人能看到自己的位置）' },
  estates: {
    input: Empty,
    mutation: false,
    summary: '街道的小区（加入老伙伴、登记老人、更正老人位置时选择）：名称和所属居委；不含坐标',
  },
  leave: { input: Empty, mutation: true, summary: '退出老伙伴（需先请社工为结对的老人重新结对）', errors: ['WRONG_STATE'] },
  mySeniors: {
    input: Empty,
    mutation: false,
    summary: '我结对的老人：逾期和今天要联系的排在前面；不含地址和电话',
  },
  card: {
    input: z.strictObject({ seniorId: Id }),
    mutation: false,
    summary: '老人卡片（结对的老伙伴、本居委社工）：联系计划、最近的联系、需求和跟进、未结束的警报；地址和电话另需“查看”',
  },
  reveal: {
    input: z.strictObject({ seniorId: Id, field: z.enum(['address', 'phone', 'emergencyContacts', 'health']) }),
    mutation: false,
    summary: '查看老人的地址、电话、紧急联系人或最近记录的身体情况（结对的老伙伴、本居委社工）；每次查看记入审计',
  },
  logContact: {
    input: ContactInput,
    mutation: true,
    summary:
      '记录一次联系：电话或上门、老人情况（好 / 有点担心 / 联系不上 / 紧急）、需求、跟进、备注，老人单独同意过的还可记身体情况；联系上的生成待社工审核的服务记录；联系不上和紧急立即报警',
    errors: ['WRONG_STATE', 'CONSENT_REQUIRED'],
  },
  contacts: {
    input: z.strictObject({ seniorId: Id, limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '一位老人的联系记录，最新在前（结对的老伙伴、本居委社工）',
  },
  // ---------------------------------------------------------------- the social worker
  volunteers: {
    input: z.strictObject({ committeeId: Id.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '老伙伴志愿者（社工、管理员）：小区、性别、方言、方便的时间、已结对 / 可结对人数；不含电话和位置',
  },
  seniorPrefs: {
    input: z.strictObject({ seniorId: Id, genderPreference: GenderInput.nullable(), dialects: Dialects }),
    mutation: true,
    summary: '社工登记老人对老伙伴的希望：性别偏好、方言（如上海话），结对建议会参考；记入审计',
  },
  suggest: {
    input: z.strictObject({ committeeId: Id.optional() }),
    mutation: false,
    summary:
      '结对建议（社工）：为本居委未结对的独居老人找老伙伴，总步行距离加偏好罚分最小，不超过任何人的名额，保留已有结对；逐条说明理由，由社工确认、更换或否决',
  },
  candidates: {
    input: z.strictObject({ seniorId: Id, limit: PageLimit.optional() }),
    mutation: false,
    summary: '一位老人的可选老伙伴，按合适程度排序，附距离和理由（社工更换建议时用）',
  },
  confirm: {
    input: z.strictObject({
      pairs: z
        .array(z.strictObject({ seniorId: Id, volunteerId: Id }))
        .min(1, { error: '请选择要确认的结对' })
        .max(20, { error: '一次最多确认 20 对' }),
      /** A senior who already has a partner gets the new one and the old pair ends (kept in history). */
      replace: z.boolean().optional(),
    }),
    mutation: true,
    summary: '社工确认结对（建议的或更换后的）：检查名额；通知老伙伴；老人的一键求助会通知这位老伙伴',
    errors: ['CAPACITY_FULL', 'CONFLICT'],
  },
  reject: {
    input: z.strictObject({ seniorId: Id, volunteerId: Id, reason: Reason.optional() }),
    mutation: true,
    summary: '社工否决一条建议：以后的建议不再把这两位配在一起（原因记下，可用 allowAgain 撤销）；记入审计',
  },
  end: {
    input: z.strictObject({
      pairId: Id,
      reason: Reason,
      /**
       * May this volunteer be suggested for this senior again? Default no: the volunteer goes on the
       * senior's excluded list (with this reason), which suggestions and candidates honour, until staff
       * undo it with `allowAgain`.
       */
      suggestAgain: z.boolean({ error: '请选择以后是否还可以推荐这位老伙伴' }).optional(),
    }),
    mutation: true,
    summary: '社工结束一个结对（历史保留）；老人回到未结对。默认以后不再推荐这位老伙伴给这位老人（原因记下，可撤销），也可选择以后还可以推荐；记入审计',
    errors: ['WRONG_STATE'],
  },
  exclusions: {
    input: z.strictObject({ seniorId: Id }),
    mutation: false,
    summary: '一位老人不再推荐的老伙伴（本居委社工、管理员）：谁、为什么（结束结对或不采用建议）、谁定的、什么时候',
  },
  allowAgain: {
    input: z.strictObject({ seniorId: Id, volunteerId: Id, reason: NoPhone(200, '原因').optional() }),
    mutation: true,
    summary: '社工撤销“不再推荐”：以后的结对建议又可以把这位老伙伴推荐给这位老人；记入审计和老人记录',
  },
  pairs: {
    input: z.strictObject({
      seniorId: Id.optional(),
      committeeId: Id.optional(),
      state: z.enum(['active', 'ended']).optional(),
      limit: PageLimit.optional(),
      after: Cursor.optional(),
    }),
    mutation: false,
    summary: '结对记录（含已结束的）：本居委（社工）或一位老人的；老伙伴看自己的',
  },
  coverage: {
    input: z.strictObject({ committeeId: Id.optional(), status: z.enum(['contacted', 'waiting', 'due', 'overdue', 'unpaired']).optional() }),
    mutation: false,
    summary: '联系覆盖看板（社工）：本居委每位老人已联系 / 今天要联系 / 逾期 / 未结对，逾期在前',
  },
  pendingContacts: {
    input: z.strictObject({ committeeId: Id.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '待审核的联系记录（社工）：本居委老伙伴的联系，审核后发放时间币',
  },
  approveContacts: {
    input: z.strictObject({ contactIds: z.array(Id).min(1, { error: '请选择要审核的记录' }).max(20, { error: '一次最多审核 20 条' }) }),
    mutation: true,
    summary: '社工批量审核联系记录：同一事务内按每条服务记录发放时间币（earn:<记录编号>），重复审核只发一次',
    errors: ['CAP_EXCEEDED', 'CONFLICT'],
  },
  rejectContact: {
    input: z.strictObject({ contactId: Id, reason: Reason }),
    mutation: true,
    summary: '社工退回一条联系记录的服务时长（联系记录本身保留）',
  },
  // ---------------------------------------------------------------- the programme
  programme: { input: Empty, mutation: false, summary: '老伙伴的规则：每周联系次数、当前天气预警、老伙伴队伍' },
  setProgramme: {
    input: z
      .strictObject({ teamId: Id.optional(), perWeek: z.int().min(1, { error: '每周至少 1 次' }).max(7, { error: '每周最多 7 次' }).optional() })
      .refine((v) => v.teamId !== undefined || v.perWeek !== undefined, { error: '没有要修改的内容' }),
    mutation: true,
    summary: '管理员设置老伙伴队伍和每周最少联系次数（默认 2 次）',
    errors: ['NOT_FOUND'],
  },
  weather: {
    input: z
      .strictObject({
        on: z.boolean({ error: '请选择开启或关闭' }),
        kind: z.enum(['heat', 'cold']).optional(),
        days: z.int().min(1).max(14, { error: '一次最多 14 天' }).optional(),
        note: NoPhone(60, '说明').optional(),
      })
      .refine((v) => !v.on || (v.kind !== undefined && v.days !== undefined), { error: '开启预警需要选择高温或寒潮和天数', path: ['kind'] }),
    mutation: true,
    summary: '管理员开启或关闭天气预警（高温、寒潮）：预警期间每位老人每天都要联系',
  },
} satisfies ActionSpecs;

// ---------------------------------------------------------------- results

export interface PartnerProfileView {
  userId: string;
  name: string;
  capacity: number;
  load: number;
  estate: string;
  /** The estate of the street picked from the list (null: typed by name). */
  estateId: string | null;
  building: string;
  /** Only in the volunteer's own profile. */
  hasLocation: boolean;
  /** Only in the volunteer's own profile: where the home point comes from (the estate's point, or a map pick). */
  locationFrom: 'estate' | 'map' | null;
  gender: Gender;
  dialects: string[];
  availability: Availability[];
  availabilityText: string;
  availabilityNote: string;
  state: 'active' | 'left';
  joinedAt: string;
}

/** An estate of the street as the app offers it: no coordinates (the server places people). */
export interface EstateView {
  id: string;
  name: string;
  committeeId: string;
  committeeName: string;
}

export interface PartnerListItem {
  userId: string;
  name: string;
  committeeName: string;
  estate: string;
  building: string;
  gender: Gender;
  dialects: string[];
  availabilityText: string;
  capacity: number;
  load: number;
  room: number;
}

export interface ScheduleView {
  status: DueStatus | 'unpaired';
  statusText: string;
  dueAt: string | null;
  /** The last contact that reached the senior (the schedule counts from it). */
  lastContactAt: string | null;
  /** The last try, whatever its outcome (lastOutcome is its outcome). */
  lastTriedAt: string | null;
  lastOutcome: ContactOutcome | null;
  lastOutcomeText: string | null;
  /** Daily contacts because of a weather alert. */
  weather: boolean;
}

export interface MySeniorItem extends ScheduleView {
  seniorId: string;
  name: string;
  age: number;
  pairedAt: string;
  openAlerts: number;
  /** A phone is on her record (the number itself only through `reveal`): without one, 打电话 is not offered. */
  hasPhone: boolean;
}

/**
 * The answer to logging a contact: the contact without its follow-up and note in plain text. The
 * answer is kept as the request's idempotent reply, and sealed health details must not be stored
 * unsealed there; `hasFollowUp` / `hasNote` say whether they were recorded (partners.contacts reads them).
 */
export type LoggedContact = Omit<PartnerContactView, 'followUp' | 'note'> & {
  hasFollowUp: boolean;
  hasNote: boolean;
  /** 联系不上 alerts this contact ended by reaching the senior (everyone they reached was told). */
  endedAlerts: number;
};

export interface PartnerContactView {
  id: string;
  seniorId: string;
  seniorName: string;
  volunteerId: string;
  volunteerName: string;
  at: string;
  channel: ContactChannel;
  channelText: string;
  outcome: ContactOutcome;
  outcomeText: string;
  needs: ContactNeed[];
  needsText: string[];
  followUp: string;
  note: string;
  minutes: MinutesView | null;
  recordId: string | null;
  recordState: 'pending' | 'approved' | 'rejected' | 'none';
  alertId: string | null;
  /** A health note was recorded; its text only through reveal (field 'health'), which is audited. */
  hasHealth: boolean;
}

export interface SeniorCard {
  seniorId: string;
  name: string;
  age: number;
  committeeName: string;
  livingAlone: boolean;
  /** The estate only (first characters of the address); the door needs `reveal`. */
  addressHint: string;
  genderPreference: Gender | null;
  dialects: string[];
  partner: { userId: string; name: string; since: string } | null;
  schedule: ScheduleView;
  recent: PartnerContactView[];
  openAlerts: AlertView[];
  /** Who is looking: the partner, or staff of the 居委. */
  as: 'partner' | 'staff';
  /** She gave her separate consent to record her health (else the contact form has no such field). */
  healthConsent: boolean;
  /** A phone is on her record: without one, the card offers no 查看电话 and the contact form starts at 上门看望. */
  hasPhone: boolean;
}

export interface PairView {
  id: string;
  seniorId: string;
  seniorName: string;
  volunteerId: string;
  volunteerName: string;
  committeeName: string;
  state: 'active' | 'ended';
  source: 'suggestion' | 'manual';
  reasons: string[];
  createdAt: string;
  createdByName: string;
  endedAt: string | null;
  endedByName: string | null;
  endReason: string | null;
  /**
   * Staff only (null for the volunteer's own list): suggestions now leave this volunteer out for this
   * senior (the pair was ended with 不再推荐, or a suggestion of the two was not taken); `allowAgain` undoes it.
   */
  excluded: boolean | null;
  /**
   * Staff only (null otherwise): the senior's wishes, as recorded now, that this active pair does not
   * meet (e.g. 老人希望女性老伙伴, or no dialect in common): wishes recorded after the pairing, or a pair
   * made by hand. Empty when it meets them all.
   */
  unmet: string[] | null;
}

/** A volunteer kept out of a senior's suggestions, and why (`exclusions`). */
export interface ExclusionView {
  seniorId: string;
  volunteerId: string;
  volunteerName: string;
  /** How it came about: a pair ended with 不再推荐, a suggestion not taken, or unknown (noted before reasons were kept). */
  from: 'end' | 'reject' | 'unknown';
  fromText: string;
  reason: string | null;
  /** The ended pair, when it came from ending one. */
  pairId: string | null;
  byName: string | null;
  at: string | null;
}

export interface SuggestionView {
  seniorId: string;
  seniorName: string;
  volunteerId: string;
  volunteerName: string;
  volunteerEstate: string;
  cost: number;
  distanceM: number | null;
  sameCommittee: boolean;
  genderMet: boolean | null;
  sharedDialects: string[];
  rank: number;
  reasons: string[];
}

export interface CandidateView extends SuggestionView {
  room: number;
}

export interface CoverageItem extends ScheduleView {
  seniorId: string;
  name: string;
  age: number;
  livingAlone: boolean;
  partnerName: string | null;
  openAlerts: number;
  /** A phone is on her record: without one, 打电话 is not offered. */
  hasPhone: boolean;
}

export interface ProgrammeView {
  perWeek: number;
  teamId: string | null;
  teamName: string | null;
  weather: { on: boolean; kind: WeatherKind | null; kindText: string | null; from: string | null; until: string | null; note: string };
}

export interface PartnersResults {
  join: PartnerProfileView;
  profile: PartnerProfileView | null;
  estates: { items: EstateView[] };
  leave: PartnerProfileView;
  mySeniors: { items: MySeniorItem[]; weather: boolean };
  card: SeniorCard;
  reveal: {
    seniorId: string;
    field: 'address' | 'phone' | 'emergencyContacts' | 'health';
    address?: string;
    phone?: string | null;
    emergencyContacts?: Array<{ name: string; relation: string; phone: string }>;
    /** The latest health notes (up to 20), newest first; empty without her health consent. */
    healthNotes?: Array<{ contactId: string; at: string; volunteerName: string; text: string }>;
  };
  logContact: LoggedContact;
  contacts: PageResult<PartnerContactView>;
  volunteers: PageResult<PartnerListItem>;
  seniorPrefs: { seniorId: string; genderPreference: Gender | null; dialects: string[] };
  suggest: {
    suggestions: SuggestionView[];
    unassigned: Array<{ seniorId: string; seniorName: string; reason: string; text: string }>;
    totalCost: number;
    seniors: number;
    volunteers: number;
  };
  candidates: { seniorId: string; items: CandidateView[] };
  confirm: { pairs: PairView[] };
  reject: { seniorId: string; volunteerId: string; rejected: number };
  end: PairView;
  exclusions: { seniorId: string; seniorName: string; items: ExclusionView[] };
  allowAgain: { seniorId: string; volunteerId: string; volunteerName: string; changed: boolean; excluded: number };
  pairs: PageResult<PairView>;
  coverage: { counts: Record<'unreachable' | 'contacted' | 'waiting' | 'due' | 'overdue' | 'unpaired', number>; items: CoverageItem[]; weather: boolean };
  pendingContacts: PageResult<PartnerContactView>;
  approveContacts: { approved: number; items: LoggedContact[] };
  rejectContact: LoggedContact;
  /** With why the caller may not join 老伙伴 (age, minors), or null when they may. */
  programme: ProgrammeView & { joinRefusal: string | null };
  setProgramme: ProgrammeView;
  weather: ProgrammeView;
}
