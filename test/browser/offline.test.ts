/**
 * The network goes away between two pages (H5): the next page's code cannot be fetched. The old page
 * stayed on screen with nothing said while the address had moved on; now a banner says the page did
 * not open, and a tap once the network is back opens it.
 */
import { newPhone, shown, startHarness, type Harness } from './support';
import { signIn } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('a page that cannot be fetched says so; with the network back it opens', async () => {
  const phone = await newPhone(h);
  const page = phone.page;
  try {
    await signIn(page, h.server.url, '刘芳');
    // Every script and stylesheet not yet loaded now fails, as with the server away.
    await page.route(/\.(js|css)(\?.*)?$/, (route) => route.abort('internetdisconnected'));
    await page.evaluate(() => {
      window.location.hash = '#/packages/timebank/home/index';
    });
    await shown(page, '.page-load-failed', '网络连不上，页面没有打开').waitFor({ timeout: 15_000 });

    await page.unroute(/\.(js|css)(\?.*)?$/);
    await page.goto(`${h.server.url}/#/packages/timebank/home/index`);
    await page.reload();
    await shown(page, '.greeting, .section__title').waitFor();
    expect(await page.locator('.page-load-failed').count()).toBe(0);
  } finally {
    await phone.close();
  }
});
