/** Contract of the `activities` function: scheduling, sign-up with a waitlist, check-in and check-out. */
import * as z from 'zod';
import { MAX_CAPACITY, MAX_SERIES_WEEKS, type ActivityPhase, type Attendance, type AttendanceMethod, type SignupState } from '../domain/activities';
import { LOCAL_TIME, isRealDate } from '../domain/schedule';
import type { MapFeature } from '../domain/street-map';
import { PHOTO_ROLES, type PhotoRole } from '../domain/photos';
import { ACTIVITY_LIMITS } from './limits';
import { Cursor, Empty, Id, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';

export { ACTIVITY_LIMITS };
const L = ACTIVITY_LIMITS;

const LocalDate = z.string().refine(isRealDate, { error: '日期格式应为 YYYY-MM-DD' });
const LocalTime = z.string().regex(LOCAL_TIME, { error: '时间格式应为 HH:mm（如 09:00）' });
const Title = z
  .string()
  .trim()
  .min(L.titleMin, { error: `请填写活动名称（至少 ${L.titleMin} 个字）` })
  .max(L.titleMax, { error: `活动名称最多 ${L.titleMax} 个字` });
const Description = z.string().trim().max(500, { error: '活动介绍最多 500 个字' });
const Category = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: '请选择服务类别' });
const Place = z.strictObject({
  name: z.string().trim().min(2, { error: '请填写活动地点' }).max(60, { error: '地点最多 60 个字' }),
  latitude: z.number({ error: '请在地图上选择地点' }).min(-90).max(90),
  longitude: z.number({ error: '请在地图上选择地点' }).min(-180).max(180),
});
const Capacity = z
  .int({ error: '名额必须是整数' })
  .min(1, { error: '名额至少 1 人' })
  .max(MAX_CAPACITY, { error: `名额最多 ${MAX_CAPACITY} 人` });
/** Minutes before the start; up to two weeks. */
const MinutesBefore = z
  .int({ error: '截止时间必须是整数分钟' })
  .min(0, { error: '截止时间不能晚于开始时间' })
  .max(14 * 24 * 60, { error: '截止时间最早为开始前 14 天' });
const MinAge = z
  .int({ error: '最低年龄必须是整数' })
  .min(L.minAgeMin, { error: `最低年龄不能小于 ${L.minAgeMin} 岁（${L.minAgeMin} 岁以下不能注册）` })
  .max(L.minAgeMax)
  .nullable();
const Geofence = z.int({ error: '签到范围必须是整数米' }).min(50, { error: '签到范围至少 50 米' }).max(5000, { error: '签到范围最多 5000 米' }).nullable();
const Scope = z.enum(['one', 'following'], { error: '请选择只改这一次，还是这一次及以后' });
const Location = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** The phone's own accuracy estimate in metres. */
  accuracy: z.number().min(0).max(10_000).optional(),
});

const later = (v: { startTime?: string; endTime?: string }) => !v.startTime || !v.endTime || v.endTime > v.startTime;

export const CreateActivityInput = z
  .strictObject({
    teamId: Id,
    title: Title,
    description: Description.optional(),
    category: Category,
    place: Place,
    /** Shanghai date and wall-clock times; an activity ends on the day it starts. */
    date: LocalDate,
    startTime: LocalTime,
    endTime: LocalTime,
    capacity: Capacity,
    /** Sign-up closes this many minutes before the start (0: at the start). */
    signupCloseMinutes: MinutesBefore.optional(),
    /** Volunteers may cancel until this many minutes before the start (default 120). */
    cancelCloseMinutes: MinutesBefore.optional(),
    membersOnly: z.boolean().optional(),
    minAge: MinAge.optional(),
    geofenceRadiusM: Geofence.optional(),
    /** Weekly series: how many weeks in all, on the same weekday (1 or absent: a one-off). */
    repeatWeeks: z
      .int()
      .min(1)
      .max(MAX_SERIES_WEEKS, { error: `每周活动最多一次排 ${MAX_SERIES_WEEKS} 周` })
      .optional(),
  })
  .refine(later, { error: '结束时间必须晚于开始时间', path: ['endTime'] });

export const ActivityChanges = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    category: Category.optional(),
    place: Place.optional(),
    /** Moves this one occurrence to another day (scope 'one' only). */
    date: LocalDate.optional(),
    startTime: LocalTime.optional(),
    endTime: LocalTime.optional(),
    capacity: Capacity.optional(),
    signupCloseMinutes: MinutesBefore.optional(),
    cancelCloseMinutes: MinutesBefore.optional(),
    membersOnly: z.boolean().optional(),
    minAge: MinAge.optional(),
    geofenceRadiusM: Geofence.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: '没有要修改的内容' })
  .refine(later, { error: '结束时间必须晚于开始时间', path: ['endTime'] });

export const UpdateActivityInput = z
  .strictObject({ activityId: Id, scope: Scope.optional(), changes: ActivityChanges })
  .refine((v) => v.scope !== 'following' || v.changes.date === undefined, {
    error: '改日期只能逐次修改；要改以后每次的时间，请修改开始和结束时间',
    path: ['changes', 'date'],
  });

const ActivityRef = z.strictObject({ activityId: Id });
/** A scanned (or pasted) electronic volunteer card QR: domain/card-token.ts. */
const CardToken = z.string().trim().min(6, { error: '请扫描志愿者证上的二维码' }).max(200, { error: '志愿者证二维码无效' });
const Token = z.string().trim().min(6, { error: '请扫描或输入签到码' }).max(200, { error: '签到码无效' });

export const activitiesActions = {
  list: {
    input: z.strictObject({
      teamId: Id.optional(),
      category: Category.optional(),
      /** Shanghai dates, inclusive; from defaults to today. */
      from: LocalDate.optional(),
      to: LocalDate.optional(),
      includeCancelled: z.boolean().optional(),
      limit: PageLimit.optional(),
      after: Cursor.optional(),
    }),
    mutation: false,
    summary: '活动列表与日历：按开始时间排序分页，可按队伍、服务类别和日期筛选；带名额、候补人数、每周系列的次数和我的报名状态',
  },
  filters: { input: z.strictObject({}), mutation: false, summary: '活动列表的筛选项：队伍和服务类别（名称、是否计时间币，也是队长安排活动时的类别选项）' },
  addPhoto: {
    input: z.strictObject({
      target: z.enum(['activity', 'team'], { error: '照片要加在活动或队伍上' }),
      targetId: Id,
      role: z.enum(PHOTO_ROLES, { error: '请选择海报、照片、队徽或服务照片' }),
      /** The file the client put in storage first (WeChat: uploads/…; locally: POST /api/upload). */
      fileId: z.string().min(8).max(300),
      /** Seniors shown in the photo: each needs recorded consent. */
      seniorIds: z.array(Id).max(10, { error: '一张照片最多标 10 位老人' }).optional(),
      /** Whether children under 18 are in it: then only staff see it. */
      minors: z.boolean().optional(),
    }),
    mutation: true,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONSENT_REQUIRED', 'PAYLOAD_TOO_LARGE', 'CONFLICT'],
    summary:
      '给活动加海报或照片、给队伍加队徽、签到参加的志愿者加服务照片：按文件内容检查（只收 JPG、PNG，5 MB 以内），重新编码去掉位置等信息，生成缩略图；照片里有老人要有老人登记的同意；有老人、未成年人的照片和服务照片只有工作人员能看',
  },
  photos: {
    input: z.strictObject({ target: z.enum(['activity', 'team']), targetId: Id }),
    mutation: false,
    summary: '活动或队伍的照片（调用者能看的那些），新的在前，带临时链接（缩略图和原图）',
  },
  removePhoto: { input: z.strictObject({ photoId: Id }), mutation: true, summary: '删除照片（本队队长、管理员或上传的人）' },
  practiceMap: {
    input: z.strictObject({}),
    mutation: false,
    summary:
      '文明实践地图：街道底图（边界、河道、道路、小区，GCJ-02）、实践站点、志愿服务岗、求助点、巡河路线、近 30 天和未来 60 天的活动地点；街道工作人员和社工另有各小区老人的联系情况（只到小区，不含门牌）',
  },
  detail: { input: ActivityRef, mutation: false, summary: '活动详情：名额、候补、我的报名状态与候补位置、报名条件是否满足' },
  mine: {
    input: z.strictObject({
      scope: z.enum(['upcoming', 'past', 'absent']).optional(),
      limit: PageLimit.optional(),
      after: Cursor.optional(),
    }),
    mutation: false,
    summary: '我的活动：即将参加（含候补）、已参加、缺席',
  },
  create: {
    input: CreateActivityInput,
    mutation: true,
    summary: '队长为本队排活动；repeatWeeks>1 时一次排好每周同一时间的系列活动',
    errors: ['NOT_FOUND'],
  },
  update: {
    input: UpdateActivityInput,
    mutation: true,
    summary: '修改活动：只改这一次，或这一次及以后的系列活动；改时间或地点会通知所有已报名（含候补）的人',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  cancel: {
    input: z.strictObject({ activityId: Id, scope: Scope.optional(), reason: Reason }),
    mutation: true,
    summary: '取消活动（这一次，或这一次及以后），通知所有已报名（含候补）的人',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  signup: {
    input: ActivityRef,
    mutation: true,
    summary: '报名：有名额即报名成功，满员进入候补（按先后顺序）；截止、年龄、仅限队员、时间冲突会被拒绝并说明原因',
    errors: ['NOT_FOUND', 'DEADLINE_PASSED', 'NOT_ELIGIBLE', 'TIME_CONFLICT', 'CAPACITY_FULL', 'WRONG_STATE'],
  },
  cancelSignup: {
    input: ActivityRef,
    mutation: true,
    summary: '取消报名（已获名额的，取消截止前）或退出候补（随时）；空出的名额按顺序给第一位候补，并通知他',
    errors: ['NOT_FOUND', 'DEADLINE_PASSED', 'WRONG_STATE'],
  },
  releaseSignup: {
    input: z.strictObject({ activityId: Id, userId: Id, reason: Reason }),
    mutation: true,
    summary: '队长在名单上取消某人的报名或候补（如已过取消截止、本人说来不了），活动开始前；空出的名额给第一位候补；告诉被取消的人（含原因）和递补的人',
    errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_STATE'],
  },
  askRelease: {
    input: z.strictObject({ activityId: Id, reason: Reason }),
    mutation: true,
    summary: '已过取消截止、来不了：告诉本队队长（站内消息和订阅消息），请队长在名单上取消、让候补补上；在队长取消以前名额仍是自己的',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  checkinCode: {
    input: ActivityRef,
    mutation: false,
    summary: '队长手机上的签到二维码：每 60 秒更换，只对本活动有效；另附 6 位数字码（H5 可手动输入）',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  checkIn: {
    input: z.strictObject({ activityId: Id, token: Token, location: Location.optional() }),
    mutation: true,
    summary: '扫码签到（开始前 1 小时到结束）；需要定位的活动只保存与地点的距离，不保存位置',
    errors: ['NOT_FOUND', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOO_MANY_ATTEMPTS', 'WRONG_STATE', 'OUT_OF_AREA'],
  },
  checkOut: {
    input: z.strictObject({ activityId: Id, token: Token }),
    mutation: true,
    summary: '扫码签退：生成一条待审核的服务记录，时长为实际服务分钟数，不超过活动安排的时长',
    errors: ['NOT_FOUND', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOO_MANY_ATTEMPTS', 'WRONG_STATE'],
  },
  roster: {
    input: ActivityRef,
    mutation: false,
    summary: '名单与考勤（队长、管理员）：已报名的人（手机号打码）、签到签退时间、距离、候补顺序；现在是否可以代为签到（checkInOpen）及签到开始时间',
    errors: ['NOT_FOUND'],
  },
  markAttendance: {
    input: z.strictObject({
      activityId: Id,
      userId: Id,
      mark: z.enum(['checkIn', 'checkOut', 'present', 'absent'], { error: '请选择签到、签退、已到或缺席' }),
      /** For 'present': minutes served (default: the scheduled length). */
      minutes: z
        .int()
        .min(1)
        .max(12 * 60)
        .optional(),
    }),
    mutation: true,
    summary: '队长在名单上代为签到、签退，补登“已到”（生成待审核记录）或标记缺席',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  closeAttendance: {
    input: ActivityRef,
    mutation: true,
    summary: '活动结束后结束考勤：未签到的人记为缺席（定时任务也会自动做）',
    errors: ['NOT_FOUND', 'WRONG_STATE'],
  },
  sweep: {
    input: Empty,
    mutation: true,
    summary: '管理员手动运行定时任务：把已结束活动中未签到的人记为缺席',
  },
  cardLookup: {
    input: z.strictObject({ token: CardToken }),
    mutation: false,
    summary: '队长扫志愿者的电子志愿者证：姓名、志愿者编号、所在队伍、手机号（打码），以及此人已报名、正在签到时间内的本队活动；查询记入审计',
    errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'NOT_FOUND'],
  },
  cardCheckIn: {
    input: z.strictObject({ token: CardToken, activityId: Id }),
    mutation: true,
    summary: '队长扫志愿者的电子志愿者证为其签到：与名单上代签到同样的规则（本队队长、已报名、开始前 1 小时到结束）',
    errors: ['TOKEN_INVALID', 'TOKEN_EXPIRED', 'NOT_FOUND', 'FORBIDDEN', 'WRONG_STATE'],
  },
} satisfies ActionSpecs;

export interface PlaceView {
  name: string;
  latitude: number;
  longitude: number;
}

export interface MySignupView {
  state: SignupState;
  /** 1-based place in the waitlist while waitlisted. */
  waitlistPosition: number | null;
  attendance: Attendance;
  checkInAt: string | null;
  checkOutAt: string | null;
  servedMinutes: number | null;
  recordId: string | null;
  /** When she last told the leaders she cannot come (askRelease), past the cancel deadline; null if never. */
  cannotComeAt: string | null;
  /** A leader took her off the list (releaseSignup): who and why, as her message said; null otherwise. */
  released: { by: string; reason: string } | null;
  /**
   * Detail only: what became of the service record of this sign-up (the page said 等队长审核 after
   * the leader had decided). `secondReview`: one approval given, a second leader's still needed.
   */
  record?: { state: 'pending' | 'approved' | 'rejected' | 'reversed'; minutes: number; reason: string | null; secondReview: boolean } | null;
}

export interface ActivityView {
  id: string;
  teamId: string;
  teamName: string;
  title: string;
  description: string;
  category: string;
  categoryName: string;
  place: PlaceView;
  geofenceRadiusM: number | null;
  date: string;
  startAt: string;
  endAt: string;
  /** "11月28日（周六）09:00–11:00" */
  timeText: string;
  startTime: string;
  endTime: string;
  capacity: number;
  signedCount: number;
  waitlistCount: number;
  placesLeft: number;
  signupDeadline: string;
  cancelDeadline: string;
  membersOnly: boolean;
  minAge: number | null;
  status: 'scheduled' | 'cancelled';
  phase: ActivityPhase;
  cancelReason: string | null;
  seriesId: string | null;
  seriesIndex: number | null;
  /** Lists only (activities.list): the weekly series this occurrence belongs to, so a list can show it once. */
  series?: SeriesSummary;
  /**
   * Lists only (activities.list, activities.mine, a team's next activities): the poster's thumbnail,
   * else the team's logo, public photos only; null when there is none. A link that lives 10 minutes.
   */
  thumbUrl?: string | null;
  /**
   * Lists (activities.list, a team's next activities) and the detail: why the caller cannot sign up
   * now (registration, deadline, age, members-only …), or null, so a card never invites to a waitlist
   * the detail page would refuse.
   */
  signupBlocked?: string | null;
  /** Lists and the detail: the caller leads this activity's team (or is an admin). */
  canManage?: boolean;
  /** The caller's sign-up, or null (also for guests). */
  my: MySignupView | null;
}

export interface SeriesSummary {
  /** 0 = Sunday … 6 = Saturday, Shanghai time. */
  weekday: number;
  count: number;
}

/** Another date of the same weekly series, for the detail page (the list shows a series once). */
export interface SeriesDate {
  id: string;
  date: string;
  startTime: string;
  status: 'scheduled' | 'cancelled';
  placesLeft: number;
}

export interface ActivityFilters {
  teams: Array<{ id: string; name: string }>;
  /** The policy's categories: what a leader's activity form offers (timebank.policy is the admin's). */
  categories: Array<{ id: string; name: string; earnsCredits: boolean }>;
}

export interface ActivityDetail extends ActivityView {
  seriesCount: number | null;
  /** The series' occurrences that have not ended, in date order (this one included); empty for a one-off. */
  seriesDates: SeriesDate[];
  /** Why the caller cannot sign up now (deadline, age, members-only …), or null when they can. Time conflicts are checked on sign-up. */
  signupBlocked: string | null;
  /** The caller leads this activity's team (or is an admin): show the leader's tools. */
  canManage: boolean;
  /** Under way or starting within 24 hours by the server's clock: show check-in. */
  startsSoon: boolean;
  /** When check-in (and the leader's code) opens: an hour before the start. */
  checkInOpensAt: string;
  /** Check-in has opened by the server's clock (the phone's may be wrong). */
  checkInOpen: boolean;
  /** The cancel deadline has passed by the server's clock (the phone's may be wrong). */
  cancelDeadlinePassed: boolean;
}

export interface SignupResult {
  activityId: string;
  state: SignupState;
  waitlistPosition: number | null;
  /** Short overlaps with other sign-ups (within the one-hour grace): allowed, but worth knowing. */
  warnings: string[];
  /** Places taken and waiting after this sign-up; the page reloads the activity for the rest. */
  signedCount: number;
  waitlistCount: number;
}

export interface CheckinCodeView {
  activityId: string;
  /** Put this in the QR code. */
  token: string;
  /** Six digits to type on H5, where the camera cannot scan. */
  code: string;
  rotatesAt: string;
  validUntil: string;
  windowSeconds: number;
}

export interface AttendanceResult {
  activityId: string;
  userId: string;
  attendance: Attendance;
  checkInAt: string | null;
  checkOutAt: string | null;
  distanceM: number | null;
  servedMinutes: number | null;
  /** The pending service record made at check-out. */
  recordId: string | null;
  /** True when this call changed nothing (already checked in). */
  already: boolean;
}

export interface RosterEntry {
  userId: string;
  name: string;
  phoneMasked: string;
  state: SignupState;
  seq: number;
  waitlistPosition: number | null;
  attendance: Attendance;
  checkInAt: string | null;
  checkInBy: AttendanceMethod | null;
  checkOutAt: string | null;
  checkOutBy: AttendanceMethod | null;
  distanceM: number | null;
  servedMinutes: number | null;
  recordId: string | null;
}

export interface RosterView {
  activity: ActivityView;
  /** The leader's 代为签到 is taken now (by the server's clock): from an hour before the start until the end, not cancelled. */
  checkInOpen: boolean;
  /** When check-in opens: an hour before the start. */
  checkInOpensAt: string;
  signed: RosterEntry[];
  waitlist: RosterEntry[];
  counts: { signed: number; waitlisted: number; checkedIn: number; checkedOut: number; absent: number };
}

/** What a leader sees after scanning a volunteer's card: no more than check-in needs. */
export interface CardLookup {
  userId: string;
  name: string;
  volunteerNo: string | null;
  phoneMasked: string;
  teams: Array<{ id: string; name: string }>;
  /** This person's sign-ups for activities the scanner manages whose check-in is open now. */
  activities: Array<{ id: string; title: string; timeText: string; attendance: Attendance; waitlisted: boolean }>;
}

/** A place of the practice layer: a 文明实践站/点, a volunteer post or a help point. */
export interface MapPlace {
  id: string;
  kind: 'site' | 'post' | 'helpPoint';
  name: string;
  description: string | null;
  latitude: number;
  longitude: number;
}

/** A route as a line of [latitude, longitude] points (what both map components take). */
export interface MapRoute {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  points: Array<[number, number]>;
}

export interface MapActivity {
  id: string;
  title: string;
  teamId: string;
  teamName: string;
  category: string;
  categoryName: string;
  date: string;
  timeText: string;
  startAt: string;
  /** Not ended yet: drawn highlighted. */
  upcoming: boolean;
  placeName: string;
  latitude: number;
  longitude: number;
}

/** Staff only: an estate's seniors by 老伙伴 contact status, at the estate's point (never an address). */
export interface MapEstate {
  id: string;
  name: string;
  committeeId: string;
  latitude: number;
  longitude: number;
  seniors: number;
  unreachable: number;
  overdue: number;
  due: number;
  /** Newly paired, not yet reached (the first contact not due yet): coloured as due. */
  waiting: number;
  contacted: number;
  unpaired: number;
  /** The worst status present, which colours the marker. */
  level: 'unreachable' | 'overdue' | 'due' | 'contacted' | 'unpaired';
}

/** An optional online tile source (configuration: MAP_TILE_URL …, docs/map.md); null: the street's own base only. */
export interface MapTiles {
  url: string;
  subdomains: string;
  attribution: string;
  /** The tiles' coordinate system: GCJ-02 (AMap, Tencent) or WGS84 (OpenStreetMap); the H5 map converts the data to match. */
  coordinateSystem: 'GCJ-02' | 'WGS84';
  maxZoom: number;
}

export interface PracticeMap {
  streetName: string;
  /** Coordinates of everything below (GeoJSON order [lng, lat] in `base`; latitude/longitude fields elsewhere). */
  coordinateSystem: 'GCJ-02';
  note: string | null;
  source: 'file' | 'import' | 'none';
  /** [[south, west], [north, east]] */
  bounds: [[number, number], [number, number]] | null;
  /** Boundary, river, water, roads, green and estate outlines: the offline base map. */
  base: MapFeature[];
  places: MapPlace[];
  routes: MapRoute[];
  activities: MapActivity[];
  estates: MapEstate[] | null;
  tiles: MapTiles | null;
}

export interface PhotoView {
  id: string;
  role: PhotoRole;
  /** Short-lived links (10 minutes). */
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  audience: 'public' | 'staff';
  seniorCount: number;
  minors: boolean;
  uploadedByName: string;
  createdAt: string;
  canDelete: boolean;
}

export interface ActivitiesResults {
  addPhoto: PhotoView;
  photos: { items: PhotoView[]; hidden: number };
  removePhoto: { photoId: string; removed: boolean };
  list: PageResult<ActivityView>;
  filters: ActivityFilters;
  practiceMap: PracticeMap;
  detail: ActivityDetail;
  mine: PageResult<ActivityView>;
  create: { seriesId: string | null; activities: ActivityView[] };
  update: { activities: ActivityView[]; notified: number };
  cancel: { activities: ActivityView[]; notified: number };
  signup: SignupResult;
  cancelSignup: { activityId: string; state: SignupState; promotedUserId: string | null; signedCount: number; waitlistCount: number };
  releaseSignup: {
    activityId: string;
    userId: string;
    was: 'signed' | 'waitlisted';
    promotedUserId: string | null;
    promotedName: string | null;
    signedCount: number;
    waitlistCount: number;
  };
  /** `told`: how many leaders got the message (0: the team has no other leader; the page says whom to ask). */
  askRelease: { activityId: string; told: number; leaderNames: string[] };
  checkinCode: CheckinCodeView;
  checkIn: AttendanceResult;
  checkOut: AttendanceResult;
  roster: RosterView;
  markAttendance: AttendanceResult;
  closeAttendance: { activityId: string; absent: number; stillCheckedIn: number };
  sweep: { activities: number; absent: number };
  cardLookup: CardLookup;
  cardCheckIn: AttendanceResult & { name: string; title: string };
}
