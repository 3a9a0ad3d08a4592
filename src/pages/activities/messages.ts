/** Text of the activities tab (活动). */
export const messages = {
  title: '活动',
  heading: '志愿活动',
  notYet: '活动报名、签到签退和服务时长登记正在开发，开放后会在这里列出各队伍的活动。',
  meanwhile: '现在可以先看看街道有哪些志愿队伍：',
  teamLeaders: '队长：',
  noLeader: '暂无队长',
  teamsFailed: '队伍列表没有加载出来：',
} as const;
