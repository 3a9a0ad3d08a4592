/** Text of 联系覆盖看板 (the social worker's board of the 居委's seniors). */
export const messages = {
  title: '联系覆盖看板',
  heading: '联系覆盖看板',
  intro: '本居委每位独居老人的联系情况，联系不上和逾期的排在前面。点数字只看那一类。',
  counts: { unreachable: '联系不上', overdue: '逾期未联系', due: '今天要联系', waiting: '待首次联系', contacted: '已联系', unpaired: '未结对' },
  all: '全部',
  showAll: '显示全部',
  partner: (name: string) => `老伙伴：${name}`,
  noPartner: '还没有老伙伴',
  none: '这一类没有老人。',
  card: '老人卡片',
  pair: '去结对',
  work: '老伙伴工作',
  rows: {
    pairing: { title: '结对', desc: '结对建议、确认、更换、结束' },
    approvals: { title: '审核联系记录', desc: '批量审核老伙伴的联系，发放时间币' },
    alerts: { title: '警报', desc: '联系不上、紧急、逾期未联系、一键求助' },
  },
  open: '打开',
  loadFailed: '没有加载出来：',
} as const;
