/**
 * The one table of role × action. A caller may run an action when any of their roles is
 * listed for it; services then check scope (which team, which 居委, which senior).
 * test/unit/permissions.test.ts walks every cell of this table through the dispatcher.
 */
import type { ActionName, FunctionName } from '../api';
import type { PermissionRole } from '../domain/roles';

const EVERYONE: readonly PermissionRole[] = ['guest', 'volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'duty', 'admin'];
const REGISTERED: readonly PermissionRole[] = ['volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'duty', 'admin'];
/** Staff who answer alarms: the 居委's social workers, the street's duty officers and admins. */
const ALARM_STAFF: readonly PermissionRole[] = ['socialWorker', 'duty', 'admin'];
/** The senior, a family proxy, or staff acting for them (desk mode). */
const SENIOR_SIDE: readonly PermissionRole[] = ['senior', 'proxy', 'socialWorker', 'admin'];

export const PERMISSIONS: { [F in FunctionName]: { [A in ActionName<F>]: readonly PermissionRole[] } } = {
  account: {
    options: EVERYONE,
    me: EVERYONE,
    // Everyone may ask: a registered person is answered ALREADY_REGISTERED by the service, not FORBIDDEN.
    register: EVERYONE,
    // The same: a registered caller is answered ALREADY_REGISTERED by the service.
    bindSenior: EVERYONE,
    updateProfile: REGISTERED,
    accessLog: REGISTERED,
    closeCheck: REGISTERED,
    close: REGISTERED,
    // The electronic volunteer card: the volunteer's own.
    card: ['volunteer', 'leader'],
    cardToken: ['volunteer', 'leader'],
  },
  admin: {
    listUsers: ['admin'],
    grantRole: ['admin'],
    revokeRole: ['admin'],
    report: ['admin'],
    reportStart: ['admin'],
    reportPoll: ['admin'],
    importStreetMap: ['admin'],
    streetMap: ['admin'],
  },
  teams: {
    list: EVERYONE,
    detail: EVERYONE,
    mine: REGISTERED,
    join: ['volunteer', 'leader'],
    leave: ['volunteer', 'leader'],
    decide: ['leader', 'admin'],
    members: ['leader', 'admin'],
    memberPhone: ['leader'],
    create: ['admin'],
    update: ['leader', 'admin'],
    exportRecords: ['leader', 'admin'],
    month: ['leader', 'admin'],
  },
  timebank: {
    balance: REGISTERED,
    statement: REGISTERED,
    stars: REGISTERED,
    links: REGISTERED,
    proposeLink: REGISTERED,
    confirmLink: REGISTERED,
    removeLink: REGISTERED,
    gift: REGISTERED,
    donate: REGISTERED,
    grant: ['admin', 'socialWorker'],
    adjust: ['admin'],
    reverse: ['admin'],
    account: ['admin', 'socialWorker'],
    pool: ['admin', 'socialWorker'],
    adjustments: ['admin'],
    policy: ['admin'],
    setPolicy: ['admin'],
  },
  records: {
    create: ['leader', 'admin'],
    approve: ['leader', 'admin'],
    reject: ['leader', 'admin'],
    reverse: ['leader', 'admin'],
    // The service checks it is the caller's own record.
    appeal: REGISTERED,
    appeals: ['admin'],
    decideAppeal: ['admin'],
    mine: REGISTERED,
    team: ['leader', 'admin'],
    awaitingReview: ['admin'],
    totals: REGISTERED,
  },
  activities: {
    list: EVERYONE,
    filters: EVERYONE,
    // Staff see more (each estate's seniors by contact status); the service decides.
    practiceMap: EVERYONE,
    // The service decides by role: leaders/admins for posters, photos and logos, a checked-in volunteer for evidence.
    addPhoto: ['volunteer', 'leader', 'socialWorker', 'admin'],
    photos: EVERYONE,
    removePhoto: ['volunteer', 'leader', 'socialWorker', 'admin'],
    detail: EVERYONE,
    mine: ['volunteer', 'leader'],
    create: ['leader', 'admin'],
    update: ['leader', 'admin'],
    cancel: ['leader', 'admin'],
    signup: ['volunteer', 'leader'],
    cancelSignup: ['volunteer', 'leader'],
    askRelease: ['volunteer', 'leader'],
    releaseSignup: ['leader', 'admin'],
    checkinCode: ['leader', 'admin'],
    checkIn: ['volunteer', 'leader'],
    checkOut: ['volunteer', 'leader'],
    roster: ['leader', 'admin'],
    markAttendance: ['leader', 'admin'],
    closeAttendance: ['leader', 'admin'],
    sweep: ['admin'],
    // Scanning a volunteer's card; the service checks the team for a check-in.
    cardLookup: ['leader', 'admin'],
    cardCheckIn: ['leader', 'admin'],
  },
  inbox: {
    list: REGISTERED,
    unreadCount: REGISTERED,
    markRead: REGISTERED,
    subscriptions: REGISTERED,
    answerSubscriptions: REGISTERED,
    setQuietHours: REGISTERED,
    outbox: ALARM_STAFF,
  },
  alerts: {
    raise: SENIOR_SIDE,
    callList: SENIOR_SIDE,
    list: REGISTERED,
    get: REGISTERED,
    acknowledge: REGISTERED,
    step: REGISTERED,
    close: REGISTERED,
    roster: ALARM_STAFF,
    setRoster: ['admin'],
    setChain: ['admin'],
  }, // Seniors and help requests: services check which senior, which 居委, which request.
  seniors: {
    setPhotoConsent: SENIOR_SIDE,
    setHealthConsent: SENIOR_SIDE,
    register: ['socialWorker', 'admin'],
    update: ['socialWorker', 'admin'],
    relocate: ['socialWorker', 'admin'],
    list: ['socialWorker', 'admin'],
    detail: ['socialWorker', 'admin'],
    mine: REGISTERED,
    home: SENIOR_SIDE,
    history: SENIOR_SIDE,
    accessLog: SENIOR_SIDE,
    requestProxy: REGISTERED,
    withdrawProxyRequest: REGISTERED,
    addProxy: ['socialWorker', 'admin'],
    proxies: SENIOR_SIDE,
    confirmProxy: ['senior', 'socialWorker', 'admin'],
    removeProxy: SENIOR_SIDE,
    issueBindCode: ['socialWorker', 'admin'],
    wechatBinding: ['socialWorker', 'admin'],
    unbindWechat: ['socialWorker', 'admin'],
    closeCheck: ['socialWorker', 'admin'],
    close: ['socialWorker', 'admin'],
  },
  help: {
    categories: REGISTERED,
    create: SENIOR_SIDE,
    requests: SENIOR_SIDE,
    detail: REGISTERED,
    open: ['volunteer', 'leader'],
    assigned: ['volunteer', 'leader'],
    accept: ['volunteer', 'leader'],
    contact: ['volunteer', 'leader'],
    onTheWay: ['volunteer', 'leader'],
    handBack: ['volunteer', 'leader'],
    reportDone: ['volunteer', 'leader'],
    confirm: SENIOR_SIDE,
    dispute: SENIOR_SIDE,
    cancel: SENIOR_SIDE,
    decideGrant: ['socialWorker', 'admin'],
    settle: ['socialWorker', 'admin'],
    queue: ['socialWorker', 'admin'],
    sweep: ['admin'],
  },
  // 老伙伴: services check whose senior (the partner's, the 居委's) and which alert.
  partners: {
    join: ['volunteer', 'leader'],
    profile: ['volunteer', 'leader'],
    estates: REGISTERED,
    leave: ['volunteer', 'leader'],
    mySeniors: ['volunteer', 'leader'],
    card: REGISTERED,
    reveal: REGISTERED,
    logContact: ['volunteer', 'leader'],
    contacts: REGISTERED,
    volunteers: ['socialWorker', 'admin'],
    seniorPrefs: ['socialWorker', 'admin'],
    suggest: ['socialWorker', 'admin'],
    candidates: ['socialWorker', 'admin'],
    confirm: ['socialWorker', 'admin'],
    reject: ['socialWorker', 'admin'],
    end: ['socialWorker', 'admin'],
    exclusions: ['socialWorker', 'admin'],
    allowAgain: ['socialWorker', 'admin'],
    pairs: REGISTERED,
    coverage: ['socialWorker', 'admin'],
    pendingContacts: ['socialWorker', 'admin'],
    approveContacts: ['socialWorker', 'admin'],
    rejectContact: ['socialWorker', 'admin'],
    programme: REGISTERED,
    setProgramme: ['admin'],
    weather: ['admin'],
  },
  scheduler: {
    run: ['admin'],
  },
  setup: {
    status: EVERYONE,
    claimAdmin: REGISTERED,
  },
  // 志愿服务记录证明: services check whose proof and which issuer (the team's leader, the 居委's social worker).
  certificates: {
    apply: ['volunteer', 'leader'],
    mine: REGISTERED,
    queue: ['leader', 'socialWorker', 'admin'],
    detail: REGISTERED,
    decide: ['leader', 'socialWorker', 'admin'],
    issue: ['leader', 'socialWorker', 'admin'],
    reissue: ['leader', 'socialWorker', 'admin'],
    document: REGISTERED,
    publicity: REGISTERED,
    // One's own year: whoever serves (as for apply).
    yearReview: ['volunteer', 'leader'],
    // The issuer block's contact number and electronic seal: the street admin.
    issuerSettings: ['admin'],
    setIssuer: ['admin'],
    // Anyone holding a proof's code, registered or not.
    verify: EVERYONE,
  },
};

export function isAllowed(fn: FunctionName, action: string, roles: readonly PermissionRole[]): boolean {
  const row = (PERMISSIONS[fn] as Record<string, readonly PermissionRole[]>)[action];
  return !!row && roles.some((r) => row.includes(r));
}
