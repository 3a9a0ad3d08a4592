/** Text of 开通街道管理员 (the first admin of a newly set-up street claims the role once). */
export const messages = {
  title: '开通街道管理员',
  heading: '开通街道管理员',
  intro:
    '新开通的街道还没有管理员。请负责开通的工作人员输入开通口令（部署时设置的 SETUP_SECRET），您的账号就会成为第一位街道管理员。只能开通一次；以后增加管理员，由管理员在“人员与角色”里授权。',
  secret: { label: '开通口令 *', placeholder: '向负责部署的同事要', empty: '请输入开通口令' },
  submit: '开通',
  working: '正在开通…',
  failed: '没有开通：',
  done: '开通成功：您现在是街道管理员。',
  openAdmin: '进入街道管理',
  alreadyClaimed: '这个街道的管理员已经开通过了。如需成为管理员，请联系现有的街道管理员为您授权。',
  notSetUp: '这个街道还没有完成开通（请负责部署的同事先运行 setup）。',
  loadFailed: '没有加载出来：',
} as const;
