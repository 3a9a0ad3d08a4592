/** Text of the team leader's home (队长工作台). */
export const messages = {
  title: '队长工作台',
  heading: '队长工作台',
  /** 队长 only for someone who leads a team: the street admin manages every team without leading one. */
  greeting: (name: string, leads: boolean) => (leads ? `${name}队长，您好` : `${name}，您好。您是街道管理员，可以管理全部队伍`),
  myTeams: '我带领的队伍',
  /** As the team page and its member list count them: leaders apart from the other members. */
  members: (leaders: number, members: number) => `队长 ${leaders} 人、队员 ${members} 人`,
  notLeader: '您现在不是任何队伍的队长。如需成为队长，请联系街道管理员。',
  teamsFailed: '队伍信息没有加载出来：',
  schedule: '活动排班',
  create: '安排新活动',
  approvals: '审核服务时长',
  newRecord: '登记服务记录',
  records: '本队服务记录',
  export: '导出服务记录（Excel）',
  next: '近期活动（点开可看名单、出示签到码）',
  noNext: '近期没有安排活动。',
  back: '返回首页',
  month: {
    title: (month: string) => `本队${Number(month.slice(5, 7))}月每天的服务时长`,
    summary: (team: string, month: string) => `堆叠柱状图：${team}${month.slice(0, 4)}年${Number(month.slice(5, 7))}月每天已审核和待审核的服务时长，数字见下表`,
    approved: '已审核',
    pending: '待审核',
    unit: '小时',
    head: ['日期', '已审核', '待审核'],
    day: (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`,
    totals: (approved: string, approvedCount: number, pending: string, pendingCount: number) =>
      `本月已审核 ${approved}（${approvedCount} 人次），待审核 ${pending}（${pendingCount} 人次）`,
    failed: '本月统计没有加载出来：',
  },
} as const;
