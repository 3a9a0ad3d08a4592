/** Text of the volunteer's list of open help requests (可以接的求助). */
export const messages = {
  title: '帮老人办事',
  heading: '可以接的求助',
  intro: '老人需要的帮助。接单以后才能看到老人的地址和电话。',
  near: '已按您现在的位置算出步行距离。',
  noLocation: '没有取得您的位置，所以不显示步行距离。',
  locating: '正在取得您的位置…',
  none: '现在没有等人接的求助。',
  mine: '我接下的求助',
  loadFailed: '没有加载出来：',
} as const;
