/** Text of the social worker's queue (待办). */
export const messages = {
  title: '待办',
  heading: '待办',
  grants: '等待批准公益池资助',
  disputes: '有异议的服务',
  overdue: '超时未确认或未报告',
  sectionTitle: (title: string, n: number) => `${title}（${n} 件）`,
  none: '没有。',
  hint: '点开一条求助，在那里批准、处理或代老人确认。',
  loadFailed: '没有加载出来：',
} as const;
