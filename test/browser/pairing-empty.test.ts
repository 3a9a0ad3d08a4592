/**
 * A street with seniors living alone and no 老伙伴 yet (as on day one; the test server seeds no
 * partners): the pairing page says so and how to recruit one, instead of telling the social worker
 * that every senior is too far from a partner.
 */
import type { PartnersResults } from '../../cloudfunctions/core/api';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';
import { api, open, signIn } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('no partners yet: the pairing page asks to recruit, not blames distance', async () => {
  const suggest = await api<PartnersResults['suggest']>(h.server.url, 'demo-social', 'partners', 'suggest');
  expect(suggest.volunteers).toBe(0);
  expect(suggest.seniors).toBeGreaterThan(0);
  const phone = await newPhone(h);
  try {
    await signIn(phone.page, h.server.url, '居委社工小郑');
    await open(phone.page, h.server.url, '/packages/partner/pairing/index');
    await shown(phone.page, '.notice--info', '街道还没有老伙伴，所以还不能为老人结对').waitFor();
    expect(await phone.page.getByText('米内没有').count()).toBe(0);
    await screenshot(phone.page, 'pairing-no-partners');
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});
