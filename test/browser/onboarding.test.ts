/**
 * Onboarding in the H5 build against the real local server (fresh data folder, demo seed):
 *  (a) a brand-new WeChat user signs in through the dev login, registers, and sees home with
 *      their name; then switches elder mode on, which must meet the 适老化 rules;
 *  (b) a seeded team leader signs in and reaches 队长工作台 with their team;
 *  (c) a seeded senior gets elder mode without asking, and her home: the credits she can use and
 *      the two large buttons 求助 and 一键求助 (test/browser/redemption.test.ts goes further).
 * Screenshots of each screen go to test-results/.
 */
import { elderReport, newPhone, screenshot, shown, input, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

test('(a) a new WeChat user registers and lands on home with their name', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await page.goto(`${h.server.url}/`);
    // No session yet: the dev login page.
    await page.waitForURL(/#\/pages\/login\/index/);
    await screenshot(page, 'a1-login');
    await shown(page, 'taro-button-core', '以新微信用户身份进入').click();

    // Not registered: sent to 实名注册.
    await page.waitForURL(/#\/pages\/register\/index/);
    await shown(page, '.choice', '滨江居委').waitFor();

    // The form in elder mode (switched on before registering, then off again).
    await shown(page, '.elder-toggle__row').click();
    await shown(page, '.elder-toggle__state', '已开启').waitFor();
    const formReport = await elderReport(page);
    expect(formReport.smallTargets).toEqual([]);
    expect(formReport.minFontPx).toBeGreaterThanOrEqual(18);
    expect(formReport.minLineHeight).toBeGreaterThanOrEqual(1.3);
    await screenshot(page, 'a2-register-elder');
    await shown(page, '.elder-toggle__row').click();
    await shown(page, '.elder-toggle__state', '已关闭').waitFor();
    await input(page, '请输入真实姓名').fill('赵小梅');
    await input(page, '11 位手机号码').fill('13912345678');

    // Under 14: refused in place, submit disabled.
    const thisYear = new Date().getFullYear();
    await input(page, '例如 1958').fill(String(thisYear - 10));
    await shown(page, '.notice--error', '未满 14 周岁不能注册').waitFor();
    // 14 to 17: guardian fields appear.
    await input(page, '例如 1958').fill(String(thisYear - 16));
    await shown(page, '.section__title', '监护人信息').waitFor();
    // An adult: no guardian.
    await input(page, '例如 1958').fill('1960');
    await expectGone(page, '.section__title', '监护人信息');

    // Submitting without consent is stopped with an inline message, not a pop-up.
    await shown(page, '.choice', '滨江居委').click();
    await shown(page, 'taro-button-core', '提交注册').click();
    await shown(page, '.field__error', '请阅读并勾选同意隐私政策').waitFor();

    await shown(page, '.nut-checkbox', '我已阅读并同意').click();
    await screenshot(page, 'a3-register-filled');
    await shown(page, 'taro-button-core', '提交注册').click();

    // Home greets them by name, with the volunteer card and the team list.
    await page.waitForURL(/#\/pages\/index\/index/);
    await shown(page, '.greeting', '赵小梅，您好').waitFor();
    await shown(page, '.role-card', '志愿者').waitFor();
    await shown(page, '.team__name', '护河巡林志愿服务队').waitFor();
    await screenshot(page, 'a4-home-normal');

    // Elder mode from home: bigger type, bigger targets, spelled-out state.
    await shown(page, '.elder-toggle__row').click();
    await shown(page, '.elder-toggle__state', '已开启').waitFor();
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    const report = await elderReport(page);
    expect(report.smallTargets).toEqual([]);
    // 18 pt main text on a 375 pt phone; this viewport is 390 wide, so 18 pt >= 18 CSS px.
    expect(report.minFontPx).toBeGreaterThanOrEqual(18);
    expect(report.minLineHeight).toBeGreaterThanOrEqual(1.3);
    await screenshot(page, 'a5-home-elder');

    // The choice is saved on the profile: it survives a reload.
    await page.reload();
    await shown(page, '.greeting', '赵小梅，您好').waitFor();
    await shown(page, '.elder-toggle__state', '已开启').waitFor();

    // 我的 shows the masked phone, never the full number.
    await shown(page, '.weui-tabbar__label', '我的').click();
    await page.waitForURL(/#\/pages\/me\/index/);
    await shown(page, '.kv__v', '139****5678').waitFor();
    expect(await page.content()).not.toContain('13912345678');
    await screenshot(page, 'a6-me-elder');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('(b) a seeded team leader signs in and sees 队长工作台 with their team', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await page.goto(`${h.server.url}/`);
    await page.waitForURL(/#\/pages\/login\/index/);
    await shown(page, 'taro-button-core', '以王建国身份进入').click();

    await page.waitForURL(/#\/pages\/index\/index/);
    await shown(page, '.greeting', '王建国，您好').waitFor();
    const card = shown(page, '.role-card', '队长工作台');
    await expect(card.textContent()).resolves.toContain('护河巡林志愿服务队');
    await screenshot(page, 'b1-leader-home');
    await card.click();

    await page.waitForURL(/#\/packages\/leader\/home\/index/);
    await shown(page, '.greeting', '队长工作台').waitFor();
    await shown(page, '.team__name', '护河巡林志愿服务队').waitFor();
    // Details come from teams.list: the description and the leader.
    await shown(page, '.team__desc', '滨水岸线').waitFor();
    await screenshot(page, 'b2-leader-workbench');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('(c) a senior gets elder mode, and a home of big tiles', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await page.goto(`${h.server.url}/`);
    await page.waitForURL(/#\/pages\/login\/index/);
    await shown(page, 'taro-button-core', '以沈阿婆身份进入').click();
    // A senior lands on her own home.
    await page.waitForURL(/#\/packages\/senior\/home\/index/);
    await shown(page, '.greeting', '沈阿婆，您好').waitFor();
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    // Her credits that can be used (seeded 10 h, 2 h held by her daughter's request), then the tiles.
    await shown(page, '.tile--balance .tile__value', '8小时').waitFor();
    await shown(page, '.tile--ask', '请人帮忙').waitFor();
    await shown(page, '.tile--alert', '一键求助').waitFor();
    const report = await elderReport(page);
    expect(report.smallTargets).toEqual([]);
    expect(report.minFontPx).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'c1-senior-home');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

async function expectGone(page: import('playwright-core').Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, t]) => !Array.from(document.querySelectorAll(sel)).some((el) => (el as HTMLElement).offsetParent !== null && el.textContent?.includes(t)),
    [selector, text] as const,
  );
}
