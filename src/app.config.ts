import { appMessages } from './messages/app';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/activities/index', 'pages/me/index', 'pages/register/index', 'pages/profile/index', 'pages/login/index'],
  // Role pages live in subpackages so the main package stays small.
  subPackages: [
    { root: 'packages/activity', pages: ['detail/index', 'map/index', 'mine/index', 'team/index'] },
    { root: 'packages/timebank', pages: ['home/index', 'gift/index', 'links/index'] },
    { root: 'packages/inbox', pages: ['home/index'] },
    { root: 'packages/account', pages: ['close/index', 'bind/index', 'privacy/index', 'access/index'] },
    {
      root: 'packages/leader',
      pages: [
        'home/index',
        'schedule/index',
        'form/index',
        'roster/index',
        'code/index',
        'approvals/index',
        'records/index',
        'new-record/index',
        'export/index',
        'scan/index',
      ],
    },
    {
      root: 'packages/senior',
      pages: [
        'home/index',
        'ask/index',
        'alert/index',
        'request/index',
        'requests/index',
        'history/index',
        'access/index',
        'proxies/index',
        'family/index',
        'photos/index',
        'health/index',
        'credits/index',
      ],
    },
    {
      root: 'packages/social',
      pages: ['home/index', 'seniors/index', 'register/index', 'senior/index', 'relocate/index', 'close/index', 'queue/index'],
    },
    { root: 'packages/help', pages: ['open/index', 'mine/index', 'request/index'] },
    {
      root: 'packages/admin',
      pages: [
        'home/index',
        'pool/index',
        'adjust/index',
        'report/index',
        'claim/index',
        'outbox/index',
        'duty/index',
        'seal/index',
        'map/index',
        'appeals/index',
      ],
    },
    {
      root: 'packages/partner',
      pages: ['mine/index', 'join/index', 'log/index', 'card/index', 'coverage/index', 'pairing/index', 'approvals/index', 'weather/index'],
    },
    // Alerts about a senior, for everyone the alarm chain reaches (partner, family, 居委, duty, admin).
    { root: 'packages/alert', pages: ['list/index', 'detail/index'] },
    // 年度志愿报告: its own package, so the canvas drawing never weighs on the certificate pages.
    { root: 'packages/review', pages: ['year/index'] },
    { root: 'packages/certificate', pages: ['home/index', 'detail/index', 'queue/index', 'verify/index'] },
    // 电子志愿者证, the volunteer's card with its rotating QR.
    { root: 'packages/card', pages: ['home/index'] },
  ],
  window: {
    navigationBarTitleText: appMessages.title,
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f4f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#3d3d3d',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: appMessages.tabs.home,
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/activities/index',
        text: appMessages.tabs.activities,
        iconPath: 'assets/tab/activities.png',
        selectedIconPath: 'assets/tab/activities-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: appMessages.tabs.me,
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // The activity map (weapp) shows the volunteer's own position; check-in with a geofence reads it once.
  permission: {
    'scope.userLocation': { desc: appMessages.locationPurpose },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  lazyCodeLoading: 'requiredComponents',
  // H5 only: pages change without sliding. Taro's router hides the page left behind at the end of the
  // slide (300 ms later); a back within that time — a senior pressing back as the app lands on her
  // home — showed the page again and then hid it, leaving a blank screen. Less motion also suits
  // older eyes (适老化).
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
