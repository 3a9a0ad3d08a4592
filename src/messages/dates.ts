/** Words of the date style (src/services/dates.ts). */
export const dateMessages = {
  today: '今天',
  tomorrow: '明天',
  yesterday: '昨天',
  morning: '上午',
  noon: '中午',
  afternoon: '下午',
  evening: '晚上',
  year: '年',
  /** A period: "2026年1月1日 至 12月4日". */
  range: (from: string, to: string) => `${from} 至 ${to}`,
} as const;
