/** App-level text: window title and tab bar (read by app.config.ts at build time). */
export const appMessages = {
  title: '街道志愿者',
  tabs: { home: '首页', activities: '活动', me: '我的' },
  /** Why the app asks for the location (WeChat shows it in the permission prompt; at most 30 characters). */
  locationPurpose: '文明实践地图按远近排列地点，以及现场签到时核对与活动地点的距离',
} as const;
