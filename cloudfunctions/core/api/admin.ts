/** Contract of the `admin` function: the street admin's people and roles, and the street report. */
import * as z from 'zod';
import { ROLES, type PermissionRole } from '../domain/roles';
import { isRealDate, LOCAL_DATE } from '../domain/schedule';
import { Cursor, Id, PageLimit, type ActionSpecs, type PageResult } from './common';
import type { RoleView } from './account';
import type { HelpState } from '../domain/help';

export const RoleChangeInput = z.strictObject({
  userId: Id,
  role: z.enum(ROLES, { error: '角色不正确' }),
  teamId: Id.optional(),
  committeeId: Id.optional(),
  seniorId: Id.optional(),
});

/** Longest period one report covers, in days (a year and a day, so a whole leap year fits). */
export const MAX_REPORT_DAYS = 366;

const LocalDate = z.string().regex(LOCAL_DATE, { error: '日期格式应为 2026-11-01' }).refine(isRealDate, { error: '没有这一天' });

export const ReportInput = z
  .strictObject({ from: LocalDate, to: LocalDate })
  .refine((v) => v.from <= v.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((v) => (Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000 < MAX_REPORT_DAYS, {
    error: `一份报表最多 ${MAX_REPORT_DAYS} 天`,
    path: ['to'],
  });

/** Longest street map text accepted by importStreetMap (the request itself is limited to 1 MB). */
export const MAX_MAP_CHARS = 900_000;

export const adminActions = {
  listUsers: {
    input: z.strictObject({
      committeeId: Id.optional(),
      /** A name or its beginning (王, 王建), or a whole mobile number; the list is then in name order. */
      query: z.string().trim().min(1, { error: '请输入要找的姓名或手机号' }).max(20, { error: '最多 20 个字' }).optional(),
      limit: PageLimit.optional(),
      after: Cursor.optional(),
    }),
    mutation: false,
    summary: '人员列表（手机号打码），按注册时间倒序分页；可按姓名开头或完整手机号查找',
  },
  grantRole: { input: RoleChangeInput, mutation: true, summary: '授予角色（队长需指定队伍，社工需指定居委），记入审计' },
  revokeRole: { input: RoleChangeInput, mutation: true, summary: '收回角色，记入审计' },
  report: {
    input: ReportInput,
    mutation: false,
    summary:
      '街道工作报表：一段时间内的志愿服务、活动、时间银行、老人求助和老伙伴的汇总（不含任何个人信息），一次算完；时间长的报表请用 reportStart / reportPoll',
  },
  reportStart: {
    input: ReportInput,
    mutation: true,
    summary:
      '开始生成街道工作报表（分段统计）：建一个报表任务并先统计一段时间；时间短的报表往往这一次就算完（state: done），否则返回进度（state: running），再用 reportPoll 接着统计',
  },
  importStreetMap: {
    input: z.strictObject({
      /** The file's coordinate system: GCJ-02 (WeChat, AMap, Tencent maps) or WGS84 (GPS, OpenStreetMap); stored as GCJ-02. */
      coordinateSystem: z.enum(['GCJ-02', 'WGS84'], { error: '请选择文件的坐标系：GCJ-02 或 WGS84' }),
      /** The GeoJSON FeatureCollection as text (docs/map.md). */
      geojson: z
        .string()
        .min(2, { error: '请粘贴或选择地图文件' })
        .max(MAX_MAP_CHARS, { error: `地图文件太大（最多 ${MAX_MAP_CHARS / 1000} 千个字符），请先简化图形` }),
    }),
    mutation: true,
    errors: ['MAP_INVALID', 'VALIDATION'],
    summary: '导入街道地图（GeoJSON FeatureCollection，说明坐标系）：检查后替换文明实践地图的底图和站点；有误时逐条说明位置，什么都不改',
  },
  streetMap: { input: z.strictObject({}), mutation: false, summary: '当前街道地图的来源（street.json 或导入）、各类要素数量和更新时间' },
  reportPoll: {
    input: z.strictObject({ jobId: Id }),
    mutation: false,
    errors: ['NOT_FOUND'],
    summary: '接着统计一段报表任务并返回进度；统计完成时返回整份报表。两次同时调用不会重复计数（任务按步号保存）；只能查看自己开始的任务',
  },
} satisfies ActionSpecs;

/** Minutes, also shown as hours (2小时30分). */
export interface Amount {
  minutes: number;
  hours: string;
}

/** A count and the minutes behind it. */
export interface Tally extends Amount {
  count: number;
}

export interface StreetReport {
  from: string;
  to: string;
  generatedAt: string;
  people: {
    /** Registered people now (closed accounts aside). */
    registered: number;
    registeredInPeriod: number;
    /** People with at least one approved service record dated in the period. */
    servedInPeriod: number;
  };
  service: {
    /** Approved service records dated in the period. */
    approved: Tally;
    byTeam: Array<{ teamId: string; name: string; volunteers: number } & Tally>;
    byCategory: Array<{ category: string; name: string } & Tally>;
    /** Records dated in the period still waiting for a leader. */
    pending: Tally;
    /** Approved records by month ('YYYY-MM'), the 12 months ending with the period's last month (empty months as zero). */
    byMonth: Array<{ month: string } & Tally>;
  };
  activities: {
    /** Activities starting in the period, not cancelled. */
    held: number;
    cancelled: number;
    /** Places taken on the activities held. */
    signedPlaces: number;
  };
  timebank: {
    /** Transfers made in the period, by what they were for (minutes). */
    earned: Tally;
    redeemed: Tally;
    donated: Tally;
    granted: Tally;
    reversed: Tally;
    /** Admin adjustments of people's accounts: credits added and taken away. */
    adjustedIn: Tally;
    adjustedOut: Tally;
    /**
     * Admin adjustments of the community pool: credits put into it and taken out. Absent from
     * reports stored before they were counted apart (adjustedIn/Out then included them).
     */
    poolAllocated?: Tally;
    poolWithdrawn?: Tally;
    /** Now: credits held by people, and the community pool. */
    inCirculation: Amount;
    pool: Amount;
    /**
     * Of the pool's balance, what is held for grants not yet spent (the pool page's 已预留): the pool
     * page and the report say the same. Absent from reports stored before it existed.
     */
    poolReserved?: Amount;
  };
  help: {
    requested: number;
    completed: Tally;
    /** Requests still going now (open, assigned, reported, disputed, awaiting a grant). */
    activeNow: number;
    oneTapAlerts: number;
    /** Requests made in the period by their state now (every state, zeros included). */
    byState: Array<{ state: HelpState; label: string; count: number }>;
  };
  partners: {
    /** Now. */
    seniorsLivingAlone: number;
    paired: number;
    contacts: number;
    visits: number;
    phoneCalls: number;
    /** Contacts that did not reach the senior. */
    unreachable: number;
    alerts: Array<{ kind: 'overdue' | 'unreachable' | 'emergency'; label: string; raised: number; closed: number }>;
    /**
     * Contacts in the period by week (`week` is its Monday): reached the senior within `intervalHours` of the
     * contact before (on time), later or with none in the week before (late), or 联系不上 (unreachable).
     */
    coverage: { intervalHours: number; weeks: Array<{ week: string; onTime: number; late: number; unreachable: number }> };
  };
}

/** How far a report job has got: scans done out of all (each scan is one kind of document), and the same in percent. */
export interface ReportProgress {
  done: number;
  total: number;
  percent: number;
}

/** A report job: still running (figures not shown until done), or done with the whole report. */
export type ReportJobView = { jobId: string } & ({ state: 'running'; progress: ReportProgress } | { state: 'done'; report: StreetReport });

export interface UserListItem {
  id: string;
  name: string;
  phoneMasked: string;
  committeeName: string;
  roles: RoleView[];
  roleSet: PermissionRole[];
  createdAt: string;
}

export interface AdminResults {
  listUsers: PageResult<UserListItem>;
  grantRole: { userId: string; roles: RoleView[] };
  revokeRole: { userId: string; roles: RoleView[] };
  report: StreetReport;
  reportStart: ReportJobView;
  reportPoll: ReportJobView;
  importStreetMap: StreetMapInfo;
  streetMap: StreetMapInfo;
}

/** Where the street map in use came from, and what it holds. */
export interface StreetMapInfo {
  source: 'file' | 'import' | 'none';
  note: string | null;
  /** The coordinate system of the file it came from (stored as GCJ-02). */
  sourceCoordinateSystem: 'GCJ-02' | 'WGS84' | null;
  /** Features by kind (boundary, road, site …). */
  counts: Record<string, number>;
  updatedAt: string | null;
  updatedByName: string | null;
}
