/**
 * The identity number a 志愿服务记录证明 prints: a 居民身份证 number is 17 digits and a check digit
 * (ISO 7064 MOD 11-2) with a real birth date; other documents keep the 6 to 20 letters or digits
 * rule. The same rule answers the page (field error) and the contract (zod, `certificates.apply`).
 */
import { certificatesActions } from '../../cloudfunctions/core/api/certificates';
import { idCardCheckDigit, identityNumberProblem } from '../../cloudfunctions/core/domain/identity-documents';

/** The check digit computed by hand here (weights 2^(17-i) mod 11), independent of the code under test. */
function expectedCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}

describe('idCardCheckDigit (ISO 7064 MOD 11-2)', () => {
  it('computes the check digit, X for 10', () => {
    expect(idCardCheckDigit('31010119680315002')).toBe('1');
    expect(idCardCheckDigit('11010120100501123')).toBe('4');
    expect(idCardCheckDigit('31010419800101128')).toBe('X');
    for (const n of ['31010419800101128', '44030419991231456', '51010819720229033']) expect(idCardCheckDigit(n)).toBe(expectedCheck(n));
  });
});

describe('identityNumberProblem', () => {
  it('accepts a 居民身份证 number with the right check digit, an X in either case', () => {
    expect(identityNumberProblem('idCard', '310101196803150021')).toBeNull();
    expect(identityNumberProblem('idCard', '31010419800101128X')).toBeNull();
    expect(identityNumberProblem('idCard', '31010419800101128x')).toBeNull();
    expect(identityNumberProblem('idCard', ' 110101201005011234 ')).toBeNull();
  });

  it('refuses a wrong check digit with its own message', () => {
    expect(identityNumberProblem('idCard', '310101196803150022')).toBe('身份证号最后一位不对，请核对');
    expect(identityNumberProblem('idCard', '31010419800101123X')).toBe('身份证号最后一位不对，请核对');
  });

  it('refuses a wrong length or a letter inside, saying how a 身份证号 is made', () => {
    for (const n of ['31010119680315002', '3101011968031500211', '31010119680315X021', 'E12345678']) {
      expect(identityNumberProblem('idCard', n)).toBe('身份证号应为 18 位：17 位数字，最后一位是数字或 X');
    }
    expect(identityNumberProblem('idCard', '  ')).toBe('请输入证件号码');
  });

  it('refuses an impossible or future birth date (digits 7 to 14)', () => {
    const bad = '身份证号中的出生日期（第 7 到 14 位）不对，请核对';
    // Check digits are right for these, so only the date is wrong.
    const withCheck = (first17: string) => first17 + expectedCheck(first17);
    expect(identityNumberProblem('idCard', withCheck('11010120100230123'))).toBe(bad); // 30 February
    expect(identityNumberProblem('idCard', withCheck('11010120101301123'))).toBe(bad); // month 13
    expect(identityNumberProblem('idCard', withCheck('11010118800101123'))).toBe(bad); // before 1900
    expect(identityNumberProblem('idCard', withCheck('11010120270101123'), '2026-11-27')).toBe(bad); // not born yet
    expect(identityNumberProblem('idCard', withCheck('11010120261127123'), '2026-11-27')).toBeNull();
  });

  it("keeps other documents' rule: 6 to 20 letters or digits", () => {
    expect(identityNumberProblem('passport', 'E12345678')).toBeNull();
    expect(identityNumberProblem('hkMacauPermit', 'H1234567890')).toBeNull();
    expect(identityNumberProblem('passport', 'E123')).toBe('证件号码应为 6 到 20 位数字或字母');
    expect(identityNumberProblem('passport', 'E1234-5678')).toBe('证件号码应为 6 到 20 位数字或字母');
  });
});

describe('certificates.apply contract', () => {
  const input = certificatesActions.apply.input;
  const apply = (identity: object) => input.safeParse({ scope: 'all', from: '2026-01-01', to: '2026-11-27', identity: { consent: true, ...identity } });

  it('refuses the wrong check digit at the number, with the clear message', () => {
    const parsed = apply({ type: 'idCard', number: '310101196803150022' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['identity', 'number'], message: '身份证号最后一位不对，请核对' })]);
  });

  it('accepts the right one, and a passport number by the old rule', () => {
    expect(apply({ type: 'idCard', number: '310101196803150021' }).success).toBe(true);
    expect(apply({ type: 'passport', number: 'E12345678' }).success).toBe(true);
    expect(apply({ type: 'passport', number: 'E1' }).error?.issues[0]?.message).toBe('证件号码应为 6 到 20 位数字或字母');
  });
});
