/**
 * WeChat subscription prompts in the H5 build against the real local server, where an in-page
 * modal stands in for WeChat's prompt: a volunteer signs up for an activity → 允许 → 活动提醒 can
 * reach them once (left 1); the next sign-up with one left does not ask; another volunteer says
 * 不允许 and is never asked again at a sign-up, but can turn it on in 消息 → 通知设置; the admin's
 * 开发者 · 已发通知 page lists the cancellation notice with its fields. Screenshots in normal and
 * elder mode.
 */
import type { Page } from 'playwright-core';
import type { InboxResults } from '../../cloudfunctions/core/api';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';
import { api, button, open, setElder, signIn, tomorrow } from './helpers';

let h: Harness;
let first: string;
let second: string;
const TITLE_1 = '周末巡河护林（通知测试）';
const TITLE_2 = '滨江捡拾垃圾（通知测试）';

beforeAll(async () => {
  h = await startHarness();
  // A week ahead in the evening, clear of the demo street's own activities (no time clash).
  const day = tomorrow(new Date(Date.now() + 6 * 86_400_000));
  const create = async (title: string, startTime: string, endTime: string) =>
    (
      await api<{ activities: Array<{ id: string }> }>(h.server.url, 'demo-v01', 'activities', 'create', {
        teamId: 't_patrol',
        title,
        category: 'community',
        place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
        date: day.date,
        startTime,
        endTime,
        capacity: 10,
      })
    ).activities[0]!.id;
  first = await create(TITLE_1, '19:00', '20:00');
  second = await create(TITLE_2, '20:30', '21:30');
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

const subs = (openid: string) => api<InboxResults['subscriptions']>(h.server.url, openid, 'inbox', 'subscriptions');
const activityOf = async (openid: string) => (await subs(openid)).items.find((i) => i.template === 'activity')!;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 40; i += 1) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

/** The H5 stand-in for WeChat's prompt (Taro's modal; its outer element has no box of its own). */
const modal = (page: Page) => page.locator('.taro-modal__content').filter({ visible: true });

/** Signs in and waits until the app has loaded the person's subscriptions (the prompts read them). */
async function signInLoaded(page: Page, name: string): Promise<void> {
  const loaded = page.waitForResponse(async (r) => r.url().endsWith('/api/inbox') && (r.request().postData() ?? '').includes('"subscriptions"'));
  await signIn(page, h.server.url, name);
  await loaded;
}

async function signUp(page: Page, id: string, title: string): Promise<void> {
  await open(page, h.server.url, `/packages/activity/detail/index?id=${id}`);
  await shown(page, '.greeting', title).waitFor();
  await button(page, '报名参加').click();
}

test('允许 at a sign-up: 活动提醒 left 1; the next sign-up does not ask', async () => {
  const phone = await newPhone(h);
  const V = phone.page;
  try {
    await signInLoaded(V, '赵明');
    expect(await activityOf('demo-v07')).toMatchObject({ left: 0, ask: true, last: null });

    await signUp(V, first, TITLE_1);
    // The sign-up itself goes through meanwhile: the prompt never holds it up.
    await shown(V, '.notice--success', '报名成功').waitFor();
    const prompt = modal(V);
    await prompt.waitFor();
    await expect(prompt.locator('.taro-modal__text').textContent()).resolves.toBe('报名成功后，活动开始前一天和前两小时用微信提醒您。允许发送“活动提醒”吗？');
    await expect(prompt.locator('.taro-model__confirm').textContent()).resolves.toBe('允许');
    await expect(prompt.locator('.taro-model__cancel').textContent()).resolves.toBe('不允许');
    await screenshot(V, 'n1-subscribe-prompt');
    await prompt.locator('.taro-model__confirm').click();
    await until(
      () => activityOf('demo-v07'),
      (a) => a.left === 1,
      'activity subscription after 允许',
    );
    expect(await activityOf('demo-v07')).toMatchObject({ left: 1, ask: false, last: 'accept' });

    // One left: the next sign-up does not ask.
    await signUp(V, second, TITLE_2);
    await shown(V, '.notice--success', '报名成功').waitFor();
    await V.waitForTimeout(800);
    expect(await modal(V).count()).toBe(0);
    expect(await activityOf('demo-v07')).toMatchObject({ left: 1 });

    // 消息 → 通知设置 says so in plain words.
    await open(V, h.server.url, '/packages/inbox/home/index');
    const row = shown(V, '.notify-row--activity');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('还可收到 1 条');
    await expect(shown(V, '.notify-row--help').textContent()).resolves.toContain('未开启');
    await expect(shown(V, '.notify-row--quiet').textContent()).resolves.toContain('22:00–07:00');
    await screenshot(V, 'n2-inbox-settings');
    await setElder(V, true);
    await shown(V, '.notify-row--activity', '还可收到 1 条').waitFor();
    await screenshot(V, 'n2-inbox-settings-elder');
    await setElder(V, false);
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});

test('不允许 at a sign-up: never asked again at a tap; 通知设置 can still turn it on', async () => {
  const phone = await newPhone(h);
  const V = phone.page;
  try {
    await signInLoaded(V, '黄小燕');
    await signUp(V, first, TITLE_1);
    await modal(V).waitFor();
    await modal(V).locator('.taro-model__cancel').click();
    await until(
      () => activityOf('demo-v08'),
      (a) => a.last === 'reject',
      'activity subscription after 不允许',
    );
    expect(await activityOf('demo-v08')).toMatchObject({ left: 0, ask: false, last: 'reject' });

    await signUp(V, second, TITLE_2);
    await shown(V, '.notice--success', '报名成功').waitFor();
    await V.waitForTimeout(800);
    expect(await modal(V).count()).toBe(0);

    // Asked for explicitly, the prompt comes even after the refusal.
    await open(V, h.server.url, '/packages/inbox/home/index');
    const row = shown(V, '.notify-row--activity');
    await expect(row.textContent()).resolves.toContain('您选择了不接收');
    // In elder mode the prompt reads at elder mode's sizes too (Taro's modal sets its own small ones).
    await setElder(V, true);
    await button(shown(V, '.notify-row--activity'), '开启').click();
    await modal(V).waitFor();
    const sizes = await modal(V).evaluate((el) => {
      const px = (sel: string) => parseFloat(getComputedStyle(el.querySelector(sel)!).fontSize);
      const confirm = el.querySelector('.taro-model__confirm')!.getBoundingClientRect();
      return { title: px('.taro-modal__title'), text: px('.taro-modal__text'), button: px('.taro-model__confirm'), buttonHeight: confirm.height };
    });
    expect(sizes.title).toBeGreaterThanOrEqual(28);
    expect(sizes.text).toBeGreaterThanOrEqual(23.8);
    expect(sizes.button).toBeGreaterThanOrEqual(23.8);
    expect(sizes.buttonHeight).toBeGreaterThanOrEqual(44);
    await screenshot(V, 'n3-prompt-elder');
    await modal(V).locator('.taro-model__confirm').click();
    await setElder(V, false);
    await shown(V, '.notify-row--activity', '还可收到 1 条').waitFor();
    expect(await activityOf('demo-v08')).toMatchObject({ left: 1, last: 'accept' });

    // Quiet hours off and on again.
    await button(shown(V, '.notify-row--quiet'), '关闭免打扰').click();
    await shown(V, '.notify-row--quiet', '已关闭').waitFor();
    expect((await subs('demo-v08')).quiet).toBeNull();
    await button(shown(V, '.notify-row--quiet'), '开启免打扰').click();
    await shown(V, '.notify-row--quiet', '22:00–07:00').waitFor();
    expect((await subs('demo-v08')).quiet).toEqual({ from: '22:00', to: '07:00' });
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});

test('开发者 · 已发通知 lists the cancellation notice with its fields and state', async () => {
  // The leader cancels the first activity: both volunteers are told (each has one 活动提醒 left).
  await api(h.server.url, 'demo-v01', 'activities', 'cancel', { activityId: first, reason: '大风预警，暂停户外活动' });
  const phone = await newPhone(h);
  const A = phone.page;
  try {
    await signIn(A, h.server.url, '街道管理员');
    await open(A, h.server.url, '/packages/admin/home/index', '.subscribe-card');
    await shown(A, '.subscribe-card', '开启警报通知').waitFor();
    await screenshot(A, 'n3-admin-home');
    await button(A, '开发者 · 已发通知').click();
    await A.waitForURL(/#\/packages\/admin\/outbox\/index/);
    await shown(A, '.greeting', '开发者 · 已发通知').waitFor();
    const row = shown(A, '.outbox-row', '赵明');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('活动提醒');
    expect(text).toContain('activity.cancelled');
    expect(text).toContain('thing1');
    expect(text).toContain(TITLE_1.slice(0, 5));
    expect(text).toContain('已取消');
    // Nothing reaches WeChat from this machine: the row must not say it did.
    expect(text).toContain('本机演示，未发微信');
    expect(text).toContain('本机记下：');
    expect(text).not.toContain('已送达微信');
    await shown(A, '.tabs__tab', '本机已记下').waitFor();
    await screenshot(A, 'n4-outbox');

    // Filter: 没开微信提醒 (unsubscribed) shows only those.
    await shown(A, '.tabs__tab', '没开微信提醒').click();
    await A.waitForTimeout(600);
    const states = await A.locator('.outbox-row')
      .filter({ visible: true })
      .evaluateAll((els) => els.map((e) => e.className));
    expect(states.every((c) => c.includes('outbox-row--unsubscribed'))).toBe(true);
    await shown(A, '.tabs__tab', '全部').click();
    await shown(A, '.outbox-row', '赵明').waitFor();

    await setElder(A, true);
    await shown(A, '.outbox-row', '赵明').waitFor();
    await screenshot(A, 'n4-outbox-elder');
    await setElder(A, false);
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});
