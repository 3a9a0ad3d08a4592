/** Text of the 我的 tab. */
export const messages = {
  title: '我的',
  heading: '我的资料',
  name: '姓名',
  phone: '手机',
  committee: '居委',
  birthYear: '出生年份',
  roles: '身份',
  guardian: '监护人',
  consent: '隐私政策',
  consentValue: (version: string, at: string) => `${at.slice(0, 10)} 已同意（版本 ${version}）`,
  edit: '修改我的资料',
  rolesTitle: '我的工作台',
  switchAccount: '切换账号（本地演示）',
  loadFailed: '资料没有加载出来：',
  claimAdmin: '开通街道管理员',
  claimAdminDesc: '新开通的街道还没有管理员：负责开通的工作人员在这里输入开通口令',
} as const;
