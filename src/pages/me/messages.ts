/** Text of the 我的 tab. */
export const messages = {
  yearReview: { title: '年度志愿报告', desc: '一年的服务时长、活动和服务的老人，一张图保存分享' },
  certificates: { title: '志愿服务记录证明', desc: '申请证明、下载、核验真伪' },
  volunteerCard: { title: '电子志愿者证', desc: '出示给队长扫码，查询或签到' },
  title: '我的',
  heading: '我的资料',
  name: '姓名',
  phone: '手机',
  /** A senior registered at the desk: a mobile or a landline. */
  phoneAny: '电话',
  committee: '居委',
  birthYear: '出生年份',
  roles: '身份',
  guardian: '监护人',
  consent: '隐私政策',
  consentValue: (version: string, day: string) => `${day} 已同意（版本 ${version}）`,
  consentAtDesk: (day: string, committee: string, staff: string, guardian: string | null) =>
    `${day} 在${committee}登记时${guardian ? `由监护人${guardian}` : ''}同意（${staff} 当面说明）`,
  edit: '修改我的资料',
  readPolicy: '再看一遍隐私政策',
  rolesTitle: '我的工作台',
  /** A senior or family member without a volunteer or staff role: no 工作台 to speak of. */
  rolesTitlePlain: '我的服务',
  switchAccount: '切换账号（本地演示）',
  loadFailed: '资料没有加载出来：',
  claimAdmin: '开通街道管理员',
  claimAdminDesc: '新开通的街道还没有管理员：负责开通的工作人员在这里输入开通口令',
} as const;
