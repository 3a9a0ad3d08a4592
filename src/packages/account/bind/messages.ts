/** Text of 用绑定码登录 (a senior registered at the 居委 binds her own WeChat). */
export const messages = {
  title: '用绑定码登录',
  heading: '用居委给的绑定码登录',
  intro: '居委社工已经为老人登记了档案时，在老人自己的手机上输入社工给的绑定码，以后打开小程序就是老人本人，不用再注册。',
  steps: [
    '请居委社工在老人档案里点“生成微信绑定码”，得到 6 位数字。',
    '在老人自己的手机上，把这 6 位数字填在下面。',
    '点“绑定并登录”。绑定码 24 小时内有效，只能用一次。',
  ],
  familyNote: '家属请注意：请用老人自己的手机操作。您自己的微信如果想替老人办事，请先注册，再在首页点“替家中老人办理”，申请成为家属代理人。',
  code: { label: '绑定码（6 位数字）', placeholder: '例如 123456', invalid: '请输入 6 位数字的绑定码' },
  submit: '绑定并登录',
  submitting: '正在绑定…',
  failed: '没有绑定成功：',
  done: (name: string) => `绑定好了。这个微信以后就是 ${name} 本人。`,
  notYou: '如果这不是您家老人的名字，请马上联系居委社工。',
  goHome: '进入首页',
  back: '返回注册',
};
