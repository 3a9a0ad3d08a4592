/** Text of the activity map (街道实践地图). */
export const messages = {
  title: '活动地图',
  heading: '街道实践地图',
  intro: '近期活动的地点。点地图上的标记或下面的地点，查看在那里的活动。',
  h5Fallback: '网页版不能显示地图，下面按地点列出近期活动。',
  places: '活动地点',
  count: (n: number) => `${n} 场活动`,
  placeActivities: (name: string) => `${name}的活动`,
  none: '近期没有安排活动。',
  loadFailed: '活动没有加载出来：',
  openLocation: '用手机地图导航到这里',
} as const;
