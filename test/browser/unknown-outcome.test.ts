/**
 * When the answer does not come back, the screen says what it knows: not that the change failed when
 * the server may have made it, and doing it again (from this page or after leaving it) is answered by
 * the first attempt, never done twice. And when the network fails a senior altogether, her 一键求助
 * page still offers the phone numbers: 120, 110 and the family kept on her phone.
 */
import type { Route } from 'playwright-core';
import { formatHours } from '../../cloudfunctions/core/domain/ledger';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';
import { api, button, open, signIn } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

interface Balance {
  balance: { minutes: number };
}

/** Lets the server do the call, then loses its answer on the way back (the phone's network drops). */
function loseAnswerOf(action: string): { handler: (route: Route) => Promise<void>; lost: () => number } {
  let lost = 0;
  return {
    lost: () => lost,
    handler: async (route: Route) => {
      const body = route.request().postDataJSON() as { action?: string } | null;
      if (body?.action !== action || lost > 0) return route.continue();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    },
  };
}

test('a donation whose answer is lost is not said to have failed, and doing it again does not give twice', async () => {
  const phone = await newPhone(h);
  const G = phone.page;
  try {
    const before = (await api<Balance>(h.server.url, 'demo-v11', 'timebank', 'balance')).balance.minutes;
    await signIn(G, h.server.url, '徐磊');
    await open(G, h.server.url, '/packages/timebank/home/index');
    const drop = loseAnswerOf('donate');
    await G.route('**/api/timebank', drop.handler);

    await button(G, '转赠或捐赠时间币').click();
    await G.waitForURL(/#\/packages\/timebank\/gift\/index/);
    const donate = async () => {
      await shown(G, '.tabs__tab', '捐给公益池').click();
      await input(G, '例如 1.5').fill('0.4');
      await button(G, '下一步').click();
      await button(G, '确认捐赠').click();
    };
    await donate();
    await shown(G, '.notice--warning', '不知道刚才有没有办成').waitFor();
    await screenshot(G, 'unknown-outcome-donation');
    expect(drop.lost()).toBe(1);
    expect(await G.locator('.notice--error').count()).toBe(0);
    // The server did it, once.
    expect((await api<Balance>(h.server.url, 'demo-v11', 'timebank', 'balance')).balance.minutes).toBe(before - 24);

    // He leaves the page, comes back and does the same again: answered by the first, nothing twice.
    await G.goBack();
    await G.waitForURL(/#\/packages\/timebank\/home\/index/);
    await button(G, '转赠或捐赠时间币').click();
    await G.waitForURL(/#\/packages\/timebank\/gift\/index/);
    await donate();
    await shown(G, '.notice--success', '已把 24分 捐给公益池').waitFor();
    await shown(G, '.notice--success', `您现在的余额：${formatHours(before - 24)}`).waitFor();
    expect((await api<Balance>(h.server.url, 'demo-v11', 'timebank', 'balance')).balance.minutes).toBe(before - 24);

    // A new donation after that answer is a new one.
    await button(G, '再办一笔').click();
    await donate();
    await shown(G, '.notice--success', `您现在的余额：${formatHours(before - 48)}`).waitFor();
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});

test('with the network gone, her 一键求助 page and home still offer 120, 110 and her daughter', async () => {
  const phone = await newPhone(h);
  const S = phone.page;
  try {
    await signIn(S, h.server.url, '沈阿婆');
    // Opening the page once keeps her call list on the phone.
    await open(S, h.server.url, '/packages/senior/alert/index');
    await shown(S, '.call-btn', '沈小妹').waitFor();

    // Then the network goes: the app starts again with nothing reaching the server.
    await S.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await S.reload();
    await shown(S, '.notice--warning', '连不上网络，下面是手机上存着的电话').waitFor();
    await shown(S, '.call-btn', '沈小妹').waitFor();
    await shown(S, '.call-btn', '急救').waitFor();
    await shown(S, '.call-btn', '报警').waitFor();
    await screenshot(S, 'alert-offline-elder');
    // The one-tap button is still there. Pressed, it cannot tell a call that never left from an answer
    // lost on the way: it says it is not known, and what to do; never that help is coming.
    await shown(S, 'taro-button-core', '一键求助').click();
    await shown(S, '.notice--warning', '不知道求助有没有发出去').waitFor();
    expect(await S.locator('.notice--success').count()).toBe(0);

    await open(S, h.server.url, '/packages/senior/home/index', '.section__title');
    await shown(S, '.section__title', '现在连不上网络，可以直接打电话').waitFor();
    await shown(S, '.call-btn', '沈小妹').waitFor();
    await shown(S, '.call-btn', '急救').waitFor();
    await screenshot(S, 'senior-home-offline-elder');
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});

test('a session lost mid-flow (browser build) leads to the login page from the tap, not to 请先登录 with no way on', async () => {
  const phone = await newPhone(h);
  const G = phone.page;
  try {
    await signIn(G, h.server.url, '徐磊');
    await open(G, h.server.url, '/packages/timebank/gift/index');
    await shown(G, '.tabs__tab', '捐给公益池').click();
    await input(G, '例如 1.5').fill('0.2');
    await button(G, '下一步').click();
    // The server no longer knows this session (expired, or its data folder was reset).
    await G.evaluate(() => localStorage.setItem('session.token', JSON.stringify({ data: 'expired-session-token' })));
    await button(G, '确认捐赠').click();
    await G.waitForURL(/#\/pages\/login\/index/);
    await shown(G, '.greeting', '选择身份进入').waitFor();
    expect(await G.evaluate(() => localStorage.getItem('session.token'))).toBeNull();
  } finally {
    await phone.close();
  }
});
