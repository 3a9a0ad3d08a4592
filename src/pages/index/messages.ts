/** Text of the home page (首页). */
export const messages = {
  title: '首页',
  greeting: (name: string) => `${name}，您好`,
  rolesTitle: '我能做的事',
  linksTitle: '我的时间、活动和消息',
  teamsTitle: '街道志愿队伍',
  teamLeaders: '队长：',
  noLeader: '暂无队长',
  noTeams: '还没有队伍。',
  loadFailed: '首页没有加载出来：',
  teamsFailed: '队伍列表没有加载出来：',
} as const;
