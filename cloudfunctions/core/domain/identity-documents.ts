/** Identity documents a 志愿服务记录证明 may name (民发〔2015〕149号). Pure; imported by the app too, so no other imports. */
export const ID_TYPES = ['idCard', 'passport', 'hkMacauPermit', 'taiwanPermit', 'residencePermit'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, string> = {
  idCard: '居民身份证',
  passport: '护照',
  hkMacauPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  residencePermit: '外国人永久居留身份证',
};
