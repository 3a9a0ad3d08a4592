/** Every page path of the app, and how to get there. */
import Taro, { useRouter } from '@tarojs/taro';

export const ROUTES = {
  home: '/pages/index/index',
  activities: '/pages/activities/index',
  me: '/pages/me/index',
  register: '/pages/register/index',
  profile: '/pages/profile/index',
  login: '/pages/login/index',
  closeAccount: '/packages/account/close/index',
  // The privacy policy read again after registration (the same text 实名注册 shows).
  privacyPolicy: '/packages/account/privacy/index',
  accountAccess: '/packages/account/access/index',
  // A senior registered at the 居委 binds her own WeChat with the social worker's code.
  bindSenior: '/packages/account/bind/index',
  leader: '/packages/leader/home/index',
  senior: '/packages/senior/home/index',
  social: '/packages/social/home/index',
  admin: '/packages/admin/home/index',
  // Volunteers: activities and the time bank (subpackages).
  activity: '/packages/activity/detail/index',
  activityMap: '/packages/activity/map/index',
  myActivities: '/packages/activity/mine/index',
  team: '/packages/activity/team/index',
  myTime: '/packages/timebank/home/index',
  gift: '/packages/timebank/gift/index',
  relatives: '/packages/timebank/links/index',
  inbox: '/packages/inbox/home/index',
  // 志愿服务记录证明: my proofs and the application, one proof, the issuer's queue, verification by anyone.
  yearReview: '/packages/review/year/index',
  certificates: '/packages/certificate/home/index',
  certificate: '/packages/certificate/detail/index',
  certificateQueue: '/packages/certificate/queue/index',
  certificateVerify: '/packages/certificate/verify/index',
  // 电子志愿者证 (the volunteer's card); the leader scans it from cardScan.
  volunteerCard: '/packages/card/home/index',
  cardScan: '/packages/leader/scan/index',
  // Team leaders.
  schedule: '/packages/leader/schedule/index',
  activityForm: '/packages/leader/form/index',
  roster: '/packages/leader/roster/index',
  checkinCode: '/packages/leader/code/index',
  approvals: '/packages/leader/approvals/index',
  // A team's decided records, members' 异议 about them, and taking an approved one back.
  teamRecords: '/packages/leader/records/index',
  // A member's service recorded by hand (outside an activity, or correcting one taken back).
  newRecord: '/packages/leader/new-record/index',
  exportRecords: '/packages/leader/export/index',
  // Street admin.
  pool: '/packages/admin/pool/index',
  adjustments: '/packages/admin/adjust/index',
  streetReport: '/packages/admin/report/index',
  claimAdmin: '/packages/admin/claim/index',
  outbox: '/packages/admin/outbox/index',
  dutyRoster: '/packages/admin/duty/index',
  certificateSeal: '/packages/admin/seal/index',
  streetMapImport: '/packages/admin/map/index',
  // Volunteers' 异议 about rejected or reversed service records.
  recordAppeals: '/packages/admin/appeals/index',
  // Seniors and whoever acts for them (family proxy, the 居委 desk): ?seniorId= says for whom.
  seniorAsk: '/packages/senior/ask/index',
  seniorAlert: '/packages/senior/alert/index',
  seniorRequest: '/packages/senior/request/index',
  seniorRequests: '/packages/senior/requests/index',
  seniorHistory: '/packages/senior/history/index',
  seniorAccess: '/packages/senior/access/index',
  seniorProxies: '/packages/senior/proxies/index',
  seniorPhotos: '/packages/senior/photos/index',
  seniorHealth: '/packages/senior/health/index',
  // Her credits and statement, for her proxy or the 居委 desk (she herself reads them on myTime).
  seniorCredits: '/packages/senior/credits/index',
  family: '/packages/senior/family/index',
  // 居委 social workers.
  socialSeniors: '/packages/social/seniors/index',
  socialRegister: '/packages/social/register/index',
  socialSenior: '/packages/social/senior/index',
  socialRelocate: '/packages/social/relocate/index',
  // 注销老人档案 (?id=): closing a senior's record at the 居委 desk.
  socialClose: '/packages/social/close/index',
  socialQueue: '/packages/social/queue/index',
  // Volunteers helping seniors (help requests).
  helpOpen: '/packages/help/open/index',
  helpMine: '/packages/help/mine/index',
  helpRequest: '/packages/help/request/index',
  // 老伙伴: partner volunteers (join, my seniors, log a contact, a senior's card) and staff
  // (coverage, pairing, contact approvals, the admin's weather switch).
  partnerJoin: '/packages/partner/join/index',
  partnerSeniors: '/packages/partner/mine/index',
  partnerLog: '/packages/partner/log/index',
  partnerCard: '/packages/partner/card/index',
  partnerCoverage: '/packages/partner/coverage/index',
  partnerPairing: '/packages/partner/pairing/index',
  partnerApprovals: '/packages/partner/approvals/index',
  partnerWeather: '/packages/partner/weather/index',
  // Alerts about a senior (one-tap help, 老伙伴 overdue / unreachable / emergency): one list, one page (?id=).
  alertList: '/packages/alert/list/index',
  alertDetail: '/packages/alert/detail/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

const TABS: ReadonlySet<string> = new Set([ROUTES.home, ROUTES.activities, ROUTES.me]);

export type Params = Record<string, string | number | undefined>;

function withQuery(url: string, params?: Params): string {
  const q = Object.entries(params ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `${url}?${q}` : url;
}

/** Open a page: tab pages by switching tabs, others by pushing onto the stack (with query parameters). */
export function go(url: Route, params?: Params): void {
  if (TABS.has(url)) void Taro.switchTab({ url });
  else void Taro.navigateTo({ url: withQuery(url, params) });
}

/** Open a page by its full path with query, as the server names it (a message's `page`). */
export function openPage(path: string): void {
  const base = path.split('?')[0] ?? path;
  if (TABS.has(base)) void Taro.switchTab({ url: base });
  else void Taro.navigateTo({ url: path });
}

/** Replace the current page (e.g. after saving a form, show the result instead of the form). */
export function replace(url: Route, params?: Params): void {
  if (TABS.has(url)) void Taro.switchTab({ url });
  else void Taro.redirectTo({ url: withQuery(url, params) });
}

/** Back to the previous page, or to `fallback` when this page was opened directly. */
export function back(fallback: Route = ROUTES.home): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else go(fallback);
}

/** Replace the whole stack (sign-in, registration done, signed out). */
export function restart(url: Route, params?: Params): void {
  void Taro.reLaunch({ url: withQuery(url, params) });
}

/** A query parameter of the current page ('' when absent). */
export function useParam(name: string): string {
  const params = useRouter().params as Record<string, string | undefined>;
  const v = params[name];
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
