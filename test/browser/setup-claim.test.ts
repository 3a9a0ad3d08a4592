/**
 * A street as a fresh deployment has it (setup ran, no demo seed, no admin yet), in the H5 build:
 * the first person registers, finds 开通街道管理员 under 我的, is refused with a wrong secret, becomes
 * street admin with the right one, and reaches 街道管理, which lists the first things to do (people, the
 * duty roster, time in the pool, WeChat alarms) under a warning that street.json is still the shipped
 * sample street; the claim is offered to nobody afterwards.
 */
import { newPhone, screenshot, shown, input, startHarness, type Harness } from './support';
import { button } from './helpers';

const SECRET = 'browser-setup-secret-0123456789';
let h: Harness;
const saved = process.env.SETUP_SECRET;

beforeAll(async () => {
  process.env.SETUP_SECRET = SECRET;
  h = await startHarness({ seedDemo: false });
});

afterAll(async () => {
  await h?.stop();
  if (saved === undefined) delete process.env.SETUP_SECRET;
  else process.env.SETUP_SECRET = saved;
});

async function register(page: import('playwright-core').Page, name: string, phone: string): Promise<void> {
  await page.goto(`${h.server.url}/`);
  await page.waitForURL(/#\/pages\/login\/index/);
  // No demo seed: the list of demo people says it is empty, not a bare heading.
  await shown(page, '.muted', '这个数据目录没有演示人员').waitFor();
  await button(page, '以新微信用户身份进入').click();
  await page.waitForURL(/#\/pages\/register\/index/);
  await input(page, '请输入真实姓名').fill(name);
  await input(page, '11 位手机号码').fill(phone);
  await input(page, '例如 1958').fill('1975');
  await shown(page, '.choice', '滨江居委').click();
  await shown(page, '.nut-checkbox', '我已阅读并同意').click();
  await button(page, '提交注册').click();
  await page.waitForURL(/#\/pages\/index\/index/);
}

test('the first registered person claims street admin with the setup secret, once', async () => {
  const first = await newPhone(h);
  try {
    const { page } = first;
    await register(page, '李主任', '13912340001');
    await page.goto(`${h.server.url}/#/pages/me/index`);
    await shown(page, '.role-card', '开通街道管理员').click();
    await page.waitForURL(/#\/packages\/admin\/claim\/index/);
    await shown(page, '.greeting', '开通街道管理员').waitFor();

    await input(page, '向负责部署的同事要').fill('wrong-secret-000000000');
    await button(page, '开通').click();
    await shown(page, '.notice--error', '开通口令不正确').waitFor();
    expect(await shown(page, '.notice--success').count()).toBe(0);
    await screenshot(page, 'setup-1-wrong-secret');

    await input(page, '向负责部署的同事要').fill(SECRET);
    await button(page, '开通').click();
    await shown(page, '.notice--success', '您现在是街道管理员').waitFor();
    await screenshot(page, 'setup-2-claimed');
    await button(page, '进入街道管理').click();
    await page.waitForURL(/#\/packages\/admin\/home\/index/);
    // A new street's admin reads where to start: no roster, an empty pool, no WeChat alarms yet.
    await shown(page, '.first-steps .section__title', '新开通的街道，先做这几件事').waitFor();
    for (const step of ['任命居委社工和队长', '排街道值班表', '往公益池拨入时间', '开启警报通知']) {
      await shown(page, '.first-steps__text', step).waitFor();
    }
    // This deployment still runs the shipped street.json: its admin is told before anything else.
    await shown(page, '.sample-street .notice--warning', '现在装的是示例街道“新圆湾街道”（街道代码 310000-demo）').waitFor();
    await screenshot(page, 'setup-3-first-steps');

    // The street's first team, made here and then introduced again on its own page.
    await button(page, '新建队伍').click();
    await input(page, '例如 护河巡林志愿队').fill('滨江护绿队');
    await page.locator('taro-textarea-core textarea').filter({ visible: true }).first().fill('每周六上午在滨江步道护绿');
    await shown(page, '.choice', '申请后由队长同意').click();
    await button(page, '新建').click();
    await shown(page, '.notice--success', '已新建“滨江护绿队”').waitFor();
    await button(page, '打开队伍页').click();
    await page.waitForURL(/#\/packages\/activity\/team\/index/);
    await shown(page, '.greeting', '滨江护绿队').waitFor();
    await shown(page, '.line__sub', '加入需要队长同意').waitFor();
    await button(page, '修改队伍介绍').click();
    await page.locator('taro-textarea-core textarea').filter({ visible: true }).first().fill('每周六上午在滨江步道护绿，欢迎居民加入');
    await shown(page, '.choice', '直接加入').click();
    await button(page, '保存').click();
    await shown(page, '.notice--success', '已保存').waitFor();
    await shown(page, '.text', '每周六上午在滨江步道护绿，欢迎居民加入').waitFor();
    await shown(page, '.line__sub', '可以直接加入').waitFor();
    await screenshot(page, 'setup-4-team');
    await page.goto(`${h.server.url}/#/packages/admin/home/index`);
    await shown(page, '.first-steps .section__title', '新开通的街道，先做这几件事').waitFor();
    await shown(page, '.first-steps__row', '往公益池拨入时间').locator('taro-button-core', { hasText: '去办' }).click();
    await page.waitForURL(/#\/packages\/admin\/adjust\/index\?target=pool/);
    await shown(page, '.tabs__tab--on', '公益池').waitFor();
    expect(first.errors).toEqual([]);
  } finally {
    await first.close();
  }

  // Someone else, later: no claim card, and the page itself says the admin exists.
  const second = await newPhone(h);
  try {
    const { page } = second;
    await register(page, '王阿姨', '13912340002');
    await page.goto(`${h.server.url}/#/pages/me/index`);
    await shown(page, '.section__title', '我的工作台').waitFor();
    await shown(page, '.role-card', '志愿者').waitFor();
    expect(await shown(page, '.role-card', '开通街道管理员').count()).toBe(0);
    await page.goto(`${h.server.url}/#/packages/admin/claim/index`);
    await shown(page, '.notice', '管理员已经开通过了').waitFor();
    expect(await input(page, '向负责部署的同事要').count()).toBe(0);
  } finally {
    await second.close();
  }
});
