/** Text of the list of one-tap alerts (一键求助记录). */
export const messages = {
  title: '一键求助记录',
  heading: '一键求助',
  tabs: { open: '未结束', closed: '已结束' },
  none: { open: '现在没有未结束的一键求助。', closed: '还没有结束的记录。' },
  line: (senior: string, committee: string) => `${senior}（${committee}）`,
  when: (time: string, by: string, via: string) => `${time}，${by}（${via}）按下`,
  closed: (how: string, by: string, time: string) => `已结束：${how}（${by}，${time}）`,
  open: '查看',
  loadFailed: '没有加载出来：',
} as const;
