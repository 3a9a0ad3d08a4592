/**
 * The H5 build under the local host's security headers (server/security-headers.ts): the app loads,
 * Taro's inline sizing script runs (allowed by its hash), and no page blocks anything under the
 * Content-Security-Policy. newPhone (support.ts) turns every CSP violation into a page error, so
 * every browser test guards the policy; this one checks the headers themselves and a few pages.
 * Also the host going away between two pages: the next page's code cannot be fetched, and the app
 * says so (it used to leave the old page on screen with nothing said while the address moved on).
 */
import { newPhone, shown, startHarness, type Harness } from './support';
import { open, signIn } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('the app loads under the CSP: the inline sizing script runs, and no page reports a violation', async () => {
  const index = await fetch(`${h.server.url}/`);
  expect(index.headers.get('x-content-type-options')).toBe('nosniff');
  expect(index.headers.get('x-frame-options')).toBe('DENY');
  expect(index.headers.get('referrer-policy')).toBe('no-referrer');
  const csp = index.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  // The build has an inline script, allowed by its hash only.
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);

  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '王建国');
    // Taro's rem script (the inline one) set the root font size before the app rendered.
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/px$/);
    for (const route of ['/packages/timebank/home/index', '/packages/leader/home/index', '/pages/activities/index', '/pages/me/index']) {
      await open(page, h.server.url, route);
    }
    await shown(page, '.greeting').waitFor();
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
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
