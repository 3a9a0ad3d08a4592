/** Text of the 居委's seniors (老人名单). */
export const messages = {
  title: '老人名单',
  heading: '本居委的老人',
  all: '全部',
  register: '登记新老人',
  none: '还没有登记老人。',
  line: (age: number, committee: string) => `${age} 岁 · ${committee}`,
  available: (hours: string) => `可用时间币 ${hours}`,
  tags: {
    alone: '独居',
    difficulty: '特殊困难',
    eligible: '可以兑换',
    notEligible: '未到兑换年龄',
    paired: '已结对老伙伴',
    proxies: (n: number) => `家属代理 ${n} 位`,
  },
  desk: '代老人办理',
  record: '查看档案',
  recordNote: '查看档案会被登记',
  loadFailed: '没有加载出来：',
} as const;
