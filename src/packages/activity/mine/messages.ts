/** Text of 我的活动. */
export const messages = {
  title: '我的活动',
  heading: '我的活动',
  scopes: { upcoming: '即将参加', past: '已参加', absent: '缺席' },
  none: {
    upcoming: '您还没有报名即将开始的活动。',
    past: '还没有参加过的活动。',
    absent: '没有缺席记录。',
  },
  served: (hours: string) => `服务 ${hours}`,
  browse: '去看看有哪些活动',
  loadFailed: '没有加载出来：',
} as const;
