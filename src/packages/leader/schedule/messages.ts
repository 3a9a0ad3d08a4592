/** Text of the leader's schedule (活动排班). */
export const messages = {
  title: '活动排班',
  heading: '活动排班',
  chooseTeam: '选择队伍',
  create: '安排新活动',
  ranges: { upcoming: '近期', past: '过去 30 天' },
  none: '这段时间没有活动。',
  loadFailed: '活动没有加载出来：',
  roster: '名单与考勤',
  code: '签到码',
  edit: '修改',
  cancel: '取消活动',
  noTeam: '您现在不是任何队伍的队长。',
} as const;
