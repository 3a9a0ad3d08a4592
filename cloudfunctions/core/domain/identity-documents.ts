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

/**
 * The birth date (YYYY-MM-DD) in an 18-digit 居民身份证 number (digits 7 to 14), or null when the
 * number is not one or the date is impossible. Other documents carry no birth date.
 */
export function birthDateOfIdCard(number: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(number.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Whether someone born on `birth` (YYYY-MM-DD) is under 18 on `day` (YYYY-MM-DD): the 18th birthday not yet reached. */
export function isMinorOn(birth: string, day: string): boolean {
  const y = Number(birth.slice(0, 4)) + 18;
  return `${y}${birth.slice(4)}` > day;
}
