/**
 * The senior's separate consent for her 老伙伴 to record how her health is (seniors.setHealthConsent),
 * in the H5 build against the real local server with the demo street and its 老伙伴
 * (server/seed-partners.ts). The seed's own consent state is not relied on: each test sets it first.
 *  (a) a paired senior without the consent: her partner, in elder mode, finds no 身体情况 field on
 *      记录联系 and a notice not to write illness or medication in the note; the social worker records
 *      her consent on 老人档案 (normal mode); the partner's form now has the field and he logs a
 *      contact with a health note; the card marks that contact 记有身体情况 and 查看身体情况记录 shows
 *      the note (the page says the viewing is recorded); the social worker withdraws it (a second
 *      step says the notes are deleted for good) and the page says how many were deleted — the
 *      server's count; the card then has no marker and no way to look;
 *  (b) the senior herself (elder mode) reaches 身体情况记录 from her home and withdraws; when the
 *      server ran out of time (its answer rewritten in the browser to leave notes undeleted) the
 *      page says how many are left and offers the same withdrawal again, never that all are gone;
 *  (c) at the desk, 登记老人 asks for the health consent apart and unticked; ticked, the new record
 *      shows it recorded by the social worker.
 * Screenshots hcon-*.png.
 */
import type { Page } from 'playwright-core';
import type { PartnersResults, SeniorDetail, SeniorsResults } from '../../cloudfunctions/core/api';
import { api, arrive, button, expectElderFriendly, open, signIn, textarea } from './helpers';
import { input, newPhone, screenshot, shown, startHarness, type Harness } from './support';

const PARTNER_OPENIDS = ['demo-v05', 'demo-v09', 'demo-v18', 'demo-v10', 'demo-v06'];
const HEALTH_PLACEHOLDER = '例如 说腿有点疼，降压药快吃完了';
const HEALTH_TEXT = '说膝盖疼了两天，血压药按时在吃';

let h: Harness;
/** A paired senior of demo-social's 居委s and her partner (openid and name). */
let pair: { seniorId: string; seniorName: string; openid: string; volunteerName: string };

const meId = async (openid: string) => (await api<{ profile: { id: string } }>(h.server.url, openid, 'account', 'me')).profile.id;
const setConsent = (openid: string, seniorId: string, granted: boolean) =>
  api<SeniorsResults['setHealthConsent']>(h.server.url, openid, 'seniors', 'setHealthConsent', { seniorId, granted });

/** Counts the visible elements of `selector` (containing `text`). */
const visible = (page: Page, selector: string, text?: string | RegExp) =>
  page
    .locator(selector, text === undefined ? undefined : { hasText: text })
    .filter({ visible: true })
    .count();

/** The next answer of seniors.setHealthConsent, as the page receives it. */
const consentAnswer = (page: Page) =>
  page
    .waitForResponse((r) => r.url().endsWith('/api/seniors') && (r.request().postDataJSON() as { action?: string } | null)?.action === 'setHealthConsent')
    .then(async (r) => (await r.json()) as { ok: boolean; data: SeniorsResults['setHealthConsent'] });

beforeAll(async () => {
  h = await startHarness({ seedPartners: true, schedulerIntervalMs: 0 });
  const byId = new Map<string, string>();
  for (const openid of PARTNER_OPENIDS) byId.set(await meId(openid), openid);
  const pairs = await api<PartnersResults['pairs']>(h.server.url, 'demo-social', 'partners', 'pairs', { state: 'active', limit: 100 });
  const found = pairs.items.find((p) => byId.has(p.volunteerId));
  if (!found) throw new Error('the seed paired no senior of demo-social with a partner volunteer');
  pair = { seniorId: found.seniorId, seniorName: found.seniorName, openid: byId.get(found.volunteerId)!, volunteerName: found.volunteerName };
  // Whatever the seed gave her: no consent (its notes, if any, go with it).
  await setConsent('demo-social', pair.seniorId, false);
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('(a) no field without her consent; recorded by the social worker, the partner writes it down, the card shows it, withdrawing deletes it', async () => {
  const { seniorId, seniorName } = pair;
  const logRoute = `/packages/partner/log/index?seniorId=${encodeURIComponent(seniorId)}&name=${encodeURIComponent(seniorName)}`;
  const cardRoute = `/packages/partner/card/index?seniorId=${encodeURIComponent(seniorId)}`;
  await api(h.server.url, pair.openid, 'account', 'updateProfile', { elderMode: true });
  const partner = await newPhone(h);
  const social = await newPhone(h);
  try {
    // The partner, in elder mode: no 身体情况 field, and a notice what not to write in the note.
    const vol = partner.page;
    await signIn(vol, h.server.url, pair.volunteerName);
    await open(vol, h.server.url, logRoute);
    await vol.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    await shown(vol, '.notice--info', '老人没有同意记录身体情况').waitFor();
    await shown(vol, '.notice--info', '请不要在备注里写病情、吃什么药；有让您担心的情况，请告诉居委社工').waitFor();
    expect(await visible(vol, '.field__label', /^身体情况$/)).toBe(0);
    expect(await visible(vol, `taro-textarea-core textarea[placeholder="${HEALTH_PLACEHOLDER}"]`)).toBe(0);
    await expectElderFriendly(vol);
    await screenshot(vol, 'hcon-a1-log-no-consent-elder');

    // The social worker records her consent on 老人档案 (normal mode).
    const sw = social.page;
    await signIn(sw, h.server.url, '居委社工小郑');
    await open(sw, h.server.url, `/packages/social/senior/index?id=${encodeURIComponent(seniorId)}`, '.senior-record');
    const card = shown(sw, '.health-consent');
    await card.scrollIntoViewIfNeeded();
    await shown(sw, '.health-consent__state', '老人不同意老伙伴记录身体情况').waitFor();
    await shown(sw, '.health-consent__what', '只有老人的老伙伴和居委社工能打开看，每次打开都会被记录').waitFor();
    await screenshot(sw, 'hcon-a2-record-not-agreed');
    await button(card, '老人同意了，登记同意').click();
    await shown(sw, '.health-consent .notice--success', '已登记同意。').waitFor();
    await shown(sw, '.health-consent__state', '老人同意老伙伴记录身体情况（社工登记').waitFor();
    // The photo consent next to it is untouched.
    await shown(sw, '.photo-consent').waitFor();
    await screenshot(sw, 'hcon-a3-record-agreed');

    // The partner's form now has the field; he logs a contact with a health note.
    await vol.reload();
    await shown(vol, '.greeting', `记录联系：${seniorName}`).waitFor();
    const field = textarea(vol, HEALTH_PLACEHOLDER);
    await field.waitFor();
    await shown(vol, '.field__label', /^身体情况$/).waitFor();
    expect(await visible(vol, '.notice--info', '老人没有同意记录身体情况')).toBe(0);
    await shown(vol, '.pt-choice', '老人一切都好').click();
    await field.fill(HEALTH_TEXT);
    await expectElderFriendly(vol);
    await screenshot(vol, 'hcon-a4-log-with-health-elder');
    await button(vol, '保存这次联系').click();
    await shown(vol, '.notice--success', '已记录').waitFor();
    await shown(vol, '.card', '身体情况已记下').waitFor();
    await screenshot(vol, 'hcon-a5-logged-elder');

    // The card: the contact marked, the note only on 查看, the viewing recorded.
    await open(vol, h.server.url, cardRoute);
    await shown(vol, '.pt-contact', '记有身体情况').waitFor();
    expect(await visible(vol, '.pt-contact .tag', '记有身体情况')).toBe(1);
    expect(await visible(vol, '.pt-health__text')).toBe(0);
    await shown(vol, '.pt-health__about', '每次查看都会由系统记录').waitFor();
    await button(vol, '查看身体情况记录').click();
    const note = shown(vol, '.pt-health__note', HEALTH_TEXT);
    await note.waitFor();
    await expect(note.locator('.line__sub').innerText()).resolves.toContain(pair.volunteerName);
    await shown(vol, '.pt-health__about', '这次查看已由系统记录').waitFor();
    expect(await visible(vol, 'taro-button-core', '查看身体情况记录')).toBe(0);
    await note.scrollIntoViewIfNeeded();
    await expectElderFriendly(vol);
    await screenshot(vol, 'hcon-a6-card-notes-elder');

    // The social worker withdraws: a second step says what goes, then the server's count.
    await sw.reload();
    await shown(sw, '.senior-record').waitFor();
    const again = shown(sw, '.health-consent');
    await button(again, '老人不同意了，撤回同意').click();
    await shown(sw, '.health-consent .confirm', '已经记下的这位老人的身体情况会全部删除，不能恢复').waitFor();
    await screenshot(sw, 'hcon-a7-withdraw-confirm');
    const answered = consentAnswer(sw);
    await button(again, '确认撤回').click();
    const res = await answered;
    expect(res.ok).toBe(true);
    expect(res.data.granted).toBe(false);
    expect(res.data.healthNotesLeft).toBe(0);
    expect(res.data.healthNotesDeleted).toBe(1);
    await shown(sw, '.health-consent .notice--success', `已撤回同意，删除了 ${res.data.healthNotesDeleted} 条身体情况记录。`).waitFor();
    await shown(sw, '.health-consent__state', '老人不同意老伙伴记录身体情况（').waitFor();
    await screenshot(sw, 'hcon-a8-withdrawn');

    // The card: nothing to mark, nothing to open.
    await vol.reload();
    await shown(vol, '.pt-health', '老人没有同意记录身体情况').waitFor();
    await shown(vol, '.pt-contact').waitFor();
    expect(await visible(vol, '.pt-contact .tag', '记有身体情况')).toBe(0);
    expect(await visible(vol, 'taro-button-core', '查看身体情况记录')).toBe(0);
    await screenshot(vol, 'hcon-a9-card-after-elder');
    expect(partner.errors).toEqual([]);
    expect(social.errors).toEqual([]);
  } finally {
    await partner.close();
    await social.close();
    await api(h.server.url, pair.openid, 'account', 'updateProfile', { elderMode: false });
  }
  // Through the API: the note is gone.
  const revealed = await api<PartnersResults['reveal']>(h.server.url, pair.openid, 'partners', 'reveal', { seniorId, field: 'health' });
  expect(revealed.healthNotes).toEqual([]);
});

test('(b) the senior withdraws herself; when time ran out the page says how many are left and offers the withdrawal again', async () => {
  const seniorId = await meId('demo-s01');
  await setConsent('demo-s01', seniorId, true);
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '沈阿婆');
    await page.waitForFunction(() => document.querySelector('.app-root.elder') !== null);
    const link = shown(page, '.senior-link--health', '身体情况记录');
    await link.scrollIntoViewIfNeeded();
    await expectElderFriendly(page);
    await screenshot(page, 'hcon-b1-home-elder');
    await link.click();
    await arrive(page, /#\/packages\/senior\/health\/index/, '身体情况记录');
    await shown(page, '.health-consent__state', '您同意老伙伴记录您的身体情况（本人登记').waitFor();
    await shown(page, '.health-consent__what', '只有您的老伙伴和居委社工能打开看').waitFor();
    await expectElderFriendly(page);
    await screenshot(page, 'hcon-b2-agreed-elder');

    // The first withdrawal is answered as one whose deleting was cut off (the withdrawal itself is real).
    let rewritten = false;
    await page.route('**/api/seniors', async (route) => {
      if (rewritten || (route.request().postDataJSON() as { action?: string } | null)?.action !== 'setHealthConsent') return route.continue();
      rewritten = true;
      const real = await route.fetch();
      const body = (await real.json()) as { ok: boolean; data?: SeniorsResults['setHealthConsent'] };
      if (body.ok && body.data) body.data = { ...body.data, healthNotesDeleted: 3, healthNotesLeft: 2 };
      await route.fulfill({ response: real, json: body });
    });
    await button(page, '我不同意了，撤回同意').click();
    await shown(page, '.confirm', '已经记下的您的身体情况会全部删除，不能恢复').waitFor();
    await expectElderFriendly(page);
    await screenshot(page, 'hcon-b3-confirm-elder');
    await button(page, '确认撤回').click();
    await shown(
      page,
      '.health-consent .notice--warning',
      '这次删除了 3 条身体情况记录。还有 2 条没有删完，系统会在几分钟内自动删完，也可以再点一次撤回。',
    ).waitFor();
    expect(await visible(page, '.health-consent .notice--success')).toBe(0);
    const more = button(page, '再点一次撤回');
    await more.waitFor();
    expect(await visible(page, 'taro-button-core', '我同意记录身体情况')).toBe(0);
    await expectElderFriendly(page);
    await screenshot(page, 'hcon-b4-left-elder');

    // The same withdrawal again, answered as the server answers.
    const answered = consentAnswer(page);
    await more.click();
    const res = await answered;
    expect(res.ok).toBe(true);
    expect(res.data.healthNotesLeft).toBe(0);
    const done = res.data.healthNotesDeleted ? `已撤回同意，删除了 ${res.data.healthNotesDeleted} 条身体情况记录。` : '已撤回同意。没有要删除的身体情况记录。';
    await shown(page, '.health-consent .notice--success', done).waitFor();
    await shown(page, '.health-consent__state', '您不同意老伙伴记录您的身体情况').waitFor();
    await button(page, '我同意记录身体情况').waitFor();
    await screenshot(page, 'hcon-b5-withdrawn-elder');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
  const detail = await api<SeniorDetail>(h.server.url, 'demo-social', 'seniors', 'detail', { seniorId });
  expect(detail.healthConsent).toMatchObject({ granted: false, via: 'senior' });
});

test('(c) at the desk the health consent is asked apart, unticked; ticked, the record shows it', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '居委社工小郑');
    await open(page, h.server.url, '/packages/social/register/index');
    await shown(page, '.choice', '新圆湾居委').click();
    await input(page, '请输入真实姓名').fill('钱桂英');
    await input(page, '例如 1940').fill('1941');
    await input(page, '小区、楼号、门牌').fill('新圆湾花园 8 号楼 301 室');
    await shown(page, '.choice', '新圆湾花园（新圆湾居委）').click();
    await shown(page, '.choice', /^独居$/).click();
    await shown(page, '.choice', /^不是特殊困难$/).click();
    await input(page, '联系人姓名').fill('钱建国');
    await input(page, '例如 女儿').fill('儿子');
    await input(page, '联系人的手机号或固定电话').fill('13912345678');
    for (const consent of ['已向老人读过说明', '老人单独同意', '老人同意把地址和电话']) await shown(page, '.nut-checkbox', consent).click();
    // Apart, optional, not ticked in advance.
    const optional = shown(page, '.consent-optional');
    await optional.scrollIntoViewIfNeeded();
    await shown(page, '.consent-optional', '记录身体情况（可选）').waitFor();
    const tick = shown(page, '.consent-optional .nut-checkbox', '老伙伴每次联系时可以记下老人的身体情况');
    expect(await tick.locator('.nut-checkbox-icon-checked').count()).toBe(0);
    await screenshot(page, 'hcon-c1-register-unticked');
    await tick.click();
    expect(await tick.locator('.nut-checkbox-icon-checked').count()).toBe(1);
    await button(page, '下一步').click();
    await shown(page, '.confirm__big', '登记 钱桂英').waitFor();
    await shown(page, '.confirm', '身体情况：老人同意老伙伴记录').waitFor();
    await screenshot(page, 'hcon-c2-register-confirm');
    await button(page, '确认登记').click();
    await shown(page, '.notice--success', '已登记 钱桂英').waitFor();
    await button(page, '查看档案').click();
    await arrive(page, /#\/packages\/social\/senior\/index/, '钱桂英');
    const card = shown(page, '.health-consent');
    await card.scrollIntoViewIfNeeded();
    await shown(page, '.health-consent__state', '老人同意老伙伴记录身体情况（社工登记').waitFor();
    await screenshot(page, 'hcon-c3-record');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
