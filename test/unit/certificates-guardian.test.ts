/** A minor's proof needs a guardian: the birth date in a 居民身份证 number, the 18th birthday, and the rule. */
import { guardianMissing, issuerGaps, issuerIncomplete, issuerSettingOf, type IssuerSettingsDoc } from '../../cloudfunctions/core/domain/certificates';
import { birthDateOfIdCard, isMinorOn } from '../../cloudfunctions/core/domain/identity-documents';

describe('birthDateOfIdCard', () => {
  it('reads digits 7 to 14 of an 18-digit number, with an X check digit in either case', () => {
    expect(birthDateOfIdCard('110101201005011234')).toBe('2010-05-01');
    expect(birthDateOfIdCard('31010419800101128x')).toBe('1980-01-01');
    expect(birthDateOfIdCard('31010419800101128X')).toBe('1980-01-01');
  });
  it('answers null for a number that is not one or an impossible date', () => {
    expect(birthDateOfIdCard('E12345678')).toBeNull();
    expect(birthDateOfIdCard('110101201002301234')).toBeNull(); // 30 February
    expect(birthDateOfIdCard('110101201013011234')).toBeNull(); // month 13
    expect(birthDateOfIdCard('11010120100501123')).toBeNull(); // 17 digits
  });
});

describe('isMinorOn', () => {
  it('is a minor until the day of the 18th birthday, not after', () => {
    expect(isMinorOn('2008-12-05', '2026-12-04')).toBe(true);
    expect(isMinorOn('2008-12-05', '2026-12-05')).toBe(false);
    expect(isMinorOn('2008-12-05', '2026-12-06')).toBe(false);
  });
});

describe('guardianMissing', () => {
  const minor = { type: 'idCard', number: '110101201005011234' };
  it('refuses a minor without a guardian and accepts one with a guardian named', () => {
    expect(guardianMissing(minor, '2026-11-27')).toContain('监护人');
    expect(guardianMissing({ ...minor, guardianName: '  ' }, '2026-11-27')).toContain('监护人');
    expect(guardianMissing({ ...minor, guardianName: '刘建国' }, '2026-11-27')).toBeNull();
  });
  it('does not ask an adult, or a document without a birth date', () => {
    expect(guardianMissing(minor, '2028-05-01')).toBeNull();
    expect(guardianMissing({ type: 'idCard', number: '31010419800101128X' }, '2026-11-27')).toBeNull();
    expect(guardianMissing({ type: 'passport', number: 'E12345678' }, '2026-11-27')).toBeNull();
  });
});

describe('issuerSettingOf', () => {
  const at = { updatedAt: '2026-11-27T00:00:00.000Z', updatedBy: 'u' };
  const doc: IssuerSettingsDoc = {
    _id: 'certificateIssuer',
    street: { phone: '021-1111111', sealFileId: 'street-seal', ...at },
    issuers: { 'team:t1': { phone: '021-2222222', sealFileId: null, ...at } },
  };
  it("uses an issuer's own values and falls back to the street's for what it lacks", () => {
    expect(issuerSettingOf(doc, 'team:t1')).toEqual({ phone: '021-2222222', sealFileId: 'street-seal' });
    expect(issuerSettingOf(doc, 'committee:c1')).toEqual({ phone: '021-1111111', sealFileId: 'street-seal' });
    expect(issuerSettingOf(null, 'team:t1')).toEqual({ phone: null, sealFileId: null });
  });
});

describe('issuerGaps and issuerIncomplete: a proof is issued only with the seal and the contact number', () => {
  const at = { updatedAt: '2026-11-27T00:00:00.000Z', updatedBy: 'u' };
  it('names what the issuer block lacks', () => {
    expect(issuerGaps({ phone: null, sealFileId: null })).toEqual(['seal', 'phone']);
    expect(issuerGaps({ phone: '021-1111111', sealFileId: null })).toEqual(['seal']);
    expect(issuerGaps({ phone: null, sealFileId: 'seal' })).toEqual(['phone']);
    expect(issuerGaps(issuerSettingOf({ _id: 'certificateIssuer', street: { phone: '021-1111111', sealFileId: 's', ...at }, issuers: {} }, 'team:t1'))).toEqual(
      [],
    );
  });
  it('refuses issuing with WRONG_STATE, telling the staff what to set up first, and nothing when complete', () => {
    const both = issuerIncomplete(['seal', 'phone']);
    expect(both).toMatchObject({ code: 'WRONG_STATE', details: { missing: ['seal', 'phone'] } });
    expect(both?.message).toBe(
      '还不能出具：出具单位还没有电子印章和联系电话。请街道管理员先在“我的 → 街道管理 → 证明出具设置”中上传电子印章、填写联系电话，再出具。',
    );
    expect(issuerIncomplete(['phone'])?.message).toBe(
      '还不能出具：出具单位还没有联系电话。请街道管理员先在“我的 → 街道管理 → 证明出具设置”中填写联系电话，再出具。',
    );
    expect(issuerIncomplete([])).toBeNull();
  });
});
