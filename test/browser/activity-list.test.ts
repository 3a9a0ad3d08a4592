/**
 * The 活动 tab as a volunteer browses it, in the H5 build against the real seeded server: the weekly
 * river patrol (8 Saturdays) shows once, at its next date, as 每周六 · 共 8 次; filtering by team
 * and by service category narrows the list and says so; the series' other dates are one tap away on
 * its detail page. Screenshots (al-*.png) in normal and elder mode.
 */
import { dayLabel } from '../../src/services/dates';
import { button, nextSaturday, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('a weekly series shows once; team and category filters narrow the list; the detail lists the other dates', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '胡海');
    await shown(page, '.weui-tabbar__label', '活动').click();
    await page.waitForURL(/#\/pages\/activities\/index/);
    const patrol = shown(page, '.activity', '周末巡河护林');
    await patrol.waitFor();
    await shown(page, '.filter__summary', '正在看：全部队伍 · 全部服务类别').waitFor();
    // Eight Saturdays, one card, under the next Saturday's heading.
    expect(await page.locator('.activity', { hasText: '周末巡河护林' }).filter({ visible: true }).count()).toBe(1);
    await shown(page, '.activity__note', '每周六 · 共 8 次').waitFor();
    const saturday = nextSaturday(new Date());
    await shown(page, '.day-head', dayLabel(saturday.date)).waitFor();
    const titles = await page.locator('.activity__title').filter({ visible: true }).allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['周末巡河护林', '握爪行动·文明养宠宣传', '滨水生态研学漫步']));
    await screenshot(page, 'al-list-normal');

    // Filter by team: only the 握爪 team's activity is left, and the summary line says what is shown.
    await button(page, '筛选').click();
    await shown(page, '.choice', '文明养宠"握爪志愿队"').click();
    await shown(page, '.filter__summary', '正在看：文明养宠"握爪志愿队" · 全部服务类别').waitFor();
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.activity__title')).some((e) => e.textContent === '周末巡河护林' && (e as HTMLElement).offsetParent !== null),
    );
    expect(await page.locator('.activity__title').filter({ visible: true }).allTextContents()).toEqual(['握爪行动·文明养宠宣传']);
    await screenshot(page, 'al-filter-team-open');

    // Add a category the team has nothing in: the list says nothing matches (not "no activities").
    await shown(page, '.choice', '文体活动').click();
    await shown(page, '.notice', '没有符合筛选的活动。').waitFor();
    // Back to every team, same category: the eco walk is the street's one 文体活动.
    await page.locator('.filter__panel .field').first().locator('.choice', { hasText: '全部' }).click();
    await shown(page, '.activity__title', '滨水生态研学漫步').waitFor();
    expect(await page.locator('.activity__title').filter({ visible: true }).allTextContents()).toEqual(['滨水生态研学漫步']);
    await button(page, '收起筛选').click();
    await button(page, '看全部活动').click();
    await shown(page, '.filter__summary', '正在看：全部队伍 · 全部服务类别').waitFor();
    await shown(page, '.activity__title', '周末巡河护林').waitFor();

    // The series' detail lists its seven other Saturdays, each one tap from its own page.
    await shown(page, '.activity', '周末巡河护林').click();
    await page.waitForURL(/#\/packages\/activity\/detail\/index/);
    await shown(page, '.section__title', '这个系列的其他日期').waitFor();
    expect(await page.locator('.series-date').filter({ visible: true }).count()).toBe(7);
    await screenshot(page, 'al-series-detail-normal');
    await setElder(page, true);
    await shown(page, '.section__title', '这个系列的其他日期').waitFor();
    await screenshot(page, 'al-series-detail-elder');
    await page.goBack();
    await page.waitForURL(/#\/pages\/activities\/index/);
    await shown(page, '.activity__note', '每周六 · 共 8 次').waitFor();
    await button(page, '筛选').click();
    await shown(page, '.choice', '护河巡林志愿服务队').waitFor();
    await screenshot(page, 'al-filter-elder');
    await setElder(page, false);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
