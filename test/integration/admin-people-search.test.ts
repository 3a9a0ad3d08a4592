/** The admin's 人员与角色 search on the server: by the beginning of a name (paged, in name order) or by a whole mobile number. */
import type { AdminResults, Envelope } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
beforeEach(async () => {
  s = await openStreet();
});
afterEach(() => s.close());

const ADMIN = 'demo-admin';
const names = (page: AdminResults['listUsers']) => page.items.map((u) => u.name);

it('finds people by the beginning of their name, in name order, across pages', async () => {
  // Two more people called 王 beside the seeded 王建国.
  for (const [openid, name, phone] of [
    ['wx-wang-2', '王小明', '13912340001'],
    ['wx-wang-3', '王阿姨', '13912340002'],
  ] as const) {
    await s.ok(openid, 'account', 'register', { name, phone, birthYear: 1970, committeeId: 'c_xinyuanwan', consentVersion: PRIVACY_POLICY_VERSION });
  }
  const all = await s.ok<AdminResults['listUsers']>(ADMIN, 'admin', 'listUsers', { query: '王' });
  expect(names(all)).toEqual(['王小明', '王建国', '王阿姨'].sort());
  expect(all.items.every((u) => /^\d{3}\*{4}\d{4}$/.test(u.phoneMasked))).toBe(true);
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '王建' }))).toEqual(['王建国']);
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '建国' }))).toEqual([]);

  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: AdminResults['listUsers'] = await s.ok(ADMIN, 'admin', 'listUsers', { query: '王', limit: 1, ...(after ? { after } : {}) });
    seen.push(...names(page));
    after = page.next;
  } while (after);
  expect(seen).toEqual(names(all));

  // Within one 居委 only.
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '李', committeeId: 'c_binjiang' }))).toEqual(['李秀英']);
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '李', committeeId: 'c_linyin' }))).toEqual([]);
});

it('finds one person by a whole mobile number, and nobody by a number not registered', async () => {
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '13800000114' }))).toEqual(['胡海']);
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: ' 13800000200 ' }))).toEqual(['沈阿婆']);
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '13999999999' }))).toEqual([]);
  // Part of a number is not a search: it finds nobody rather than everyone whose number contains it.
  expect(names(await s.ok(ADMIN, 'admin', 'listUsers', { query: '1380000' }))).toEqual([]);
});

it('refuses an empty or overlong query, and anyone but the admin', async () => {
  const empty = (await s.call(ADMIN, 'admin', 'listUsers', { query: '  ' })) as Envelope<unknown>;
  expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请输入要找的姓名或手机号' } });
  const long = (await s.call(ADMIN, 'admin', 'listUsers', { query: '王'.repeat(21) })) as Envelope<unknown>;
  expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const volunteer = (await s.call(v(4), 'admin', 'listUsers', { query: '王' })) as Envelope<unknown>;
  expect(volunteer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
