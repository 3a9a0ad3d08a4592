/**
 * Elder mode (长辈模式) at WeChat's 关怀模式 size, measured in CSS px on phones 360 and 390 px wide,
 * on every page a senior and a family proxy use: the senior's tab pages and own pages, the
 * alert pages, the time-bank pages; and the proxy's pages for her mother (?seniorId=) and her
 * own tab pages. In elder mode: the smallest visible text >= 23.8 px, the largest >= 30 px, wrapped
 * text line height >= 1.3, every clickable element >= 60 x 60 px, every text's contrast >= 4.5:1
 * (3:1 above 18 px) against the background it is drawn on, and no amount (the balance tile, the
 * time-bank figures) split over two lines. In normal mode: body text (the size
 * most characters are set in) >= 16 px, primary and large buttons >= 48 px high. Prints the
 * worst element of each page; screenshots of both modes (390 px) go to test-results/es-*.png.
 */
import type { Page } from 'playwright-core';
import { api, open, signIn } from './helpers';
import { newPhone, RESULTS_DIR, shown, startHarness, type Harness } from './support';
import path from 'node:path';

const WIDTHS = [360, 390] as const;
const ELDER = { minText: 23.8, maxText: 30, lineHeight: 1.3, tap: 60, contrast: 4.5, largeContrast: 3, largeText: 18 };
const NORMAL = { bodyText: 16, primaryButton: 48 };

let h: Harness;
let seniorId = '';
let requestId = '';
let alertId = '';

beforeAll(async () => {
  h = await startHarness();
  const url = h.server.url;
  const me = await api<{ profile: { id: string } }>(url, 'demo-s01', 'account', 'me');
  seniorId = me.profile.id;
  // 沈阿婆 presses 一键求助, so the alert pages have an open alert to show; her daughter asked for help (seed).
  const raised = await api<{ id: string }>(url, 'demo-s01', 'alerts', 'raise', {});
  alertId = raised.id;
  const requests = await api<{ items: Array<{ id: string }> }>(url, 'demo-s01', 'help', 'requests', { limit: 1 });
  requestId = requests.items[0]!.id;
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

interface Visit {
  name: string;
  route: () => string;
  /** What shows that the page is there (default its greeting). */
  waitFor?: string;
  /** Waits until the page's content (not only its heading) is there. */
  ready?: (page: Page) => Promise<void>;
}

interface Worst {
  text: string;
  value: number;
}

interface Measure {
  elder: boolean;
  minText: Worst;
  maxText: Worst;
  /** Size (px) carrying the most characters. */
  bodyText: number;
  minLineHeight: Worst;
  smallestTarget: Worst & { w: number; h: number };
  worstContrast: Worst & { need: number };
  contrastFailures: string[];
  smallTargets: string[];
  /** How many clickable elements were measured. */
  clickables: number;
  /** The lowest primary or large button (Infinity: none on the page). */
  lowestButton: Worst;
  /** Amounts (the balance tile, the time-bank figures) wrapped onto more than one line: "8小时30/分". */
  splitAmounts: string[];
}

/** Measures the page on top (Taro keeps earlier pages in the DOM underneath). */
async function measure(page: Page, rules: typeof ELDER): Promise<Measure> {
  return page.evaluate((rules) => {
    const root = document.elementFromPoint(window.innerWidth / 2, 40)?.closest('.app-root');
    if (!root) throw new Error('no visible .app-root');
    const label = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24) || `<${el.tagName.toLowerCase()} ${el.className}>`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };

    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    // Composites `top` over `bottom` (both straight alpha).
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const ch = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
      return [ch(0), ch(1), ch(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const contrast = (a: Rgba, b: Rgba) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };

    // A gradient (NutUI's primary button) counts as opaque, in its stop that contrasts least with `fg`.
    const gradient = (image: string): Rgba[] => (image.includes('gradient') ? (image.match(/rgba?\([^)]+\)/g) ?? []).map(parse) : []);
    // The background the element is drawn on: its own and its ancestors' backgrounds, down to the first opaque one.
    const background = (el: Element | null, fg: Rgba = [0, 0, 0, 1]): Rgba => {
      const layers: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        const stops = gradient(style.backgroundImage);
        if (stops.length) {
          layers.push(stops.sort((a, b) => contrast(fg, a) - contrast(fg, b))[0]!);
          break;
        }
        const bg = parse(style.backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    let minText = { text: '', value: Infinity };
    let maxText = { text: '', value: 0 };
    let minLineHeight = { text: '', value: Infinity };
    let worstContrast = { text: '', value: Infinity, need: rules.contrast };
    const contrastFailures: string[] = [];
    const chars = new Map<number, number>();
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!el || !text || !visible(el)) continue;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      chars.set(size, (chars.get(size) ?? 0) + text.length);
      if (seen.has(el)) continue;
      seen.add(el);
      if (size < minText.value) minText = { text: label(el), value: size };
      if (size > maxText.value) maxText = { text: label(el), value: size };
      const lh = style.lineHeight === 'normal' ? 1.2 * size : parseFloat(style.lineHeight);
      // Line spacing matters where text wraps; a single-line label (or a glyph in a badge) is exempt.
      const ratioLh = Math.round((lh / size) * 100) / 100;
      if (el.getBoundingClientRect().height > lh * 1.5 && ratioLh < minLineHeight.value) minLineHeight = { text: label(el), value: ratioLh };
      const color = parse(style.color);
      const bg = background(el, [color[0], color[1], color[2], 1]);
      const ratio = contrast(over(color, bg), bg);
      const need = size > rules.largeText ? rules.largeContrast : rules.contrast;
      if (ratio / need < worstContrast.value / worstContrast.need) worstContrast = { text: label(el), value: ratio, need };
      if (ratio < need) contrastFailures.push(`${label(el)} ${ratio.toFixed(2)}:1`);
    }
    // What people type is text too.
    for (const field of Array.from(root.querySelectorAll('input, textarea'))) {
      if (!visible(field)) continue;
      const size = parseFloat(getComputedStyle(field).fontSize);
      if (size < minText.value) minText = { text: `<${field.tagName.toLowerCase()}>`, value: size };
    }

    // Clickable: form controls, links, and whatever has a click handler (Taro's H5 components keep
    // their listeners in the element's own `__events`; React's in its props).
    const clickable = (el: Element) => {
      if (el.matches('taro-button-core, taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core, taro-radio-core, taro-picker-core, a[href]'))
        return true;
      const own = el as unknown as Record<string, unknown>;
      const events = own.__events as Record<string, unknown> | undefined;
      if (events && ['click', 'tap'].some((k) => (Array.isArray(events[k]) ? (events[k] as unknown[]).length > 0 : !!events[k]))) return true;
      const propsKey = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
      const props = propsKey ? (own[propsKey] as Record<string, unknown>) : undefined;
      return !!props && (typeof props.onClick === 'function' || typeof props.onTap === 'function');
    };
    let smallestTarget = { text: '', value: Infinity, w: 0, h: 0 };
    const smallTargets: string[] = [];
    let clickables = 0;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (!clickable(el) || !visible(el)) continue;
      clickables += 1;
      const r = el.getBoundingClientRect();
      const side = Math.min(r.width, r.height);
      if (side < smallestTarget.value) smallestTarget = { text: label(el), value: side, w: Math.round(r.width), h: Math.round(r.height) };
      if (r.width < rules.tap || r.height < rules.tap) smallTargets.push(`${label(el)} (${Math.round(r.width)}x${Math.round(r.height)})`);
    }

    // Primary and large buttons: how high the lowest one is.
    let lowestButton = { text: '', value: Infinity };
    for (const b of Array.from(root.querySelectorAll('.nut-button-primary, .nut-button-danger, .nut-button-large, .nut-button-xlarge'))) {
      if (!visible(b)) continue;
      const height = b.getBoundingClientRect().height;
      if (height < lowestButton.value) lowestButton = { text: label(b), value: height };
    }

    // An amount is read at a glance only on one line: never "8小时30" above "分".
    const splitAmounts: string[] = [];
    for (const el of Array.from(root.querySelectorAll('.tile__value, .figure__value:not(.star__label)'))) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      const lh = style.lineHeight === 'normal' ? 1.2 * parseFloat(style.fontSize) : parseFloat(style.lineHeight);
      if (el.getBoundingClientRect().height > lh * 1.5) splitAmounts.push(label(el));
    }

    const bodyText = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    return {
      elder: root.classList.contains('elder'),
      minText,
      maxText,
      bodyText,
      minLineHeight: minLineHeight.value === Infinity ? { text: '', value: 2 } : minLineHeight,
      smallestTarget,
      worstContrast,
      contrastFailures,
      smallTargets,
      clickables,
      lowestButton,
      splitAmounts,
    };
  }, rules);
}

/** Full-length screenshot at the current width. */
async function screenshot(page: Page, name: string, width: number): Promise<void> {
  const height = await page.evaluate(
    () =>
      document
        .elementFromPoint(window.innerWidth / 2, 40)
        ?.closest('.app-root')
        ?.getBoundingClientRect().height ?? 0,
  );
  await page.setViewportSize({ width, height: Math.max(780, Math.ceil(height) + 60) });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) });
  await page.setViewportSize({ width, height: 780 });
}

/**
 * Elder mode on this device as the 长辈模式 switch leaves it (a senior's own pages stay elder
 * regardless), then a fresh launch on the tab home. A launch takes a senior or a family proxy to the
 * senior home once, as soon as it knows whom they act for; waiting for that here (`landing`, a
 * selector of the senior home) keeps it from happening in the middle of a later visit.
 */
async function setMode(page: Page, openid: string, elder: boolean, landing: string): Promise<void> {
  await api(h.server.url, openid, 'account', 'updateProfile', { elderMode: elder });
  await page.evaluate((on) => localStorage.setItem('prefs.elderMode', JSON.stringify({ data: on ? 'on' : 'off' })), elder);
  await page.goto(`${h.server.url}/#/pages/index/index`);
  await page.reload();
  await page.waitForURL(/#\/packages\/senior\/home\/index/);
  await shown(page, landing).waitFor();
}

const pad = (s: string | number, n: number) => String(s).slice(0, n).padEnd(n);
const px = (n: number) => `${Math.round(n * 10) / 10}`;

async function tour(openid: string, personName: string, who: string, landing: string, visits: Visit[]): Promise<string[]> {
  const problems: string[] = [];
  const rows: string[] = [];
  for (const width of WIDTHS) {
    const { page, errors, close } = await newPhone(h);
    try {
      await page.setViewportSize({ width, height: 780 });
      await signIn(page, h.server.url, personName);
      for (const mode of ['elder', 'normal'] as const) {
        await setMode(page, openid, mode === 'elder', landing);
        for (const v of visits) {
          const at = `${who}/${v.name} @${width} ${mode}`;
          try {
            await open(page, h.server.url, v.route(), v.waitFor);
            await page.waitForFunction(
              () =>
                !Array.from(document.querySelectorAll('.loading')).some((e) => (e as HTMLElement).offsetParent !== null && e.textContent?.includes('正在加载')),
            );
            if (v.ready) await v.ready(page);
          } catch (e) {
            await page.screenshot({ path: path.join(RESULTS_DIR, `es-failed-${who}-${v.name}.png`) });
            throw new Error(`${at}: ${(e as Error).message}`);
          }
          await page.waitForTimeout(600);
          const m = await measure(page, ELDER);
          if (mode === 'elder') {
            if (!m.elder) problems.push(`${at}: not in elder mode`);
            if (m.minText.value < ELDER.minText) problems.push(`${at}: smallest text ${px(m.minText.value)}px «${m.minText.text}»`);
            if (m.maxText.value < ELDER.maxText) problems.push(`${at}: largest text ${px(m.maxText.value)}px «${m.maxText.text}»`);
            if (m.minLineHeight.value < ELDER.lineHeight) problems.push(`${at}: line height ${m.minLineHeight.value.toFixed(2)} «${m.minLineHeight.text}»`);
            if (m.smallTargets.length) problems.push(`${at}: small targets ${m.smallTargets.join(' | ')}`);
            if (m.contrastFailures.length) problems.push(`${at}: low contrast ${m.contrastFailures.join(' | ')}`);
            if (m.splitAmounts.length) problems.push(`${at}: amount split over lines ${m.splitAmounts.join(' | ')}`);
          } else {
            if (m.bodyText < NORMAL.bodyText) problems.push(`${at}: body text ${px(m.bodyText)}px`);
            if (m.lowestButton.value < NORMAL.primaryButton) problems.push(`${at}: button ${px(m.lowestButton.value)}px high «${m.lowestButton.text}»`);
          }
          rows.push(
            [
              pad(`${who}/${v.name}`, 22),
              pad(width, 4),
              pad(mode, 6),
              pad(`${px(m.minText.value)} «${m.minText.text}»`, 26),
              pad(`${px(m.maxText.value)} «${m.maxText.text}»`, 22),
              pad(px(m.bodyText), 5),
              pad(`${m.minLineHeight.value.toFixed(2)}`, 5),
              pad(`${m.clickables}: ${m.smallestTarget.w}x${m.smallestTarget.h} «${m.smallestTarget.text}»`, 30),
              pad(`${m.worstContrast.value.toFixed(1)}:1 «${m.worstContrast.text}»`, 24),
            ].join(' '),
          );
          if (width === 390) await screenshot(page, `es-${who}-${v.name}-${mode}`, width);
        }
      }
      if (errors.length) problems.push(`${who} @${width}: page errors ${errors.join(' | ')}`);
    } finally {
      await close();
    }
  }
  console.log(
    [
      `Worst element per page (CSS px) — ${who}`,
      [
        pad('page', 22),
        pad('w', 4),
        pad('mode', 6),
        pad('smallest text', 26),
        pad('largest text', 22),
        pad('body', 5),
        pad('lh', 5),
        pad('targets: smallest', 30),
        pad('worst contrast', 24),
      ].join(' '),
      ...rows,
    ].join('\n'),
  );
  return problems;
}

const until = (selector: string, text?: string) => async (page: Page) => void (await shown(page, selector, text).waitFor());

test('a senior’s pages meet the 关怀模式 sizes at 360 and 390 px', async () => {
  const problems = await tour('demo-s01', '沈阿婆', 'senior', '.greeting', [
    { name: 'tab-home', route: () => '/pages/index/index' },
    { name: 'tab-activities', route: () => '/pages/activities/index' },
    { name: 'tab-me', route: () => '/pages/me/index' },
    { name: 'home', route: () => '/packages/senior/home/index' },
    { name: 'ask', route: () => '/packages/senior/ask/index' },
    { name: 'alert', route: () => '/packages/senior/alert/index' },
    { name: 'requests', route: () => '/packages/senior/requests/index' },
    { name: 'request', route: () => `/packages/senior/request/index?id=${requestId}` },
    { name: 'history', route: () => '/packages/senior/history/index' },
    { name: 'proxies', route: () => '/packages/senior/proxies/index' },
    { name: 'photos', route: () => '/packages/senior/photos/index' },
    { name: 'family', route: () => '/packages/senior/family/index' },
    { name: 'alerts', route: () => '/packages/alert/list/index' },
    { name: 'alert-detail', route: () => `/packages/alert/detail/index?id=${alertId}` },
    { name: 'time', route: () => '/packages/timebank/home/index' },
    { name: 'gift', route: () => '/packages/timebank/gift/index' },
    { name: 'relatives', route: () => '/packages/timebank/links/index' },
    { name: 'inbox', route: () => '/packages/inbox/home/index' },
  ]);
  expect(problems).toEqual([]);
});

test('a family proxy’s pages meet the 关怀模式 sizes at 360 and 390 px', async () => {
  const forMother = () => `seniorId=${seniorId}`;
  const problems = await tour('demo-f01', '沈小妹', 'proxy', '.acting', [
    { name: 'tab-home', route: () => '/pages/index/index' },
    { name: 'tab-me', route: () => '/pages/me/index' },
    // Acting for her mother, the senior home shows who acts for whom instead of a greeting.
    { name: 'home', route: () => `/packages/senior/home/index?${forMother()}`, waitFor: '.acting' },
    { name: 'ask', route: () => `/packages/senior/ask/index?${forMother()}` },
    { name: 'alert', route: () => `/packages/senior/alert/index?${forMother()}` },
    { name: 'requests', route: () => `/packages/senior/requests/index?${forMother()}` },
    { name: 'request', route: () => `/packages/senior/request/index?id=${requestId}&${forMother()}` },
    { name: 'history', route: () => `/packages/senior/history/index?${forMother()}` },
    { name: 'photos', route: () => `/packages/senior/photos/index?${forMother()}` },
    { name: 'alerts', route: () => '/packages/alert/list/index', ready: until('.alert-card') },
    { name: 'alert-detail', route: () => `/packages/alert/detail/index?id=${alertId}` },
    { name: 'time', route: () => '/packages/timebank/home/index' },
    { name: 'inbox', route: () => '/packages/inbox/home/index' },
  ]);
  expect(problems).toEqual([]);
});
