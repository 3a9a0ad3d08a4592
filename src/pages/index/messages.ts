/** Text of the home page (首页). */
export const messages = {
  title: '首页',
  greeting: (name: string) => `${name}，您好`,
  rolesTitle: '我能做的事',
  linksTitle: '我的时间、活动和消息',
  /** Someone who does not volunteer has no activities. */
  linksTitleNoActivities: '我的时间和消息',
  teamsTitle: '街道志愿队伍',
  teamLeaders: '队长：',
  noLeader: '暂无队长',
  noTeams: '还没有队伍。',
  loadFailed: '首页没有加载出来：',
  /** Open alerts this person may act on, at the top of the home. */
  openAlerts: {
    /** Beside the red icon: an alarm, not an error of the app. */
    head: '有警报',
    title: (n: number, more: boolean) => `有 ${n}${more ? ' 条以上' : ' 条'}警报还没有结束`,
    line: (senior: string, kind: string, at: string, handler: string | null) =>
      `${senior}：${kind}（${at}）${handler ? `，${handler} 在处理` : '，还没有人接手'}`,
    go: '去看看',
  },
  teamsFailed: '队伍列表没有加载出来：',
  forSenior: (name: string) => `替${name}办理`,
  alert: '一键求助',
  alerting: '正在通知…',
  alertFailed: '一键求助没有发出去，请再按一次，或直接打电话 110 / 120：',
  askHelp: '请人帮忙',
  seniorHome: '进入老人服务',
  nextTitle: '我的下一个活动',
  nextFailed: '下一个活动没有加载出来：',
  noNext: '您还没有报名接下来的活动。',
  /** Above the next activity when it is one the person's team holds and they lead. */
  leading: '您带队的活动：',
  findActivity: '去找活动',
} as const;
