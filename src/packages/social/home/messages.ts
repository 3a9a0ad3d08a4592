/** Text of the social worker's home (居委社工工作台). */
export const messages = {
  title: '居委社工工作台',
  heading: '居委社工工作台',
  greeting: (name: string) => `${name}，您好`,
  committees: '我负责的居委',
  notSocial: '您现在没有居委社工身份。如需开通，请联系街道管理员。',
  comingSoon: '登记本居委的老人、为老人结对“老伙伴”、接收联系不上老人的提醒，这些功能正在开发。',
  back: '返回首页',
} as const;
