/**
 * 注销账号 in the H5 build against the real local server (demo street):
 *  (a) a volunteer with credits opens it from 修改资料, reads what goes and what stays, ticks that
 *      they understood, confirms, and is signed out; the credits went to the pool and the WeChat
 *      identity is no longer registered;
 *  (b) a team leader, in elder mode, is told in plain words what to settle first and cannot go on.
 */
import type { AccountResults, MeResult, TimebankResults } from '../../cloudfunctions/core/api';
import { DEMO_PEOPLE } from '../../server/seed';
import { formatHours } from '../../cloudfunctions/core/domain/ledger';
import { api, arrive, button, expectElderFriendly, open, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

test('(a) a volunteer closes their account; the credits go to the pool and the sign-in ends', async () => {
  // A demo volunteer with nothing left to settle, given 1.5 hours of credits.
  let person: (typeof DEMO_PEOPLE)[number] | null = null;
  for (const p of DEMO_PEOPLE.filter((x) => x.openid.startsWith('demo-v'))) {
    if ((await api<AccountResults['closeCheck']>(h.server.url, p.openid, 'account', 'closeCheck')).canClose) {
      person = p;
      break;
    }
  }
  expect(person).not.toBeNull();
  const { openid, name } = person!;
  const userId = (await api<MeResult>(h.server.url, openid, 'account', 'me')).profile!.id;
  const before = (await api<AccountResults['closeCheck']>(h.server.url, openid, 'account', 'closeCheck')).available.minutes;
  await api(h.server.url, 'demo-admin', 'timebank', 'adjust', { accountId: `user:${userId}`, minutes: 90, reason: '测试：补登服务时长' });
  const poolBefore = (await api<TimebankResults['pool']>(h.server.url, 'demo-admin', 'timebank', 'pool')).balance.balance.minutes;

  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, name);
    await open(page, h.server.url, '/pages/profile/index');
    await button(page, '注销账号').click();
    await arrive(page, /#\/packages\/account\/close\/index/, '撤回同意，注销账号');
    await shown(page, '.close__item--deleted', '姓名、手机号码').waitFor();
    await shown(page, '.close__item', '服务记录和时间账本').waitFor();
    const leftover = `${formatHours(before + 90)}时间币`;
    await shown(page, '.notice--warning', leftover).waitFor();
    await screenshot(page, 'close-a1-read');

    // "下一步" stays off until they say they understood.
    const next = button(page, '下一步');
    await expect(next.evaluate((el) => el.classList.contains('nut-button-disabled'))).resolves.toBe(true);
    await shown(page, '.nut-checkbox', '我已了解以上内容').click();
    await expect(next.evaluate((el) => el.classList.contains('nut-button-disabled'))).resolves.toBe(false);
    await next.click();
    await shown(page, '.confirm__big', '确认注销我的账号？').waitFor();
    await shown(page, '.confirm', '将捐给社区公益池').waitFor();
    await screenshot(page, 'close-a2-confirm');
    await button(page, '确认注销').click();
    await shown(page, '.notice--success', '账号已注销').waitFor();
    await shown(page, '.notice--success', '已捐给社区公益池').waitFor();
    await screenshot(page, 'close-a3-done');
    await button(page, '完成').click();
    await page.waitForURL(/#\/pages\/login\/index/);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
  // The WeChat identity is a guest now; the pool has the credits.
  expect(await api<MeResult>(h.server.url, openid, 'account', 'me')).toMatchObject({ registered: false });
  const poolAfter = (await api<TimebankResults['pool']>(h.server.url, 'demo-admin', 'timebank', 'pool')).balance.balance.minutes;
  expect(poolAfter - poolBefore).toBe(before + 90);
});

test('(b) a team leader in elder mode is told what to settle first', async () => {
  await api(h.server.url, 'demo-v01', 'account', 'updateProfile', { elderMode: true });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '王建国');
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    await open(page, h.server.url, '/packages/account/close/index');
    await shown(page, '.notice--warning', '请先请街道管理员更换队长').waitFor();
    expect(await button(page, '下一步').count()).toBe(0);
    await expectElderFriendly(page);
    await screenshot(page, 'close-b1-blocked-elder');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
