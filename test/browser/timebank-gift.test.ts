/**
 * Gifting and donating time credits in the H5 build against the real server: a volunteer with
 * approved hours (徐磊, from the seeded 握爪 pet-care visit) invites a relative by phone, the
 * relative confirms, then he gifts 0.5 h to her and donates 0.4 h to the pool, each through the
 * inline confirmation step; his balance drops accordingly, hers rises, and the pool shows the gift.
 */
import { formatHours } from '../../cloudfunctions/core/domain/ledger';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';
import { api, arrive, button, signIn, open } from './helpers';

let h: Harness;

// The first suite to run may build the H5 app first (about a minute).
beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

interface Balance {
  balance: { minutes: number };
  available: { minutes: number };
}

const hoursText = (minutes: number) => formatHours(minutes);

test('link a relative, gift to her and donate to the pool with the inline confirmation', async () => {
  const giver = await newPhone(h);
  const relative = await newPhone(h);
  const G = giver.page;
  const R = relative.page;
  try {
    const start = await api<Balance>(h.server.url, 'demo-v11', 'timebank', 'balance');
    expect(start.available.minutes).toBeGreaterThanOrEqual(60);
    const before = start.balance.minutes;

    // 徐磊 opens 我的时间 from 我的 and sees his balance.
    await signIn(G, h.server.url, '徐磊');
    await shown(G, '.weui-tabbar__label', '我的').click();
    await G.waitForURL(/#\/pages\/me\/index/);
    await shown(G, '.greeting', '我的资料').waitFor();
    await G.waitForTimeout(500);
    await shown(G, '.quick-link', '我的时间').click();
    await G.waitForURL(/#\/packages\/timebank\/home\/index/);
    // 我的时间 leads with what he can use (nothing is held for him: the same as his balance).
    await shown(G, '.figure--available .figure__value', hoursText(before)).waitFor();

    // He invites 孙美玲 (13800000111) as a relative.
    await button(G, '亲属关联').click();
    await G.waitForURL(/#\/packages\/timebank\/links\/index/);
    await input(G, '11 位手机号码').fill('13800000111');
    await input(G, '例如 女儿').fill('姐姐');
    await button(G, '发送邀请').click();
    // Sent, not yet anything more: the same words whether or not the number is registered, and not 成功.
    await shown(G, '.notice--info', '已发出请求；如果这个号码已注册，对方确认后才会建立关联').waitFor();
    await shown(G, '.tag', '等对方确认').waitFor();
    // Until she confirms, her name stays masked.
    await expect(shown(G, '.link').textContent()).resolves.not.toContain('孙美玲');

    // 孙美玲 confirms on her own phone.
    await signIn(R, h.server.url, '孙美玲');
    await open(R, h.server.url, '/packages/timebank/links/index');
    await shown(R, '.tag', '等您确认').waitFor();
    await screenshot(R, 'g1-relative-invitation');
    await button(R, '确认关联').click();
    await shown(R, '.notice--success', '已确认关联').waitFor();

    // Back on his phone: gift 0.5 h to her, through the second step.
    await open(G, h.server.url, '/packages/timebank/gift/index');
    await shown(G, '.choice', '孙美玲').click();
    // More than he has is refused in place, before anything is sent.
    await input(G, '例如 1.5').fill('999');
    await button(G, '下一步').click();
    await shown(G, '.field__error', '超过了您的可用余额').waitFor();
    // A typed minus stays what he typed (the H5 number input used to drop it: −1 became 1) and is
    // refused in place with what to type instead; so are two decimals (never rounded).
    await input(G, '例如 1.5').fill('');
    await input(G, '例如 1.5').pressSequentially('-1');
    await expect(input(G, '例如 1.5').inputValue()).resolves.toBe('-1');
    await button(G, '下一步').click();
    await shown(G, '.field__error', '不能填负数：要转出多少小时，就填多少（如 1.5）').waitFor();
    await screenshot(G, 'g1b-gift-negative');
    await input(G, '例如 1.5').fill('0.55');
    await button(G, '下一步').click();
    await shown(G, '.field__error', '最多填一位小数').waitFor();
    await input(G, '例如 1.5').fill('0.5');
    await input(G, '例如 给妈妈兑换服务用').fill('给姐姐');
    await button(G, '下一步').click();
    await shown(G, '.confirm__big', '把 30分 转赠给 孙美玲（姐姐）').waitFor();
    await screenshot(G, 'g2-gift-confirm');
    // Nothing moved yet.
    await expect(api<Balance>(h.server.url, 'demo-v11', 'timebank', 'balance')).resolves.toMatchObject({ balance: { minutes: before } });
    await button(G, '确认转赠').click();
    await shown(G, '.notice--success', '已把 30分 转赠给 孙美玲（姐姐）').waitFor();
    await shown(G, '.notice--success', `您现在的余额：${hoursText(before - 30)}`).waitFor();
    await screenshot(G, 'g3-gift-done');

    // Then donate 0.4 h to the pool.
    await button(G, '再办一笔').click();
    await shown(G, '.tabs__tab', '捐给公益池').click();
    await input(G, '例如 1.5').fill('0.4');
    await button(G, '下一步').click();
    await shown(G, '.confirm__big', '把 24分 捐给街道公益池').waitFor();
    await button(G, '确认捐赠').click();
    await shown(G, '.notice--success', '已把 24分 捐给公益池').waitFor();
    await shown(G, '.notice--success', `您现在的余额：${hoursText(before - 54)}`).waitFor();

    // The whole balance can go at once, odd minutes too (hours take one decimal); he steps back from it.
    await button(G, '再办一笔').click();
    await button(G, `全部转出 ${hoursText(before - 54)}`).click();
    await button(G, '下一步').click();
    await shown(G, '.confirm__big', `把 ${hoursText(before - 54)} 捐给街道公益池`).waitFor();
    await shown(G, '.text', '完成后您可用的时间币是 0小时').waitFor();
    await button(G, '返回修改').click();

    // 我的时间 shows the new balance and both lines.
    await open(G, h.server.url, '/packages/timebank/home/index');
    await shown(G, '.figure--available .figure__value', hoursText(before - 54)).waitFor();
    await expect(shown(G, '.statement-line', '转赠给亲属').textContent()).resolves.toContain('-30分');
    await expect(shown(G, '.statement-line', '捐赠到公益池').textContent()).resolves.toContain('-24分');
    await screenshot(G, 'g4-my-time-after');
    const after = await api<Balance>(h.server.url, 'demo-v11', 'timebank', 'balance');
    expect(after.balance.minutes).toBe(before - 54);

    // Her balance rose by 0.5 h, and her statement says from whom.
    await open(R, h.server.url, '/packages/timebank/home/index');
    const line = shown(R, '.statement-line', '收到亲属转赠');
    await expect(line.textContent()).resolves.toContain('+30分');
    await expect(line.textContent()).resolves.toContain('徐磊');

    expect(giver.errors).toEqual([]);
    expect(relative.errors).toEqual([]);
  } finally {
    await giver.close();
    await relative.close();
  }
});

test('the admin sees the donation in the pool and adjusts an account with a reason', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '街道管理员');
    await shown(page, '.role-card', '街道管理').click();
    await page.waitForURL(/#\/packages\/admin\/home\/index/);
    await button(page, '公益池（捐赠与资助）').click();
    await page.waitForURL(/#\/packages\/admin\/pool\/index/);
    await shown(page, '.statement-line', '徐磊').waitFor();
    await expect(shown(page, '.statement-line', '徐磊').textContent()).resolves.toContain('+24分');
    await shown(page, '.tabs__tab', '资助').click();
    await expect(page.locator('.statement-line', { hasText: '徐磊' }).filter({ visible: true }).count()).resolves.toBe(0);
    await screenshot(page, 'g5-admin-pool');

    // An adjustment needs a reason and a second step; it lands in the list with both.
    // From the pool page the adjustment opens on the pool (a new street puts its first time in that way).
    await button(page, '往公益池拨入或扣减（账户调整）').click();
    await arrive(page, /#\/packages\/admin\/adjust\/index/, '账户调整');
    await shown(page, '.tabs__tab--on', '公益池').waitFor();
    await shown(page, '.tabs__tab', '某位居民').click();
    await input(page, '输入姓名中的字，例如 沈').fill('徐磊');
    await shown(page, '.choice', '徐磊').click();
    // A typed minus is refused in words, not dropped into a +1 (the direction is chosen above the field).
    await input(page, '例如 1.5').fill('-1');
    await expect(input(page, '例如 1.5').inputValue()).resolves.toBe('-1');
    await button(page, '下一步').click();
    await shown(page, '.field__error', '请填写大于 0 的小时数').waitFor();
    await input(page, '例如 1.5').fill('1');
    await button(page, '下一步').click();
    await shown(page, '.field__error', '请填写原因').waitFor();
    await expect(page.locator('.field__error', { hasText: '小时数' }).count()).resolves.toBe(0);
    await page.locator('taro-textarea-core textarea').filter({ visible: true }).first().fill('11月活动漏登 1 小时，经队长确认补发');
    await button(page, '下一步').click();
    await shown(page, '.confirm__big', '徐磊：+1小时').waitFor();
    await button(page, '确认调整').click();
    await shown(page, '.notice--success', '已调整').waitFor();
    const row = shown(page, '.adjustment', '漏登');
    await expect(row.textContent()).resolves.toContain('+1小时');
    await expect(row.textContent()).resolves.toContain('街道管理员');
    await screenshot(page, 'g6-admin-adjustments');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
