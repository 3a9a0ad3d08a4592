/** Text of the team leader's home (队长工作台). */
export const messages = {
  title: '队长工作台',
  heading: '队长工作台',
  greeting: (name: string) => `${name}队长，您好`,
  myTeams: '我带领的队伍',
  leaders: '队长：',
  noLeader: '暂无队长',
  notLeader: '您现在不是任何队伍的队长。如需成为队长，请联系街道管理员。',
  comingSoon: '排班、设置人数、审核成员和确认服务时长，会随“活动”功能一起开放。',
  teamsFailed: '队伍信息没有加载出来：',
  back: '返回首页',
} as const;
