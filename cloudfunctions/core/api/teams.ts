/** Contract of the `teams` function: browsing, membership, members, and the team's records export. */
import * as z from 'zod';
import { isRealDate } from '../domain/schedule';
import type { MembershipState } from '../domain/activities';
import type { ActivityView } from './activities';
import { Cursor, Empty, Id, PageLimit, type ActionSpecs, type PageResult } from './common';

const JoinPolicy = z.enum(['open', 'approval'], { error: '请选择加入方式：直接加入或队长审核' });
const TeamName = z.string().trim().min(2, { error: '请填写队伍名称（至少 2 个字）' }).max(30, { error: '队伍名称最多 30 个字' });
const TeamDescription = z.string().trim().min(2, { error: '请填写队伍简介' }).max(300, { error: '队伍简介最多 300 个字' });
const TeamRef = z.strictObject({ teamId: Id });
const LocalDate = z.string().refine(isRealDate, { error: '日期格式应为 YYYY-MM-DD' });

export const teamsActions = {
  list: { input: z.strictObject({}), mutation: false, summary: '队伍列表：名称、简介、队长、加入方式、队员人数、近期活动、我的加入状态' },
  detail: { input: TeamRef, mutation: false, summary: '队伍详情：简介、队长、近期活动、我的加入状态', errors: ['NOT_FOUND'] },
  mine: { input: Empty, mutation: false, summary: '我加入的（和申请中的）队伍' },
  join: {
    input: z.strictObject({ teamId: Id, note: z.string().trim().max(100, { error: '留言最多 100 个字' }).optional() }),
    mutation: true,
    summary: '加入队伍：直接加入，或提交申请等队长审核（队长会收到消息）',
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  leave: {
    input: TeamRef,
    mutation: true,
    summary: '退出队伍（或撤回申请）；老伙伴队员还结对着老人时不能退出，退出老伙伴队伍也同时退出老伙伴',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  decide: {
    input: z.strictObject({
      teamId: Id,
      userId: Id,
      approve: z.boolean(),
      reason: z.string().trim().max(100, { error: '原因最多 100 个字' }).optional(),
    }),
    mutation: true,
    summary: '队长审核入队申请（同意或婉拒），申请人会收到消息',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  members: {
    input: z.strictObject({ teamId: Id, state: z.enum(['member', 'pending']).optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '队员名单（队长、管理员）：姓名、打码手机号、入队时间；可看待审核的申请',
  },
  memberPhone: {
    input: z.strictObject({ teamId: Id, userId: Id }),
    mutation: false,
    summary: '队长拨打队员电话：只给本队队长返回完整号码，每次查看记入审计',
    errors: ['NOT_FOUND'],
  },
  create: {
    input: z.strictObject({ name: TeamName, description: TeamDescription, joinPolicy: JoinPolicy.optional() }),
    mutation: true,
    summary: '新建队伍（管理员）；队长用“授予角色”任命',
  },
  update: {
    input: z
      .strictObject({ teamId: Id, name: TeamName.optional(), description: TeamDescription.optional(), joinPolicy: JoinPolicy.optional() })
      .refine((v) => v.name !== undefined || v.description !== undefined || v.joinPolicy !== undefined, { error: '没有要修改的内容' }),
    mutation: true,
    summary: '修改队伍简介和加入方式（本队队长、管理员；改名仅管理员）',
    errors: ['NOT_FOUND'],
  },
  exportRecords: {
    input: z
      .strictObject({ teamId: Id, from: LocalDate, to: LocalDate })
      .refine((v) => v.from <= v.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
      .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 86_400_000, { error: '一次最多导出一年', path: ['to'] }),
    mutation: false,
    summary: '导出本队一段日期内的服务记录：xlsx 文件存入云存储（本地为 DATA_DIR/files），返回文件编号和 15 分钟内有效的下载链接，供队长做纸质台账',
  },
  month: {
    input: TeamRef,
    mutation: false,
    errors: ['NOT_FOUND'],
    summary: '本队本月（上海时间）每天的服务时长：已审核和待审核的分钟数（只有合计，不含个人信息；本队队长、管理员）',
  },
} satisfies ActionSpecs;

/** A team's month, day by day: what its leader's home charts. */
export interface TeamMonth {
  teamId: string;
  teamName: string;
  /** 'YYYY-MM', the current month in Shanghai. */
  month: string;
  /** Every day of the month, in order (days to come as zero). */
  days: Array<{ date: string; approvedMinutes: number; pendingMinutes: number }>;
  approved: { count: number; minutes: number; hours: string };
  pending: { count: number; minutes: number; hours: string };
}

export type JoinPolicy = z.infer<typeof JoinPolicy>;

export interface TeamView {
  id: string;
  name: string;
  description: string;
  leaderNames: string[];
}

/** A team as the list and detail show it: the basics plus how to join, members and what is coming up. */
export interface TeamCard extends TeamView {
  joinPolicy: JoinPolicy;
  /** Leaders of the team (members by their grant). */
  leaderCount: number;
  /** Members who are not its leaders: with leaderCount, the people teams.members lists. */
  memberCount: number;
  /** The caller's membership: null when none (or a guest). */
  myMembership: MembershipState | null;
  /** The caller leads this team. */
  iLead: boolean;
  /** The next few scheduled activities. */
  nextActivities: ActivityView[];
}

export interface MembershipView {
  teamId: string;
  teamName: string;
  state: MembershipState;
  joinedAt: string | null;
  createdAt: string;
}

export interface MemberView {
  userId: string;
  name: string;
  phoneMasked: string;
  state: MembershipState;
  isLeader: boolean;
  note: string;
  joinedAt: string | null;
  appliedAt: string;
}

export interface TeamsResults {
  list: { items: TeamCard[] };
  detail: TeamCard & { leaders: Array<{ id: string; name: string }> };
  mine: { items: MembershipView[] };
  join: MembershipView;
  leave: MembershipView;
  decide: MemberView;
  members: PageResult<MemberView>;
  memberPhone: { userId: string; name: string; phone: string };
  create: TeamCard;
  update: TeamCard;
  month: TeamMonth;
  exportRecords: {
    /** `cloud://…` on CloudBase (the app downloads it with wx.cloud.downloadFile), `local:…` locally. */
    fileId: string;
    /** A short-lived download link: CloudBase's temporary URL, or the local server's signed /files/ link. */
    url: string;
    expiresAt: string;
    filename: string;
    mimeType: string;
    rows: number;
    totalMinutes: number;
  };
}
