/**
 * The 文明实践地图 in the H5 build against the real seeded server, with no tile source configured and
 * no request leaving the machine: Leaflet draws the street's own base map from street.json (the
 * boundary, river, roads, estates as SVG paths), the patrol route, the practice sites and the
 * activities; filters narrow the markers; 附近 sorts by distance from a position the phone shares;
 * staff see estate markers with contact colours that volunteers never get; an activity's page shows
 * its place on a small map. Screenshots (pm-*.png), normal and elder mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, open, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;
const street = JSON.parse(fs.readFileSync(path.join(__dirname, '../../street.json'), 'utf8')) as {
  map: { features: Array<{ properties: { kind: string } }> };
};
const kindCount = (kind: string) => street.map.features.filter((f) => f.properties.kind === kind).length;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

/** Counts of the drawn map's parts on the page on top. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    const box = Array.from(document.querySelectorAll('.street-map--full, .street-map--small')).find((e) => (e as HTMLElement).offsetParent !== null);
    const count = (selector: string) => (box ? box.querySelectorAll(selector).length : -1);
    return {
      boundary: count('path.map-base--boundary'),
      river: count('path.map-base--river'),
      roads: count('path.map-base--road'),
      estates: count('path.map-base--estate'),
      routes: count('path.map-route'),
      sites: count('.map-marker--site'),
      posts: count('.map-marker--post'),
      helpPoints: count('.map-marker--helpPoint'),
      activities: count('.map-marker--activity, .map-marker--activity-past'),
      clustered: Array.from(box?.querySelectorAll('.map-cluster__disc') ?? []).reduce((s, e) => s + Number(e.textContent), 0),
      estateMarkers: count('[class*="map-marker--estate-"]'),
      tiles: count('img.leaflet-tile'),
    };
  });

async function openMap(page: Page) {
  await shown(page, '.weui-tabbar__label', '活动').click();
  await page.waitForURL(/#\/pages\/activities\/index/);
  await button(page, '文明实践地图').click();
  await page.waitForURL(/#\/packages\/activity\/map\/index/);
  await shown(page, '.greeting', '街道文明实践地图').waitFor();
  await page.locator('.street-map--full path.map-base--boundary').first().waitFor();
  await page.waitForTimeout(600);
}

test('a volunteer sees the street offline: base map, route, sites and activities; filters and 附近 work', async () => {
  const { page, errors, close } = await newPhone(h);
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(h.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  try {
    await page.context().grantPermissions(['geolocation'], { origin: h.server.url });
    // By the 滨江文明实践站 (GCJ-02 31.2388, 121.4962), as a browser reports it: in WGS84, about 500 m off.
    await page.context().setGeolocation({ latitude: 31.24079, longitude: 121.49174 });
    await signIn(page, h.server.url, '胡海');
    await openMap(page);

    const all = await drawn(page);
    expect(all).toMatchObject({ boundary: 1, river: kindCount('river'), roads: kindCount('road'), estates: kindCount('estate'), tiles: 0, estateMarkers: 0 });
    expect(all.routes).toBe(kindCount('route'));
    // Every site, post, help point and activity is a marker or counted in a cluster.
    const places = kindCount('site') + kindCount('post') + kindCount('helpPoint');
    expect(all.sites + all.posts + all.helpPoints + all.activities + all.clustered).toBeGreaterThanOrEqual(places + 1);
    expect(all.sites + all.posts + all.helpPoints).toBeGreaterThan(0);
    await shown(page, '.map-note', '示意图：手绘').waitFor();
    await screenshot(page, 'pm-map-normal');

    // Zoomed in, clusters open into their markers.
    for (let i = 0; i < 3; i++) await page.locator('.street-map--full .leaflet-control-zoom-in').click();
    await page.waitForTimeout(800);
    const zoomed = await drawn(page);
    expect(zoomed.sites + zoomed.posts + zoomed.helpPoints + zoomed.activities).toBeGreaterThan(all.sites + all.posts + all.helpPoints + all.activities);
    for (let i = 0; i < 3; i++) await page.locator('.street-map--full .leaflet-control-zoom-out').click();
    await page.waitForTimeout(800);

    // Filter by the patrol team: its route only, no practice places, only its activities.
    await button(page, '筛选').click();
    await shown(page, '.choice', '护河巡林志愿服务队').click();
    await shown(page, '.filter__summary', '正在看：护河巡林志愿服务队').waitFor();
    await page.waitForTimeout(500);
    const patrol = await drawn(page);
    expect(patrol).toMatchObject({ routes: 1, sites: 0, posts: 0, helpPoints: 0 });
    expect(patrol.activities + patrol.clustered).toBeGreaterThan(0);
    const titles = await page.locator('.map-activity .line__title').filter({ visible: true }).allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t).toContain('巡河');
    // What is still to come is listed before what has ended.
    const ended = titles.map((t) => t.includes('（已结束）'));
    expect(ended).toEqual([...ended].sort((a, b) => Number(a) - Number(b)));
    await button(page, '收起筛选').click();
    await button(page, '看全部').click();
    await shown(page, '.filter__summary', '正在看：全部队伍 · 全部服务类别').waitFor();

    // 附近: asks first, then sorts by distance from where the phone is (converted to GCJ-02).
    await shown(page, '.nearby .muted', '位置不会上传').waitFor();
    await button(page, '按离我远近排列').click();
    await shown(page, '.nearby-row').waitFor();
    const rows = await page.locator('.nearby-row').filter({ visible: true }).allTextContents();
    expect(rows[0]).toContain('滨江文明实践站');
    const metres = rows.map((r) => {
      const km = /([\d.]+) 公里/.exec(r);
      return km ? Number(km[1]) * 1000 : Number(/(\d+) 米/.exec(r)![1]);
    });
    expect(metres).toEqual([...metres].sort((a, b) => a - b));
    expect(metres[0]).toBeLessThan(150);

    // A marker's popup opens its activity.
    await page.locator('.street-map--full .leaflet-control-zoom-in').click();
    await page.locator('.street-map--full .leaflet-control-zoom-in').click();
    await page.waitForTimeout(600);
    await page.locator('.street-map--full .map-marker--activity').first().click();
    await button(page, '查看活动').or(page.locator('.map-popup__open')).first().click();
    await page.waitForURL(/#\/packages\/activity\/detail\/index/);
    await shown(page, '.place-map .section__title', '活动地点').waitFor();
    await page.locator('.place-map path.map-base--boundary').filter({ visible: true }).first().waitFor();
    expect(await page.locator('.place-map .map-marker--activity').filter({ visible: true }).count()).toBe(1);
    await screenshot(page, 'pm-activity-small-map');
    await page.goBack();
    await page.waitForURL(/#\/packages\/activity\/map\/index/);

    await setElder(page, true);
    await shown(page, '.legend').waitFor();
    await screenshot(page, 'pm-map-elder');
    await setElder(page, false);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('staff see each estate by contact status; the list below says the same', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '居委社工小郑');
    await openMap(page);
    const staff = await drawn(page);
    expect(staff.estateMarkers).toBeGreaterThan(0);
    const rows = page.locator('.estate-row').filter({ visible: true });
    expect(await rows.count()).toBe(staff.estateMarkers);
    await shown(page, '.section__title', '各小区老人联系情况').waitFor();
    expect(await rows.first().textContent()).toMatch(/\d+ 位老人/);
    await screenshot(page, 'pm-map-staff');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('an admin imports another street map in WGS84: a bad file is refused with where, a good one replaces the map', async () => {
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '街道管理员');
    await open(page, h.server.url, '/packages/admin/home/index');
    await button(page, '街道地图（导入地图文件）').click();
    await page.waitForURL(/#\/packages\/admin\/map\/index/);
    await shown(page, '.map-source', '街道定义文件（street.json）').waitFor();
    const box = page.locator('taro-textarea-core textarea').filter({ visible: true }).first();

    // Latitude and longitude swapped: refused, naming the feature in words, and nothing changes.
    const point = (coordinates: number[]) => ({
      type: 'Feature',
      properties: { kind: 'site', name: '导入的实践站' },
      geometry: { type: 'Point', coordinates },
    });
    const boundary = {
      type: 'Feature',
      properties: { kind: 'boundary', name: '导入街道' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [121.48, 31.23],
            [121.5, 31.23],
            [121.5, 31.245],
            [121.48, 31.245],
            [121.48, 31.23],
          ],
        ],
      },
    };
    await box.fill(JSON.stringify({ type: 'FeatureCollection', features: [boundary, point([31.24, 121.49])] }));
    await shown(page, '.choice', 'WGS84').click();
    await button(page, '检查并导入').click();
    await shown(page, '.notice', /没有导入：地图文件有误：第 2 个要素“导入的实践站”的坐标：.*经度不在中国境内/).waitFor();
    await shown(page, '.map-source', '街道定义文件（street.json）').waitFor();
    await screenshot(page, 'pm-import-refused');

    await box.fill(JSON.stringify({ type: 'FeatureCollection', note: '导入的测试地图', features: [boundary, point([121.49, 31.24])] }));
    await button(page, '检查并导入').click();
    await shown(page, '.notice', '已导入：地图共 2 个要素').waitFor();
    await shown(page, '.map-source', '管理员导入').waitFor();
    await shown(page, '.map-counts', '街道边界 1、实践站点 1').waitFor();
    await screenshot(page, 'pm-import-done');

    await button(page, '打开文明实践地图看看').click();
    await page.waitForURL(/#\/packages\/activity\/map\/index/);
    await page.locator('.street-map--full path.map-base--boundary').first().waitFor();
    await shown(page, '.map-note', '导入的测试地图 · 地图由街道管理员导入').waitFor();
    const now = await drawn(page);
    expect(now).toMatchObject({ boundary: 1, roads: 0, river: 0, routes: 0 });
    expect(now.sites + now.clustered).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});
