/**
 * The 文明实践地图 on real SQLite: setup loads street.json's map (and keeps an admin's import on a
 * re-run with the same file), `activities.practiceMap` gives the base, the practice layer and the
 * activities around now to everyone but each estate's seniors by contact status to staff only, and
 * `admin.importStreetMap` converts WGS84 to GCJ-02 and refuses a bad file whole, with the path.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActivitiesResults, AdminResults } from '../../cloudfunctions/core/api';
import { runSetup } from '../../cloudfunctions/core/services/setup';
import { tilesFromEnv } from '../../cloudfunctions/core/services/street-map';
import { seedDemoStreet } from '../../server/seed';
import { openWorld, type TestWorld } from '../support/context';

const clock = { now: new Date('2026-12-04T02:00:00.000Z') };
const streetFile = () => JSON.parse(fs.readFileSync(path.join(__dirname, '../../street.json'), 'utf8')) as Record<string, unknown>;
let world: TestWorld;
let seq = 0;

async function call<T>(openid: string, fn: string, action: string, data: object = {}) {
  return world.call<T>(openid, fn as never, action, data, `map-req-${seq++}`);
}
async function ok<T>(openid: string, fn: string, action: string, data: object = {}): Promise<T> {
  const r = await call<T>(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const practiceMap = (openid: string) => ok<ActivitiesResults['practiceMap']>(openid, 'activities', 'practiceMap');

/** A small valid street map in WGS84 around the demo street. */
const smallMap = (extra: object[] = []) =>
  JSON.stringify({
    type: 'FeatureCollection',
    note: '测试地图',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'boundary', name: '测试街道' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [121.48, 31.23],
              [121.5, 31.23],
              [121.5, 31.245],
              [121.48, 31.23],
            ],
          ],
        },
      },
      { type: 'Feature', properties: { kind: 'site', name: '测试实践站' }, geometry: { type: 'Point', coordinates: [121.49, 31.24] } },
      ...extra,
    ],
  });

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { partners: true });
});
afterAll(() => world.close());

it('loads the street map of street.json at setup: base, sites, posts, help points and the patrol route in GCJ-02', async () => {
  const map = await practiceMap('demo-v10');
  const file = streetFile().map as { features: Array<{ properties: { kind: string } }> };
  const countOf = (kind: string) => file.features.filter((f) => f.properties.kind === kind).length;
  expect(map.source).toBe('file');
  expect(map.coordinateSystem).toBe('GCJ-02');
  expect(map.note).toContain('手绘');
  expect(map.base.filter((f) => f.properties.kind === 'boundary')).toHaveLength(1);
  expect(map.base.filter((f) => f.properties.kind === 'road')).toHaveLength(countOf('road'));
  expect(map.places.filter((p) => p.kind === 'site')).toHaveLength(countOf('site'));
  expect(map.places.filter((p) => p.kind === 'helpPoint')).toHaveLength(countOf('helpPoint'));
  const patrol = map.routes.find((r) => r.teamId === 't_patrol')!;
  expect(patrol.teamName).toBe('护河巡林志愿服务队');
  // Routes come as [latitude, longitude], the order both map components take.
  expect(patrol.points[0]![0]).toBeGreaterThan(31);
  expect(patrol.points[0]![1]).toBeGreaterThan(121);
  // Every base feature lies inside the bounds of the boundary.
  const [[s, w], [n, e]] = map.bounds!;
  expect(s).toBeLessThan(n);
  expect(w).toBeLessThan(e);
  for (const p of map.places) {
    expect(p.latitude).toBeGreaterThanOrEqual(s);
    expect(p.longitude).toBeLessThanOrEqual(e);
  }
});

it('shows the activities of the last month and the next two months, upcoming ones marked, cancelled ones left out', async () => {
  const map = await practiceMap('demo-v10');
  expect(map.activities.length).toBeGreaterThan(0);
  const nowIso = clock.now.toISOString();
  for (const a of map.activities) {
    expect(a.startAt >= new Date(clock.now.getTime() - 30 * 86_400_000).toISOString()).toBe(true);
    expect(a.teamName).not.toBe('');
    expect(a.categoryName).not.toBe('');
  }
  expect(map.activities.some((a) => a.upcoming)).toBe(true);
  expect(map.activities.some((a) => !a.upcoming)).toBe(true);
  for (const a of map.activities) {
    if (a.startAt > nowIso) expect(a.upcoming).toBe(true);
    if (!a.upcoming) expect(a.startAt < nowIso).toBe(true);
  }

  const cancelled = await ok<{ activities: Array<{ id: string }> }>('demo-v01', 'activities', 'cancel', {
    activityId: map.activities.find((a) => a.upcoming && a.teamId === 't_patrol')!.id,
    reason: '天气原因取消',
    scope: 'one',
  });
  const after = await practiceMap('demo-v10');
  expect(after.activities.map((a) => a.id)).not.toContain(cancelled.activities[0]!.id);
});

it('gives estate markers with contact status to staff only, scoped to their 居委, never an address', async () => {
  expect((await practiceMap('demo-v10')).estates).toBeNull();
  expect((await practiceMap('demo-duty')).estates).toBeNull();
  const social = (await practiceMap('demo-social')).estates!;
  const admin = (await practiceMap('demo-admin')).estates!;
  expect(social.length).toBeGreaterThan(0);
  for (const e of social) expect(['c_xinyuanwan', 'c_binjiang']).toContain(e.committeeId);
  // The admin sees the other 居委 too.
  expect(admin.some((e) => e.committeeId === 'c_linyin' || e.committeeId === 'c_chunxiao')).toBe(true);
  for (const e of admin) {
    expect(e.seniors).toBe(e.unreachable + e.overdue + e.due + e.waiting + e.contacted + e.unpaired);
    // Waiting for a first contact colours an estate as due.
    expect(e.level === 'due' ? e.due + e.waiting : e[e.level]).toBeGreaterThan(0);
    expect(Object.keys(e).sort()).toEqual(
      ['committeeId', 'contacted', 'due', 'id', 'latitude', 'level', 'longitude', 'name', 'overdue', 'seniors', 'unpaired', 'unreachable', 'waiting'].sort(),
    );
  }
  // The seeded unreachable senior colours their estate red.
  expect(admin.some((e) => e.level === 'unreachable')).toBe(true);
});

it('imports an admin map in WGS84 as GCJ-02, keeps it when setup runs again with the same file, and lets a changed file win', async () => {
  const refused = await call('demo-v10', 'admin', 'importStreetMap', { coordinateSystem: 'WGS84', geojson: smallMap() });
  expect(refused.ok || refused.error.code).toBe('FORBIDDEN');

  const info = await ok<AdminResults['importStreetMap']>('demo-admin', 'admin', 'importStreetMap', { coordinateSystem: 'WGS84', geojson: smallMap() });
  expect(info).toMatchObject({
    source: 'import',
    note: '测试地图',
    sourceCoordinateSystem: 'WGS84',
    counts: { boundary: 1, site: 1 },
    updatedByName: '街道管理员',
  });
  const map = await practiceMap('demo-v10');
  expect(map.places).toHaveLength(1);
  // GCJ-02 lies a few hundred metres east and a little north of WGS84 in Shanghai.
  expect(map.places[0]!.longitude - 121.49).toBeGreaterThan(0.003);
  expect(map.places[0]!.longitude - 121.49).toBeLessThan(0.006);
  expect(map.places[0]!.latitude - 31.24).toBeLessThan(0);
  expect(map.places[0]!.latitude - 31.24).toBeGreaterThan(-0.004);

  expect((await runSetup(world.store, streetFile(), clock.now)).map).toBe('kept');
  expect((await ok<AdminResults['streetMap']>('demo-admin', 'admin', 'streetMap')).source).toBe('import');

  const changed = streetFile();
  (changed.map as { note: string }).note = '示意图：手绘（第二版）';
  expect((await runSetup(world.store, changed, clock.now)).map).toBe('written');
  const back = await ok<AdminResults['streetMap']>('demo-admin', 'admin', 'streetMap');
  expect(back).toMatchObject({ source: 'file', note: '示意图：手绘（第二版）', sourceCoordinateSystem: 'GCJ-02' });
});

it('refuses a bad map whole, saying which feature in words (the path in the details), and changes nothing', async () => {
  const before = await ok<AdminResults['streetMap']>('demo-admin', 'admin', 'streetMap');
  const cases: Array<[string, string, RegExp]> = [
    ['not json', '{"type": "FeatureCollection", ', /不是有效的 JSON/],
    ['no features', JSON.stringify({ type: 'FeatureCollection', features: [] }), /没有要素/],
    [
      'swapped coordinates',
      smallMap([{ type: 'Feature', properties: { kind: 'post', name: '岗' }, geometry: { type: 'Point', coordinates: [31.24, 121.49] } }]),
      /第 3 个要素“岗”的坐标：.*经度不在中国境内/,
    ],
    [
      'a site drawn as a line',
      smallMap([
        {
          type: 'Feature',
          properties: { kind: 'site', name: '站' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [121.49, 31.24],
              [121.491, 31.241],
            ],
          },
        },
      ]),
      /第 3 个要素“站”的类型：实践站点（site）应画成点，不能是 LineString/,
    ],
    [
      'an open ring',
      smallMap([
        {
          type: 'Feature',
          properties: { kind: 'estate' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [121.49, 31.24],
                [121.491, 31.24],
                [121.491, 31.241],
                [121.4905, 31.2415],
              ],
            ],
          },
        },
      ]),
      /闭合/,
    ],
    [
      'an unknown kind',
      smallMap([{ type: 'Feature', properties: { kind: 'castle' }, geometry: { type: 'Point', coordinates: [121.49, 31.24] } }]),
      /kind 只能是/,
    ],
    [
      'no boundary',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { kind: 'site', name: '站' }, geometry: { type: 'Point', coordinates: [121.49, 31.24] } }],
      }),
      /街道边界/,
    ],
  ];
  for (const [what, geojson, message] of cases) {
    const r = await call('demo-admin', 'admin', 'importStreetMap', { coordinateSystem: 'GCJ-02', geojson });
    if (r.ok) throw new Error(`${what}: accepted`);
    expect(r.error.code).toBe('MAP_INVALID');
    expect(r.error.message).toMatch(message);
    // The file's author still gets the exact places.
    expect((r.error.details as Array<{ path: string }>)[0]!.path).toEqual(expect.any(String));
  }
  const unstated = await call('demo-admin', 'admin', 'importStreetMap', { geojson: smallMap() });
  expect(unstated.ok || unstated.error.code).toBe('VALIDATION');
  expect(await ok<AdminResults['streetMap']>('demo-admin', 'admin', 'streetMap')).toEqual(before);
});

it('offers a configured tile source only when it is an https URL template, with the key filled in', () => {
  expect(tilesFromEnv({})).toBeNull();
  expect(tilesFromEnv({ MAP_TILE_URL: 'http://insecure.example/{z}/{x}/{y}.png' })).toBeNull();
  expect(tilesFromEnv({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png?key={key}', MAP_TILE_KEY: 'k 1', MAP_TILE_CRS: 'WGS84' })).toEqual({
    url: 'https://tiles.example/{z}/{x}/{y}.png?key=k%201',
    subdomains: '',
    attribution: '',
    coordinateSystem: 'WGS84',
    maxZoom: 18,
  });
});
