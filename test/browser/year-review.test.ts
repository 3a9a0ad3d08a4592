/**
 * 年度志愿报告 in the H5 build against the real server: 刘芳 opens it from 我的, the year image is
 * drawn on a canvas with real Chinese glyphs (its title's pixels match the title drawn again in the
 * page's CJK font, and not the same text drawn as missing-glyph boxes), the monthly bars follow the
 * API's months, the numbers below the image are the API's, and 保存图片 downloads the PNG. Normal
 * and elder-mode screenshots and the image go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { YearReview } from '../../cloudfunctions/core/api';
import { BARS, H5_FONT_FAMILY, SIZE, TITLE } from '../../src/packages/review/year/draw';
import { calendarDay } from '../../src/services/dates';
import { RESULTS_DIR, screenshot, shown, startHarness, newPhone, type Harness } from './support';
import { api, arrive, button, expectElderFriendly, setElder, signIn } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

/** The visible value of the fact labelled `label` below the image. */
const fact = async (page: import('playwright-core').Page, label: string) =>
  (await shown(page, '.year-facts .kv', label).locator('.kv__v').textContent())!.trim();

test('the year image has real Chinese glyphs and the API’s numbers; it downloads as a PNG', async () => {
  const phone = await newPhone(h);
  const P = phone.page;
  try {
    // The demo street's history is dated back from today: this year's, unless the year has just begun.
    const thisYear = await api<YearReview>(h.server.url, 'demo-v04', 'certificates', 'yearReview', {});
    const r = thisYear.minutes > 0 ? thisYear : await api<YearReview>(h.server.url, 'demo-v04', 'certificates', 'yearReview', { year: thisYear.year - 1 });
    expect(r.minutes).toBeGreaterThan(0);

    await signIn(P, h.server.url, '刘芳');
    await shown(P, '.weui-tabbar__label', '我的').click();
    await arrive(P, /#\/pages\/me\/index/, '我的资料');
    await shown(P, '.quick-link', '年度志愿报告').click();
    await arrive(P, /#\/packages\/review\/year\/index/, `${thisYear.year} 年度志愿报告`);
    if (r.year !== thisYear.year) await shown(P, '.choice', `去年（${r.year}）`).click();
    await shown(P, '.greeting', `${r.year} 年度志愿报告`).waitFor();
    const canvas = shown(P, '.year-image__canvas');
    await canvas.waitFor();
    await button(P, '保存图片').waitFor();

    // The canvas is drawn at device pixels, and is no blank.
    const pixels = await P.evaluate((size) => {
      const c = Array.from(document.querySelectorAll<HTMLCanvasElement>('.year-image__canvas')).find((x) => x.offsetParent !== null)!;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      let paper = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        if (data[i] === 0xff && data[i + 1] === 0xfa && data[i + 2] === 0xf5) paper += 1;
      }
      return { width: c.width, height: c.height, scale: c.width / size.width, colours: colours.size, paperShare: paper / (data.length / 4) };
    }, SIZE);
    expect(pixels).toMatchObject({ width: SIZE.width * 2, height: SIZE.height * 2, scale: 2 });
    expect(pixels.colours).toBeGreaterThan(50);
    expect(pixels.paperShare).toBeLessThan(0.8);

    // Real glyphs: the title on the page against the same title drawn again in the page's font, and
    // drawn with every Chinese character replaced by a code point no font has (U+10FFFD, a box).
    const title = `${r.year} 年度志愿报告`;
    const glyphs = await P.evaluate(
      ({ title: text, t, family, scale, width, height }) => {
        const page = Array.from(document.querySelectorAll<HTMLCanvasElement>('.year-image__canvas')).find((x) => x.offsetParent !== null)!;
        const font = `${t.weight} ${t.size}px ${family}`;
        const measure = document.createElement('canvas').getContext('2d')!;
        measure.font = font;
        const box = {
          x: Math.floor(t.x * scale),
          y: Math.floor((t.y - t.size) * scale),
          w: Math.ceil(measure.measureText(text).width * scale),
          h: Math.ceil(t.size * 1.3 * scale),
        };
        const draw = (s: string) => {
          const c = document.createElement('canvas');
          c.width = width;
          c.height = height;
          const ctx = c.getContext('2d')!;
          ctx.scale(scale, scale);
          ctx.fillStyle = t.band;
          ctx.fillRect(0, 0, width, t.bandHeight);
          ctx.fillStyle = t.color;
          ctx.font = font;
          ctx.textBaseline = 'alphabetic';
          ctx.textAlign = 'left';
          ctx.fillText(s, t.x, t.y);
          return ctx.getImageData(box.x, box.y, box.w, box.h).data;
        };
        const diff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
          let d = 0;
          for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
          return d / a.length;
        };
        const onPage = page.getContext('2d')!.getImageData(box.x, box.y, box.w, box.h).data;
        const tofu = text.replace(/[\u4e00-\u9fff]/g, '\u{10FFFD}');
        let ink = 0;
        for (let i = 0; i < onPage.length; i += 4) if (onPage[i + 1]! > 200) ink += 1;
        return {
          sameAsFont: diff(onPage, draw(text)),
          sameAsBoxes: diff(onPage, draw(tofu)),
          // Missing glyphs all look alike; real ones differ from each other.
          twoCharactersDiffer: diff(draw('年'), draw('度')),
          // (Their widths are no test: Noto's box has a CJK character's advance.)
          inkShare: ink / (onPage.length / 4),
        };
      },
      { title, t: TITLE, family: H5_FONT_FAMILY, scale: pixels.scale, width: pixels.width, height: pixels.height },
    );
    expect(glyphs.inkShare).toBeGreaterThan(0.05);
    expect(glyphs.twoCharactersDiffer).toBeGreaterThan(1);
    expect(glyphs.sameAsBoxes).toBeGreaterThan(1);
    expect(glyphs.sameAsFont).toBeLessThan(glyphs.sameAsBoxes / 10);

    // The monthly bars: a month with service has a bar in the theme's red at its foot, an empty month none.
    const bars = await P.evaluate(
      ({ b, scale }) => {
        const page = Array.from(document.querySelectorAll<HTMLCanvasElement>('.year-image__canvas')).find((x) => x.offsetParent !== null)!;
        const ctx = page.getContext('2d')!;
        const slot = b.width / 12;
        return Array.from({ length: 12 }, (_, i) => {
          const [red, green, blue] = ctx.getImageData(Math.round((b.x + i * slot + slot / 2) * scale), Math.round((b.top + b.height - 1) * scale), 1, 1).data;
          return `#${[red, green, blue].map((v) => v!.toString(16).padStart(2, '0')).join('')}` === b.color;
        });
      },
      { b: BARS, scale: pixels.scale },
    );
    expect(bars).toEqual(r.months.map((m) => m > 0));

    // The same numbers as text, from the API.
    expect(await fact(P, '全年时长')).toBe(r.hoursText);
    expect(await fact(P, '服务记录')).toBe(`${r.records} 条`);
    expect(await fact(P, '参加活动')).toBe(`${r.activities} 次`);
    expect(await fact(P, '服务老人')).toBe(`${r.peopleServed} 位`);
    expect(await fact(P, '获得时间币')).toBe(r.creditsText);
    expect(await fact(P, '年底星级')).toBe(r.star.label);
    for (const team of r.teams) expect(await fact(P, '服务队')).toContain(team.name);
    expect(await fact(P, '首次服务')).toBe(calendarDay(r.firstDate!));
    expect(await fact(P, '最近服务')).toBe(calendarDay(r.lastDate!));

    // The image as drawn, for a person to look at; then 保存图片 downloads the same PNG.
    const dataUrl = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
    fs.writeFileSync(path.join(RESULTS_DIR, 'year-review-image.png'), Buffer.from(dataUrl.split(',')[1]!, 'base64'));
    await screenshot(P, 'year-review');
    const [download] = await Promise.all([P.waitForEvent('download'), button(P, '保存图片').click()]);
    expect(download.suggestedFilename()).toBe(`年度志愿报告-${r.year}.png`);
    const saved = path.join(RESULTS_DIR, 'year-review-download.png');
    await download.saveAs(saved);
    const png = PNG.sync.read(fs.readFileSync(saved));
    expect([png.width, png.height]).toEqual([SIZE.width * 2, SIZE.height * 2]);
    await shown(P, '.notice--success', '图片已下载').waitFor();

    // Elder mode: the numbers below the image at elder sizes.
    await setElder(P, true);
    await shown(P, '.greeting', /年度志愿报告/).waitFor();
    await shown(P, '.year-image__canvas').waitFor();
    await screenshot(P, 'year-review-elder');
    await expectElderFriendly(P);
    await setElder(P, false);
    expect(phone.errors).toEqual([]);
  } finally {
    await phone.close();
  }
});
