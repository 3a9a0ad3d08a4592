/**
 * A volunteer is not offered a home visit at hours they are already booked for, in the H5 build
 * against the real seeded server: 刘芳 signed up for the patrol (the demo seed); 沈小妹 asks for
 * help for her mother at the same hours. Her list of open requests says the clash on the card, in
 * words; the request itself says it and offers no 接单 button; another volunteer, free then, is
 * offered it. Elder mode, screenshots hc-*.png.
 */
import type { ActivitiesResults, HelpRequestView } from '../../cloudfunctions/core/api';
import { localParts } from '../../cloudfunctions/core/domain/schedule';
import { api, button, expectElderFriendly, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;
let request: HelpRequestView;
let patrolTitle: string;

beforeAll(async () => {
  h = await startHarness();
  const mine = await api<ActivitiesResults['mine']>(h.server.url, 'demo-v04', 'activities', 'mine', { scope: 'upcoming', limit: 5 });
  const patrol = mine.items.find((a) => a.my?.state === 'signed');
  if (!patrol) throw new Error('the seed signed demo-v04 up for no upcoming activity');
  patrolTitle = patrol.title;
  const start = localParts(patrol.startAt);
  const end = localParts(patrol.endAt);
  const seniorId = (await api<{ profile: { id: string } }>(h.server.url, 'demo-s01', 'account', 'me')).profile.id;
  request = await api<HelpRequestView>(h.server.url, 'demo-f01', 'help', 'create', {
    seniorId,
    category: 'emotional',
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    minutes: 60,
    funding: 'credits',
  });
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('the booked volunteer sees why she cannot take the visit; a free one is offered it', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '刘芳');
    await setElder(page, true);
    await page.goto(`${h.server.url}/#/packages/help/open/index`);
    const card = shown(page, '.help-card', request.timeText);
    await card.waitFor();
    await shown(page, '.help-card__clash', `您已报名的“${patrolTitle}”`).waitFor();
    await expectElderFriendly(page);
    await screenshot(page, 'hc-open-list-elder');

    await card.click();
    await page.waitForURL(/#\/packages\/help\/request\/index/);
    await shown(page, '.notice--warning', '不能再接这个求助').waitFor();
    expect(
      await page
        .locator('taro-button-core')
        .filter({ hasText: /我来帮忙/ })
        .filter({ visible: true })
        .count(),
    ).toBe(0);
    await screenshot(page, 'hc-request-elder');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }

  // 周国平 is free at those hours: the same request offers him 我来帮忙（接单）.
  const free = await newPhone(h);
  try {
    await signIn(free.page, h.server.url, '周国平');
    await free.page.goto(`${h.server.url}/#/packages/help/request/index?id=${encodeURIComponent(request.id)}`);
    await button(free.page, '我来帮忙（接单）').waitFor();
    expect(await free.page.locator('.notice--warning').filter({ visible: true }).count()).toBe(0);
  } finally {
    await free.close();
  }
});

test('a visit overlapping her activity by half an hour is offered, with the overlap said before and after she takes it, and after a reload', async () => {
  const mine = await api<ActivitiesResults['mine']>(h.server.url, 'demo-v04', 'activities', 'mine', { scope: 'upcoming', limit: 5 });
  const patrol = mine.items.find((a) => a.my?.state === 'signed')!;
  // From half an hour before the patrol ends, for two hours.
  const from = localParts(new Date(Date.parse(patrol.endAt) - 30 * 60_000).toISOString());
  const to = localParts(new Date(Date.parse(patrol.endAt) + 90 * 60_000).toISOString());
  const seniorId = (await api<{ profile: { id: string } }>(h.server.url, 'demo-s01', 'account', 'me')).profile.id;
  const near = await api<HelpRequestView>(h.server.url, 'demo-f01', 'help', 'create', {
    seniorId,
    category: 'daily',
    date: from.date,
    startTime: from.time,
    endTime: to.time,
    minutes: 60,
    funding: 'credits',
  });
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '刘芳');
    await setElder(page, true);
    await page.goto(`${h.server.url}/#/packages/help/request/index?id=${encodeURIComponent(near.id)}`);
    await shown(page, '.notice--warning', '时间重叠 30 分钟').waitFor();
    await button(page, '我来帮忙（接单）').click();
    await page.locator('taro-button-core').filter({ hasText: '确认接单' }).filter({ visible: true }).first().click();
    await shown(page, '.notice--success', '已接单').waitFor();
    // Taken, and the overlap is still said beside it.
    await shown(page, '.notice--warning', `“${patrol.title}”`).waitFor();
    await expectElderFriendly(page);
    await screenshot(page, 'hc-overlap-taken-elder');
    // Opened again later, the accepted visit still says it.
    await page.reload();
    await shown(page, '.notice--warning', `“${patrol.title}”`).waitFor();
    await shown(page, '.notice--warning', '时间重叠 30 分钟').waitFor();
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
