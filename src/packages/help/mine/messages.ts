/** Text of the volunteer's accepted requests (我接下的求助). */
export const messages = {
  title: '我接下的求助',
  heading: '我接下的求助',
  balance: '我的时间币',
  available: (hours: string) => `可用 ${hours}`,
  tabs: { active: '进行中', done: '已结束' },
  none: { active: '现在没有接下的求助。', done: '还没有结束的求助。' },
  findMore: '去看看可以接的求助',
  loadFailed: '没有加载出来：',
} as const;
