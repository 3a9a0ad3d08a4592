/** Contract of the `records` function: volunteer service records (志愿服务记录) and what they earn. */
import * as z from 'zod';
import type { StarProgress } from '../domain/stars';
import { Cursor, Id, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';
import type { MinutesView } from './timebank';

const ServiceDate = z.iso.date({ error: '服务日期格式应为 YYYY-MM-DD' });
const RecordState = z.enum(['pending', 'approved', 'rejected', 'reversed']);

export const CreateRecordInput = z.strictObject({
  volunteerId: Id,
  teamId: Id,
  category: z.string().min(1).max(32),
  date: ServiceDate,
  place: z.string().trim().min(2, { error: '请填写服务地点' }).max(60, { error: '地点最多 60 个字' }),
  content: z.string().trim().min(2, { error: '请填写服务内容' }).max(200, { error: '服务内容最多 200 个字' }),
  /** Only time actually served, in whole minutes; travel does not count. */
  minutes: z
    .int({ error: '服务时长必须是整数分钟' })
    .min(1, { error: '服务时长必须大于 0' })
    .max(24 * 60, { error: '一条记录最多 24 小时' }),
  /** The people served, as the organiser writes them (e.g. "独居老人 2 位"); no personal data needed. */
  served: z.string().trim().max(60).optional(),
});

export const recordsActions = {
  create: {
    input: CreateRecordInput,
    mutation: true,
    summary:
      '队长（本队）或管理员为本队队员登记一条服务记录（待审核）；队长只能登记政策规定天数（maxBackdateDays，默认 30 天）内的服务；超长、补登较早或连续多条的记录需两人审核',
  },
  approve: {
    input: z.strictObject({ recordId: Id }),
    mutation: true,
    summary:
      '审核通过：同一事务内发放一笔时间币（earn:<记录编号>），并计入当天时长（每人每天不超过 maxDailyMinutes，超出为 DAILY_LIMIT）；需两人审核的记录，第一次只记初审，由另一位队长或管理员复核（登记人和初审人不能复核：SECOND_APPROVAL_NEEDED）；重复审核只发一次',
  },
  reject: { input: z.strictObject({ recordId: Id, reason: Reason }), mutation: true, summary: '退回一条待审核的记录，需填写原因' },
  reverse: {
    input: z.strictObject({ recordId: Id, reason: Reason }),
    mutation: true,
    summary: '撤销已审核的记录：同一事务内冲正它发放的时间币（reverse:earn:<记录编号>），从当天时长中扣回，记入审计',
  },
  appeal: {
    input: z.strictObject({
      recordId: Id,
      reason: Reason,
      /** For an approved record: the minutes the volunteer says it should hold (more than it does). */
      minutes: z
        .int({ error: '时长必须是整数分钟' })
        .min(1, { error: '时长必须大于 0' })
        .max(24 * 60, { error: '一条记录最多 24 小时' })
        .optional(),
    }),
    mutation: true,
    summary:
      '志愿者对自己的记录提出异议（每条记录一次，审核结果后 60 天内），写明理由：被退回或被撤销的记录请求重新记入；已通过的记录对时长有异议时写明应记多少分钟（minutes，须多于已记）；街道管理员和本队队长收到站内消息，由街道调解处理',
  },
  appeals: {
    input: z.strictObject({ limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '街道管理员：全街道待处理的异议，提出早的在前，附总条数',
  },
  decideAppeal: {
    input: z.strictObject({
      recordId: Id,
      outcome: z.enum(['uphold', 'grant'], { error: '请选择维持原决定或重新记入' }),
      answer: Reason,
      /** A grant on an approved record's minutes: the minutes to add, at most what was claimed beyond the record (default: all of it). */
      minutes: z.int({ error: '时长必须是整数分钟' }).min(1, { error: '补记的时长必须大于 0' }).optional(),
    }),
    mutation: true,
    summary:
      '街道管理员处理异议：维持原决定（写明理由），或同意（同一事务内新建一条更正记录并审核通过：被退回或被撤销的记录按原时长重新记入，对时长的异议补记差额，或按调解结果少补（minutes，不超过差额）；发放时间币，计入当天时长）；原记录不改，异议和结果留在原记录上；志愿者和本队队长收到结果；补记的记录随原记录撤销',
  },
  mine: {
    input: z.strictObject({ state: RecordState.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '我的服务记录，按服务日期倒序分页',
  },
  team: {
    input: z.strictObject({
      teamId: Id,
      state: RecordState.optional(),
      /** Only records a member raised a 异议 about: those the street still mediates, and those it answered. */
      appealed: z.boolean().optional(),
      limit: PageLimit.optional(),
      after: Cursor.optional(),
    }),
    mutation: false,
    summary: '本队的服务记录（队长、管理员），最新在前；可按状态筛选，或只看队员提过异议的记录（appealed，街道调解中的和已处理的）',
  },
  awaitingReview: {
    input: z.strictObject({ limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary:
      '街道管理员：全街道等街道审核的记录，服务日期早的在前，附总条数：已初审、等待复核的记录（需两人审核的记录；初审后，本队另一位可复核的队长会收到站内消息，没有这样的队长时，街道管理员收到），以及队里除本人外没有队长能审核的记录（例如队里唯一的队长登记了自己的服务）',
  },
  totals: {
    input: z.strictObject({ userId: Id.optional() }),
    mutation: false,
    summary: '志愿服务证明所需：累计时长、按服务类别的时长和次数、星级（管理员可查他人）',
  },
} satisfies ActionSpecs;

export type RecordState = z.infer<typeof RecordState>;

export interface RecordView {
  id: string;
  volunteerId: string;
  volunteerName: string;
  teamId: string;
  teamName: string;
  category: string;
  categoryName: string;
  earnsCredits: boolean;
  date: string;
  place: string;
  content: string;
  served: string;
  minutes: MinutesView;
  state: RecordState;
  recorderName: string;
  approverName: string | null;
  /** The earn transfer, once approved (null for categories that earn no credits). */
  transferId: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  /**
   * Set when the record is unusual (long, back-dated, or one of many in a row by the same recorder)
   * and needs two approvals by different people: why, and who gave the first (null until then).
   */
  secondApproval: { reasons: string[]; firstApproverName: string | null; firstApprovedAt: string | null } | null;
  /** Pending with the first of two approvals given: waits for 复核 by another leader or an admin. */
  awaitingSecondApproval: boolean;
  /** Whether the caller may take the next approval step (not their own record, not the recorder or first approver of a 复核). */
  canApprove: boolean;
  /** The volunteer's 异议 about this record (rejected or reversed), and how the street answered it. */
  appeal: RecordAppealView | null;
  /** The last moment a 异议 may be raised (ISO; rejected or reversed records only), else null. */
  appealUntil: string | null;
  /** The caller is this record's volunteer and may still raise a 异议 about it (before appealUntil). */
  canAppeal: boolean;
  /** A correction granted on appeal: the id of the record it corrects. */
  correctionOf: string | null;
}

export interface RecordAppealView {
  state: 'open' | 'upheld' | 'granted';
  /** 'taken': a rejected or reversed record, restored in full if granted; 'minutes': an approved record's minutes. */
  about: 'taken' | 'minutes';
  /** For 'minutes': what the volunteer says the record should hold. */
  claimedMinutes: MinutesView | null;
  reason: string;
  raisedAt: string;
  /** Street admins told when it was raised: 0 on a street without an admin yet (the page must not say they were). */
  toldAdmins: number;
  /** The team's leaders told at the same time (the first step of a dispute is talking with them). */
  toldLeaders: number;
  answer: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  correctionId: string | null;
  /** What a grant recorded: the record's own minutes restored, or the minutes added to it. */
  grantedMinutes: MinutesView | null;
}

export interface CategoryTotal {
  category: string;
  name: string;
  count: number;
  minutes: MinutesView;
}

export interface RecordsResults {
  create: RecordView;
  approve: RecordView;
  reject: RecordView;
  reverse: RecordView;
  appeal: RecordView;
  /** Open 异议 street-wide, oldest first, and how many there are in all. */
  appeals: PageResult<RecordView> & { count: number };
  /** The appealed record with its answer, and the correction when granted. */
  decideAppeal: { record: RecordView; correction: RecordView | null };
  mine: PageResult<RecordView>;
  team: PageResult<RecordView>;
  /** Street-wide records waiting for 复核, oldest service date first, and how many there are in all. */
  awaitingReview: PageResult<RecordView> & { count: number };
  totals: {
    userId: string;
    name: string;
    total: MinutesView;
    recordCount: number;
    byCategory: CategoryTotal[];
    star: StarProgress;
    firstDate: string | null;
    lastDate: string | null;
  };
}
