/** Text of 我的时间 (the volunteer's hours, time credits and statement). */
import { creditWords } from '@/messages/timebank';

export const messages = {
  title: '我的时间',
  heading: '我的时间',
  /** The leading figure, as on the senior home: what can be used. */
  available: creditWords.available,
  held: creditWords.held,
  cap: (hours: string) => `账户上限 ${hours}，超出的部分可以捐到公益池。`,
  starTitle: '志愿星级',
  served: (hours: string) => `已审核的服务时长累计 ${hours}`,
  toNext: (hours: string, next: string) => `再服务 ${hours}，就是${next}`,
  top: '已是最高星级，感谢您的付出！',
  starNames: ['未评星', '一星志愿者', '二星志愿者', '三星志愿者', '四星志愿者', '五星志愿者'],
  thresholds: (list: string) => `星级门槛（累计小时）：${list}`,
  give: '转赠或捐赠时间币',
  relatives: '亲属关联',
  recordsTitle: '我的服务记录',
  noRecords: '还没有服务记录。参加活动并签退后，这里会出现待审核的记录。',
  recordState: { pending: '待队长审核', approved: '已审核', rejected: '已退回', reversed: '已撤销' },
  recordCredits: (hours: string) => `计入时间币 ${hours}`,
  noCredits: '计服务时长，不计时间币',
  // A correction granted on a 异议: the whole record restored, or the minutes added to an approved one.
  correction: '这条是异议处理后记入的记录。',
  rejectedReason: (r: string) => `没有计时间币，退回原因：${r}`,
  why: {
    pending: '还没有计时间币：队长审核通过后才计入。',
    /** Pending, of a kind that never earns credits: nothing to promise. */
    pendingNoCredits: '等队长审核；这类服务不计时间币。',
    rejected: '没有计时间币：这条记录被退回了。',
    reversed: '没有计时间币：这条记录已撤销，时间币已扣回。',
    reversedBecause: (r: string) => `没有计时间币：这条记录已撤销（${r}），时间币已扣回。`,
    /** Reversed, of a kind that never earned credits: nothing was taken back. */
    reversedNoCredits: '这条记录已撤销；这类服务不计时间币。',
    reversedNoCreditsBecause: (r: string) => `这条记录已撤销（${r}）；这类服务不计时间币。`,
    category: (name: string) => `没有计时间币：“${name}”这类服务只计服务时长，不兑换时间币。`,
  },
  // 异议 about a rejected or reversed record, mediated by the street (RecordAppeal.tsx).
  appeal: {
    open: '对这条记录有异议',
    /** On an approved record: quieter, about its minutes only, offered once asked for (pickOpen). */
    openMinutes: '对时长有异议',
    pickOpen: '有记录记少了时长？',
    pickRecord: '请在记少了的那条记录下点“对时长有异议”。两个月内通过的记录都可以提。',
    pickDone: '收起',
    explainMinutes: '觉得这条记录记少了，可以请街道来调解。请写明应记多少小时和理由；处理结果会发消息告诉您。',
    claimed: {
      label: '您认为应记多少小时',
      placeholder: '例如 3',
      hint: (recorded: string) => `现在记了 ${recorded}。可以写到半小时，例如 2.5`,
      invalid: '请写小时数，例如 3 或 2.5',
      tooMany: '一条记录最多 24 小时',
      notMore: (recorded: string) => `现在已记 ${recorded}，应记的时长要比它多`,
    },
    explain: '觉得退回或撤销不对，可以请街道来调解。请写明理由，街道管理员会看到并处理，处理结果会发消息告诉您。',
    label: '异议理由',
    placeholder: '例如：哪天几点到的、做了什么、谁可以作证',
    reasonTooShort: '请写明理由（至少 2 个字）',
    send: '提交异议',
    sending: '正在提交…',
    cancel: '不提了',
    failed: '异议没有提交成功：',
    raised: (date: string, reason: string) => `您在 ${date} 提出了异议：${reason}`,
    raisedMinutes: (date: string, claimed: string, reason: string) => `您在 ${date} 提出了异议，认为应记 ${claimed}：${reason}`,
    /** Stored, and the street admins told; `leaders`: the team's leaders were told as well. */
    waiting: (leaders: boolean) => `已交给街道管理员${leaders ? '，队长也收到了通知' : ''}。处理后会发消息告诉您。`,
    /** Raised on a street with no admin yet: stored, and only the team's leaders (if any) were told. */
    nobodyYet: (leaders: boolean) =>
      leaders
        ? '异议已记下，队长收到了通知；但街道还没有设管理员，暂时没有人调解。请先直接和队长沟通，或联系居委。'
        : '异议已记下，但街道还没有设管理员，暂时没有人收到。请先直接联系队长或居委。',
    granted: (credits: boolean) =>
      credits ? '街道处理结果：重新记入，时间币已按这条记录的时长存入（见新的一条记录）。' : '街道处理结果：重新记入服务时长（见新的一条记录）。',
    grantedMinutes: (added: string, credits: boolean) =>
      credits ? `街道处理结果：补记 ${added}，时间币已按补记的时长存入（见新的一条记录）。` : `街道处理结果：补记 ${added} 服务时长（见新的一条记录）。`,
    upheld: '街道处理结果：维持原决定。',
    answer: (answer: string, by: string) => `说明：${answer}${by ? `（${by}）` : ''}`,
    nextStep: '如果仍有不同意见，可以通过正式渠道（如 12345 市民服务热线）反映。',
    /** Under the button: the last day to raise one (APPEAL_WINDOW_DAYS after the record was taken away). */
    until: (date: string) => `可以在 ${date} 前提出。`,
    tooLate: (date: string) => `提出异议的期限（${date}）已过。如有不同意见，可以联系居委或通过 12345 市民服务热线反映。`,
  },
  statementTitle: '时间币明细',
  noLines: '还没有时间币变动。',
  loadFailed: '没有加载出来：',
} as const;
