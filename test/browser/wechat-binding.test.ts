/**
 * A senior registered at the 居委's desk binds her own WeChat, in the H5 build against the real seeded
 * server: the social worker generates a code on 老人档案 (the digits appear only after the server
 * issued them, and equal what the server derives); on the senior's phone, unregistered, 实名注册 leads
 * to 老人用绑定码登录 (in elder mode, checked against the 适老化 rules); a wrong code is refused in
 * place; the right one names her, and she lands on her own senior home; the record then says her
 * WeChat is bound and shows no code. Screenshots wb-*.png.
 */
import type { SeniorsResults } from '../../cloudfunctions/core/api';
import { deskSeniorInput } from '../support/desk-senior';
import { api, button, enterAsNewUser, expectElderFriendly, signIn } from './helpers';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;
let seniorId: string;

beforeAll(async () => {
  h = await startHarness();
  seniorId = (await api<SeniorsResults['register']>(h.server.url, 'demo-social', 'seniors', 'register', deskSeniorInput('周桂英'))).id;
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('the social worker gives a code; the senior types it on her own phone and is herself from then on', async () => {
  const record = `${h.server.url}/#/packages/social/senior/index?id=${encodeURIComponent(seniorId)}`;
  const social = await newPhone(h);
  let digits: string;
  try {
    await signIn(social.page, h.server.url, '居委社工小郑');
    await social.page.goto(record);
    await shown(social.page, '.section__title', '老人自己的微信').waitFor();
    await shown(social.page, '.wechat-binding .text', '还没有微信可以以老人本人身份登录').waitFor();
    expect(await social.page.locator('.wechat-binding__digits').filter({ visible: true }).count()).toBe(0);
    await button(social.page, '生成微信绑定码').click();
    const shownDigits = shown(social.page, '.wechat-binding__digits');
    await shownDigits.waitFor();
    digits = (await shownDigits.innerText()).trim();
    expect(digits).toMatch(/^\d{6}$/);
    const server = await api<SeniorsResults['wechatBinding']>(h.server.url, 'demo-social', 'seniors', 'wechatBinding', { seniorId });
    expect(server.code?.digits).toBe(digits);
    await shown(social.page, '.wechat-binding', '前有效，只能用一次').waitFor();
    await shown(social.page, '.section__title', '老人自己的微信').scrollIntoViewIfNeeded();
    await screenshot(social.page, 'wb-social-code');
    expect(social.errors).toEqual([]);
  } finally {
    await social.close();
  }

  const { page, errors, close } = await newPhone(h);
  try {
    await enterAsNewUser(page, h.server.url);
    await shown(page, '.section__title', '居委已经为老人登记过档案？').waitFor();
    // A 70-year-old's phone: elder mode first (the switch on 实名注册, before anyone is signed in).
    await shown(page, '.elder-toggle__row').click();
    await shown(page, '.elder-toggle__state', '已开启').waitFor();
    await button(page, '老人用绑定码登录').click();
    await page.waitForURL(/#\/packages\/account\/bind\/index/);
    await shown(page, '.greeting', '用居委给的绑定码登录').waitFor();

    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    await expectElderFriendly(page);
    await screenshot(page, 'wb-bind-elder');

    // A mistyped code: refused in place, in words; nothing bound.
    const wrong = digits.endsWith('0') ? `${digits.slice(0, 5)}1` : `${digits.slice(0, 5)}0`;
    await input(page, '例如 123456').fill(wrong);
    await button(page, '绑定并登录').click();
    await shown(page, '.notice--error', '绑定码不对或已经过期').waitFor();
    await screenshot(page, 'wb-bind-wrong');

    await input(page, '例如 123456').fill(digits);
    await button(page, '绑定并登录').click();
    await shown(page, '.notice--success', '这个微信以后就是 周桂英 本人').waitFor();
    await screenshot(page, 'wb-bind-done-elder');
    await button(page, '进入首页').click();
    await page.waitForURL(/#\/packages\/senior\/home\/index/);
    await shown(page, '.greeting', '周桂英').waitFor();
    await screenshot(page, 'wb-senior-home');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }

  // The record: bound, no code left; then her phone is lost, and the 居委 unbinds it.
  const after = await api<SeniorsResults['wechatBinding']>(h.server.url, 'demo-social', 'seniors', 'wechatBinding', { seniorId });
  expect(after).toMatchObject({ code: null, wechatCount: 1 });
  expect(after.boundAt).not.toBeNull();
  const again = await newPhone(h);
  try {
    await signIn(again.page, h.server.url, '居委社工小郑');
    await again.page.goto(record);
    await shown(again.page, '.wechat-binding .text', '已用绑定码绑定老人自己的微信').waitFor();
    await shown(again.page, '.wechat-binding .text', '现在有 1 个微信可以以老人本人身份登录').waitFor();
    expect(await again.page.locator('.wechat-binding__digits').filter({ visible: true }).count()).toBe(0);
    await button(again.page, '解除微信绑定').click();
    await button(again.page, '确认解除').click();
    await shown(again.page, '.wechat-binding .field__error', '请写明原因').waitFor();
    await input(again.page, '例如 手机丢了').fill('手机丢了');
    await button(again.page, '确认解除').click();
    await shown(again.page, '.wechat-binding .notice--success', '已解除 1 个微信的绑定').waitFor();
    await shown(again.page, '.wechat-binding .text', '还没有微信可以以老人本人身份登录').waitFor();
    await shown(again.page, '.section__title', '老人自己的微信').scrollIntoViewIfNeeded();
    await screenshot(again.page, 'wb-social-unbound');
    expect(again.errors).toEqual([]);
  } finally {
    await again.close();
  }
  expect(await api<SeniorsResults['wechatBinding']>(h.server.url, 'demo-social', 'seniors', 'wechatBinding', { seniorId })).toMatchObject({ wechatCount: 0 });
});
