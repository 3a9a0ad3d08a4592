/** Text of the street report (街道工作报表). */
import { calendarDay, dateOnly, dateRange } from '@/services/dates';
import { addDays } from '@/services/rules';
import type { StreetReport } from '@core/api';

export const messages = {
  title: '街道工作报表',
  heading: '街道工作报表',
  intro: '只有汇总数字，不含任何人的姓名和电话。',
  notAdmin: '只有街道管理员可以查看报表。',
  periods: { month: '本月', lastMonth: '上月', year: '今年', custom: '选日期' },
  from: '开始日期',
  to: '结束日期',
  datePlaceholder: '例如 2026-11-01',
  dateInvalid: '请按 2026-11-01 的格式填写',
  show: '查看报表',
  period: (from: string, to: string) => dateRange(from, to),
  loadFailed: '报表没有生成出来：',
  counting: (percent: number) => `正在统计…已统计 ${percent}%。时间长的报表要多等一会儿，统计完再显示数字`,
  counted: (percent: number) => `已统计 ${percent}%`,
  retry: '重试',
  figures: {
    hours: '志愿服务时长',
    records: '服务人次',
    served: '参与服务的志愿者',
    newPeople: '新注册',
  },
  people: (n: number) => `${n} 人`,
  times: (n: number) => `${n} 次`,
  byTeam: '各队伍',
  /** Why the team rows add up to more people than took part. */
  byTeamHint: '一个人可以在几个队伍服务，所以各队人数相加会多于参与服务的志愿者。',
  byCategory: '各服务类别',
  teamLine: (hours: string, count: number, people: number) => `${hours} · ${count} 人次 · ${people} 人`,
  categoryLine: (hours: string, count: number) => `${hours} · ${count} 人次`,
  noService: '这段时间没有审核通过的服务记录。',
  pending: (count: number, hours: string) => `还有 ${count} 条服务记录（${hours}）在等审核（队长审核，或等街道审核），没有计入上面的数字。`,
  activitiesTitle: '活动',
  activities: (held: number, cancelled: number, places: number) => `举办 ${held} 场，取消 ${cancelled} 场；报名 ${places} 人次`,
  timebankTitle: '时间银行',
  timebank: {
    earned: '发放（服务获得）',
    redeemed: '兑换（老人使用）',
    donated: '捐入公益池',
    granted: '公益池资助',
    reversed: '冲正（撤销的记录）',
    adjustedIn: '管理员调增',
    adjustedOut: '管理员调减',
    poolAllocated: '管理员拨入公益池',
    poolWithdrawn: '管理员从公益池调出',
    /** A report stored before the pool's adjustments were counted apart. */
    adjustedInWithPool: '管理员调增（含拨入公益池）',
    adjustedOutWithPool: '管理员调减（含从公益池调出）',
    /** Why fewer credits were issued than hours served. */
    earnedHint: '只有计时间币的服务类别发放时间币，所以发放的时间币会少于志愿服务时长。',
    inCirculation: (asOf: string) => `${asOf}居民持有`,
    pool: (asOf: string) => `${asOf}公益池余额`,
    /** The pool's balance with what is held for grants not yet spent, as the pool page says it. */
    poolValue: (pool: string, reserved: string | null) => (reserved ? `${pool}（其中 ${reserved} 已预留）` : pool),
  },
  helpTitle: '老人求助',
  help: (requested: number, completed: number, hours: string, active: number, oneTap: number, asOf: string) =>
    `新求助 ${requested} 次，完成 ${completed} 次（${hours}）；一键求助 ${oneTap} 次；${asOf}还在进行中 ${active} 次`,
  partnersTitle: '老伙伴',
  partners: (alone: number, paired: number, asOf: string) => `${asOf}：独居老人 ${alone} 人，已结对 ${paired} 人`,
  /**
   * The figures of a moment (who holds credits, the pool, requests going, pairs) are those of the
   * day the report was made, not of the period's end: said on every one, and once more for a past period.
   */
  asOf: (r: Pick<StreetReport, 'generatedAt'>) => `截至${dateOnly(r.generatedAt)}`,
  asOfNote: (r: Pick<StreetReport, 'generatedAt' | 'to'>) =>
    `居民持有的时间币、公益池余额、进行中的求助、独居老人和结对人数，是截至${dateOnly(r.generatedAt)}（报表生成时）的数字，不是${calendarDay(r.to)}的。`,
  contacts: (n: number, visits: number, calls: number, unreachable: number) => `联系 ${n} 次（上门 ${visits}，电话 ${calls}），其中联系不上 ${unreachable} 次`,
  alertLine: (raised: number, closed: number) => `发出 ${raised} 次，已处理 ${closed} 次`,
  charts: {
    monthsTitle: '近 12 个月服务时长',
    monthsSummary: (from: string, to: string) => `折线图：${from} 至 ${to} 每月审核通过的服务时长，数字见下表`,
    month: (m: string) => `${Number(m.slice(5, 7))}月`,
    monthFull: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`,
    monthHead: ['月份', '时长', '人次'],
    hoursUnit: '小时',
    teamsSummary: '条形图：各队伍的服务时长，数字见下方各行',
    categoriesSummary: '条形图：各服务类别的服务时长，数字见下方各行',
    flowsTitle: '时间币流动',
    flowsSummary: '条形图：这段时间发放、兑换、捐入公益池和公益池资助的时间币，数字见下表',
    flowsHead: ['类型', '时长', '笔数'],
    coverageTitle: '老伙伴每周联系',
    coverageSummary: '堆叠柱状图：每周按时联系、迟了和联系不上的次数，数字见下表',
    coverageHead: ['周（周一起，只算本期内的日子）', '按时', '迟了', '联系不上'],
    onTime: '按时',
    late: '迟了',
    unreachable: '联系不上',
    coverageHint: (hours: number) => `按时：距上次联系上老人不超过 ${hours} 小时；迟了：超过 ${hours} 小时，或此前一周没有联系上。`,
    /** The chart's axis: the week's first day inside the period (11/30). */
    week: (monday: string, from: string) => {
      const first = monday < from ? from : monday;
      return `${Number(first.slice(5, 7))}/${Number(first.slice(8, 10))}`;
    },
    /**
     * The table's words for a week, cut to the period at both ends: the counts of a week the period
     * cuts are of its days in the period only, so the row says which days (11月30日至12月6日, 11月1日).
     */
    weekFull: (monday: string, from: string, to: string) => {
      const first = monday < from ? from : monday;
      const sunday = addDays(monday, 6);
      const last = sunday > to ? to : sunday;
      if (first === monday && last === sunday) return `${calendarDay(monday)}起的一周`;
      return first === last ? `${calendarDay(first)}（本期只含这一天）` : `${calendarDay(first)}至${calendarDay(last)}（本期内的几天）`;
    },
    helpTitle: '求助按状态',
    helpSummary: '条形图：这段时间新提出的求助现在各处于什么状态，数字见下表',
    helpHead: ['状态', '次数'],
    count: (n: number) => `${n}`,
  },
  copy: '复制报表文字',
  copied: '已复制，可以粘贴到微信里发送。',
  copyFailed: '没有复制成功，请再点一次。',
  back: '返回街道管理',
  /** The report as plain text, for pasting into a chat or a document. */
  asText: (r: StreetReport): string => {
    const asOf = messages.asOf(r);
    const t = r.timebank;
    return [
      `街道工作报表（${dateRange(r.from, r.to)}）`,
      `志愿服务：${r.service.approved.hours}，${r.service.approved.count} 人次，${r.people.servedInPeriod} 位志愿者参与；新注册 ${r.people.registeredInPeriod} 人`,
      ...r.service.byTeam.map((x) => `  ${x.name}：${x.hours}，${x.count} 人次，${x.volunteers} 人`),
      ...(r.service.pending.count ? [`  （${messages.pending(r.service.pending.count, r.service.pending.hours)}）`] : []),
      `活动：举办 ${r.activities.held} 场，取消 ${r.activities.cancelled} 场，报名 ${r.activities.signedPlaces} 人次`,
      `时间银行：${flowLines(r)
        .map((l) => `${l.label} ${l.hours}`)
        .join('，')}`,
      `  ${asOf}：居民持有 ${t.inCirculation.hours}，公益池余额 ${poolValueOf(r)}`,
      `老人求助：${messages.help(r.help.requested, r.help.completed.count, r.help.completed.hours, r.help.activeNow, r.help.oneTapAlerts, asOf)}`,
      `老伙伴：联系 ${r.partners.contacts} 次（上门 ${r.partners.visits}，电话 ${r.partners.phoneCalls}），其中联系不上 ${r.partners.unreachable} 次`,
      ...r.partners.alerts.map((a) => `  ${a.label}：${messages.alertLine(a.raised, a.closed)}`),
      `  ${messages.partners(r.partners.seniorsLivingAlone, r.partners.paired, asOf)}`,
    ].join('\n');
  },
} as const;

/** The pool's balance as the report says it, with what is reserved (a report stored before poolReserved says the balance alone). */
export const poolValueOf = (r: StreetReport): string =>
  messages.timebank.poolValue(r.timebank.pool.hours, r.timebank.poolReserved && r.timebank.poolReserved.minutes > 0 ? r.timebank.poolReserved.hours : null);

/**
 * The period's time-bank lines as the page and the copied text give them. The pool's own
 * adjustments are lines apart; a report stored before they were counted apart says its 调增/调减
 * include them.
 */
export const flowLines = (r: StreetReport): Array<{ key: string; label: string; hours: string }> => {
  const t = r.timebank;
  const l = messages.timebank;
  const apart = !!t.poolAllocated && !!t.poolWithdrawn;
  return [
    { key: 'earned', label: l.earned, hours: t.earned.hours },
    { key: 'redeemed', label: l.redeemed, hours: t.redeemed.hours },
    { key: 'donated', label: l.donated, hours: t.donated.hours },
    { key: 'granted', label: l.granted, hours: t.granted.hours },
    { key: 'reversed', label: l.reversed, hours: t.reversed.hours },
    { key: 'adjustedIn', label: apart ? l.adjustedIn : l.adjustedInWithPool, hours: t.adjustedIn.hours },
    { key: 'adjustedOut', label: apart ? l.adjustedOut : l.adjustedOutWithPool, hours: t.adjustedOut.hours },
    ...(t.poolAllocated && t.poolWithdrawn
      ? [
          { key: 'poolAllocated', label: l.poolAllocated, hours: t.poolAllocated.hours },
          { key: 'poolWithdrawn', label: l.poolWithdrawn, hours: t.poolWithdrawn.hours },
        ]
      : []),
  ];
};
