/** Registration and profile over a real SQLite file, through the dispatcher. */
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import type { MeResult } from '../../cloudfunctions/core/api';
import { openWorld, type TestWorld } from '../support/context';

let world: TestWorld;
const now = () => new Date('2026-11-27T08:00:00Z');

beforeEach(async () => {
  world = openWorld(now);
  await world.store.transaction(async (tx) => {
    await tx.create('committees', { _id: 'c_a', name: '新圆湾居委', order: 1 });
    await tx.create('committees', { _id: 'c_b', name: '滨江居委', order: 2 });
  });
});
afterEach(() => world.close());

const form = (over: object = {}) => ({
  name: '王建国',
  phone: '13812345678',
  birthYear: 1962,
  committeeId: 'c_a',
  consentVersion: PRIVACY_POLICY_VERSION,
  ...over,
});

async function rawRows(table: string): Promise<string[]> {
  return (world.store.rawReader.prepare(`SELECT doc FROM "${table}"`).all() as Array<{ doc: string }>).map((r) => r.doc);
}

describe('registration', () => {
  it('registers a volunteer and shows their profile with a masked phone', async () => {
    const result = await world.call<MeResult>('wx-1', 'account', 'register', form(), 'reg-000001');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.registered).toBe(true);
    expect(result.data.profile).toMatchObject({ name: '王建国', phoneMasked: '138****5678', committeeName: '新圆湾居委' });
    expect(result.data.roles).toEqual(['volunteer']);
    expect(result.data.profile?.consent).toEqual({ version: PRIVACY_POLICY_VERSION, at: now().toISOString() });
    const me = await world.call<MeResult>('wx-1', 'account', 'me');
    expect(me.ok && me.data.profile?.name).toBe('王建国');
  });

  it('keeps the phone encrypted at rest', async () => {
    await world.call('wx-1', 'account', 'register', form(), 'reg-000001');
    const stored = (await rawRows('users')).join('\n');
    expect(stored).not.toContain('13812345678');
    expect(stored).toContain('138****5678');
  });

  it('refuses under 14 and writes nothing', async () => {
    const result = await world.call('wx-1', 'account', 'register', form({ birthYear: 2013 }), 'reg-000002');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '未满 14 周岁不能注册成为志愿者' } });
    expect(await world.store.count('users')).toBe(0);
    expect(await world.store.count('requests')).toBe(0);
  });

  it('needs a guardian from 14 to 17, and keeps the guardian phone encrypted', async () => {
    const without = await world.call('wx-1', 'account', 'register', form({ birthYear: 2010 }), 'reg-000003');
    expect(without).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const guardian = { name: '王父', phone: '13912345678', relation: '父亲', consent: true };
    const withGuardian = await world.call<MeResult>('wx-1', 'account', 'register', form({ birthYear: 2010, guardian }), 'reg-000004');
    expect(withGuardian.ok && withGuardian.data.profile?.guardian).toEqual({ name: '王父', relation: '父亲', phoneMasked: '139****5678' });
    expect((await rawRows('users')).join()).not.toContain('13912345678');
  });

  it('refuses an outdated privacy policy version', async () => {
    const result = await world.call('wx-1', 'account', 'register', form({ consentVersion: '2020-01-01' }), 'reg-000005');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请阅读并同意最新的隐私政策' } });
  });

  it('refuses an unknown 居委 without writing', async () => {
    const result = await world.call('wx-1', 'account', 'register', form({ committeeId: 'c_nowhere' }), 'reg-000006');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await world.store.count('users')).toBe(0);
    expect(await world.store.count('uniques')).toBe(0);
  });

  it('refuses a second registration and a phone already used', async () => {
    await world.call('wx-1', 'account', 'register', form(), 'reg-000007');
    const again = await world.call('wx-1', 'account', 'register', form({ phone: '13900000000' }), 'reg-000008');
    // A registered person who registers again is told so, not that they lack permission.
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_REGISTERED', message: '您已经注册过了' } });
    const samePhone = await world.call('wx-2', 'account', 'register', form({ name: '李秀英' }), 'reg-000009');
    expect(samePhone).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这个手机号已经注册过，请换一个号码或联系居委' } });
    expect(await world.store.count('users')).toBe(1);
  });

  it('is idempotent on requestId: the retry returns the first answer', async () => {
    const first = await world.call<MeResult>('wx-1', 'account', 'register', form(), 'reg-same-id');
    const second = await world.call<MeResult>('wx-1', 'account', 'register', form(), 'reg-same-id');
    expect(second).toEqual(first);
    expect(await world.store.count('users')).toBe(1);
  });

  it('needs a requestId for a mutation', async () => {
    const result = await world.call('wx-1', 'account', 'register', form());
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses wrong types and extra fields with Chinese messages', async () => {
    const wrongType = await world.call('wx-1', 'account', 'register', form({ birthYear: '1962' }), 'reg-000010');
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const extra = await world.call('wx-1', 'account', 'register', form({ isAdmin: true }), 'reg-000011');
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!extra.ok) expect(extra.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('concurrent registrations with one phone: exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => world.call(`wx-c${i}`, 'account', 'register', form(), `reg-conc-${i}0000`)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(19);
    expect(await world.store.count('users')).toBe(1);
  });
});

describe('profile', () => {
  beforeEach(async () => {
    await world.call('wx-1', 'account', 'register', form(), 'reg-profile');
  });

  it('edits name, 居委, elder mode and phone, freeing the old phone', async () => {
    const result = await world.call<MeResult>(
      'wx-1',
      'account',
      'updateProfile',
      { name: '王建华', committeeId: 'c_b', elderMode: true, phone: '13700000000' },
      'upd-000001',
    );
    expect(result.ok && result.data.profile).toMatchObject({ name: '王建华', committeeName: '滨江居委', elderMode: true, phoneMasked: '137****0000' });
    const other = await world.call('wx-2', 'account', 'register', form({ name: '李秀英' }), 'reg-000012');
    expect(other.ok).toBe(true);
  });

  it('refuses an empty edit', async () => {
    const result = await world.call('wx-1', 'account', 'updateProfile', {}, 'upd-000002');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '没有要修改的内容' } });
  });

  it('is not open to guests', async () => {
    const result = await world.call('wx-guest', 'account', 'updateProfile', { name: '张三' }, 'upd-000003');
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });
});
