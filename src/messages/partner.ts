/** Text of the 老伙伴 cards on home (src/components/RoleCards.tsx). */
export const partnerCardMessages = {
  partner: { title: '老伙伴', desc: '我结对的独居老人：记录联系' },
  settings: { title: '老伙伴设置', desc: '天气预警、每周联系次数' },
} as const;
