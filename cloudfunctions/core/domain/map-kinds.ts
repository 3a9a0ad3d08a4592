/**
 * What a street map's features may be, and what each is called where an admin reads it (the file's
 * author writes the codes). Pure, so the app's map pages read the same names as the server's checks.
 */
export const MAP_KINDS = ['boundary', 'river', 'water', 'road', 'green', 'estate', 'site', 'post', 'helpPoint', 'route'] as const;
export type MapKind = (typeof MAP_KINDS)[number];

export const MAP_KIND_NAMES: Record<MapKind, string> = {
  boundary: '街道边界',
  river: '河道',
  water: '水面',
  road: '道路',
  green: '绿地',
  estate: '小区',
  site: '实践站点',
  post: '志愿服务岗',
  helpPoint: '求助点',
  route: '路线',
};
