/**
 * What the 文明实践地图 shows, without drawing it: which activities pass the filters, the 附近 list
 * sorted by distance from the user, the markers' colours and glyphs. Both map components (weapp Map,
 * H5 Leaflet) and their tests use these, so the two runtimes show the same thing.
 */
import type { MapActivity, MapEstate, MapPlace, PracticeMap } from '@core/api';
import { distanceMeters } from '@core/domain/geo';
import { addDays, localParts } from '@core/domain/schedule';

/** One colour per marker kind; scripts/make-map-markers.ts draws the weapp icons from these. */
export const MARKER_COLOURS = {
  site: '#c62828',
  post: '#d84315',
  helpPoint: '#2e7d32',
  activity: '#1565c0',
  'activity-past': '#78909c',
  'estate-unreachable': '#b71c1c',
  'estate-overdue': '#e65100',
  'estate-due': '#f9a825',
  'estate-contacted': '#2e7d32',
  'estate-unpaired': '#616161',
} as const;
export type MarkerKind = keyof typeof MARKER_COLOURS;

/** A glyph inside each H5 marker, so kinds differ by more than colour. */
export const MARKER_GLYPHS: Record<'site' | 'post' | 'helpPoint' | 'activity', string> = { site: '站', post: '岗', helpPoint: '助', activity: '活' };

export const placeMarker = (p: MapPlace): MarkerKind => p.kind;
export const activityMarker = (a: MapActivity): MarkerKind => (a.upcoming ? 'activity' : 'activity-past');
export const estateMarker = (e: MapEstate): MarkerKind => `estate-${e.level}`;

/** Line and area styles of the street's own base map (also the route). */
export const BASE_STYLES = {
  boundary: { stroke: '#5d4037', fill: '#fffdf7', weight: 3, dash: '8 6' },
  river: { stroke: '#4a90c8', fill: '#a9d3f0', weight: 10, dash: '' },
  water: { stroke: '#4a90c8', fill: '#a9d3f0', weight: 1, dash: '' },
  road: { stroke: '#9e9e9e', fill: 'none', weight: 6, dash: '' },
  green: { stroke: '#7cb342', fill: '#c5e1a5', weight: 1, dash: '' },
  estate: { stroke: '#bcaaa4', fill: '#efebe9', weight: 1, dash: '' },
  route: { stroke: '#00897b', fill: 'none', weight: 5, dash: '10 6' },
} as const;

export interface MapFilters {
  teamId: string | null;
  category: string | null;
  thisWeekOnly: boolean;
}

export const NO_FILTERS: MapFilters = { teamId: null, category: null, thisWeekOnly: false };

/** Monday and Sunday of the Shanghai week containing `now`. */
export function weekOf(now: Date): { from: string; to: string } {
  const today = localParts(now).date;
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const from = addDays(today, weekday === 0 ? -6 : 1 - weekday);
  return { from, to: addDays(from, 6) };
}

export function filterActivities(items: readonly MapActivity[], f: MapFilters, now: Date): MapActivity[] {
  const week = f.thisWeekOnly ? weekOf(now) : null;
  return items.filter(
    (a) => (!f.teamId || a.teamId === f.teamId) && (!f.category || a.category === f.category) && (!week || (a.date >= week.from && a.date <= week.to)),
  );
}

/** Whether a place of the practice layer belongs on the map under these filters (a team filter keeps its route only). */
export const showPlaces = (f: MapFilters): boolean => !f.teamId && !f.category;

export interface Nearby {
  key: string;
  name: string;
  detail: string;
  meters: number;
  activityId: string | null;
  latitude: number;
  longitude: number;
}

/** Places and upcoming activities by walking order from where the user stands (GCJ-02 both). */
export function nearby(
  data: Pick<PracticeMap, 'places'>,
  activities: readonly MapActivity[],
  from: { latitude: number; longitude: number },
  labels: Record<MapPlace['kind'], string>,
  limit = 12,
): Nearby[] {
  const rows: Nearby[] = [
    ...data.places.map((p) => ({
      key: p.id,
      name: p.name,
      detail: labels[p.kind],
      meters: distanceMeters(from, p),
      activityId: null,
      latitude: p.latitude,
      longitude: p.longitude,
    })),
    ...activities
      .filter((a) => a.upcoming)
      .map((a) => ({
        key: a.id,
        name: a.title,
        detail: `${a.timeText} · ${a.placeName}`,
        meters: distanceMeters(from, a),
        activityId: a.id,
        latitude: a.latitude,
        longitude: a.longitude,
      })),
  ];
  return rows.sort((a, b) => a.meters - b.meters || a.name.localeCompare(b.name)).slice(0, limit);
}

/** 350 米 / 1.2 公里, as people say it. */
export const distanceText = (m: number): string => (m < 1000 ? `${Math.max(10, Math.round(m / 10) * 10)} 米` : `${(m / 1000).toFixed(1)} 公里`);

/** Every point a map should keep in view: the boundary's corners, else the markers. */
export function pointsToInclude(
  data: Pick<PracticeMap, 'bounds'>,
  markers: ReadonlyArray<{ latitude: number; longitude: number }>,
): Array<{ latitude: number; longitude: number }> {
  if (data.bounds) {
    const [[s, w], [n, e]] = data.bounds;
    return [
      { latitude: s, longitude: w },
      { latitude: n, longitude: e },
    ];
  }
  return markers.map((m) => ({ latitude: m.latitude, longitude: m.longitude }));
}
