/** Text of the leader's roster and attendance page (名单与考勤). */
export const messages = {
  title: '名单与考勤',
  heading: '名单与考勤',
  counts: (c: { signed: number; checkedIn: number; checkedOut: number; absent: number; waitlisted: number }) =>
    `已报名 ${c.signed} 人：已签到 ${c.checkedIn}，已签退 ${c.checkedOut}，缺席 ${c.absent}；候补 ${c.waitlisted} 人`,
  code: '出示签到二维码',
  detail: '活动详情',
  signedTitle: '已报名',
  waitlistTitle: '候补名单（按顺序递补）',
  noneSigned: '还没有人报名。',
  position: (n: number) => `候补第 ${n} 位`,
  attendance: {
    none: '未签到',
    in: (at: string, how: string) => `已签到 ${at}（${how}）`,
    out: (at: string, hours: string) => `已签退 ${at}，服务 ${hours}`,
    absent: '缺席',
  },
  method: { qr: '扫码', code: '输入签到码', roster: '队长登记', card: '扫志愿者证' },
  distance: (m: number) => `距活动地点约 ${m} 米`,
  call: (name: string) => `给${name}打电话`,
  calling: '正在取号码…',
  checkIn: '代为签到',
  /** Before check-in opens: when 代为签到 will appear. */
  checkInOpens: (at: string) => `${at} 起可以签到、代为签到（活动开始前 1 小时）。`,
  checkOut: '代为签退',
  present: '补登已到',
  absent: '记为缺席',
  working: '正在登记…',
  done: { checkIn: '已签到。', checkOut: '已签退，生成了待审核的服务记录。', present: '已补登，生成了待审核的服务记录。', absent: '已记为缺席。' },
  already: '已经登记过了。',
  failed: '没有登记成功：',
  callFailed: '没有拨出电话：',
  close: '结束考勤',
  nothingToClose: '考勤已结束：每个人都已签到，或记为缺席。已签到未签退的人，仍可由您代为签退。',
  closeWhat: '还没签到的人会记为缺席；已签到未签退的人仍可由您代为签退。',
  closeConfirm: '确认结束考勤',
  closed: (absent: number, still: number) => `已结束考勤：${absent} 人记为缺席，${still} 人已签到未签退。`,
  release: {
    open: (waitlisted: boolean) => (waitlisted ? '取消候补…' : '取消报名…'),
    reasonLabel: '取消原因（会告诉本人） *',
    reasonPlaceholder: '例如 本人说家里有事来不了',
    reasonInvalid: '请填写原因（至少 2 个字）',
    next: '下一步',
    what: (name: string, waitlisted: boolean, next: string | null) =>
      waitlisted
        ? `把${name}从候补名单里去掉，给${name}发消息说明原因。`
        : `取消${name}的报名，给${name}发消息说明原因。${next ? `空出的名额给候补第 1 位的${next}，也给${next}发消息。` : '没有人候补，名额空出来，别人可以报名。'}`,
    toldReason: (reason: string) => `原因：${reason}`,
    confirm: '确认取消',
    working: '正在取消…',
    failed: '没有取消成功：',
    done: (name: string, promoted: string | null) =>
      `已取消${name}的报名，已给${name}发了消息。${promoted ? `候补的${promoted}补上了，也给${promoted}发了消息。` : ''}`,
    doneWaitlist: (name: string) => `已把${name}从候补名单里去掉，已给${name}发了消息。`,
    /** Before it starts only: after, someone who did not come is 缺席. */
    hint: '活动开始前可以取消别人的报名（例如本人说来不了、已过取消截止）；开始以后，没来的人请记为缺席。',
  },
  approvals: '审核服务时长',
  loadFailed: '名单没有加载出来：',
  refresh: '刷新名单',
  back: '返回',
} as const;
