/**
 * 街道工作报表 in the H5 build against the real local server (demo street): the admin opens it from
 * 街道管理, sees this month's figures (the same numbers the API gives), switches to this year, types
 * a period, copies the text; the page meets the elder-mode rules; a volunteer is not shown it.
 * The report is a job the page starts and polls: while the server says it is still running the page
 * shows 正在统计…已统计 N% and no figure; a failed poll shows why, with 重试, which carries on.
 * On the same 街道管理 page, 人员与角色 finds anyone by the beginning of their name or a whole mobile
 * number, searched by the server (not only among the people already loaded).
 */
import type { AdminResults } from '../../cloudfunctions/core/api';
import { localDate } from '../../cloudfunctions/core/domain/schedule';
import { calendarDay, dateRange } from '../../src/services/dates';
import { api, arrive, button, expectElderFriendly, open, signIn } from './helpers';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

test('the admin reads the street report for this month and this year, and copies it', async () => {
  const today = localDate(new Date());
  const month = await api<AdminResults['report']>(h.server.url, 'demo-admin', 'admin', 'report', { from: `${today.slice(0, 8)}01`, to: today });
  const year = await api<AdminResults['report']>(h.server.url, 'demo-admin', 'admin', 'report', { from: `${today.slice(0, 4)}-01-01`, to: today });
  expect(year.service.approved.count).toBeGreaterThan(0);

  const { page, errors, close } = await newPhone(h);
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, h.server.url, '街道管理员');
    await open(page, h.server.url, '/packages/admin/home/index');
    await button(page, '街道工作报表').click();
    await arrive(page, /#\/packages\/admin\/report\/index/, '街道工作报表');
    await shown(page, '.section__title', dateRange(month.from, month.to)).waitFor();
    await shown(page, '.figure', month.service.approved.hours).waitFor();
    await screenshot(page, 'report-1-month');

    await shown(page, '.tabs__tab', '今年').click();
    await shown(page, '.section__title', dateRange(year.from, year.to)).waitFor();
    await shown(page, '.figure', year.service.approved.hours).waitFor();
    for (const t of year.service.byTeam) await shown(page, '.report-row', t.name).waitFor();
    // A figure of a moment says of which day it is.
    await shown(page, '.report-row', `截至${calendarDay(today)}公益池余额`).waitFor();
    await screenshot(page, 'report-2-year');

    // Two dates typed in; a wrong one is caught on the page.
    await shown(page, '.tabs__tab', '选日期').click();
    await input(page, '例如 2026-11-01').first().fill('2026-13-01');
    await button(page, '查看报表').click();
    await shown(page, '.field__error', '请按 2026-11-01 的格式填写').waitFor();

    await shown(page, '.tabs__tab', '今年').click();
    await button(page, '复制报表文字').click();
    await shown(page, '.notice--success', '已复制').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`街道工作报表（${dateRange(year.from, year.to)}）`);
    expect(copied).toContain(year.service.approved.hours);
    expect(copied).toContain(`截至${calendarDay(today)}：居民持有`);

    // Elder mode: the same page, bigger.
    await api(h.server.url, 'demo-admin', 'account', 'updateProfile', { elderMode: true });
    await page.reload();
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    await shown(page, '.figure', month.service.approved.hours).waitFor();
    await expectElderFriendly(page);
    await screenshot(page, 'report-3-elder');
    expect(errors).toEqual([]);
  } finally {
    await api(h.server.url, 'demo-admin', 'account', 'updateProfile', { elderMode: false });
    await close();
  }
});

test('while the report job runs the page shows progress and no figure; a failed poll offers 重试', async () => {
  const today = localDate(new Date());
  const month = await api<AdminResults['report']>(h.server.url, 'demo-admin', 'admin', 'report', { from: `${today.slice(0, 8)}01`, to: today });
  const { page, errors, close } = await newPhone(h);
  // The demo street's month is done in the first slice: make the server's answers say "still
  // running" once, then fail one poll, and let the real answers through after that.
  let polls = 0;
  await page.route('**/api/admin', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { action?: string };
    if (body.action !== 'reportStart' && body.action !== 'reportPoll') return route.continue();
    const response = await route.fetch();
    const envelope = (await response.json()) as { ok: boolean; data?: { jobId: string } };
    if (body.action === 'reportStart' && envelope.ok) {
      return route.fulfill({
        response,
        json: { ok: true, data: { jobId: envelope.data!.jobId, state: 'running', progress: { done: 7, total: 19, percent: 36 } } },
      });
    }
    polls += 1;
    if (polls === 1) return route.fulfill({ response, status: 500, json: { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } } });
    return route.fulfill({ response, json: envelope });
  });
  try {
    await signIn(page, h.server.url, '街道管理员');
    await open(page, h.server.url, '/packages/admin/report/index');
    await shown(page, '.loading', '已统计 36%').waitFor();
    expect(await page.locator('.figure').count()).toBe(0);
    await shown(page, '.notice--error', '报表没有生成出来：系统出了点问题，请稍后再试').waitFor();
    expect(await page.locator('.figure').count()).toBe(0);
    await screenshot(page, 'report-4-failed');
    await button(page, '重试').click();
    await shown(page, '.figure', month.service.approved.hours).waitFor();
    expect(polls).toBe(2);
    expect(errors.filter((e) => !e.includes('500'))).toEqual([]);
  } finally {
    await close();
  }
});

test('人员与角色 finds people by the beginning of a name or a whole phone number, over everyone', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '街道管理员');
    await open(page, h.server.url, '/packages/admin/home/index');
    await shown(page, '.person').waitFor();
    // 王建国 registered among the first, so the first page (newest first) does not hold him; the server finds him.
    expect(await page.locator('.person .team__name', { hasText: '王建国' }).count()).toBe(0);
    await input(page, '姓名（可只输姓）或完整手机号').fill('王');
    await shown(page, '.person .team__name', '王建国').waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.person .team__name')).every((e) => (e.textContent ?? '').startsWith('王')));
    await screenshot(page, 'admin-people-search-name');
    await input(page, '姓名（可只输姓）或完整手机号').fill('13800000200');
    await shown(page, '.person .team__name', '沈阿婆').waitFor();
    expect(await page.locator('.person').filter({ visible: true }).count()).toBe(1);
    await shown(page, '.person', '138****0200').waitFor();
    await input(page, '姓名（可只输姓）或完整手机号').fill('欧阳');
    await shown(page, '.text', '没有找到这个人').waitFor();
    expect(await page.locator('.person').filter({ visible: true }).count()).toBe(0);
    await input(page, '姓名（可只输姓）或完整手机号').fill('');
    await page.waitForFunction(() => document.querySelectorAll('.person').length >= 20);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
