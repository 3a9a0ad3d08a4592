/** Text of 我结对的老人 (the partner volunteer's list, due first). */
export const messages = {
  title: '我结对的老人',
  heading: '我结对的老人',
  intro: '排在前面的是该联系的老人。联系完点“记录联系”，几下就好。',
  notJoined: '您还没有加入老伙伴。加入后，社工会为您结对附近的独居老人。',
  join: '加入老伙伴',
  none: '社工还没有为您结对老人。结对后会在这里显示。',
  log: '记录联系',
  card: '老人卡片',
  alerts: { title: '警报', desc: '联系不上、紧急、逾期未联系的处理' },
  profile: { title: '我的老伙伴资料', desc: '可结对人数、居住小区、方言、方便的时间' },
  open: '打开',
  more: '更多',
  loadFailed: '没有加载出来：',
} as const;
