/** Text of the list of alerts about seniors (警报). */
export const messages = {
  title: '警报',
  heading: '警报',
  intro: '一键求助、联系不上、紧急情况、逾期未联系，都在这里。有人接手前，求助链会依次通知下一级。',
  tabs: { open: '未结束', closed: '已结束' },
  none: { open: '现在没有未结束的警报。', closed: '还没有结束的警报。' },
  senior: (name: string, committee: string) => `${name}（${committee}）`,
  open: '查看',
  loadFailed: '没有加载出来：',
} as const;
