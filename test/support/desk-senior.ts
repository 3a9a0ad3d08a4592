/** `seniors.register` input for a senior registered at the 居委's desk: no WeChat, a home line, one contact. */
export const deskSeniorInput = (name: string, committeeId = 'c_xinyuanwan') => ({
  name,
  birthYear: 1940,
  committeeId,
  phone: '021-64001234',
  address: '新圆湾花园 3 号楼 502 室',
  livingAlone: true,
  specialDifficulty: false,
  emergencyContacts: [{ name: '张小红', relation: '女儿', phone: '13900002222' }],
  consent: { by: 'senior' as const, informed: true, sensitive: true, sharing: true },
});
