/**
 * Text of the shared pieces of the help-request pages (src/components/HelpCard.tsx, HelpSteps.tsx)
 * and of the two extra cards on home (src/components/RoleCards.tsx).
 */
import type { HelpState } from '@/services/rules';

export const helpMessages = {
  /** Short state words on a request's chip; the sentence of progress comes from the server (stateText). */
  states: {
    awaiting_grant: '等社工批准',
    open: '等人接单',
    assigned: '已有人接单',
    reported: '等待确认',
    disputed: '有异议',
    completed: '已完成',
    cancelled: '已取消',
    declined: '未获批准',
    expired: '已过期',
    voided: '不支付',
  } satisfies Record<HelpState, string>,
  /** The same states as the senior and her family read them (senior/request): plain words, no 接单. */
  seniorStates: {
    awaiting_grant: '等社工同意',
    open: '等志愿者答应',
    assigned: '有志愿者答应了',
    reported: '等待确认',
    disputed: '有异议',
    completed: '已完成',
    cancelled: '已取消',
    declined: '社工没有同意',
    expired: '已过期',
    voided: '不支付',
  } satisfies Record<HelpState, string>,
  funding: { credits: '用老人的时间币', pool: '公益池资助' },
  /** The senior side's tag for a request the street's common time pays. */
  seniorFunding: { pool: '用街道公共时间' },
  // The service's expected length, not the window: a 1.5-hour window may want 1 hour of help.
  minutes: (hours: string) => `预计服务 ${hours}`,
  open: '查看',
  seniorLine: (name: string, committee: string) => `老人：${name}（${committee}）`,
  queued: '已超时，转社工处理',
  stepsTitle: '经过',
  via: (name: string, via: string) => `${name}（${via}）`,
  call: {
    button: (who: string) => `打电话：${who}`,
    failed: '没有拨出去，请用手机直接拨这个号码：',
  },
  cards: {
    help: { title: '帮老人办事', desc: '老人的求助：陪伴、照料、陪同就医' },
    family: { title: '替家中老人办理', desc: '成为父母的家属代理人' },
  },
} as const;
