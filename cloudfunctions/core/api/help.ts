/**
 * Contract of the `help` function: help requests paid in time credits (求助与兑换) and one-tap help
 * (one-tap help moved to the alerts function, api/alerts.ts). Volunteers never receive a senior's address or phone in any list or detail;
 * the assigned volunteer opens them with `contact`, and each opening is written to `audit`.
 */
import * as z from 'zod';
import { isRealDate, LOCAL_TIME } from '../domain/schedule';
import { ON_THE_WAY_HOURS_BEFORE, type Funding, type HelpAction, type HelpState } from '../domain/help';
import type { ActorKind } from '../domain/seniors';
import type { ServiceCategory } from '../domain/policy';
import { Cursor, Empty, Id, LatLngInput, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';
import type { MinutesView } from './timebank';

const LocalDate = z.string().refine(isRealDate, { error: '日期格式应为 YYYY-MM-DD' });
const LocalTime = z.string().regex(LOCAL_TIME, { error: '时间格式应为 HH:mm（如 09:00）' });
const Category = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: '请选择服务类别' });
const HelpMinutes = z
  .int({ error: '时长必须是整数分钟' })
  .min(1, { error: '时长必须大于 0' })
  .max(24 * 60, { error: '一次最多 24 小时' });
const Note = z.string().trim().max(100, { error: '备注最多 100 个字' });
const ExtraFrom = z.enum(['credits', 'pool'], { error: '请选择超出部分由谁支付：老人的时间币，或公益池' });
const PageInput = { limit: PageLimit.optional(), after: Cursor.optional() };

export const CreateHelpInput = z
  .strictObject({
    /** Whom the request is for; a senior acting for themselves may leave it out. */
    seniorId: Id.optional(),
    category: Category,
    /** Shanghai date and wall-clock times of the window in which help is wanted. */
    date: LocalDate,
    startTime: LocalTime,
    endTime: LocalTime,
    /** Expected minutes: what is held from the senior's credits (or the pool). */
    minutes: HelpMinutes,
    note: Note.optional(),
    funding: z.enum(['credits', 'pool'], { error: '请选择用老人的时间币，还是申请公益池资助' }),
    /**
     * She really wants a second one (two helpers for one job): the same category at an overlapping
     * time is otherwise refused with DUPLICATE_HELP, naming the request she has.
     */
    notDuplicate: z.literal(true).optional(),
  })
  .refine((v) => v.endTime > v.startTime, { error: '结束时间必须晚于开始时间', path: ['endTime'] });

export const helpActions = {
  categories: { input: Empty, mutation: false, summary: '求助表单所需：可兑换的服务类别、时长范围' },
  create: {
    input: CreateHelpInput,
    mutation: true,
    summary: '为老人发起求助：用老人的可用时间币（预留）或申请公益池资助（社工批准）；代办时记录真实操作人',
    errors: ['INSUFFICIENT_BALANCE', 'NOT_ELIGIBLE', 'DUPLICATE_HELP'],
  },
  requests: {
    input: z.strictObject({ seniorId: Id.optional(), active: z.boolean().optional(), ...PageInput }),
    mutation: false,
    summary: '老人的求助（本人、代理人、社工），最新在前，附进度说明',
  },
  detail: {
    input: z.strictObject({ requestId: Id }),
    mutation: false,
    summary: '一条求助的详情和经过；志愿者（含接单人）看不到地址和电话',
  },
  open: {
    input: z.strictObject({ committeeId: Id.optional(), near: LatLngInput.optional(), ...PageInput }),
    mutation: false,
    summary: '志愿者可接的求助：类别、时间、居委、步行距离（传入当前位置时），从不含地址和电话',
  },
  assigned: {
    input: z.strictObject({ done: z.boolean().optional(), ...PageInput }),
    mutation: false,
    summary: '我接下的求助（志愿者）：进行中的，或已结束的',
  },
  accept: {
    input: z.strictObject({ requestId: Id }),
    mutation: true,
    summary: '志愿者接单；两人同时接单只有一人成功（ALREADY_TAKEN）',
    errors: ['ALREADY_TAKEN', 'WRONG_STATE'],
  },
  contact: {
    input: z.strictObject({ requestId: Id }),
    mutation: false,
    summary: '接单志愿者查看老人的地址和电话；只有接单人可以看，每次查看记入审计',
  },
  onTheWay: {
    input: z.strictObject({ requestId: Id }),
    mutation: true,
    summary: `接单志愿者出发上门（服务开始前 ${ON_THE_WAY_HOURS_BEFORE} 小时起，到结束为止；更早是 WRONG_STATE，说明几点起可以）：老人一方收到“志愿者在路上”`,
    errors: ['WRONG_STATE'],
  },
  handBack: {
    input: z.strictObject({ requestId: Id, reason: Note.optional() }),
    mutation: true,
    summary: '志愿者在服务开始前退回接单，求助重新开放',
    errors: ['WRONG_STATE'],
  },
  reportDone: {
    input: z.strictObject({ requestId: Id, minutes: HelpMinutes, note: Note.optional() }),
    mutation: true,
    summary: '志愿者报告完成和实际服务分钟数（开始时间之后；不超过开始到现在的分钟数，也不超过政策的单次上限，否则 VALIDATION）',
    errors: ['WRONG_STATE', 'VALIDATION'],
  },
  confirm: {
    input: z.strictObject({ requestId: Id, extraFrom: ExtraFrom.optional() }),
    mutation: true,
    summary: '老人、代理人或社工确认完成：预留的时间币付给志愿者；实际多于预留需补足（老人时间币或公益池），少于则退回余下部分',
    errors: ['WRONG_STATE', 'INSUFFICIENT_BALANCE'],
  },
  dispute: {
    input: z.strictObject({ requestId: Id, reason: Reason }),
    mutation: true,
    summary: '对服务有异议：时间币仍预留，等待社工处理',
    errors: ['WRONG_STATE'],
  },
  cancel: {
    input: z.strictObject({ requestId: Id, reason: Note.optional() }),
    mutation: true,
    summary: '服务开始前取消求助：预留的时间币退回；已接单的志愿者会收到通知',
    errors: ['WRONG_STATE'],
  },
  decideGrant: {
    input: z.strictObject({ requestId: Id, approve: z.boolean(), reason: Reason }),
    mutation: true,
    summary: '社工批准或拒绝公益池资助；批准即从公益池预留',
    errors: ['WRONG_STATE', 'INSUFFICIENT_BALANCE', 'NOT_ELIGIBLE'],
  },
  settle: {
    input: z
      .strictObject({
        requestId: Id,
        how: z.enum(['all', 'part', 'void'], { error: '请选择：全部支付、部分支付或不支付' }),
        minutes: HelpMinutes.optional(),
        reason: Reason,
        extraFrom: ExtraFrom.optional(),
      })
      .refine((v) => (v.how === 'part') === (v.minutes !== undefined), { error: '部分支付需要填写分钟数（只有部分支付填写）', path: ['minutes'] }),
    mutation: true,
    summary: '社工处理异议或超时未确认的服务：全部支付、部分支付或不支付，原因存档',
    errors: ['WRONG_STATE'],
  },
  queue: {
    input: z.strictObject({ committeeId: Id.optional() }),
    mutation: false,
    summary: '社工待办：待批准的公益池资助、有异议的服务、72 小时未确认或未报告的服务',
  },
  sweep: {
    input: Empty,
    mutation: true,
    summary: '定时任务（也可由管理员手动运行）：72 小时未确认转社工、过期无人接单的求助退回预留的时间币',
  },
} satisfies ActionSpecs;

export interface HelpStepView {
  at: string;
  action: HelpAction;
  actorName: string;
  via: ActorKind;
  viaText: string;
  text: string;
}

/** What a request may do next, for the person looking at it. */
export interface HelpCan {
  accept: boolean;
  /** 我出发了: the assigned volunteer, once, from ON_THE_WAY_HOURS_BEFORE hours before the start until the end. */
  onTheWay: boolean;
  handBack: boolean;
  reportDone: boolean;
  openContact: boolean;
  confirm: boolean;
  dispute: boolean;
  cancel: boolean;
  decideGrant: boolean;
  settle: boolean;
}

export interface HelpRequestView {
  id: string;
  seniorId: string;
  /** Full name for the senior side, staff and the assigned volunteer; masked (沈*婆) for other volunteers. */
  seniorName: string;
  committeeId: string;
  committeeName: string;
  category: string;
  categoryName: string;
  startAt: string;
  endAt: string;
  /** "11月28日（周六）09:00–11:00" */
  timeText: string;
  minutes: MinutesView;
  note: string;
  funding: Funding;
  state: HelpState;
  /**
   * The progress in the reader's words (domain/words.ts): the senior side reads "王建国已答应来帮忙，11月28日 09:00 上门",
   * the volunteer and the staff "王建国已接单，11月28日 09:00 上门". Shown as it comes; the app swaps no words.
   */
  stateText: string;
  held: MinutesView;
  volunteer: { id: string; name: string; phoneMasked: string } | null;
  report: { minutes: MinutesView; note: string; at: string } | null;
  dispute: { reason: string; byName: string; at: string } | null;
  settlement: { how: 'confirm' | 'all' | 'part' | 'void'; minutes: MinutesView; byName: string; viaText: string; reason: string | null; at: string } | null;
  grant: { approved: boolean; byName: string; reason: string; at: string } | null;
  /** In the social worker's queue: 72 h without confirmation, or never reported. */
  queued: boolean;
  queueReason: 'unconfirmed' | 'unreported' | null;
  /** Only in `open`, when the volunteer sent a position. */
  distance: { meters: number; minutes: number; text: string } | null;
  handedBackCount: number;
  createdByName: string;
  createdViaText: string;
  createdAt: string;
  can: HelpCan;
  /**
   * On an open request a volunteer looks at (help.open, help.detail): why they cannot take it at those
   * hours (an activity or another visit they are booked for); then can.accept is false.
   */
  clash?: string;
  /**
   * On an open request a volunteer could take (help.open, help.detail), on help.accept's answer and
   * on the volunteer's own accepted request (help.detail): a shorter overlap (an hour or less) with
   * something they are booked for. Accepting is allowed; the page says so before the tap and after.
   */
  overlap?: string;
  /**
   * Only for the assigned volunteer, while 我出发了 is not offered yet (too early): from when it will
   * be (ISO), so the page can say it instead of showing nothing.
   */
  onTheWayFrom?: string;
  /**
   * Only for the assigned volunteer while they may report: whole minutes since the start by the
   * server's clock when answering, the most a report may claim now.
   */
  minutesSinceStart?: number;
  /** Only in `detail`. */
  steps?: HelpStepView[];
}

export interface ContactView {
  requestId: string;
  seniorName: string;
  address: string;
  phone: string | null;
  /** The family member who made the request for the senior, when one did. */
  others: Array<{ label: string; name: string; phone: string }>;
}

export interface HelpResults {
  categories: { categories: ServiceCategory[]; minMinutes: number; maxMinutes: number; confirmWindowHours: number };
  create: HelpRequestView;
  requests: PageResult<HelpRequestView>;
  detail: HelpRequestView;
  /** With why the caller may not accept one-to-one home visits (minors), or null when they may. */
  open: PageResult<HelpRequestView> & { acceptRefusal: string | null };
  assigned: PageResult<HelpRequestView>;
  accept: HelpRequestView;
  contact: ContactView;
  onTheWay: HelpRequestView;
  handBack: HelpRequestView;
  reportDone: HelpRequestView;
  confirm: HelpRequestView;
  dispute: HelpRequestView;
  cancel: HelpRequestView;
  decideGrant: HelpRequestView;
  settle: HelpRequestView;
  queue: { grants: HelpRequestView[]; disputes: HelpRequestView[]; overdue: HelpRequestView[] };
  sweep: { queued: number; expired: number; desks: number };
}
