/** Text of the charts (src/charts): shared by the admin report and the leader's home. */
export const chartMessages = {
  empty: '暂无数据',
  failed: '图表没有画出来，数字见下表。',
  tableCaption: '图中数字：',
  noRows: '没有数字可列。',
} as const;
