/**
 * The H5 build under the local host's security headers (server/security-headers.ts): the app loads,
 * Taro's inline sizing script runs (allowed by its hash), and no page blocks anything under the
 * Content-Security-Policy. newPhone (support.ts) turns every CSP violation into a page error, so
 * every browser test guards the policy; this one checks the headers themselves and a few pages.
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
