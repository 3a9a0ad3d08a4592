/**
 * 我的 and the pages it leads to, as a senior who does not volunteer sees them, and as her daughter
 * (a volunteer acting for her) does, in the H5 build against the real server:
 *  (a) 沈阿婆 (senior only, elder mode) sees her time credits, messages, profile and elder mode, and
 *      none of the volunteer things (年度志愿报告, 志愿服务记录证明, 电子志愿者证, 我的活动); 我的时间 shows
 *      her credits without stars or service records; 消息 offers no 活动提醒;
 *  (b) she reopens the privacy policy from 我的 and reads first what she agreed to at the 居委 desk (she
 *      herself, when in words, the version, who recorded it, what it covers: health notes yes, photos
 *      no; how to change or withdraw it: the 居委 social worker, not 注销账号), then the text 实名注册
 *      shows, with what she agreed to;
 *  (c) 沈小妹 (volunteer and family proxy) keeps every volunteer item, 我的活动 on the 活动 tab too;
 *  (d) 沈小妹 reads what her mother agreed to at the desk, from her mother's pages, and nothing of her own;
 *  (e) on the 活动 tab (one tab bar for everyone), 沈阿婆 reads that these are the volunteers'
 *      activities, is not offered 我的活动, and 请人帮忙 takes her to her own ask page.
 * Screenshots in elder mode go to test-results/ (sm-*.png).
 */
import type { Page } from 'playwright-core';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { privacyPolicy } from '../../src/messages/privacy';
import { arrive, button, expectElderFriendly, open, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

const shownText = async (page: Page, selector: string) => ((await shown(page, selector).textContent()) ?? '').trim();
const visibleCount = (page: Page, selector: string) => page.locator(selector).filter({ visible: true }).count();

async function openMe(page: Page): Promise<void> {
  await open(page, h.server.url, '/pages/me/index');
  await shown(page, '.greeting', '我的资料').waitFor();
  // The profile has arrived once the 我的时间 row and the name row are there.
  await shown(page, '.quick-link--time').waitFor();
  await shown(page, '.kv__k', '姓名').waitFor();
}

test('(a, b) a senior who does not volunteer sees only what is hers, and can read the privacy policy again', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '沈阿婆');
    await openMe(page);
    await shown(page, '.quick-link--time', '我还有多少时间币，用在了哪里').waitFor();
    await shown(page, '.quick-link--inbox').waitFor();
    for (const volunteerOnly of ['.quick-link--activities', '.quick-link--year', '.quick-link--certificates', '.quick-link--card']) {
      expect({ volunteerOnly, shown: await visibleCount(page, volunteerOnly) }).toEqual({ volunteerOnly, shown: 0 });
    }
    await shown(page, '.role-card--senior').waitFor();
    // Registered at the desk: she agreed there, as the social worker read it to her (not "已同意" as if
    // she had read the policy in the app), and her number may be a landline.
    const consentRow = page.locator('.kv', { hasText: '隐私政策' }).filter({ visible: true });
    expect(await consentRow.locator('.kv__v').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 在新圆湾居委登记时同意（居委社工小郑 当面说明）$/);
    await shown(page, '.kv__k', '电话').waitFor();
    // Her own services, not a staff 工作台.
    await shown(page, '.section__title', '我的服务').waitFor();
    expect(await page.locator('.section__title', { hasText: '工作台' }).filter({ visible: true }).count()).toBe(0);
    await expect(page.locator('.app-root.elder').filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
    await expectElderFriendly(page);
    await screenshot(page, 'sm-senior-me-elder');

    // (b) The privacy policy, again, from 我的: first what she agreed to at the desk.
    await button(page, '再看一遍隐私政策').click();
    await arrive(page, /#\/packages\/account\/privacy\/index/, '隐私政策');
    await shown(page, '.desk-consent .section__title', '您在居委同意了什么').waitFor();
    expect(await shownText(page, '.desk-consent__agreed')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日，您本人在新圆湾居委同意了。$/);
    // The version is named by its date, and reads as one.
    expect(PRIVACY_POLICY_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await shownText(page, '.desk-consent__version')).toMatch(/^当时的隐私政策是 \d{4}年\d{1,2}月\d{1,2}日 的版本。$/);
    expect(await shownText(page, '.desk-consent__recorder')).toBe('给您读说明、帮您登记的是：居委社工小郑。');
    // What it covers: her address and contacts; health notes (she agreed at the desk); no photos (never asked).
    await shown(page, '.desk-consent__item--collected', '地址、电话、紧急联系人').waitFor();
    expect(await shownText(page, '.desk-consent__item--health')).toMatch(
      /^· 您另外同意了：老伙伴联系您时，可以记下您的身体情况（\d{4}年\d{1,2}月\d{1,2}日）。/,
    );
    expect(await shownText(page, '.desk-consent__item--photos')).toBe('· 您没有同意上活动照片，活动照片里不会有您。');
    // How to change or withdraw it: the 居委 social worker; the two separate answers on her own pages.
    expect(await shownText(page, '.desk-change__change')).toContain('请找新圆湾居委的社工');
    expect(await shownText(page, '.desk-change__withdraw')).toContain('社工会注销您的老人档案');
    await button(page, '改身体情况记录').waitFor();
    await button(page, '改活动照片').waitFor();
    // Then the policy text 实名注册 shows, with what she agreed to; 注销账号 is the 居委's to do, not offered.
    for (const p of privacyPolicy.paragraphs) await shown(page, '.policy__p', p).waitFor();
    const agreed = ((await shown(page, '.privacy__agreed').textContent()) ?? '').trim();
    expect(agreed).toMatch(/^您在 \d{4}年\d{1,2}月\d{1,2}日 同意了这份隐私政策（版本 [^）]+）。$/);
    expect(await page.locator('taro-button-core', { hasText: '撤回同意并注销账号' }).filter({ visible: true }).count()).toBe(0);
    await expect(page.locator('.app-root.elder').filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
    await expectElderFriendly(page);
    await screenshot(page, 'sm-senior-privacy-elder');
    // The way to change her health answer leads to her own page.
    await button(page, '改身体情况记录').click();
    await page.waitForURL(/#\/packages\/senior\/health\/index/);
    await shown(page, '.greeting', '身体情况记录').waitFor();

    // 我的时间: her credits and their lines, no stars and no service records.
    await open(page, h.server.url, '/packages/timebank/home/index');
    await shown(page, '.figure__label, .figure', '可用时间币').waitFor();
    await shown(page, '.section__title', '时间币明细').waitFor();
    expect(await visibleCount(page, '.star')).toBe(0);
    expect(await page.locator('.section__title', { hasText: '我的服务记录' }).filter({ visible: true }).count()).toBe(0);
    // Her statement in plain words: the hold for tomorrow's request is 先留出, not the ledger's 预留：兑换服务.
    await shown(page, '.statement-line .line__title', '先留出：用时间换帮助').waitFor();
    const titles = await page.locator('.statement-line').filter({ visible: true }).allTextContents();
    expect(titles.filter((t) => /预留|兑换|公益池/.test(t))).toEqual([]);
    // Giving her credits away is offered, plainly, below her statement: not the first, red thing she sees.
    const give = button(page, '转赠或捐赠时间币');
    await give.waitFor();
    expect(await give.evaluate((b) => b.className)).not.toMatch(/primary/);
    const below = await page.evaluate(() => {
      const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
      const statement = Array.from(document.querySelectorAll('.statement-line')).filter(visible).at(-1)!;
      const give = Array.from(document.querySelectorAll('taro-button-core')).filter((b) => visible(b) && b.textContent?.includes('转赠或捐赠时间币'))[0]!;
      return give.getBoundingClientRect().top > statement.getBoundingClientRect().bottom;
    });
    expect(below).toBe(true);
    await screenshot(page, 'sm-senior-time-elder');

    // 消息: notifications about her requests and her alarms, no 活动提醒.
    await open(page, h.server.url, '/packages/inbox/home/index');
    await shown(page, '.notify-row--help').waitFor();
    await shown(page, '.notify-row--alert').waitFor();
    for (const row of ['activity', 'hours', 'team', 'contact'])
      expect({ row, shown: await visibleCount(page, `.notify-row--${row}`) }).toEqual({ row, shown: 0 });
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('(c) her daughter, a volunteer acting for her, keeps every volunteer item', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '沈小妹');
    await openMe(page);
    await shown(page, '.quick-link--time', '服务时长、时间币、转赠').waitFor();
    await shown(page, '.section__title', '我的工作台').waitFor();
    for (const item of ['.quick-link--activities', '.quick-link--year', '.quick-link--certificates', '.quick-link--card']) await shown(page, item).waitFor();
    await button(page, '再看一遍隐私政策').waitFor();

    await open(page, h.server.url, '/packages/timebank/home/index');
    await shown(page, '.star').waitFor();
    await shown(page, '.section__title', '我的服务记录').waitFor();

    await open(page, h.server.url, '/packages/inbox/home/index');
    await shown(page, '.notify-row--activity').waitFor();
    await shown(page, '.notify-row--help').waitFor();

    // 活动: she volunteers, so her own sign-ups are one tap away and no senior-side note is shown.
    await open(page, h.server.url, '/pages/activities/index');
    await button(page, '我的活动').waitFor();
    expect(await visibleCount(page, '.activities__senior-side')).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test("(e) on the 活动 tab, a senior who does not volunteer learns these are the volunteers' activities and finds her own way to help", async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '沈阿婆');
    await open(page, h.server.url, '/pages/activities/index');
    await shown(page, '.activities__senior-side .notice__text', '这里是志愿者报名参加的活动').waitFor();
    // The street's activities are still there to look at; 我的活动 (her sign-ups) is not offered.
    await shown(page, '.activity__lines').first().waitFor();
    expect(await page.locator('taro-button-core', { hasText: '我的活动' }).filter({ visible: true }).count()).toBe(0);
    await expectElderFriendly(page);
    await screenshot(page, 'sm-senior-activities-elder');
    await button(page, '请人帮忙').click();
    await page.waitForURL(/#\/packages\/senior\/ask\/index/);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('(d) her daughter reads what her mother agreed to at the desk, from her mother’s pages', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '沈小妹');
    await page.waitForURL(/#\/packages\/senior\/home\/index\?seniorId=/);
    await shown(page, '.senior-link--consent', '在居委同意了什么').click();
    await page.waitForURL(/#\/packages\/account\/privacy\/index\?seniorId=/);
    await shown(page, '.desk-consent .section__title', '沈阿婆在居委同意了什么').waitFor();
    await shown(page, '.notice', '您正在代 沈阿婆 操作').waitFor();
    expect(await shownText(page, '.desk-consent__agreed')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日，沈阿婆本人在新圆湾居委同意了。$/);
    expect(await shownText(page, '.desk-consent__item--health')).toContain('老人另外同意了');
    expect(await shownText(page, '.desk-change__change')).toContain('请陪老人或者代老人找新圆湾居委的社工');
    // Nothing of her own: not her consent, not the volunteer policy, not her 注销账号.
    for (const own of ['.privacy__agreed', '.policy']) expect({ own, shown: await visibleCount(page, own) }).toEqual({ own, shown: 0 });
    expect(await page.locator('taro-button-core', { hasText: '注销账号' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'sm-proxy-desk-consent');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
