/** Text of the shared pieces of the social worker's pages (src/packages/social/components). */
export const socialMessages = {
  /** Where a senior lives, for walking distances (HomePoint: 登记老人, 更正地址和位置). */
  point: {
    keep: '位置不变',
    none: '不记录位置',
    map: '用地图上选的位置',
    estate: (name: string, committee: string) => `${name}（${committee}）`,
    all: '显示其他居委的小区',
    pick: '在地图上选位置',
    picked: (name: string) => `已在地图上选好：${name}`,
    pickedNoName: '已在地图上选好位置',
    loadFailed: '小区列表没有加载出来：',
  },
  /** 微信绑定 on 老人档案 (WechatBindingCard). */
  wechat: {
    title: '老人自己的微信',
    bound: (at: string) => `已用绑定码绑定老人自己的微信（${at}）。老人换了手机时，可以再生成绑定码重新绑定，原来的微信会解除。`,
    ownWechat: '老人用自己的微信注册过，可以直接登录。',
    count: (n: number) => `现在有 ${n} 个微信可以以老人本人身份登录。`,
    notBound: '还没有微信可以以老人本人身份登录。生成绑定码后，老人（或家属帮忙）在老人自己的手机上打开小程序，选“老人用绑定码登录”，输入绑定码即可。',
    unbind: '解除微信绑定（手机丢了或给了别人时）',
    unbindTitle: '解除后，这些微信不能再以老人本人身份登录，也不能用老人的时间币。之后可以再生成绑定码，给老人的新手机用。',
    reason: { label: '原因', placeholder: '例如 手机丢了', invalid: '请写明原因（至少 2 个字）' },
    unbindConfirm: '确认解除',
    unbinding: '正在解除…',
    unbound: (n: number) => (n ? `已解除 ${n} 个微信的绑定。` : '老人档案上没有绑定的微信，不用解除。'),
    unbindFailed: '没有解除：',
    notNow: '先不解除',
    codeLabel: '绑定码',
    until: (at: string) => `${at} 前有效，只能用一次。`,
    tell: '请把这 6 位数字告诉老人或家属，不要发到群里。',
    issue: '生成微信绑定码',
    reissue: '重新生成（旧码作废）',
    issuing: '正在生成…',
    failed: '绑定码没有生成：',
    loadFailed: '微信绑定情况没有加载出来：',
  },
} as const;
