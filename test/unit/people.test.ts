import { ageBand, maskPhone, MOBILE_PHONE, REAL_NAME } from '../../cloudfunctions/core/domain/people';

const at = new Date('2026-11-27T00:00:00Z');

describe('who may register', () => {
  it.each([
    [2013, 'underage'],
    [2012, 'minor'],
    [2009, 'minor'],
    [2008, 'adult'],
    [1940, 'adult'],
  ] as const)('born %i is %s in 2026', (birthYear, band) => {
    expect(ageBand(birthYear, at)).toBe(band);
  });
});

describe('personal data display', () => {
  it('masks the middle four digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks short values entirely', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
  it('accepts mainland mobiles only', () => {
    expect(MOBILE_PHONE.test('13812345678')).toBe(true);
    expect(MOBILE_PHONE.test('12812345678')).toBe(false);
    expect(MOBILE_PHONE.test('1381234567')).toBe(false);
  });
  it('accepts real names of 2 to 20 characters', () => {
    expect(REAL_NAME.test('王建国')).toBe(true);
    expect(REAL_NAME.test('阿卜杜·热合曼')).toBe(true);
    expect(REAL_NAME.test('王')).toBe(false);
    expect(REAL_NAME.test('<script>')).toBe(false);
  });
  it('refuses a name of dots and spaces: at least two characters are Chinese or letters', () => {
    for (const name of ['··', '· ·', '•• ', '王·']) expect(REAL_NAME.test(name)).toBe(false);
    for (const name of ['John Smith', '阿依·古丽']) expect(REAL_NAME.test(name)).toBe(true);
  });
});
