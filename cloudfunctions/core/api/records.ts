/** Contract of the `records` function: volunteer service records (志愿服务记录) and what they earn. */
import * as z from 'zod';
import type { StarProgress } from '../domain/stars';
import { Cursor, Id, PageLimit, type ActionSpecs, type PageResult } from './common';
import type { MinutesView } from './timebank';

const Reason = z.string().trim().min(2, { error: '请填写原因（至少 2 个字）' }).max(200, { error: '原因最多 200 个字' });
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
  minutes: z.int({ error: '服务时长必须是整数分钟' }).min(1, { error: '服务时长必须大于 0' }).max(24 * 60, { error: '一条记录最多 24 小时' }),
  /** The people served, as the organiser writes them (e.g. "独居老人 2 位"); no personal data needed. */
  served: z.string().trim().max(60).optional(),
});

export const recordsActions = {
  create: { input: CreateRecordInput, mutation: true, summary: '队长（本队）或管理员为志愿者登记一条服务记录（待审核）' },
  approve: {
    input: z.strictObject({ recordId: Id }),
    mutation: true,
    summary: '审核通过：同一事务内发放一笔时间币（earn:<记录编号>）；重复审核只发一次',
  },
  reject: { input: z.strictObject({ recordId: Id, reason: Reason }), mutation: true, summary: '退回一条待审核的记录，需填写原因' },
  reverse: {
    input: z.strictObject({ recordId: Id, reason: Reason }),
    mutation: true,
    summary: '撤销已审核的记录：同一事务内冲正它发放的时间币（reverse:earn:<记录编号>），记入审计',
  },
  mine: {
    input: z.strictObject({ state: RecordState.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '我的服务记录，按服务日期倒序分页',
  },
  team: {
    input: z.strictObject({ teamId: Id, state: RecordState.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '本队的服务记录（队长、管理员），可按状态筛选，最新在前',
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
  mine: PageResult<RecordView>;
  team: PageResult<RecordView>;
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
