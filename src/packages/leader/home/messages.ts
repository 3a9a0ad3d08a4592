/** Text of the team leader's home (队长工作台). */
export const messages = {
  title: '队长工作台',
  heading: '队长工作台',
  greeting: (name: string) => `${name}队长，您好`,
  myTeams: '我带领的队伍',
  members: (n: number) => `队员 ${n} 人`,
  notLeader: '您现在不是任何队伍的队长。如需成为队长，请联系街道管理员。',
  teamsFailed: '队伍信息没有加载出来：',
  schedule: '活动排班',
  create: '安排新活动',
  approvals: '审核服务时长',
  export: '导出服务记录（Excel）',
  next: '近期活动（点开可看名单、出示签到码）',
  noNext: '近期没有安排活动。',
  back: '返回首页',
} as const;
