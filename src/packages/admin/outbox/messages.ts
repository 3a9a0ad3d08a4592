/** Text of 已发通知 (the outbox: every WeChat subscription message and what became of it). */
import type { DeliveryState } from '@/services/rules';

export const messages = {
  title: '已发通知',
  /** The local runtime sends nothing to WeChat: the page is the developer's view of what would go. */
  titleLocal: '开发者 · 已发通知',
  intro: '每条微信订阅消息发给了谁、写了什么、有没有送到。',
  introLocal: '本机没有微信：这里列出本该发到微信的订阅消息，字段已按模板填好。',
  filters: {
    all: '全部',
    sent: '已送达微信',
    unsubscribed: '没开微信提醒',
    pending: '等待发送',
    failed: '发送失败',
    skipped: '未发送',
  } satisfies Record<DeliveryState | 'all', string>,
  /** The local stand-in accepts messages that never reach WeChat. */
  filtersLocal: { sent: '本机已记下' },
  to: (name: string) => `发给 ${name}`,
  kind: (template: string | null, kind: string) => (template ? `${template}（${kind}）` : kind),
  fields: '消息内容',
  reason: (r: string) => `原因：${r}`,
  createdAt: (t: string) => `写入：${t}`,
  sentAt: (t: string) => `送达：${t}`,
  sentAtLocal: (t: string) => `本机记下：${t}`,
  nextAt: (t: string) => `下次发送：${t}`,
  attempts: (n: number) => `已尝试 ${n} 次`,
  none: '没有这样的通知。',
  noneOnPage: '这一页没有符合条件的通知，可以继续加载。',
  loadFailed: '通知没有加载出来：',
  notStaff: '只有街道管理员、值班人员和居委社工可以查看已发通知。',
  back: '返回',
} as const;
