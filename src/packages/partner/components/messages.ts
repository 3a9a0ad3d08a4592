/** Text of the shared pieces of the 老伙伴 pages (src/packages/partner/components). */
export const partnerMessages = {
  channels: { phone: '打电话', visit: '上门看望' },
  outcomes: {
    ok: '好',
    worried: '有点担心',
    unreachable: '联系不上',
    emergency: '紧急',
  },
  outcomeHints: {
    ok: '老人一切都好',
    worried: '有些不放心，社工会知道',
    unreachable: '电话不接、敲门不应：马上通知社工和家属',
    emergency: '需要马上帮助：马上通知社工和家属',
  },
  needs: {
    shopping: '买东西',
    medicine: '配药看病',
    repair: '家里维修',
    cleaning: '打扫卫生',
    companionship: '想有人陪',
    paperwork: '办事手续',
    other: '其他',
  },
  genders: { female: '女', male: '男' },
  checked: '（已选）',
  cardLink: '看老人卡片',
  age: (n: number) => `${n} 岁`,
  lastContact: (when: string, outcome: string) => `上次联系：${when}，${outcome}`,
  neverContacted: '还没有联系记录',
  due: (when: string) => `应在 ${when} 前联系`,
  openAlerts: (n: number) => `${n} 条警报未结束`,
  weather: '天气预警期间：每位老人每天都要联系',
} as const;
