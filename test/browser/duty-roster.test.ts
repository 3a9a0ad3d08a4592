/**
 * 街道值班表 in the H5 build against the real server (the demo street: 周敏 08:00–20:00 and the admin
 * 20:00–08:00, every day): the admin reads that every minute is covered; removes the night shift and
 * reads the nights nobody would be on duty, before saving; a second shift for 周敏 at hours she
 * already holds is refused on the spot; one for 居委社工小郑 is added and the roster saved. Leaving
 * the tab with changes unsaved asks first (beforeunload); once saved it does not.
 * Screenshots go to test-results/ (dr-*.png).
 */
import type { AlertsResults } from '../../cloudfunctions/core/api';
import { api, button, open, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('the admin sees the hours nobody is on duty, and cannot give one person the same hours twice', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '街道管理员');
    await open(page, h.server.url, '/packages/admin/duty/index', '.duty-shift');
    await shown(page, '.text', '一周每一分钟都有人值班。').waitFor();

    // Without the night shift, every night is a gap, shown before anything is saved.
    await shown(page, '.duty-shift', '20:00–08:00（到次日）').locator('taro-button-core', { hasText: '删除' }).click();
    await shown(page, '.notice', '值班表有改动还没有保存。').waitFor();
    const gaps = page.locator('.duty-gap').filter({ visible: true });
    await gaps.first().waitFor();
    expect(await gaps.allInnerTexts()).toEqual([
      '周一 20:00 到 周二 08:00',
      '周二 20:00 到 周三 08:00',
      '周三 20:00 到 周四 08:00',
      '周四 20:00 到 周五 08:00',
      '周五 20:00 到 周六 08:00',
      '周六 20:00 到 周日 08:00',
      '周日 20:00 到 周一 08:00',
    ]);
    await shown(page, '.field__hint', '直接通知街道管理员').waitFor();

    // Closing the tab now asks first; staying keeps the unsaved list.
    // (A page closed without asking settles it as 'closed', and the test fails at once.)
    const asked = await new Promise<string>((resolve) => {
      page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type())));
      page.once('close', () => resolve('closed'));
      void page.close({ runBeforeUnload: true });
    });
    expect(asked).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    await shown(page, '.notice', '值班表有改动还没有保存。').waitFor();

    // 周敏 already holds 08:00–20:00 every day: 08:30–17:30 on Monday is refused before it joins the list.
    await shown(page, '.choice', '街道值班周敏').click();
    await shown(page, '.nut-checkbox', '周一').click();
    await button(page, '加入值班表').click();
    await shown(page, '.field__error', '街道值班周敏在这些时间已经有一班了').waitFor();
    expect(await page.locator('.duty-shift').filter({ visible: true }).count()).toBe(1);
    await screenshot(page, 'dr-overlap');

    // 居委社工小郑 at the same hours is more cover, not a slip.
    await shown(page, '.choice', '居委社工小郑').click();
    await button(page, '加入值班表').click();
    await shown(page, '.duty-shift', '居委社工小郑').waitFor();
    await button(page, '保存值班表').click();
    await shown(page, '.notice', '值班表已保存。').waitFor();
    const saved = await api<AlertsResults['roster']>(h.server.url, 'demo-admin', 'alerts', 'roster', {});
    expect(saved.shifts.map((s) => [s.name, s.weekdays.join(''), s.from, s.to])).toEqual([
      ['街道值班周敏', '1234567', '08:00', '20:00'],
      ['居委社工小郑', '1', '08:30', '17:30'],
    ]);
    await screenshot(page, 'dr-saved');
    await setElder(page, true);
    await shown(page, '.duty-gap').waitFor();
    await screenshot(page, 'dr-saved-elder');
    await setElder(page, false);
    expect(errors).toEqual([]);

    // Saved: the tab closes without a question.
    const questions: string[] = [];
    page.on('dialog', (d) => {
      questions.push(d.type());
      void d.dismiss();
    });
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(questions).toEqual([]);
  } finally {
    await close();
  }
});
