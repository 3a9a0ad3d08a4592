/** Text of the leader's check-in code page (签到二维码). */
export const messages = {
  title: '签到二维码',
  heading: '签到二维码',
  intro: '请志愿者用微信扫这个二维码签到或签退。扫不了的，可以输入下面的 6 位数字。',
  qrLabel: '签到二维码',
  codeLabel: '签到码',
  rotates: (seconds: number) => `每 60 秒自动更换，约 ${seconds} 秒后换新码。旧码在换新后 1 分钟内仍然有效。`,
  refresh: '立即刷新',
  opensAt: (at: string) => `${at} 起显示`,
  opensHint: '签到码在活动开始前 1 小时到结束后 3 小时之间显示。到时间再打开这一页即可。',
  loadFailed: '签到码没有加载出来：',
  roster: '查看名单与考勤',
  scanCard: '扫志愿者证签到',
  back: '返回',
} as const;
