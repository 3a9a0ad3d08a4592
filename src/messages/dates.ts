/** Words of the date style (src/services/dates.ts). */
export const dateMessages = {
  today: '今天',
  tomorrow: '明天',
  yesterday: '昨天',
  morning: '上午',
  noon: '中午',
  afternoon: '下午',
  evening: '晚上',
} as const;
