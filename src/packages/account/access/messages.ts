/** Text of 谁看过我的手机号 (my own access log): who looked up my phone or my certificate's identity number. */
export const messages = {
  title: '谁看过我的信息',
  heading: '谁看过我的手机号和身份证号',
  intro: '列表里只显示打码的手机号。队长要给您打电话时才能看到完整号码，工作人员开志愿服务证明时才能看到身份证号；每次都记在这里。',
  none: '还没有人看过。',
  loadFailed: '没有加载出来：',
  phone: (team: string | null) => (team ? `为了打电话，看了您的手机号（${team}队长）` : '为了打电话，看了您的手机号'),
  identity: '开志愿服务证明时，看了您的身份证号',
  doubt: '看到不认识的人查看，请告诉队长或街道管理员。',
} as const;
