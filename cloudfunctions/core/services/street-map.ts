/**
 * The 文明实践地图: the street's own map (settings/streetMap, from street.json or an admin's import)
 * with the practice layer, the activities around now and, for staff, each estate's seniors by contact
 * status. Everything is GCJ-02; the H5 map converts for WGS84 tiles (docs/map.md).
 */
import type { ActivitiesResults, AdminResults, MapActivity, MapEstate, MapPlace, MapRoute, MapTiles, ParsedInput, StreetMapInfo } from '../api';
import { AppError } from '../errors';
import type { StoredActivityDoc } from '../domain/activities';
import type { CareDoc } from '../domain/partners';
import type { UserDoc } from '../domain/people';
import { distanceMeters } from '../domain/geo';
import { localParts, timeText } from '../domain/schedule';
import type { SeniorDoc } from '../domain/seniors';
import type { StreetDefinition } from '../domain/street';
import { boundsOf, parseStreetMap, problemPlace, STREET_MAP_DOC_ID, type MapFeature, type StreetMapDoc } from '../domain/street-map';
import type { FieldFilter, Store } from '../store/port';
import type { SetupMarker } from '../domain/meta';
import { scanAll } from '../store/scan';
import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { audit } from './shared/audit';
import { requireUser, type ServiceContext } from './shared/context';
import { loadPolicy } from './policy';
import { committeeWhere, staffCommittees } from './partners/access';
import { loadProgramme } from './partners/programme';
import { scheduleView } from './partners/views';

/** Activities shown: the last month's (greyed) and the next two months' (highlighted). */
const PAST_DAYS = 30;
const AHEAD_DAYS = 60;
const MAX_ACTIVITIES = 300;
/** A senior placed by map point belongs to the nearest estate of their 居委 within this distance. */
const ESTATE_RADIUS_M = 400;

const BASE_KINDS = new Set(['boundary', 'river', 'water', 'road', 'green', 'estate']);

/**
 * Setup's step: loads the map of street.json when the file's map changed since setup last loaded it
 * (so an admin's import survives re-runs with the same file). Returns what it did.
 */
export async function loadStreetMapFromFile(store: Store, street: StreetDefinition, at: string): Promise<'written' | 'kept' | 'none'> {
  if (street.map === undefined) return 'none';
  const parsed = parseStreetMap(street.map, street.street.coordinateSystem);
  if (!parsed.ok) throw new AppError('STREET_INVALID', `街道地图有误：map.${parsed.problems[0]!.path} ${parsed.problems[0]!.message}`, parsed.problems);
  const fileHash = createHash('sha256').update(stableStringify(street.map)).digest('base64url');
  return store.transaction(async (tx) => {
    const was = await tx.get<StreetMapDoc>('settings', STREET_MAP_DOC_ID);
    if (was && was.fileHash === fileHash) return 'kept';
    await tx.set<StreetMapDoc>('settings', {
      _id: STREET_MAP_DOC_ID,
      ...parsed.map,
      source: 'file',
      fileHash,
      sourceCoordinateSystem: street.street.coordinateSystem,
      updatedAt: at,
      updatedBy: 'setup',
    });
    return 'written';
  });
}

/** The tile source from configuration, or null (the street's own base map only). */
export function tilesFromEnv(env: NodeJS.ProcessEnv = process.env): MapTiles | null {
  const template = env.MAP_TILE_URL?.trim();
  const url = template?.replace('{key}', encodeURIComponent(env.MAP_TILE_KEY ?? ''));
  if (!url || !/^https:\/\/\S+\{z\}\S*$/.test(url)) return null;
  return {
    url,
    subdomains: env.MAP_TILE_SUBDOMAINS ?? '',
    attribution: env.MAP_TILE_ATTRIBUTION ?? '',
    coordinateSystem: env.MAP_TILE_CRS === 'WGS84' ? 'WGS84' : 'GCJ-02',
    maxZoom: Math.min(20, Math.max(10, Number(env.MAP_TILE_MAX_ZOOM) || 18)),
  };
}

const latLng = ([lng, lat]: [number, number] | number[]): [number, number] => [lat!, lng!];

function practiceLayer(features: readonly MapFeature[], teamNames: Map<string, string>): { places: MapPlace[]; routes: MapRoute[] } {
  const places: MapPlace[] = [];
  const routes: MapRoute[] = [];
  features.forEach((f, i) => {
    const p = f.properties;
    if ((p.kind === 'site' || p.kind === 'post' || p.kind === 'helpPoint') && f.geometry.type === 'Point') {
      const [longitude, latitude] = f.geometry.coordinates;
      places.push({ id: `${p.kind}-${i}`, kind: p.kind, name: p.name ?? '', description: p.description ?? null, latitude, longitude });
    }
    if (p.kind === 'route' && (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString')) {
      const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      lines.forEach((line, j) =>
        routes.push({
          id: `route-${i}-${j}`,
          name: p.name ?? '',
          teamId: p.teamId ?? null,
          teamName: p.teamId ? (teamNames.get(p.teamId) ?? null) : null,
          points: line.map(latLng),
        }),
      );
    }
  });
  return { places, routes };
}

async function mapActivities(ctx: ServiceContext, teamNames: Map<string, string>): Promise<MapActivity[]> {
  const now = ctx.now();
  const from = new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString();
  const to = new Date(now.getTime() + AHEAD_DAYS * 86_400_000).toISOString();
  const [items, policy] = await Promise.all([
    // (status, startAt) is an index; cancelled activities are not places to go.
    scanAll<StoredActivityDoc>(ctx.store, 'activities', { status: 'scheduled', startAt: { gte: from, lte: to } }, 'startAt', MAX_ACTIVITIES),
    loadPolicy(ctx.store),
  ]);
  const categoryNames = new Map(policy.categories.map((c) => [c.id, c.name]));
  const nowIso = now.toISOString();
  return items.map((a) => ({
    id: a._id,
    title: a.title,
    teamId: a.teamId,
    teamName: teamNames.get(a.teamId) ?? '',
    category: a.category,
    categoryName: categoryNames.get(a.category) ?? a.category,
    date: localParts(a.startAt).date,
    timeText: timeText(a.startAt, a.endAt),
    startAt: a.startAt,
    upcoming: a.endAt > nowIso,
    placeName: a.place.name,
    latitude: a.place.latitude,
    longitude: a.place.longitude,
  }));
}

const LEVELS: Array<MapEstate['level']> = ['unreachable', 'overdue', 'due', 'contacted', 'unpaired'];

interface EstatePoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

/** Each estate of the staff member's 居委 with its seniors counted by contact status; null for anyone else. */
async function estateCoverage(ctx: ServiceContext, me: UserDoc): Promise<MapEstate[] | null> {
  if (!me.roles.some((r) => r === 'socialWorker' || r === 'admin')) return null;
  const committees = staffCommittees(me, undefined);
  if (committees && committees.length === 0) return null;
  const where: Record<string, FieldFilter> = committees ? { committeeId: committeeWhere(committees) } : {};
  const [committeeDocs, seniors, cares, programme] = await Promise.all([
    scanAll<{ _id: string; estates?: EstatePoint[] }>(ctx.store, 'committees', {}, '_id'),
    scanAll<SeniorDoc>(ctx.store, 'seniors', where, 'createdAt'),
    scanAll<CareDoc>(ctx.store, 'care', where, 'updatedAt'),
    loadProgramme(ctx.store),
  ]);
  const now = ctx.now();
  const careOf = new Map(cares.map((c) => [c._id, c]));
  const estates = new Map<string, MapEstate>();
  for (const c of committeeDocs) {
    if (committees && !committees.includes(c._id)) continue;
    for (const e of c.estates ?? []) {
      estates.set(e.id, {
        id: e.id,
        name: e.name,
        committeeId: c._id,
        latitude: e.latitude,
        longitude: e.longitude,
        seniors: 0,
        unreachable: 0,
        overdue: 0,
        due: 0,
        waiting: 0,
        contacted: 0,
        unpaired: 0,
        level: 'unpaired',
      });
    }
  }
  for (const s of seniors) {
    // As on the coverage board: the programme's seniors (living alone, or still paired).
    if (!s.livingAlone && !careOf.get(s._id)?.paired) continue;
    let estate = s.estateId ? estates.get(s.estateId) : undefined;
    if (!estate && s.location) {
      let best = ESTATE_RADIUS_M;
      for (const e of estates.values()) {
        if (e.committeeId !== s.committeeId) continue;
        const d = distanceMeters(s.location, e);
        if (d <= best) {
          best = d;
          estate = e;
        }
      }
    }
    if (!estate) continue;
    estate.seniors += 1;
    estate[scheduleView(careOf.get(s._id) ?? null, programme, now).status] += 1;
  }
  const shown = [...estates.values()].filter((e) => e.seniors > 0);
  for (const e of shown) e.level = LEVELS.find((l) => (l === 'due' ? e.due + e.waiting : e[l]) > 0) ?? 'unpaired';
  return shown;
}

/** `activities.practiceMap`. */
export async function practiceMap(ctx: ServiceContext): Promise<ActivitiesResults['practiceMap']> {
  const [doc, teams, setup] = await Promise.all([
    ctx.store.get<StreetMapDoc>('settings', STREET_MAP_DOC_ID),
    ctx.store.find<{ _id: string; name: string }>('teams', { limit: 100 }),
    ctx.store.get<SetupMarker>('meta', 'setup'),
  ]);
  const teamNames = new Map(teams.items.map((t) => [t._id, t.name]));
  const features = doc?.features ?? [];
  const { places, routes } = practiceLayer(features, teamNames);
  const me = ctx.actor.user;
  const [activities, estates] = await Promise.all([mapActivities(ctx, teamNames), me ? estateCoverage(ctx, me) : Promise.resolve(null)]);
  return {
    streetName: setup?.streetName ?? '',
    coordinateSystem: 'GCJ-02',
    note: doc?.note ?? null,
    source: doc?.source ?? 'none',
    bounds: boundsOf(features.filter((f) => f.properties.kind === 'boundary')) ?? boundsOf(features),
    base: features.filter((f) => BASE_KINDS.has(f.properties.kind)),
    places,
    routes,
    activities,
    estates,
    tiles: tilesFromEnv(),
  };
}

function infoOf(doc: StreetMapDoc | null, updatedByName: string | null): StreetMapInfo {
  const counts: Record<string, number> = {};
  for (const f of doc?.features ?? []) counts[f.properties.kind] = (counts[f.properties.kind] ?? 0) + 1;
  return {
    source: doc?.source ?? 'none',
    note: doc?.note ?? null,
    sourceCoordinateSystem: doc?.sourceCoordinateSystem ?? null,
    counts,
    updatedAt: doc?.updatedAt ?? null,
    updatedByName,
  };
}

/** `admin.streetMap`. */
export async function streetMapInfo(ctx: ServiceContext): Promise<AdminResults['streetMap']> {
  const doc = await ctx.store.get<StreetMapDoc>('settings', STREET_MAP_DOC_ID);
  const by = doc && doc.updatedBy !== 'setup' ? await ctx.store.get<UserDoc>('users', doc.updatedBy) : null;
  return infoOf(doc, doc?.updatedBy === 'setup' ? '开通程序（street.json）' : (by?.name ?? null));
}

/** `admin.importStreetMap`: checks the whole file first; a bad one changes nothing. */
export async function importStreetMap(ctx: ServiceContext, input: ParsedInput<'admin', 'importStreetMap'>): Promise<AdminResults['importStreetMap']> {
  const me = requireUser(ctx);
  let raw: unknown;
  try {
    raw = JSON.parse(input.geojson);
  } catch {
    throw new AppError('MAP_INVALID', '地图文件不是有效的 JSON（GeoJSON 文件应以 { 开头）', [{ path: '', message: '不是有效的 JSON' }]);
  }
  const parsed = parseStreetMap(raw, input.coordinateSystem);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    const more = parsed.problems.length > 1 ? `（另有 ${parsed.problems.length - 1} 处有误）` : '';
    throw new AppError('MAP_INVALID', `地图文件有误：${problemPlace(first.path, raw)}：${first.message}${more}`, parsed.problems);
  }
  return ctx.mutate(async (tx) => {
    const at = ctx.now().toISOString();
    const was = await tx.get<StreetMapDoc>('settings', STREET_MAP_DOC_ID);
    const doc: StreetMapDoc = {
      _id: STREET_MAP_DOC_ID,
      ...parsed.map,
      source: 'import',
      fileHash: was?.fileHash ?? null,
      sourceCoordinateSystem: input.coordinateSystem,
      updatedAt: at,
      updatedBy: me._id,
    };
    await tx.set<StreetMapDoc>('settings', doc);
    await audit(tx, me._id, me._id, 'streetMap.import', { features: doc.features.length, coordinateSystem: input.coordinateSystem }, at);
    return infoOf(doc, me.name);
  });
}
