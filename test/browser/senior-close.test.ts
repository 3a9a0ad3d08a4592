/**
 * 注销老人档案 in the H5 build against the real local server (demo street), as the demo social worker
 * (居委社工小郑, who serves 新圆湾 and 滨江):
 *  (a) she opens a seeded senior of her 居委 with nothing left to settle (given credits if she has
 *      none) from 老人名单 → 查看档案 → 注销老人档案; the page names the senior and lists the counts
 *      of `seniors.closeCheck`; 注销档案 stays off until a reason, the identity tick and the credits
 *      tick; the second step names her; the result shows the counts the server answered and the
 *      credits donated; 返回老人名单 no longer lists her, `seniors.detail` answers NOT_FOUND and
 *      `seniors.list` leaves her out;
 *  (b) in elder mode, a senior with an open help request or an active 老伙伴 pair shows what to
 *      settle first and no way to close; a senior without blockers shows the form at elder sizes;
 *  (c) a close whose clearing is still running (the answer's erasure.done rewritten to false in the
 *      browser; the close itself is real) is reported as still running, never as finished; back on
 *      the record page underneath, the record is gone rather than shown from memory.
 * Screenshots sc-*.png.
 */
import type { Page } from 'playwright-core';
import type { SeniorListItem, SeniorsResults } from '../../cloudfunctions/core/api';
import { deskSeniorInput } from '../support/desk-senior';
import { api, arrive, button, expectElderFriendly, open, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

type Check = SeniorsResults['closeCheck'];

let h: Harness;
/** A seeded senior with no blockers, and her check (after the credits given here). */
let closable: { id: string; check: Check };
/** A seeded senior with an open help request or an active pair, and her check. */
let blocked: { id: string; check: Check };
/** Registered here at the desk: a senior without blockers for the elder-mode form. */
let deskSeniorId: string;

/** Calls the local API as a demo person and answers the whole envelope (ok, data or error code). */
async function rawCall(openid: string, fn: string, action: string, data: object): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const login = await fetch(`${h.server.url}/api/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'devLogin', data: { openid } }),
  });
  const { data: session } = (await login.json()) as { data: { token: string } };
  const res = await fetch(`${h.server.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ action, data, requestId: `test-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` }),
  });
  return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
}

async function listSeniors(): Promise<SeniorListItem[]> {
  return (await api<SeniorsResults['list']>(h.server.url, 'demo-social', 'seniors', 'list', { limit: 100 })).items;
}

const closeCheck = (seniorId: string) => api<Check>(h.server.url, 'demo-social', 'seniors', 'closeCheck', { seniorId });

/** Whether NutUI drew the button disabled. */
const isDisabled = (page: Page, text: string) => button(page, text).evaluate((el) => el.classList.contains('nut-button-disabled'));

beforeAll(async () => {
  h = await startHarness();
  const checks: Array<{ id: string; check: Check }> = [];
  for (const s of await listSeniors()) checks.push({ id: s.id, check: await closeCheck(s.id) });
  const free = checks.filter((c) => c.check.canClose && c.check.blockers.length === 0);
  const stuck = checks.find((c) => c.check.blockers.some((b) => b.kind === 'helpActive' || b.kind === 'partnerPaired'));
  expect(stuck).toBeDefined();
  blocked = stuck!;
  // Prefer a seeded senior with something to delete (proxies, history) and credits; else register one.
  const seeded = free.sort((a, b) => b.check.erases.proxies + b.check.erases.history - (a.check.erases.proxies + a.check.erases.history))[0];
  const id = seeded?.id ?? (await api<SeniorsResults['register']>(h.server.url, 'demo-social', 'seniors', 'register', deskSeniorInput('吴秀珍'))).id;
  // Credits left, so the page must ask for them to be acknowledged.
  if ((await closeCheck(id)).available.minutes === 0) {
    await api(h.server.url, 'demo-admin', 'timebank', 'adjust', { accountId: `user:${id}`, minutes: 90, reason: '测试：老人的剩余时间币' });
  }
  closable = { id, check: await closeCheck(id) };
  expect(closable.check.canClose).toBe(true);
  expect(closable.check.available.minutes).toBeGreaterThan(0);
  deskSeniorId = (await api<SeniorsResults['register']>(h.server.url, 'demo-social', 'seniors', 'register', deskSeniorInput('孙美华', 'c_binjiang'))).id;
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('(a) the social worker closes a senior record: counts first, three ticks, a second step, the server counts after', async () => {
  const { id, check } = closable;
  const { name, erases } = check;
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '居委社工小郑');
    await open(page, h.server.url, '/packages/social/seniors/index');
    const card = shown(page, '.senior-item', name);
    await card.waitFor();
    await button(card, '查看档案').click();
    await arrive(page, /#\/packages\/social\/senior\/index/, name);

    // The entry at the bottom of the record, plainly labelled.
    const entry = button(page, '注销老人档案');
    await entry.scrollIntoViewIfNeeded();
    await screenshot(page, 'sc-a0-record-entry');
    await entry.click();
    await arrive(page, /#\/packages\/social\/close\/index\?id=/, '注销老人档案');

    // Who, and what goes and what stays (the server's counts).
    await expect(shown(page, '.senior-close__name').innerText()).resolves.toBe(name);
    const deleted = shown(page, '.senior-close__list', '会删除的');
    for (const line of [
      '老人档案：姓名、地址、电话和紧急联系人',
      `微信绑定 ${erases.wechats} 个`,
      `家属代理 ${erases.proxies} 位`,
      `有这位老人的活动照片 ${erases.photos} 张`,
      `办理记录 ${erases.history} 条`,
    ]) {
      await shown(page, '.senior-close__item--deleted', line).waitFor();
    }
    await expect(deleted.locator('.senior-close__item').count()).resolves.toBe(5);
    for (const line of [
      `求助 ${erases.helpRequests} 条：备注和地点清除，时间和时间币保留`,
      `警报 ${erases.alerts} 条：备注清除`,
      `老伙伴联系记录 ${erases.contacts} 条：健康情况清除，志愿者的服务时长保留`,
      '时间账本：账目不能删改，不记名保留',
    ]) {
      await shown(page, '.senior-close__item', line).waitFor();
    }
    const credits = check.available.display;
    await shown(page, '.notice--warning', `老人还有 ${credits}时间币，注销时会全部捐给社区公益池`).waitFor();
    await expect(page.locator('.notice--warning', { hasText: '暂时不能注销' }).filter({ visible: true }).count()).resolves.toBe(0);

    // 注销档案 stays off until the reason, the identity tick and the credits tick.
    await expect(isDisabled(page, '注销档案')).resolves.toBe(true);
    await shown(page, '.senior-close__missing', '选好注销原因').waitFor();
    await shown(page, '.choice', '迁出本街道').click();
    await expect(isDisabled(page, '注销档案')).resolves.toBe(true);
    await shown(page, '.nut-checkbox', '我已核对老人身份，并向老人或家属说明了删除的内容').click();
    await expect(isDisabled(page, '注销档案')).resolves.toBe(true);
    await screenshot(page, 'sc-a1-read');
    await shown(page, '.nut-checkbox', `剩余的 ${credits}时间币捐给社区公益池`).click();
    await expect(isDisabled(page, '注销档案')).resolves.toBe(false);
    expect(await page.locator('.senior-close__missing').filter({ visible: true }).count()).toBe(0);
    await button(page, '注销档案').click();

    // The second step names her once more.
    await shown(page, '.confirm__big', `确认注销 ${name} 的档案？`).waitFor();
    await shown(page, '.confirm', '注销原因：迁出本街道').waitFor();
    await shown(page, '.confirm', `${credits}时间币将捐给社区公益池`).waitFor();
    await screenshot(page, 'sc-a2-confirm');
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/api/seniors') && (r.request().postDataJSON() as { action?: string } | null)?.action === 'close',
    );
    await button(page, '确认注销').click();
    const response = (await (await answered).json()) as { ok: boolean; data: SeniorsResults['close'] };
    expect(response.ok).toBe(true);
    const result = response.data;
    expect(result.seniorId).toBe(id);

    // The result: only what the server did.
    const done = shown(page, '.notice--success', `已注销 ${name} 的档案。`);
    await done.waitFor();
    const e = result.erasure;
    await shown(page, '.notice--success', `删除了办理记录 ${e.history} 条、活动照片 ${e.photos} 张。`).waitFor();
    await shown(
      page,
      '.notice--success',
      `清除了求助 ${e.helpRequests} 条的备注和地点、警报 ${e.alerts} 条的备注、老伙伴联系记录 ${e.contacts} 条的健康情况、其他人收到的消息 ${e.messages} 条的内容。`,
    ).waitFor();
    expect(result.donated?.minutes).toBe(check.available.minutes);
    await shown(page, '.notice--success', `${result.donated!.display}时间币已捐给社区公益池。`).waitFor();
    if (e.done) {
      await shown(page, '.notice--success', '这些记录已经全部清除完毕。').waitFor();
      expect(await page.locator('.notice--info', { hasText: '还在清除中' }).filter({ visible: true }).count()).toBe(0);
    } else {
      await shown(page, '.notice--info', '其余的记录还在清除中，系统会自动完成').waitFor();
      expect(await page.locator('.notice--success', { hasText: '全部清除完毕' }).filter({ visible: true }).count()).toBe(0);
    }
    await screenshot(page, 'sc-a3-done');

    // Back to the list, down the stack: she is no longer there.
    await button(page, '返回老人名单').click();
    await arrive(page, /#\/packages\/social\/seniors\/index/, '本居委的老人');
    await shown(page, '.senior-item').waitFor();
    await page.waitForFunction(
      (n) => !Array.from(document.querySelectorAll('.senior-item__name')).some((el) => (el as HTMLElement).offsetParent !== null && el.textContent === n),
      name,
    );
    await screenshot(page, 'sc-a4-list');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }

  // Through the API: the record is gone.
  const detail = await rawCall('demo-social', 'seniors', 'detail', { seniorId: id });
  expect(detail.ok).toBe(false);
  expect(detail.error?.code).toBe('NOT_FOUND');
  expect((await listSeniors()).map((s) => s.id)).not.toContain(id);
});

test('(b) in elder mode: a senior with something unsettled cannot be closed; the form is at elder sizes', async () => {
  await api(h.server.url, 'demo-social', 'account', 'updateProfile', { elderMode: true });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '居委社工小郑');
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);

    // Blocked: each blocker in the server's words, what to do, and no way to close.
    await open(page, h.server.url, `/packages/social/close/index?id=${encodeURIComponent(blocked.id)}`, '.senior-close__name');
    await expect(shown(page, '.senior-close__name').innerText()).resolves.toBe(blocked.check.name);
    const warning = shown(page, '.notice--warning', '还有这些事情没了结，暂时不能注销');
    await warning.waitFor();
    for (const b of blocked.check.blockers) await shown(page, '.senior-close__blocker', b.text).waitFor();
    await shown(page, '.senior-close__blocker', '请先把这些事情办完，再回来注销').waitFor();
    expect(await page.locator('taro-button-core', { hasText: '注销档案' }).filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.choice').filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.nut-checkbox').filter({ visible: true }).count()).toBe(0);
    await shown(page, 'taro-button-core', '返回老人档案').waitFor();
    await expectElderFriendly(page);
    await screenshot(page, 'sc-b1-blocked-elder');

    // Not blocked: the form, ticked, at elder sizes (nothing is closed here).
    const desk = await closeCheck(deskSeniorId);
    expect(desk.canClose).toBe(true);
    // From the record (no list underneath this time).
    await open(page, h.server.url, `/packages/social/senior/index?id=${encodeURIComponent(deskSeniorId)}`, '.senior-record');
    await button(page, '注销老人档案').click();
    await arrive(page, /#\/packages\/social\/close\/index\?id=/, '注销老人档案');
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    await shown(page, '.senior-close__name', desk.name).waitFor();
    await shown(page, '.choice', '老人去世').click();
    await shown(page, '.nut-checkbox', '我已核对老人身份').click();
    await expect(isDisabled(page, '注销档案')).resolves.toBe(desk.available.minutes > 0);
    await expectElderFriendly(page);
    await screenshot(page, 'sc-b2-form-elder');
    expect(errors).toEqual([]);
  } finally {
    await close();
    await api(h.server.url, 'demo-social', 'account', 'updateProfile', { elderMode: false });
  }
  // Still there: nothing was closed in (b).
  expect((await listSeniors()).map((s) => s.id)).toEqual(expect.arrayContaining([blocked.id, deskSeniorId]));
});

test('(c) when the server says the clearing is still running, the page says so and never that it is finished', async () => {
  const desk = await closeCheck(deskSeniorId);
  const { page, errors, close } = await newPhone(h);
  try {
    // The real close, answered as a close whose scrub was cut off (the scheduler finishes it).
    await page.route('**/api/seniors', async (route) => {
      if ((route.request().postDataJSON() as { action?: string } | null)?.action !== 'close') return route.continue();
      const real = await route.fetch();
      const body = (await real.json()) as { ok: boolean; data?: SeniorsResults['close'] };
      if (body.ok && body.data) body.data = { ...body.data, erasure: { ...body.data.erasure, done: false } };
      await route.fulfill({ response: real, json: body });
    });
    await signIn(page, h.server.url, '居委社工小郑');
    // From the record (no list underneath this time).
    await open(page, h.server.url, `/packages/social/senior/index?id=${encodeURIComponent(deskSeniorId)}`, '.senior-record');
    await button(page, '注销老人档案').click();
    await arrive(page, /#\/packages\/social\/close\/index\?id=/, '注销老人档案');
    await shown(page, '.choice', '本人或监护人要求注销').click();
    await shown(page, '.nut-checkbox', '我已核对老人身份').click();
    await button(page, '注销档案').click();
    await shown(page, '.confirm__big', `确认注销 ${desk.name} 的档案？`).waitFor();
    await button(page, '确认注销').click();
    await shown(page, '.notice--success', `已注销 ${desk.name} 的档案。`).waitFor();
    await shown(page, '.notice--success', '以上是到目前为止的数目。').waitFor();
    await shown(page, '.notice--info', '其余的记录还在清除中，系统会自动完成，不需要再操作。').waitFor();
    expect(await page.locator('.notice--success', { hasText: '全部清除完毕' }).filter({ visible: true }).count()).toBe(0);
    expect(await page.locator('.notice--success', { hasText: '已捐给社区公益池' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'sc-c1-still-clearing');
    // Back (the phone's back) to the record she came from: it says the record is gone instead of showing it.
    await page.goBack();
    await page.waitForURL(/#\/packages\/social\/senior\/index/);
    await shown(page, '.notice--error', '找不到').waitFor();
    expect(await page.locator('.senior-record').filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'sc-c2-record-gone');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
  expect((await listSeniors()).map((s) => s.id)).not.toContain(deskSeniorId);
});
