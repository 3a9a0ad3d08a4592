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

/** ISO 7064 MOD 11-2 weights of a 居民身份证 number's first 17 digits (2^(17-i) mod 11), and the check characters. */
const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CARD_CHECKS = '10X98765432';

/** The check digit (0–9 or X) of the 17 digits that begin a 居民身份证 number (GB 11643, ISO 7064 MOD 11-2). */
export function idCardCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_CARD_WEIGHTS[i]!;
  return ID_CARD_CHECKS[sum % 11]!;
}

/** The Chinese messages of `identityNumberProblem`, for the page and the contract alike. */
export const ID_NUMBER_PROBLEMS = {
  empty: '请输入证件号码',
  idCardShape: '身份证号应为 18 位：17 位数字，最后一位是数字或 X',
  idCardBirth: '身份证号中的出生日期（第 7 到 14 位）不对，请核对',
  idCardCheck: '身份证号最后一位不对，请核对',
  other: '证件号码应为 6 到 20 位数字或字母',
} as const;

/**
 * Why `number` is not a plausible number of a document of `type`, in Chinese, or null when it is.
 * A 居民身份证 number: 18 characters (17 digits, then a digit or X in either case), a real birth date
 * (digits 7 to 14, not before 1900, nor after `today` when given, YYYY-MM-DD) and the right check
 * digit. Other documents: 6 to 20 letters or digits.
 */
export function identityNumberProblem(type: IdType, number: string, today?: string): string | null {
  const plain = number.trim().toUpperCase();
  if (!plain) return ID_NUMBER_PROBLEMS.empty;
  if (type !== 'idCard') return /^[0-9A-Z]{6,20}$/.test(plain) ? null : ID_NUMBER_PROBLEMS.other;
  if (!/^\d{17}[\dX]$/.test(plain)) return ID_NUMBER_PROBLEMS.idCardShape;
  const birth = birthDateOfIdCard(plain);
  if (!birth || (today && birth > today)) return ID_NUMBER_PROBLEMS.idCardBirth;
  return idCardCheckDigit(plain) === plain[17] ? null : ID_NUMBER_PROBLEMS.idCardCheck;
}
