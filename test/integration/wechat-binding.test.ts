/**
 * A senior registered at the 居委's desk (no WeChat behind her record) binds her own WeChat with a
 * six-digit code the social worker issues (services/wechat-binding.ts): on a real SQLite store through
 * the dispatcher. The code works once, for 24 hours, only while it is the newest; a wrong code, an
 * old one, a registered WeChat and another 居委's social worker are refused; attempts are limited; two
 * phones typing the same code at the same moment bind exactly one.
 */
import type { AccountResults, Envelope, SeniorsResults } from '../../cloudfunctions/core/api';
import { seedDemoStreet } from '../../server/seed';
import { openWorld, type TestWorld } from '../support/context';
import { deskSeniorInput } from '../support/desk-senior';

const clock = { now: new Date('2026-12-05T02:00:00.000Z') };
let world: TestWorld;
let seq = 0;
const rid = () => `bind-${(seq++).toString(36).padStart(5, '0')}`;
const SOCIAL = 'demo-social'; // c_xinyuanwan and c_binjiang

async function ok<T>(openid: string, fn: 'seniors' | 'account', action: string, data: object = {}): Promise<T> {
  const r = (await world.call<T>(openid, fn, action, data, rid())) as Envelope<T>;
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
async function refused(openid: string, fn: 'seniors' | 'account', action: string, data: object = {}) {
  const r = await world.call(openid, fn, action, data, rid());
  if (r.ok) throw new Error(`${fn}.${action} was accepted`);
  return r.error;
}

let seniorId: string;
/** Every stored document of the collections a code touches, as text. */
const rawDocuments = async () => {
  const out: unknown[] = [];
  const snapshot = world.store.snapshot();
  for (const c of ['seniors', 'uniques', 'requests', 'seniorLog', 'audit'] as const) for await (const doc of snapshot.scan(c)) out.push(doc);
  snapshot.close();
  return out;
};
const registerAtDesk = async (name: string, committeeId = 'c_xinyuanwan', by = SOCIAL) =>
  (await ok<SeniorsResults['register']>(by, 'seniors', 'register', deskSeniorInput(name, committeeId))).id;
const issue = async (id = seniorId, by = SOCIAL) => {
  const issued = await ok<SeniorsResults['issueBindCode']>(by, 'seniors', 'issueBindCode', { seniorId: id });
  expect(issued).toEqual({ seniorId: id, expiresAt: new Date(clock.now.getTime() + 24 * 3_600_000).toISOString() });
  return ok<SeniorsResults['wechatBinding']>(by, 'seniors', 'wechatBinding', { seniorId: id });
};
const bind = (openid: string, code: string) => world.call<AccountResults['bindSenior']>(openid, 'account', 'bindSenior', { code }, rid());

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { activities: false });
  seniorId = await registerAtDesk('周桂英');
});
afterAll(() => world.close());

it('binds the WeChat that types the newest code: she is then the senior herself, and the record says so', async () => {
  const first = await issue();
  expect(first.code?.digits).toMatch(/^\d{6}$/);
  expect(first.boundAt).toBeNull();
  // Shown again while it is in force (derived again, the same digits), and never stored.
  expect(await ok<SeniorsResults['wechatBinding']>(SOCIAL, 'seniors', 'wechatBinding', { seniorId })).toEqual(first);
  expect(JSON.stringify(await rawDocuments())).not.toContain(first.code!.digits);
  // A second code replaces the first.
  const second = await issue();
  expect(second.code?.digits).not.toBe(first.code?.digits);
  expect(await refused('wx-old-code', 'account', 'bindSenior', { code: first.code!.digits })).toMatchObject({ code: 'VALIDATION' });

  const bound = await bind('wx-zhou-phone', second.code!.digits);
  if (!bound.ok) throw new Error(bound.error.message);
  expect(bound.data).toMatchObject({ registered: true, profile: { id: seniorId, name: '周桂英' } });
  expect(bound.data.roles).toContain('senior');
  const me = await ok<AccountResults['me']>('wx-zhou-phone', 'account', 'me');
  expect(me.profile?.id).toBe(seniorId);
  const home = await ok<SeniorsResults['home']>('wx-zhou-phone', 'seniors', 'home');
  expect(home.senior.id).toBe(seniorId);

  // Used once: the next phone typing it is refused, and the 居委 sees the binding, no code.
  expect(await refused('wx-someone-else', 'account', 'bindSenior', { code: second.code!.digits })).toMatchObject({ code: 'VALIDATION' });
  const view = await ok<SeniorsResults['wechatBinding']>(SOCIAL, 'seniors', 'wechatBinding', { seniorId });
  expect(view.code).toBeNull();
  expect(view.boundAt).toBe(clock.now.toISOString());
  const history = await ok<SeniorsResults['history']>(SOCIAL, 'seniors', 'history', { seniorId });
  expect(history.items.map((h) => h.text)).toEqual(expect.arrayContaining(['生成微信绑定码（24 小时内有效）', '老人本人的微信已绑定（用绑定码）']));
});

it('a new phone: a later code binds it and unbinds the WeChat bound before', async () => {
  const code = await issue();
  const bound = await bind('wx-zhou-new-phone', code.code!.digits);
  if (!bound.ok) throw new Error(bound.error.message);
  expect((await ok<AccountResults['me']>('wx-zhou-new-phone', 'account', 'me')).profile?.id).toBe(seniorId);
  expect(await ok<AccountResults['me']>('wx-zhou-phone', 'account', 'me')).toMatchObject({ registered: false });
});

it('unbinds every WeChat that signs in as her (a lost phone); a new code binds the next one', async () => {
  const before = await ok<SeniorsResults['wechatBinding']>(SOCIAL, 'seniors', 'wechatBinding', { seniorId });
  expect(before.wechatCount).toBe(1);
  expect(await refused(SOCIAL, 'seniors', 'unbindWechat', { seniorId, reason: '' })).toMatchObject({ code: 'VALIDATION' });
  expect(await ok<SeniorsResults['unbindWechat']>(SOCIAL, 'seniors', 'unbindWechat', { seniorId, reason: '手机丢了' })).toEqual({ seniorId, unbound: 1 });
  expect(await ok<AccountResults['me']>('wx-zhou-new-phone', 'account', 'me')).toMatchObject({ registered: false });
  expect(await ok<SeniorsResults['wechatBinding']>(SOCIAL, 'seniors', 'wechatBinding', { seniorId })).toMatchObject({ wechatCount: 0, boundAt: null });
  // Nothing left to unbind: said as such.
  expect(await ok<SeniorsResults['unbindWechat']>(SOCIAL, 'seniors', 'unbindWechat', { seniorId, reason: '再确认一次' })).toEqual({ seniorId, unbound: 0 });
  const history = await ok<SeniorsResults['history']>(SOCIAL, 'seniors', 'history', { seniorId });
  expect(history.items.map((h) => h.text)).toEqual(expect.arrayContaining(['社工解除了老人 1 个微信的绑定：手机丢了']));

  // A senior who registered on her own phone (made a senior by userId) loses that WeChat too.
  const shen = (await ok<AccountResults['me']>('demo-s01', 'account', 'me')).profile!.id;
  const own = await ok<SeniorsResults['wechatBinding']>(SOCIAL, 'seniors', 'wechatBinding', { seniorId: shen });
  expect(own.wechatCount).toBe(1);
  expect((await ok<SeniorsResults['unbindWechat']>(SOCIAL, 'seniors', 'unbindWechat', { seniorId: own.seniorId, reason: '换了手机' })).unbound).toBe(1);
  expect(await ok<AccountResults['me']>('demo-s01', 'account', 'me')).toMatchObject({ registered: false });

  const next = await issue();
  const bound = await bind('wx-zhou-fourth-phone', next.code!.digits);
  expect(bound.ok).toBe(true);
  expect(await refused('demo-v04', 'seniors', 'unbindWechat', { seniorId, reason: '不是社工' })).toMatchObject({ code: 'FORBIDDEN' });
});

it('refuses an expired code, a registered WeChat, and another 居委 social worker', async () => {
  const code = await issue();
  clock.now = new Date(clock.now.getTime() + 25 * 3_600_000);
  expect(await refused('wx-late', 'account', 'bindSenior', { code: code.code!.digits })).toMatchObject({ code: 'VALIDATION' });
  expect((await ok<SeniorsResults['wechatBinding']>(SOCIAL, 'seniors', 'wechatBinding', { seniorId })).code).toBeNull();

  const fresh = await issue();
  // A volunteer's WeChat stays the volunteer's: family members ask to act as proxies instead.
  expect(await refused('demo-v04', 'account', 'bindSenior', { code: fresh.code!.digits })).toMatchObject({ code: 'ALREADY_REGISTERED' });

  const elsewhere = await registerAtDesk('韦秀芳', 'c_linyin', 'demo-admin');
  expect(await refused(SOCIAL, 'seniors', 'issueBindCode', { seniorId: elsewhere })).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refused(SOCIAL, 'seniors', 'wechatBinding', { seniorId: elsewhere })).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refused('demo-v04', 'seniors', 'issueBindCode', { seniorId })).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refused('wx-nobody', 'account', 'bindSenior', { code: '12345' })).toMatchObject({ code: 'VALIDATION' });
});

it('limits one WeChat to 5 tries an hour, the right code included after that', async () => {
  const code = await issue();
  const wrong = code.code!.digits === '000000' ? '000001' : '000000';
  for (let i = 0; i < 5; i++) expect(await refused('wx-guessing', 'account', 'bindSenior', { code: wrong })).toMatchObject({ code: 'VALIDATION' });
  expect(await refused('wx-guessing', 'account', 'bindSenior', { code: code.code!.digits })).toMatchObject({ code: 'RATE_LIMITED' });
  // The code still works for someone else.
  const bound = await bind('wx-zhou-third-phone', code.code!.digits);
  expect(bound.ok).toBe(true);
});

it('two phones typing the same code at the same moment: exactly one is bound', async () => {
  const other = await registerAtDesk('吴凤珍');
  const code = await issue(other);
  const tries = await Promise.all(['wx-a', 'wx-b', 'wx-c', 'wx-d'].map((openid) => bind(openid, code.code!.digits)));
  expect(tries.filter((t) => t.ok)).toHaveLength(1);
  for (const t of tries) if (!t.ok) expect(t.error.code).toBe('VALIDATION');
  const winners = [];
  for (const openid of ['wx-a', 'wx-b', 'wx-c', 'wx-d']) if ((await ok<AccountResults['me']>(openid, 'account', 'me')).registered) winners.push(openid);
  expect(winners).toHaveLength(1);
});
