/**
 * A senior with no phone on record, as her 老伙伴 (何玉兰) sees her in the H5 build against the real
 * server: the list says to visit instead of offering 打电话, her card has no 查看电话, and 记录联系
 * starts at 上门看望 (the partner may still pick 打电话). Screenshots: test-results/np-*.png.
 */
import type { SeniorView } from '../../cloudfunctions/core/api';
import { api, button, open, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seedPartners: false });
  const url = h.server.url;
  const partner = (await api<{ profile: { id: string } }>(url, 'demo-v18', 'account', 'me', {})).profile.id;
  await api(url, 'demo-admin', 'partners', 'setProgramme', { teamId: 't_partners' });
  // 何玉兰 is a member of the 老伙伴 team in the demo street already.
  await api(url, 'demo-v18', 'partners', 'join', {
    estate: '滨江苑',
    building: '2 号楼',
    location: { latitude: 31.2375, longitude: 121.491 },
    gender: 'female',
    dialects: [],
    availability: ['weekdayMorning'],
  });
  const ni = await api<SeniorView>(url, 'demo-social', 'seniors', 'register', {
    name: '倪阿娣',
    birthYear: 1938,
    committeeId: 'c_xinyuanwan',
    address: '新圆湾花园 3 号楼 101 室',
    location: { latitude: 31.2361, longitude: 121.4897 },
    livingAlone: true,
    specialDifficulty: false,
    emergencyContacts: [{ name: '倪建', relation: '儿子', phone: '13988886666' }],
    consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
  });
  await api(url, 'demo-social', 'partners', 'confirm', { pairs: [{ seniorId: ni.id, volunteerId: partner }], replace: false });
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('her partner is sent to her door, not to a phone she does not have', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '何玉兰');
    await open(page, h.server.url, '/packages/partner/mine/index', '.pt-no-phone');
    await shown(page, '.pt-no-phone', '老人没有登记电话：请上门看望；有事请联系居委社工。').waitFor();
    expect(await page.locator('taro-button-core', { hasText: '打电话' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'np-mine');
    await button(page, '记录联系').click();
    await page.waitForURL(/#\/packages\/partner\/log\/index/);
    await shown(page, '.choice--on', '上门看望').waitFor();
    await screenshot(page, 'np-log');
    await setElder(page, true);
    await shown(page, '.choice--on', '上门看望').waitFor();
    await screenshot(page, 'np-log-elder');
    await setElder(page, false);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
