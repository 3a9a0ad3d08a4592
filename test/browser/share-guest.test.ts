/**
 * A shared activity card, as a guest opens it (H5 build, real seeded server): a WeChat user who has
 * never registered lands on the activity, sees what, when and where (with the small map), and is
 * asked to register only on pressing 注册后报名; registering brings them back to the same activity,
 * now with 报名参加. The share itself (onShareAppMessage / onShareTimeline) exists only in WeChat;
 * its card title and path are the unit-tested detail/share.ts.
 */
import { api, enterAsNewUser } from './helpers';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('a guest opens a shared activity, looks, registers when signing up, and comes back to it', async () => {
  const list = await api<{ items: Array<{ id: string; title: string }> }>(h.server.url, 'demo-v10', 'activities', 'list', { limit: 20 });
  const walk = list.items.find((a) => a.title === '滨水生态研学漫步')!;
  const { page, errors, close } = await newPhone(h);
  try {
    await enterAsNewUser(page, h.server.url);

    // The card's path, opened by someone who has not registered.
    await page.goto(`${h.server.url}/#/packages/activity/detail/index?id=${encodeURIComponent(walk.id)}`);
    await shown(page, '.greeting', '滨水生态研学漫步').waitFor();
    await shown(page, '.kv', '新圆湾湿地公园东门').waitFor();
    await page.locator('.place-map path.map-base--boundary').filter({ visible: true }).first().waitFor();
    await shown(page, '.text', '注册好会回到这个活动').waitFor();
    expect(await page.locator('taro-button-core', { hasText: '报名参加' }).filter({ visible: true }).count()).toBe(0);
    // Still on the activity a moment later: a guest is not sent away to register.
    await page.waitForTimeout(1500);
    expect(page.url()).toContain('/packages/activity/detail/index');
    await screenshot(page, 'sg-guest-activity');

    await shown(page, 'taro-button-core', '注册后报名').click();
    await page.waitForURL(/#\/pages\/register\/index\?activityId=/);
    await input(page, '请输入真实姓名').fill('钱小雨');
    await input(page, '11 位手机号码').fill('13912340001');
    await input(page, '例如 1958').fill('1990');
    await shown(page, '.choice', '滨江居委').click();
    await shown(page, '.nut-checkbox', '我已阅读并同意').click();
    await shown(page, 'taro-button-core', '提交注册').click();

    await page.waitForURL(/#\/packages\/activity\/detail\/index\?id=/);
    await shown(page, '.greeting', '滨水生态研学漫步').waitFor();
    await shown(page, 'taro-button-core', '报名参加').click();
    await shown(page, '.notice', '报名成功').waitFor();
    await screenshot(page, 'sg-registered-signed-up');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
