/** Helpers shared by the activity and time-bank browser tests. */
import type { Locator, Page } from 'playwright-core';
import { localParts, localToUtc, addDays } from '../../cloudfunctions/core/domain/schedule';
import { elderReport, shown } from './support';

/**
 * Signs in through the dev login as the demo person called `name` and waits for their home: the
 * tab home, or the senior home where a senior (or a proxy for one senior) lands.
 */
export async function signIn(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/#\/pages\/login\/index/);
  await shown(page, 'taro-button-core', `以${name}身份进入`).click();
  await page.waitForURL(/#\/(pages\/index|packages\/senior\/home)\/index/);
  await shown(page, '.greeting, .acting__text').waitFor();
  // A senior's tab home hands over to the senior home at once: let that happen before going on.
  await page.waitForTimeout(800);
  if (/#\/pages\/index\/index/.test(page.url())) await shown(page, '.greeting', `${name}，您好`).waitFor();
  // The senior home: greeted by name, or (a proxy acting for the senior) the 您正在代…操作 banner.
  else await shown(page, '.greeting, .acting__text').waitFor();
}

/** Enters through the dev login as a brand-new WeChat user, who lands on 实名注册. */
export async function enterAsNewUser(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/#\/pages\/login\/index/);
  await shown(page, 'taro-button-core', '以新微信用户身份进入').click();
  await page.waitForURL(/#\/pages\/register\/index/);
}

/**
 * Waits until the app shows `route` with the greeting `heading`, and its slide-in is over (the
 * page underneath stays visible while the new one slides in, with look-alike elements).
 */
export async function arrive(page: Page, route: RegExp, heading: string | RegExp): Promise<void> {
  await page.waitForURL(route);
  await shown(page, '.greeting', heading).waitFor();
  await page.waitForTimeout(600);
}

/** Opens an app route directly (hash router), e.g. '/packages/timebank/home/index'. */
export async function open(page: Page, baseUrl: string, route: string, waitFor = '.greeting'): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`);
  await shown(page, waitFor).waitFor();
}

/** The visible button (taro-button-core) whose whole text is `text`. */
export function button(page: Page | Locator, text: string): Locator {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator('taro-button-core').filter({ hasText: exact }).filter({ visible: true }).first();
}

/** The visible native <textarea> with this placeholder. */
export function textarea(page: Page, placeholder: string): Locator {
  return page.locator(`taro-textarea-core textarea[placeholder="${placeholder}"]`).filter({ visible: true }).first();
}

/** Calls the local HTTP API as a demo person (dev login), for setup and checks. */
export async function api<T = unknown>(baseUrl: string, openid: string, fn: string, action: string, data: object = {}): Promise<T> {
  const login = await fetch(`${baseUrl}/api/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'devLogin', data: { openid } }),
  });
  const { data: session } = (await login.json()) as { data: { token: string } };
  const res = await fetch(`${baseUrl}/api/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ action, data, requestId: `test-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` }),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${fn}.${action} as ${openid}: ${body.error?.message}`);
  return body.data;
}

/** Tomorrow's date in Shanghai, and instants on it. */
export function tomorrow(now: Date = new Date()): { date: string; at: (time: string) => Date } {
  const date = addDays(localParts(now).date, 1);
  return { date, at: (time: string) => localToUtc(date, time) };
}

/** The next Saturday after today in Shanghai (the activity form's default date), and instants on it. */
export function nextSaturday(now: Date = new Date()): { date: string; at: (time: string) => Date } {
  const today = localParts(now).date;
  const weekday = localParts(`${today}T04:00:00.000Z`).weekday;
  const date = addDays(today, (6 - weekday + 7) % 7 || 7);
  return { date, at: (time: string) => localToUtc(date, time) };
}

/** Asserts the 适老化 rules on the visible page (elder mode). */
export async function expectElderFriendly(page: Page): Promise<void> {
  const report = await elderReport(page);
  expect(report.smallTargets).toEqual([]);
  // 18 pt main text on a 375 pt phone; this viewport is 390 wide, so 18 pt >= 18 CSS px.
  expect(report.minFontPx).toBeGreaterThanOrEqual(18);
  expect(report.minLineHeight).toBeGreaterThanOrEqual(1.3);
}

/** Switches the signed-in person's elder mode on their profile (as the 长辈模式 switch does) and reloads. */
export async function setElder(page: Page, on: boolean): Promise<void> {
  const result = await page.evaluate(async (elderMode) => {
    const raw = localStorage.getItem('session.token') ?? '';
    let token = raw;
    try {
      const parsed = JSON.parse(raw) as { data?: string };
      token = parsed.data ?? raw;
    } catch {
      // stored as a plain string
    }
    const res = await fetch('/api/account', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'updateProfile', data: { elderMode }, requestId: `elder-${Date.now()}-${Math.random().toString(36).slice(2)}` }),
    });
    return (await res.json()) as { ok: boolean };
  }, on);
  expect(result.ok).toBe(true);
  await page.reload();
  await page.waitForFunction((want) => {
    const root = document.elementFromPoint(window.innerWidth / 2, 40)?.closest('.app-root');
    return !!root && root.classList.contains('elder') === want;
  }, on);
}
