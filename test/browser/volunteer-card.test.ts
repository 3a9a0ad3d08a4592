/**
 * 电子志愿者证 in the H5 build against the real server (with a clock the test moves): 刘芳 opens her
 * card from 我的 and sees her name, volunteer number, hours, star and team, with a QR that decodes
 * to a card token; her name is drawn with real Chinese glyphs (not boxes); the card is screenshot in
 * normal and elder mode. On the morning of an activity she signed up for, the patrol's leader
 * 王建国 enters the QR's text on his 扫志愿者证 page (H5 cannot scan), sees who she is and checks her in.
 */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import type { ActivitiesResults } from '../../cloudfunctions/core/api';
import { input, newPhone, screenshot, shown } from './support';
import { api, arrive, button, expectElderFriendly, open, setElder, signIn, tomorrow } from './helpers';
import { startClockHarness, type ClockHarness } from './clock';

let h: ClockHarness;

beforeAll(async () => {
  h = await startClockHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

/** The text of the QR image shown on the card, decoded from its pixels. */
async function decodeCardQr(page: Page): Promise<string | null> {
  const pixels = await page.evaluate(async () => {
    const img = Array.from(document.querySelectorAll<HTMLImageElement>('.qr__image img')).find((i) => i.offsetParent !== null);
    if (!img) return null;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  if (!pixels) return null;
  return jsQR(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height)?.data ?? null;
}

/**
 * Draws each character of the card's name, and a code point no font has (U+10FFFD), in the name's
 * own computed font, and returns their pixels: a missing glyph draws as the same box (or nothing)
 * whatever the character, so real glyphs must have ink and differ from each other and from it.
 */
async function glyphsOfName(
  page: Page,
): Promise<{ name: string; glyphs: Array<{ ch: string; ink: number; bits: string }>; tofu: { ink: number; bits: string } }> {
  return page.evaluate(() => {
    const el = Array.from(document.querySelectorAll<HTMLElement>('.vcard__name')).find((e) => e.offsetParent !== null)!;
    const style = getComputedStyle(el);
    const draw = (ch: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 96;
      const ctx = canvas.getContext('2d')!;
      ctx.font = `${style.fontWeight} 64px ${style.fontFamily}`;
      ctx.fillStyle = '#000';
      ctx.textBaseline = 'top';
      ctx.fillText(ch, 8, 8);
      const data = ctx.getImageData(0, 0, 96, 96).data;
      let bits = '';
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) {
        const on = data[i]! > 127;
        bits += on ? '1' : '0';
        if (on) ink += 1;
      }
      return { ink, bits };
    };
    const name = (el.textContent ?? '').trim();
    return { name, glyphs: Array.from(name).map((ch) => ({ ch, ...draw(ch) })), tofu: draw(String.fromCodePoint(0x10fffd)) };
  });
}

test('the volunteer card shows her facts and a live QR, in real glyphs; the leader checks her in by it', async () => {
  const volunteer = await newPhone(h);
  const leader = await newPhone(h);
  const V = volunteer.page;
  const L = leader.page;
  try {
    // She signed up for tomorrow morning's patrol, and it is now 20 minutes before the start.
    const day = tomorrow(h.now());
    const created = await api<ActivitiesResults['create']>(h.server.url, 'demo-v01', 'activities', 'create', {
      teamId: 't_patrol',
      title: '晨间护河巡查',
      category: 'community',
      place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
      date: day.date,
      startTime: '09:00',
      endTime: '11:00',
      capacity: 10,
    });
    const activityId = created.activities[0]!.id;
    await api(h.server.url, 'demo-v04', 'activities', 'signup', { activityId });
    h.setNow(day.at('08:40'));

    // 刘芳 opens her card from 我的.
    await signIn(V, h.server.url, '刘芳');
    await shown(V, '.weui-tabbar__label', '我的').click();
    await arrive(V, /#\/pages\/me\/index/, '我的资料');
    await shown(V, '.quick-link', '电子志愿者证').click();
    await arrive(V, /#\/packages\/card\/home\/index/, '电子志愿者证');
    await shown(V, '.vcard__name', '刘芳').waitFor();
    await expect(shown(V, '.vcard__line', '志愿者编号').locator('.vcard__v').textContent()).resolves.toMatch(/^310000-demo-\d{4}-\d{6}$/);
    // No identity document was collected yet: the card says so rather than showing anything.
    await shown(V, '.vcard__line', '未登记（申请志愿服务记录证明时填写）').waitFor();
    await expect(shown(V, '.vcard__line', '累计服务时长').locator('.vcard__v').textContent()).resolves.toMatch(/^(\d+小时)?(\d+分)?$/);
    await shown(V, '.vcard__line', '护河巡林志愿服务队').waitFor();
    await expect(shown(V, '.vcard__star').textContent()).resolves.toMatch(/未评星|[一二三四五]星志愿者/);
    // No photo upload yet: the first character of the name stands in.
    await expect(shown(V, '.vcard__initial').textContent()).resolves.toBe('刘');

    // The QR decodes to a card token.
    const token = await decodeCardQr(V);
    expect(token).toMatch(/^vc1\.[\w:-]+\.\d+\.[\w-]{22}$/);

    // Real Chinese glyphs: each character has ink, differs from the others and from a missing glyph.
    const { name, glyphs, tofu } = await glyphsOfName(V);
    expect(name).toBe('刘芳');
    for (const g of glyphs) {
      expect(g.ink).toBeGreaterThan(50);
      expect(g.bits).not.toBe(tofu.bits);
    }
    expect(glyphs[0]!.bits).not.toBe(glyphs[1]!.bits);
    await screenshot(V, 'card1-volunteer-card');

    // Elder mode: the same card, larger, within the 适老化 rules.
    await setElder(V, true);
    await open(V, h.server.url, '/packages/card/home/index', '.vcard__name');
    await shown(V, '.app-root.elder .vcard__name', '刘芳').waitFor();
    await expectElderFriendly(V);
    expect(await decodeCardQr(V)).toMatch(/^vc1\./);
    await screenshot(V, 'card2-volunteer-card-elder');

    // 王建国 enters the QR's text (H5 cannot scan), sees who it is and checks her in.
    const fresh = await decodeCardQr(V);
    await signIn(L, h.server.url, '王建国');
    await open(L, h.server.url, `/packages/leader/code/index?id=${activityId}`);
    await button(L, '扫志愿者证签到').click();
    await arrive(L, /#\/packages\/leader\/scan\/index/, '扫志愿者证');
    await input(L, 'vc1.…').fill('vc1.forged.1.AAAAAAAAAAAAAAAAAAAAAA');
    await button(L, '查询').click();
    await shown(L, '.notice--error', '这不是有效的志愿者证二维码').waitFor();
    await input(L, 'vc1.…').fill(fresh!);
    await button(L, '查询').click();
    await shown(L, '.scan-person', '刘芳').waitFor();
    await shown(L, '.scan-person .kv', '手机号').waitFor();
    await expect(shown(L, '.scan-person .kv', '手机号').locator('.kv__v').textContent()).resolves.toMatch(/^1\d{2}\*{4}\d{4}$/);
    await shown(L, '.scan-activity', '晨间护河巡查').waitFor();
    await screenshot(L, 'card3-leader-lookup');
    await button(L, '确认签到').click();
    await shown(L, '.notice--success', '刘芳已签到：晨间护河巡查').waitFor();
    await shown(L, '.scan-activity', '已签到').waitFor();
    await screenshot(L, 'card4-leader-checked-in');
    // The leader's page in elder mode, within the 适老化 rules too.
    await setElder(L, true);
    await open(L, h.server.url, '/packages/leader/scan/index');
    await shown(L, '.app-root.elder .greeting', '扫志愿者证').waitFor();
    await expectElderFriendly(L);
    await screenshot(L, 'card5-leader-scan-elder');

    const roster = await api<ActivitiesResults['roster']>(h.server.url, 'demo-v01', 'activities', 'roster', { activityId });
    expect(roster.signed.find((e) => e.name === '刘芳')).toMatchObject({ attendance: 'in', checkInBy: 'card' });
    expect(volunteer.errors).toEqual([]);
    expect(leader.errors).toEqual([]);
  } finally {
    await volunteer.close();
    await leader.close();
  }
}, 240_000);
