/**
 * Text of 转赠与捐赠 (gift credits to a relative, donate to the pool). A senior reaches it from 我的时间
 * and reads the pool as 街道公共时间, as the server words her statement (`donateWords.plain`).
 */
export const messages = {
  title: '转赠与捐赠',
  heading: '转赠与捐赠时间币',
  modes: { gift: '转赠给亲属', donate: '捐给公益池' },
  available: (hours: string) => `您现在可用 ${hours}`,
  nothingToGive: '您现在没有可以转出的时间币。参加计时间币的服务、队长审核通过后就会有。',
  giftIntro: '只能转赠给双方都已确认关联的亲属。',
  donateIntro: '公益池的时间币用来为没有时间币的困难老人支付服务。',
  chooseRelative: '转赠给谁',
  noRelatives: '您还没有已确认的亲属关联。转赠时间币要先在“亲属关联”里邀请对方、对方确认；家属代理人也要这样关联一次。',
  goRelatives: '去关联亲属',
  amount: {
    label: '时间（小时）',
    placeholder: '例如 1.5',
    hint: '按小时填写，最多一位小数',
    empty: '请填写要转出多少小时（如 1.5）',
    negative: '不能填负数：要转出多少小时，就填多少（如 1.5）',
    notNumber: '只能填数字，按小时填写（如 1.5）',
    decimals: '最多填一位小数（如 1.5 小时），请改一下',
    zero: '要大于 0 小时（如 0.5）',
  },
  tooMuch: (hours: string) => `超过了您的可用余额 ${hours}`,
  noRelative: '请选择要转赠的亲属',
  note: { label: '附言（可不填）', placeholder: { gift: '例如 给妈妈兑换服务用', donate: '例如 祝老人们安康' } },
  /** Hours take one decimal; a balance of odd minutes (47小时55分) can still go whole. */
  all: (hours: string) => `全部转出 ${hours}`,
  allChosen: (hours: string) => `转出全部可用的 ${hours}`,
  next: '下一步',
  confirmGift: (hours: string, name: string) => `把 ${hours} 转赠给 ${name}`,
  confirmDonate: (hours: string) => `把 ${hours} 捐给街道公益池`,
  after: (hours: string) => `完成后您可用的时间币是 ${hours}。转出后不能撤回。`,
  noteLine: (note: string) => `附言：${note}`,
  doGift: '确认转赠',
  doDonate: '确认捐赠',
  working: '正在办理…',
  gifted: (hours: string, name: string) => `已把 ${hours} 转赠给 ${name}。`,
  donated: (hours: string) => `已把 ${hours} 捐给公益池，谢谢您！`,
  nowBalance: (hours: string) => `您现在的余额：${hours}，可用：`,
  failed: '没有办成：',
  retryHint: '网络恢复后再点一次“确认”即可，不会重复转出。',
  again: '再办一笔',
  toMyTime: '回到我的时间',
  loadFailed: '没有加载出来：',
} as const;

/** The donation's words: the volunteers' 公益池, or a senior's plain 街道公共时间. */
export const donateWords = {
  staff: {
    mode: messages.modes.donate,
    intro: messages.donateIntro,
    confirm: messages.confirmDonate,
    done: messages.donated,
  },
  plain: {
    mode: '捐给街道公共时间',
    intro: '街道公共时间是大家捐出的时间币，用来为没有时间币的困难老人支付服务。',
    confirm: (hours: string) => `把 ${hours} 捐给街道公共时间`,
    done: (hours: string) => `已把 ${hours} 捐给街道公共时间，谢谢您！`,
  },
} as const;
