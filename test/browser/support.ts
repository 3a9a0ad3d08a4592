/**
 * Helpers of the browser tests: an up-to-date H5 build, the real local server on a free port
 * with a fresh data folder, Chromium, and page helpers that understand Taro's H5 DOM
 * (components are custom elements such as taro-button-core; earlier pages stay in the DOM, hidden).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../server/serve';

export const ROOT = path.resolve(__dirname, '..', '..');
export const STATIC_DIR = path.join(ROOT, 'build', 'h5');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** Debian's chromium, headless, with the flags this machine needs; test-results/ made ready for screenshots. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return browser;
}

/** A phone-sized viewport (iPhone 12-ish), where 750 design px = 390 CSS px. */
export const VIEWPORT = { width: 390, height: 844 };

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the H5 app unless build/h5 is newer than every source file it comes from. */
export function ensureH5Build(): void {
  const index = path.join(STATIC_DIR, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'config')));
  if (built > sources) return;
  // Jest sets NODE_ENV=test, which Taro would treat as a dev build (react-refresh): build for production.
  const build = spawnSync('npm', ['run', 'build:h5'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`npm run build:h5 failed:\n${(build.stdout + build.stderr).slice(-4000)}`);
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  stop(): Promise<void>;
}

/** `options` go to the server, e.g. `{ seedDemo: false }` for a street as a fresh deployment has it. */
export async function startHarness(options: ServerOptions = {}): Promise<Harness> {
  ensureH5Build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'street-browser-'));
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR, logLevel: 'warn', ...options });
  const browser = await launchChromium();
  return {
    server,
    browser,
    dataDir,
    async stop() {
      await browser.close();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh phone (own storage, so no session) with page errors collected. */
export async function newPhone(h: Harness): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await h.browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, locale: 'zh-CN' });
  // Anything the server's Content-Security-Policy blocks (server/security-headers.ts) is a page error too.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.text().startsWith('CSP violation:')) errors.push(m.text());
  });
  return { page, errors, close: () => context.close() };
}

/** The visible element of `selector` (containing `text`): Taro keeps hidden earlier pages in the DOM. */
export function shown(page: Page, selector: string, text?: string | RegExp): Locator {
  const base = page.locator(selector, text === undefined ? undefined : { hasText: text });
  return base.filter({ visible: true }).first();
}

/** The visible native <input> with this placeholder (inside taro-input-core). */
export function input(page: Page, placeholder: string): Locator {
  return page.locator(`taro-input-core input[placeholder="${placeholder}"]`).filter({ visible: true }).first();
}

/** Lets a page transition (Taro H5 slides new pages in) finish. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(500);
}

/** Full-length screenshot of the current page into test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settle(page);
  const height = await page.evaluate(() => {
    // Earlier pages (tab pages especially) stay rendered underneath: take the page on top.
    const root = document.elementFromPoint(window.innerWidth / 2, 40)?.closest('.app-root');
    return root ? root.getBoundingClientRect().height : 0;
  });
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, Math.ceil(height) + 60) });
  await page.waitForTimeout(200);
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  await page.setViewportSize(VIEWPORT);
  return file;
}

export interface ElderReport {
  /** Smallest computed font size (CSS px) of visible text inside the page. */
  minFontPx: number;
  /** Smallest line-height / font-size ratio of visible text blocks. */
  minLineHeight: number;
  /** Tap targets smaller than 60 x 60 CSS px: their text. */
  smallTargets: string[];
}

/** Measures the elder-mode rules on the visible page. */
export async function elderReport(page: Page): Promise<ElderReport> {
  await settle(page);
  return page.evaluate(() => {
    // Earlier pages (tab pages especially) stay rendered underneath: take the page on top.
    const root = document.elementFromPoint(window.innerWidth / 2, 40)?.closest('.app-root');
    if (!root) throw new Error('no visible .app-root');
    let minFontPx = Infinity;
    let minLineHeight = Infinity;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      minFontPx = Math.min(minFontPx, size);
      const lh = style.lineHeight === 'normal' ? 1.2 * size : parseFloat(style.lineHeight);
      // Only text that can wrap matters for line spacing; single-line labels are exempt.
      // Rounded to hundredths: line-height 1.3 computes to 1.2999… in px.
      if (el.getBoundingClientRect().height > lh * 1.5) minLineHeight = Math.min(minLineHeight, Math.round((lh / size) * 100) / 100);
    }
    const targets = root.querySelectorAll('taro-button-core, .choice, .role-card, .elder-toggle__row, .nut-checkbox, .tappable');
    const smallTargets: string[] = [];
    Array.from(targets).forEach((t) => {
      const r = t.getBoundingClientRect();
      if ((t as HTMLElement).offsetParent !== null && (r.width < 60 || r.height < 60)) {
        smallTargets.push(`${(t.textContent ?? '').trim()} (${Math.round(r.width)}x${Math.round(r.height)})`);
      }
    });
    return { minFontPx, minLineHeight: minLineHeight === Infinity ? 2 : minLineHeight, smallTargets };
  });
}
