/**
 * Tap counts of the leaders' and staff's everyday jobs, in the H5 build against the real server.
 * Every click (and every field filled, counted as the tap that focuses it) goes through `tap`,
 * starting from the person's home page; the counts are printed and held to the issue's limits:
 * a leader schedules a weekly activity (≤ 7, no typed dates), a 老伙伴 logs a contact (≤ 4), a
 * leader approves a batch (≤ 3). Screenshots of the pages changed here, normal and elder mode.
 */
import type { Locator, Page } from 'playwright-core';
import type { ActivitiesResults, PartnersResults } from '../../cloudfunctions/core/api';
import { localParts } from '../../cloudfunctions/core/domain/schedule';
import { DEMO_PEOPLE } from '../../server/seed';
import { dayLabel, weeklyDates } from '../../src/services/dates';
import { api, button, nextSaturday, open, setElder, signIn, textarea } from './helpers';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seedPartners: true, schedulerIntervalMs: 0 });
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

/** Counts the taps a test makes. */
function counter() {
  let n = 0;
  return {
    click: async (l: Locator) => {
      n += 1;
      await l.click();
    },
    fill: async (l: Locator, text: string) => {
      n += 1;
      await l.fill(text);
    },
    get count() {
      return n;
    },
  };
}

async function bothModes(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-normal`);
  await setElder(page, true);
  await screenshot(page, `${name}-elder`);
  await setElder(page, false);
}

test('a leader schedules a weekly activity in at most 7 taps, dates picked, never typed', async () => {
  const { page, errors, close } = await newPhone(h);
  const title = '周六护河巡查';
  try {
    await signIn(page, h.server.url, '李秀英');
    await shown(page, '.role-card', '队长工作台').click();
    await page.waitForURL(/#\/packages\/leader\/home\/index/);
    const t = counter();
    await t.click(button(page, '安排新活动'));
    await page.waitForURL(/#\/packages\/leader\/form\/index/);
    // A service category is chosen already; the date is the next Saturday, 09:00–11:00.
    await shown(page, '.choice--on', /计时间币|照料|巡|服务/).waitFor();
    const saturday = nextSaturday(new Date());
    await shown(page, '.pick__value', dayLabel(saturday.date)).waitFor();
    expect(await page.locator('taro-input-core input[placeholder^="例如 2026"]').count()).toBe(0);
    await t.fill(input(page, '例如 周末巡河护林'), title);
    await t.click(shown(page, '.choice', '新圆湾社区广场'));
    await t.click(shown(page, '.choice', '每周同一时间'));
    // The eight dates are listed before saving.
    await shown(page, '.field__label', '将排这 8 次').waitFor();
    const days = await page.locator('.series-dates__day').filter({ visible: true }).allTextContents();
    expect(days).toEqual(weeklyDates(saturday.date, 8).map(dayLabel));
    // (Switching elder mode reloads the page, so the elder screenshot of the form comes at the end.)
    await screenshot(page, 'lt-form-series-normal');
    await t.click(button(page, '排好活动'));
    await shown(page, '.notice--success', '已排好 8 次每周活动').waitFor();
    await screenshot(page, 'lt-form-saved');
    console.log(`taps: leader schedules a weekly activity = ${t.count}`);
    expect(t.count).toBeLessThanOrEqual(7);

    const led = await api<ActivitiesResults['list']>(h.server.url, 'demo-v02', 'activities', 'list', { from: saturday.date, limit: 100 });
    expect(led.items.filter((a) => a.title === title).map((a) => a.date)).toEqual(weeklyDates(saturday.date, 8));

    // The same series again: the form warns before saving.
    await button(page, '再排一个').click();
    await page.locator('taro-input-core input[placeholder="例如 周末巡河护林"]').filter({ visible: true }).first().fill(title);
    await shown(page, '.choice', '新圆湾社区广场').click();
    await shown(page, '.choice', '每周同一时间').click();
    await shown(page, '.notice', '已经排过同一天、同一时间、同名的活动').waitFor();
    await screenshot(page, 'lt-form-duplicate');
    // Another title at the same time: still the same people's Saturdays, and the form says so.
    await page.locator('taro-input-core input[placeholder="例如 周末巡河护林"]').filter({ visible: true }).first().fill(`${title}二队`);
    const overlap = shown(page, '.notice', '本队在这几天的这个时间已经有活动');
    await overlap.waitFor();
    expect(await overlap.textContent()).toContain(`“${title}”（`);
    expect(await page.locator('.notice', { hasText: '同名的活动' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'lt-form-overlap');
    await setElder(page, true);
    await screenshot(page, 'lt-form-elder');
    await setElder(page, false);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

const usualCategory = (page: Page) => page.locator('.field', { hasText: '服务类别' }).locator('.choice--on').filter({ visible: true }).first();

/** Closes the tab as a person would (beforeunload runs): what happened, the browser's question or the close. */
function closeTab(page: Page): Promise<string> {
  return new Promise<string>((resolve) => {
    page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type())));
    page.once('close', () => resolve('closed'));
    void page.close({ runBeforeUnload: true });
  });
}

test('a new activity half filled in asks before the tab is closed; the form as the page set it up does not', async () => {
  const untouched = await newPhone(h);
  try {
    await signIn(untouched.page, h.server.url, '王建国');
    await open(untouched.page, h.server.url, '/packages/leader/form/index?teamId=t_patrol', '.greeting');
    // The team's usual category, chosen by the page, is not the leader's edit.
    await usualCategory(untouched.page).waitFor();
    expect(await closeTab(untouched.page)).toBe('closed');
  } finally {
    await untouched.close();
  }
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '王建国');
    await open(page, h.server.url, '/packages/leader/form/index?teamId=t_patrol', '.greeting');
    await usualCategory(page).waitFor();
    await input(page, '例如 周末巡河护林').fill('周日河道垃圾清理');
    expect(await closeTab(page)).toBe('beforeunload');
    // Staying keeps what was typed.
    expect(page.isClosed()).toBe(false);
    expect(await input(page, '例如 周末巡河护林').inputValue()).toBe('周日河道垃圾清理');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('cancelling 这一次及以后每次 names every date that goes and the people on them before it is done', async () => {
  const saturday = nextSaturday(new Date());
  const created = await api<ActivitiesResults['create']>(h.server.url, 'demo-v02', 'activities', 'create', {
    teamId: 't_paws',
    title: '周六遛狗志愿服务',
    category: 'community',
    place: { name: '新圆湾社区广场', latitude: 31.2355, longitude: 121.4889 },
    date: saturday.date,
    startTime: '15:00',
    endTime: '16:00',
    capacity: 5,
    repeatWeeks: 4,
  });
  const [, second, third] = created.activities;
  // Nobody on the second date; 徐磊 on the third: this date's own count would say 0 人.
  await api(h.server.url, 'demo-v11', 'activities', 'signup', { activityId: third!.id });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '李秀英');
    await open(page, h.server.url, `/packages/leader/form/index?id=${second!.id}`, '.section__title');
    await button(page, '取消活动…').click();
    // (The edit form above has its own 这一次及以后每次, for changes.)
    const cancelCard = page.locator('.section.card', { hasText: '取消原因' }).filter({ visible: true }).first();
    await cancelCard.locator('.choice', { hasText: '这一次及以后每次' }).click();
    await textarea(page, '例如 暴雨预警，改期另行通知').fill('场地维修');
    await button(page, '取消活动…').click();
    const dates = created.activities.slice(1).map((a) => a.timeText.replace(/）.*$/, '）'));
    await shown(page, '.confirm__big', `取消“周六遛狗志愿服务”以后的 3 次：${dates.join('、')}。给这几次已报名和候补的 1 人次发消息。`).waitFor();
    await screenshot(page, 'lt-cancel-following');
    await button(page, '确认取消活动').click();
    await shown(page, '.notice--success', '已取消 3 次活动，已给 1 人发了消息。').waitFor();
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('when the later dates cannot be listed, nothing is cancelled blind and the way back stays open', async () => {
  const saturday = nextSaturday(new Date());
  const created = await api<ActivitiesResults['create']>(h.server.url, 'demo-v02', 'activities', 'create', {
    teamId: 't_paws',
    title: '周六护理猫舍',
    category: 'community',
    place: { name: '新圆湾社区广场', latitude: 31.2355, longitude: 121.4889 },
    date: saturday.date,
    startTime: '09:00',
    endTime: '10:00',
    capacity: 5,
    repeatWeeks: 2,
  });
  const { page, errors, close } = await newPhone(h);
  try {
    // The list of later dates fails (a dropped connection, say) until `failing` is turned off.
    let failing = true;
    let failed = 0;
    await page.route('**/api/activities', async (route) => {
      const body = route.request().postDataJSON() as { action?: string; data?: { limit?: number } } | null;
      if (body?.action !== 'list' || body.data?.limit !== 100 || !failing) return route.continue();
      failed += 1;
      await route.fulfill({ json: { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用' } } });
    });
    await signIn(page, h.server.url, '李秀英');
    await open(page, h.server.url, `/packages/leader/form/index?id=${created.activities[0]!.id}`, '.section__title');
    await button(page, '取消活动…').click();
    const cancelCard = page.locator('.section.card', { hasText: '取消原因' }).filter({ visible: true }).first();
    await cancelCard.locator('.choice', { hasText: '这一次及以后每次' }).click();
    await textarea(page, '例如 暴雨预警，改期另行通知').fill('场地维修');
    await button(page, '取消活动…').click();
    const failure = shown(page, '.confirm .text', '以后各次的报名没能列出来（服务暂时不可用），所以先不取消。');
    await failure.waitFor();
    expect(await button(page, '确认取消活动').count()).toBe(0);
    const tried = failed;
    await button(page, '再试一次').click();
    for (let i = 0; failed === tried && i < 100; i += 1) await page.waitForTimeout(50);
    expect(failed).toBe(tried + 1);
    await failure.waitFor();
    expect(await button(page, '确认取消活动').count()).toBe(0);
    // 返回修改 still works: back to the form, and from it again, this time listed.
    failing = false;
    await button(page, '返回修改').click();
    await button(page, '取消活动…').click();
    const dates = created.activities.map((a) => a.timeText.replace(/）.*$/, '）'));
    await shown(page, '.confirm__big', `取消“周六护理猫舍”以后的 2 次：${dates.join('、')}。`).waitFor();
    await button(page, '返回修改').click();
    await button(page, '取消活动…').waitFor();
    const still = await api<ActivitiesResults['detail']>(h.server.url, 'demo-v02', 'activities', 'detail', { activityId: created.activities[1]!.id });
    expect(still.status).toBe('scheduled');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('a 老伙伴 logs a contact in at most 4 taps; 打电话 opens the number through the logged reveal', async () => {
  // The partner with the most seniors (the seed's pairs come from the optimal pairing).
  let partner = '';
  let items: PartnersResults['mySeniors']['items'] = [];
  for (const openid of ['demo-v05', 'demo-v09', 'demo-v18', 'demo-v10', 'demo-v06']) {
    const mine = await api<PartnersResults['mySeniors']>(h.server.url, openid, 'partners', 'mySeniors');
    if (mine.items.length > items.length) {
      partner = openid;
      items = mine.items;
    }
  }
  const name = DEMO_PEOPLE.find((p) => p.openid === partner)!.name;
  const first = items[0]!;
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, name);
    const t = counter();
    await t.click(shown(page, '.role-card--partner', '老伙伴'));
    await page.waitForURL(/#\/packages\/partner\/mine\/index/);
    const card = shown(page, '.pt-senior', first.name);
    await card.waitFor();
    // The deadline in words (今天/明天 + part of the day), never to the minute.
    const due = await page.locator('.pt-senior .muted', { hasText: '请在' }).filter({ visible: true }).allTextContents();
    for (const d of due) expect(d).not.toMatch(/\d{2}:\d{2}/);
    await bothModes(page, 'lt-partner-mine');
    await t.click(card.locator('taro-button-core', { hasText: '记录联系' }));
    await page.waitForURL(/#\/packages\/partner\/log\/index/);
    // Nothing looks chosen before a tap.
    expect(await page.locator('.pt-choice.choice--on', { hasText: '老人一切都好' }).count()).toBe(0);
    await bothModes(page, 'lt-partner-log');
    await t.click(shown(page, '.pt-choice', '老人一切都好'));
    await t.click(button(page, '保存这次联系'));
    await shown(page, '.notice', '已记录').waitFor();
    console.log(`taps: 老伙伴 logs a contact = ${t.count}`);
    expect(t.count).toBeLessThanOrEqual(4);

    // 打电话: the number is fetched through reveal, which leaves an access entry.
    await page.goBack();
    await page.waitForURL(/#\/packages\/partner\/mine\/index/);
    const call = shown(page, '.pt-senior', first.name).locator('.pt-call');
    await call.locator('taro-button-core', { hasText: '打电话' }).click();
    // The number came back (a senior without one would show a warning) and the button is free again.
    await call.locator('taro-button-core', { hasText: '☎ 打电话' }).waitFor();
    expect(await call.locator('.notice').count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('a leader approves a batch in at most 3 taps', async () => {
  const url = h.server.url;
  const zhu = await api<{ profile: { id: string } }>(url, 'demo-v14', 'account', 'me');
  await api(url, 'demo-v02', 'records', 'create', {
    volunteerId: zhu.profile.id,
    teamId: 't_paws',
    category: 'daily',
    date: localParts(new Date()).date,
    place: '新圆湾社区广场',
    content: '帮独居老人喂猫',
    minutes: 60,
  });
  const before = await api<{ items: unknown[] }>(url, 'demo-v02', 'records', 'team', { teamId: 't_paws', state: 'pending' });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, url, '李秀英');
    await open(page, url, '/packages/leader/home/index');
    const t = counter();
    await t.click(button(page, '审核服务时长'));
    await page.waitForURL(/#\/packages\/leader\/approvals\/index/);
    await t.click(button(page, `全部通过（${before.items.length} 条）`));
    await t.click(button(page, '确认全部通过'));
    await shown(page, '.notice--success', `已全部通过 ${before.items.length} 条`).waitFor();
    console.log(`taps: leader approves a batch = ${t.count}`);
    expect(t.count).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('a form error scrolls to its field and puts the caret there', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '李秀英');
    await shown(page, '.role-card', '队长工作台').click();
    await page.waitForURL(/#\/packages\/leader\/home\/index/);
    await button(page, '安排新活动').click();
    await page.waitForURL(/#\/packages\/leader\/form\/index/);
    await shown(page, '.choice--on', /计时间币|照料|巡|服务/).waitFor();
    const focusedField = () => page.evaluate(() => document.activeElement?.closest('[id^="field-"]')?.id ?? null);
    const inView = (selector: string) =>
      page.evaluate((sel) => {
        const r = Array.from(document.querySelectorAll(sel))
          .find((e) => (e as HTMLElement).offsetParent !== null)!
          .getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }, selector);

    // Nothing typed: the title is the first error.
    await button(page, '排好活动').click();
    await shown(page, '.field--invalid', '请填写活动名称').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('#field-title') !== null);
    expect(await focusedField()).toBe('field-title');
    expect(await inView('#field-title')).toBe(true);

    // A title and a place, but no capacity: the page scrolls down to 名额 and focuses it.
    await input(page, '例如 周末巡河护林').fill('周末巡河护林');
    await shown(page, '.choice', '新圆湾社区广场').click();
    await input(page, '例如 12').fill('');
    await button(page, '排好活动').click();
    await shown(page, '.field--invalid', '名额是 1 到').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('#field-capacity') !== null);
    expect(await focusedField()).toBe('field-capacity');
    await page.waitForFunction(() => {
      const r = document.querySelector('#field-capacity')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await screenshot(page, 'lt-form-error-focused');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
