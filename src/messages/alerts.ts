/**
 * Shared text of alerts about a senior (src/packages/alert, the social worker's home, the senior's
 * pages): what an alert is, in words. The label is the kind and its source ("逾期未联系 · 系统提醒",
 * "一键求助 · 家属代按"), so a system alert never reads as if the senior pressed the button, and
 * 系统 is never printed twice (the raiser's name is left out when the system raised it).
 */
interface Labelled {
  kindText: string;
  sourceText: string;
  raisedBySystem: boolean;
  raisedByName: string;
}

const TOLD_HOW = { wechat: '微信已送达', local: '只发了站内消息', acknowledged: '已接手处理', seen: '已看到' } as const;

export const alertMessages = {
  /** "逾期未联系 · 系统提醒", "联系不上 · 老伙伴发现", "一键求助 · 家属代按". */
  label: (a: Pick<Labelled, 'kindText' | 'sourceText'>) => `${a.kindText} · ${a.sourceText}`,
  /** When and who: "5月3日 09:12，沈小妹"; just the time when the system raised it. */
  raised: (a: Labelled, time: string) => (a.raisedBySystem || !a.raisedByName ? time : `${time}，${a.raisedByName}`),
  handling: (name: string) => `${name} 正在处理`,
  nobodyHandling: '还没有人接手处理',
  nobodyReached: '没有联系上任何人',
  closed: (how: string, by: string, time: string) => `已结束：${how}（${by}，${time}）`,
  /**
   * "居委社工 小郑（微信已送达 09:14）", "居委社工 小郑（已接手处理 09:15）"; the local runtime sends
   * nothing to WeChat, so there they only have the in-app message (只发了站内消息), which they see
   * when they next open the app: the senior's pages list those apart, never as 已通知 (`splitTold`).
   */
  told: (role: string, name: string, how: keyof typeof TOLD_HOW, time: string) => `${role} ${name}（${TOLD_HOW[how]} ${time}）`,
} as const;

/** A person the chain "told" with the in-app message only (the local runtime, no WeChat): not reached yet. */
const isInAppOnly = (t: { how: keyof typeof TOLD_HOW }): boolean => t.how === 'local';

/**
 * The chain's told people split as a senior's page shows them: `reached` (WeChat reached them, they
 * opened it, or they took it: 已通知) and `inAppOnly` (the in-app message only, listed apart, never as 已通知).
 */
export function splitTold<T extends { how: keyof typeof TOLD_HOW }>(told: readonly T[]): { reached: T[]; inAppOnly: T[] } {
  return { reached: told.filter((t) => !isInAppOnly(t)), inAppOnly: told.filter(isInAppOnly) };
}
