/** Text of the senior's home (老人服务), always in elder mode. */
export const messages = {
  title: '老人服务',
  greeting: (name: string) => `${name}，您好`,
  askHelp: '请人帮忙',
  myCredits: '我的时间币',
  notOpen: '暂未开放',
  notYet: '这两个按钮现在还不能用：要等“时间币兑换”功能上线后才能请人帮忙、查看时间币。',
  proxyFor: '您是家属代理，替家中老人办理。',
  notSenior: '您现在没有老人身份。如需办理，请联系所在居委。',
  back: '返回首页',
} as const;
