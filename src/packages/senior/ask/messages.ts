/** Text of the help form (求助): what, which day, what time, how long, who pays; then a second step. */
export const messages = {
  title: '求助',
  heading: '请志愿者上门帮您',
  /** Someone acting for her (her daughter, the desk) asks for her, not for themselves. */
  headingFor: (name: string) => `请志愿者上门帮${name}`,
  category: { label: '需要什么帮助', invalid: '请选择需要什么帮助' },
  day: {
    label: '哪一天',
    today: '今天',
    tomorrow: '明天',
    dayAfter: '后天',
    md: (month: number, day: number) => `${month}月${day}日`,
    noneLeftShort: '没有可选时间了',
    noneLeft: '今天没有可选时间了，请选明天',
  },
  start: { label: '几点开始', hint: '志愿者在这个时间上门', past: '这个时间已经过了，请换一个' },
  length: { label: '需要多长时间' },
  funding: {
    label: '用什么支付',
    credits: (name: string, hours: string) => `用${name}的时间币（现在可用 ${hours}）`,
    ownCredits: (hours: string) => `用您的时间币（现在可用 ${hours}）`,
    shortCredits: (self: boolean, name: string, hours: string) => `用${self ? '您' : name}的时间币支付，现在可用 ${hours}。`,
    shortPool: '时间币不够，这次请街道公共时间来付（居委社工同意后，志愿者才能答应来帮忙）。',
    pool: '用街道公共时间（居委社工同意后，志愿者才能答应来帮忙）',
    tooLittle: (available: string, needed: string) => `可用时间币不够：可用 ${available}，这次需要 ${needed}。可以少约一些时间，或用街道公共时间`,
  },
  note: {
    label: '想告诉志愿者的话（可不填）',
    placeholder: '例如 陪我聊聊天、读读报纸',
    hint: '请不要写电话和门牌号：志愿者答应来帮忙以后，才能看到地址和电话',
  },
  more: '改时间、支付或留言',
  shortWhen: (day: string, start: string, end: string, length: string) => `时间：${day} ${start}–${end}（${length}）`,
  next: '下一步',
  fixAbove: '请按上面的提示改一下。',
  confirmWhen: (day: string, start: string, end: string) => `${day} ${start}–${end}`,
  confirmWhat: (category: string, hours: string) => `请志愿者上门：${category}，约 ${hours}`,
  confirmCredits: (name: string, hours: string) => `先从${name}的时间币里留出 ${hours}。服务完成、确认以后才付给志愿者；没有志愿者答应，或取消了，会还回来。`,
  confirmOwnCredits: (hours: string) => `先从您的时间币里留出 ${hours}。服务完成、您确认以后才付给志愿者；没有志愿者答应，或取消了，会还给您。`,
  thenOpen: (day: string, end: string) =>
    `确认以后，附近的志愿者能看到这次求助。有志愿者答应来帮忙，您和家人会收到消息，写着是哪位志愿者；答应来帮忙的志愿者能看到您的电话和地址。到 ${day} ${end} 还没有志愿者答应，这次求助自动结束，留出的时间币全部还回来，您也会收到消息。`,
  /** Someone asking for her (her family, the 居委): it is her phone and address, and her messages. */
  thenOpenFor: (senior: string, day: string, end: string, staff: boolean) =>
    `确认以后，附近的志愿者能看到这次求助。有志愿者答应来帮忙，${senior}和登记的家属会收到消息，写着是哪位志愿者；答应来帮忙的志愿者能看到${senior}的电话和地址。到 ${day} ${end} 还没有志愿者答应，这次求助自动结束，留出的时间币全部还回来，也会发消息说明。${
      staff ? `${senior}没有登记手机的，请您转告。` : ''
    }`,
  thenPool: '确认以后，先请居委社工审批；同意或不同意，您都会收到消息。同意以后志愿者才能答应来帮忙；有志愿者答应了，您也会收到消息。',
  /** Her family asking for her: the decision and the volunteer's name go to her and her registered family. */
  thenPoolFor: (senior: string) =>
    `确认以后，先请居委社工审批；同意或不同意，${senior}和登记的家属都会收到消息。同意以后志愿者才能答应来帮忙；有志愿者答应了，也会收到消息，写着是哪位志愿者。`,
  confirmAfter: (hours: string) => `留出以后还可以用 ${hours}。`,
  confirmPool: (hours: string) => `请街道公共时间付 ${hours}，要等居委社工同意。`,
  /** The 居委 staff asking at the desk approve the grant as they ask (help/asking.ts holdFunding). */
  confirmPoolStaff: (hours: string) => `请街道公共时间付 ${hours}。您是居委工作人员，确认求助即由您批准这次资助，会记在老人的办理记录里。`,
  thenPoolStaff: '确认以后，附近的志愿者就能看到这次求助。有志愿者答应来帮忙，老人和登记的家属会收到消息；老人没有登记手机的，请您转告她。',
  noteLine: (note: string) => `留言：${note}`,
  submit: '确认求助',
  working: '正在发出…',
  failed: '求助没有发出去：',
  retryHint: '网络恢复后再点一次“确认求助”即可，不会重复求助。',
  loadFailed: '没有加载出来：',
  /** The same request already made (by her, her family or the desk): the server names it. */
  openSame: '看看原来那个求助',
  askAnyway: '确实要再请一位，再发一个',
} as const;
