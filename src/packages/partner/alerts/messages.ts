/** Text of 老伙伴警报 (the alert inbox of partners and social workers). */
export const messages = {
  title: '老伙伴警报',
  heading: '老伙伴警报',
  intro: '老人联系不上、紧急情况、逾期未联系，都在这里。打开一条即记为您已看到。',
  tabs: { open: '未结束', closed: '已结束' },
  none: { open: '现在没有未结束的警报。', closed: '还没有结束的警报。' },
  line: (kind: string, senior: string) => `${kind}：${senior}`,
  when: (time: string, by: string) => `${time}，${by}`,
  progress: (done: number, total: number) => `处理步骤已做 ${done}/${total}`,
  seen: (n: number) => `${n} 人已看到`,
  notSeen: '还没有人看到',
  closed: (how: string, by: string, time: string) => `已结束：${how}（${by}，${time}）`,
  open: '查看',
  loadFailed: '没有加载出来：',
} as const;
