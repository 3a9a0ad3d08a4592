/** App-level text: window title and tab bar (read by app.config.ts at build time). */
export const appMessages = {
  title: '街道志愿者',
  tabs: { home: '首页', activities: '活动', me: '我的' },
} as const;
