/**
 * What the practice map shows without drawing it (src/services/practice-map.ts): the filters, the
 * Shanghai week, the 附近 order and the way distances read.
 */
import type { MapActivity, MapPlace } from '../../cloudfunctions/core/api';
import { distanceText, filterActivities, nearby, NO_FILTERS, showPlaces, weekOf } from '../../src/services/practice-map';

const activity = (id: string, date: string, over: Partial<MapActivity> = {}): MapActivity => ({
  id,
  title: `活动${id}`,
  teamId: 't_patrol',
  teamName: '护河巡林志愿服务队',
  category: 'community',
  categoryName: '社区志愿服务',
  date,
  timeText: `${date} 09:00–11:00`,
  startAt: `${date}T01:00:00.000Z`,
  upcoming: true,
  placeName: '滨江步道北入口',
  latitude: 31.2381,
  longitude: 121.4952,
  ...over,
});
const place = (id: string, latitude: number, longitude: number): MapPlace => ({ id, kind: 'site', name: `站${id}`, description: null, latitude, longitude });
const labels = { site: '文明实践站点', post: '志愿服务岗', helpPoint: '求助点' };

it('takes the Shanghai week, Monday to Sunday, across the UTC date line', () => {
  // Sunday 2026-12-06 at 23:30 in Shanghai is still Sunday there (15:30 UTC).
  expect(weekOf(new Date('2026-12-06T15:30:00.000Z'))).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  // Monday 00:30 in Shanghai is Sunday 16:30 UTC: already the next week.
  expect(weekOf(new Date('2026-12-06T16:30:00.000Z'))).toEqual({ from: '2026-12-07', to: '2026-12-13' });
});

it('filters by team, category and this week, together', () => {
  const items = [
    activity('a', '2026-12-05'),
    activity('b', '2026-12-12'),
    activity('c', '2026-12-05', { teamId: 't_paws', category: 'culture' }),
    activity('d', '2026-12-06', { category: 'culture' }),
  ];
  const now = new Date('2026-12-04T02:00:00.000Z');
  expect(filterActivities(items, NO_FILTERS, now).map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
  expect(filterActivities(items, { ...NO_FILTERS, teamId: 't_patrol' }, now).map((a) => a.id)).toEqual(['a', 'b', 'd']);
  expect(filterActivities(items, { ...NO_FILTERS, thisWeekOnly: true }, now).map((a) => a.id)).toEqual(['a', 'c', 'd']);
  expect(filterActivities(items, { teamId: 't_patrol', category: 'culture', thisWeekOnly: true }, now).map((a) => a.id)).toEqual(['d']);
  expect(showPlaces(NO_FILTERS)).toBe(true);
  expect(showPlaces({ ...NO_FILTERS, teamId: 't_patrol' })).toBe(false);
  expect(showPlaces({ ...NO_FILTERS, thisWeekOnly: true })).toBe(true);
});

it('lists places and upcoming activities nearest first, leaving ended activities out', () => {
  const here = { latitude: 31.2388, longitude: 121.4962 };
  const rows = nearby(
    { places: [place('far', 31.2296, 121.489), place('near', 31.2389, 121.4962)] },
    [activity('soon', '2026-12-05'), activity('ended', '2026-11-28', { upcoming: false, latitude: 31.2388, longitude: 121.4962 })],
    here,
    labels,
  );
  expect(rows.map((r) => r.key)).toEqual(['near', 'soon', 'far']);
  expect(rows.map((r) => r.meters)).toEqual([...rows.map((r) => r.meters)].sort((a, b) => a - b));
  expect(rows[0]!.meters).toBeLessThan(20);
  expect(rows.find((r) => r.key === 'soon')!.activityId).toBe('soon');
  expect(rows.find((r) => r.key === 'far')!.detail).toBe('文明实践站点');
});

it('says distances as people do', () => {
  expect(distanceText(3)).toBe('10 米');
  expect(distanceText(347)).toBe('350 米');
  expect(distanceText(1234)).toBe('1.2 公里');
});
