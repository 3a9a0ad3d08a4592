/** Text of 街道地图 (admin): importing the street's GeoJSON map. */
import { MAP_KIND_NAMES } from '@core/domain/map-kinds';

export const messages = {
  title: '街道地图',
  heading: '街道地图（文明实践地图的底图）',
  intro:
    '文明实践地图上画的街道边界、河道、道路、小区，以及实践站点、志愿服务岗、求助点和巡河路线，都来自一个地图文件（.geojson，一般由测绘或信息化的同事按系统说明里的“地图文件格式”制作）。导入后整张地图换成新的；文件哪里不对会逐条说明，这时地图一点也不改。',
  notAdmin: '只有街道管理员可以导入地图。',
  current: '现在的地图',
  source: { file: '街道定义文件（street.json）', import: '管理员导入', none: '还没有地图' },
  updated: (at: string, by: string) => `${at} 由 ${by} 更新`,
  kinds: MAP_KIND_NAMES as Record<string, string>,
  count: (name: string, n: number) => `${name} ${n}`,
  crsLabel: '文件的坐标系',
  crs: { 'GCJ-02': 'GCJ-02（微信、高德、腾讯地图取的点）', WGS84: 'WGS84（GPS、OpenStreetMap 导出的文件）' },
  fileLabel: '地图文件内容',
  fileHint: '把 .geojson 文件的全部内容粘贴到这里，或点“选择文件”。',
  choose: '选择文件',
  chooseFailed: '没有读出文件：',
  empty: '请先粘贴或选择地图文件',
  submit: '检查并导入',
  busy: '正在检查……',
  failed: '没有导入：',
  done: (n: number) => `已导入：地图共 ${n} 个要素，文明实践地图已经换成新的。`,
  openMap: '打开文明实践地图看看',
} as const;
