/**
 * Text of the WeChat notification prompts (src/services/subscribe.ts), of the 通知设置 section of
 * 消息 and of the staff card 开启警报通知 (src/components/SubscribeCard.tsx).
 */
import type { TemplateKey } from '@/services/rules';

export const subscribeMessages = {
  /** Why we ask, per template, in plain words (the H5 stand-in for WeChat's prompt shows it). */
  why: {
    activity: '报名成功后，活动开始前一天和前两小时用微信提醒您。',
    hours: '您的服务时长审核后，用微信告诉您结果。',
    help: '求助有志愿者答应来帮忙、需要您确认时，用微信告诉您。',
    contact: '该给结对的老人打电话了，或老人需要关注时，用微信提醒您。',
    alert: '老人按下一键求助、需要有人处理时，立刻用微信通知您。',
    team: '有人申请入队、或您的入队申请有结果时，用微信告诉您。',
  } satisfies Record<TemplateKey, string>,
  question: (title: string) => `允许发送“${title}”吗？`,
  modalTitle: '微信消息提醒',
  allow: '允许',
  refuse: '不允许',
  settings: {
    title: '通知设置',
    intro: '这些通知会发到您的微信里；不开启也能在这里看到全部消息。',
    left: (n: number) => `还可收到 ${n} 条`,
    always: '已开启（长期）',
    off: '未开启',
    refused: '您选择了不接收',
    banned: '已在微信里关闭',
    notReady: '暂未开通',
    turnOn: '开启',
    more: '多收几条',
    quietTitle: '夜间免打扰',
    quietOn: (from: string, to: string) => `${from}–${to} 不发提醒（警报照发）`,
    quietOff: '已关闭：提醒随时发送',
    quietTurnOn: '开启免打扰',
    quietTurnOff: '关闭免打扰',
    loadFailed: '通知设置没有加载出来：',
    saveFailed: '没有保存成功：',
  },
  staffCard: {
    title: '开启警报通知',
    desc: '老人一键求助时，用微信立刻通知您，不必一直开着小程序。',
    button: '开启警报通知',
    on: (n: number) => `警报通知已开启，还可收到 ${n} 条`,
    always: '警报通知已开启',
  },
  /** The same card for a family proxy: their senior's alarms reach them first, before the 居委. */
  /** A 老伙伴 with paired seniors: the chain tells them first, with the family. */
  partnerCard: {
    title: '开启警报通知',
    desc: '您结对的老人按了一键求助时，用微信立刻通知您。不开的话，要等您打开小程序才看得到，求助会先转给居委社工。',
  },
  familyCard: {
    title: '开启警报通知',
    desc: '老人按了一键求助、或老伙伴联系不上老人时，用微信立刻通知您。不开的话，要等您打开小程序才看得到，求助会先转给居委社工。',
  },
} as const;
