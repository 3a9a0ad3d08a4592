/** Text of the street map components (both runtimes). */
export const mapMessages = {
  kinds: { site: '文明实践站点', post: '志愿服务岗', helpPoint: '求助点' },
  activityLabel: (title: string, time: string) => `${title}\n${time}`,
  pastActivity: '（已结束）',
  estateLabel: (name: string, seniors: number, worst: string) => `${name}：${seniors} 位老人，${worst}`,
  estateLevels: { unreachable: '有联系不上的', overdue: '有逾期未联系的', due: '今天有要联系或待首次联系的', contacted: '都已联系', unpaired: '有未结对的' },
  openActivity: '查看活动',
  cluster: (n: number) => `这里有 ${n} 个地点，点一下放大`,
  baseOnly: '街道示意底图（离线）',
  tilesFailed: '在线地图加载不了，已换成街道示意底图',
  mapLabel: '街道文明实践地图',
} as const;

/** Text of the small map inside an activity or team page. */
export const placeMapMessages = {
  placeTitle: '活动地点',
  teamTitle: '队伍的路线和活动地点',
  navigate: '用手机地图导航到这里',
  fullMap: '打开文明实践地图',
} as const;
