/**
 * The street's own map (文明实践地图): a GeoJSON FeatureCollection kept in street.json under `map`
 * (one street definition, loaded by setup) or imported later by an admin. It is both the offline
 * base map (boundary, river, roads, estates, green) and the practice layer (sites, volunteer posts,
 * help points, patrol routes). docs/map.md describes the format.
 *
 * Stored coordinates are always GCJ-02 (what WeChat's map and its location picker use); a file in
 * WGS84 (GPS, OpenStreetMap) is converted once, on import. GeoJSON order is [longitude, latitude].
 */
import gcoord from 'gcoord';
import * as z from 'zod';
import type { Doc } from './doc';
import { MAP_KINDS, MAP_KIND_NAMES, type MapKind } from './map-kinds';

export { MAP_KINDS, MAP_KIND_NAMES, type MapKind };

/** Which geometries each kind may have: places are points, roads and routes lines, areas polygons. */
const POINT_KINDS: readonly MapKind[] = ['site', 'post', 'helpPoint'];
const LINE_KINDS: readonly MapKind[] = ['river', 'road', 'route'];
const AREA_KINDS: readonly MapKind[] = ['boundary', 'river', 'water', 'green', 'estate'];

export const MAP_LIMITS = { features: 2000, coordinates: 50_000, nameMax: 30, descriptionMax: 120 } as const;

export type CoordinateSystem = 'GCJ-02' | 'WGS84';
export type Position = [number, number];

export type MapGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface MapFeatureProperties {
  kind: MapKind;
  name?: string;
  description?: string;
  /** A route's team (e.g. t_patrol), so the team page can show its route. */
  teamId?: string;
  /** An estate outline's estate id in street.json, tying the shape to the estate's point. */
  estateId?: string;
}

export interface MapFeature {
  type: 'Feature';
  geometry: MapGeometry;
  properties: MapFeatureProperties;
}

export interface StreetMapData {
  /** Shown with the map, e.g. 示意图，手绘，非测绘数据. */
  note: string | null;
  features: MapFeature[];
}

/** Mainland China, roughly: a point outside is a typo or a swapped pair. */
const Lng = z.number({ error: '经度应为数字' }).min(73, { error: '经度不在中国境内（GeoJSON 的顺序是 [经度, 纬度]）' }).max(136, { error: '经度不在中国境内' });
const Lat = z.number({ error: '纬度应为数字' }).min(18, { error: '纬度不在中国境内（GeoJSON 的顺序是 [经度, 纬度]）' }).max(54, { error: '纬度不在中国境内' });
const Pos = z.tuple([Lng, Lat], { error: '坐标应为 [经度, 纬度] 两个数字' }).rest(z.number());
const Line = z.array(Pos).min(2, { error: '线至少要有两个点' });
const Ring = z
  .array(Pos)
  .min(4, { error: '面的边界至少要有四个点（首尾相同）' })
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], { error: '面的边界首尾两个点应相同（闭合）' });
const Polygon = z.array(Ring).min(1, { error: '面至少要有一条边界' });

const Geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Point'), coordinates: Pos }),
    z.object({ type: z.literal('LineString'), coordinates: Line }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(Line).min(1) }),
    z.object({ type: z.literal('Polygon'), coordinates: Polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(Polygon).min(1) }),
  ],
  { error: '几何类型只能是 Point、LineString、MultiLineString、Polygon 或 MultiPolygon' },
);

const Properties = z.object({
  kind: z.enum(MAP_KINDS, { error: `kind 只能是 ${MAP_KINDS.join('、')} 之一` }),
  name: z
    .string()
    .trim()
    .min(1)
    .max(MAP_LIMITS.nameMax, { error: `名称最多 ${MAP_LIMITS.nameMax} 个字` })
    .optional(),
  description: z
    .string()
    .trim()
    .max(MAP_LIMITS.descriptionMax, { error: `说明最多 ${MAP_LIMITS.descriptionMax} 个字` })
    .optional(),
  teamId: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,40}$/, { error: 'teamId 应为队伍编号' })
    .optional(),
  estateId: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,40}$/, { error: 'estateId 应为小区编号' })
    .optional(),
});

const Feature = z.object({
  type: z.literal('Feature', { error: '每个要素的 type 应为 Feature' }),
  geometry: Geometry,
  properties: Properties,
});

export const StreetMapFile = z.object({
  $comment: z.string().optional(),
  note: z.string().trim().max(60, { error: '说明最多 60 个字' }).optional(),
  type: z.literal('FeatureCollection', { error: '地图应为 GeoJSON 的 FeatureCollection' }),
  features: z
    .array(Feature)
    .min(1, { error: '地图里没有要素' })
    .max(MAP_LIMITS.features, { error: `地图最多 ${MAP_LIMITS.features} 个要素` }),
});
export type StreetMapFile = z.infer<typeof StreetMapFile>;

export interface MapProblem {
  path: string;
  message: string;
}

const geometryAllowed = (kind: MapKind, type: MapGeometry['type']): boolean =>
  type === 'Point' ? POINT_KINDS.includes(kind) : type.endsWith('LineString') ? LINE_KINDS.includes(kind) : AREA_KINDS.includes(kind);

const KIND_SHAPES: Record<MapKind, string> = {
  boundary: '面',
  river: '线或面',
  water: '面',
  road: '线',
  green: '面',
  estate: '面',
  site: '点',
  post: '点',
  helpPoint: '点',
  route: '线',
};

/** Every [lng, lat] of a geometry, in order (positions are shared with the geometry, not copied). */
export function positionsOf(g: MapGeometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

/** Maps every position of a geometry through `f`, keeping only [lng, lat] (altitudes are dropped). */
function mapGeometry(g: MapGeometry, f: (p: Position) => Position): MapGeometry {
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: f(g.coordinates) };
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((l) => l.map(f)) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map((p) => p.map((l) => l.map(f))) };
  }
}

/** Seven decimals is about a centimetre: more is noise that only makes the document larger. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** WGS84 → GCJ-02 (the offset China's maps apply; a few hundred metres in Shanghai). */
export function wgs84ToGcj02(p: Position): Position {
  const [lng, lat] = gcoord.transform([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [round7(lng), round7(lat)];
}

/**
 * Checks a street map (from street.json or an admin's import) and returns it in GCJ-02, or every
 * problem with its path (`features.3.geometry.coordinates.0.1`) and a Chinese message.
 */
export function parseStreetMap(raw: unknown, coordinateSystem: CoordinateSystem): { ok: true; map: StreetMapData } | { ok: false; problems: MapProblem[] } {
  const parsed = StreetMapFile.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const problems: MapProblem[] = [];
  let coordinates = 0;
  parsed.data.features.forEach((f, i) => {
    const g = f.geometry as MapGeometry;
    const { kind } = f.properties;
    if (!geometryAllowed(kind, g.type))
      problems.push({ path: `features.${i}.geometry.type`, message: `${MAP_KIND_NAMES[kind]}（${kind}）应画成${KIND_SHAPES[kind]}，不能是 ${g.type}` });
    if ((POINT_KINDS.includes(kind) || kind === 'route') && !f.properties.name)
      problems.push({ path: `features.${i}.properties.name`, message: '地点和路线要有名称' });
    coordinates += positionsOf(g).length;
  });
  if (coordinates > MAP_LIMITS.coordinates)
    problems.push({ path: 'features', message: `坐标点太多（${coordinates} 个，最多 ${MAP_LIMITS.coordinates} 个），请先简化图形` });
  if (!parsed.data.features.some((f) => f.properties.kind === 'boundary'))
    problems.push({ path: 'features', message: '地图要有街道边界（kind 为 boundary 的面）' });
  if (problems.length) return { ok: false, problems: problems.slice(0, 20) };

  const convert = coordinateSystem === 'WGS84' ? wgs84ToGcj02 : (p: Position): Position => [round7(p[0]), round7(p[1])];
  const features: MapFeature[] = parsed.data.features.map((f) => ({
    type: 'Feature',
    geometry: mapGeometry(f.geometry as MapGeometry, convert),
    properties: Object.fromEntries(Object.entries(f.properties).filter(([, v]) => v !== undefined)) as unknown as MapFeatureProperties,
  }));
  return { ok: true, map: { note: parsed.data.note ?? null, features } };
}

const PART_NAMES: Record<string, string> = { geometry: '图形', properties: '属性', type: '类型', coordinates: '坐标', name: '名称', kind: '类型（kind）' };

/**
 * Where a problem is, in words an admin can pass on to whoever made the file: 第 4 个要素“滨江步道”的坐标
 * rather than features.3.geometry.coordinates.0.1 (the path stays in the error's details).
 */
export function problemPlace(path: string, raw: unknown): string {
  const [top, index, part, field] = path.split('.');
  if (top !== 'features' || index === undefined || !/^\d+$/.test(index)) return path === '' || top === 'features' ? '整个文件' : `文件的 ${path}`;
  const feature = (raw as { features?: Array<{ properties?: { name?: unknown } }> } | null)?.features?.[Number(index)];
  const name = typeof feature?.properties?.name === 'string' && feature.properties.name.trim() ? `“${feature.properties.name.trim().slice(0, 20)}”` : '';
  const where = `第 ${Number(index) + 1} 个要素${name}`;
  const what = field && PART_NAMES[field] ? PART_NAMES[field] : part ? PART_NAMES[part] : undefined;
  return what ? `${where}的${what}` : where;
}

/** South-west and north-east corners ([lat, lng] pairs, as maps take them) around every feature. */
export function boundsOf(features: readonly MapFeature[]): [[number, number], [number, number]] | null {
  let s = Infinity;
  let w = Infinity;
  let n = -Infinity;
  let e = -Infinity;
  for (const f of features) {
    for (const [lng, lat] of positionsOf(f.geometry)) {
      s = Math.min(s, lat);
      n = Math.max(n, lat);
      w = Math.min(w, lng);
      e = Math.max(e, lng);
    }
  }
  return Number.isFinite(s)
    ? [
        [s, w],
        [n, e],
      ]
    : null;
}

/** `settings/streetMap`: the map in use, and where it came from. */
export interface StreetMapDoc extends StreetMapData, Doc {
  _id: 'streetMap';
  source: 'file' | 'import';
  /** Hash of the street.json map setup last loaded: setup replaces the map only when the file changed, so an import survives re-runs. */
  fileHash: string | null;
  /** The coordinate system the source was in (stored coordinates are always GCJ-02). */
  sourceCoordinateSystem: CoordinateSystem;
  updatedAt: string;
  updatedBy: string;
}

export const STREET_MAP_DOC_ID = 'streetMap';
