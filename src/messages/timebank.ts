/**
 * Words about time credits that the senior home (src/packages/senior/home) and 我的时间
 * (src/packages/timebank/home) share, so a senior reads one figure under one name on both: what she
 * can use leads, and credits set aside for help requests are said beside it in plain words (先留出,
 * not the ledger's 预留: only a senior's or the pool's account has credits set aside). The
 * admin's 公益池 (src/packages/admin/pool) reads its statement lines with the same `lineAfter`.
 */
import type { StatementLine } from '@core/api';
import { hours } from '@/services/format';

export const creditWords = {
  /** The leading figure: what can be used now (balance minus what is held). */
  available: '可用时间币',
  availableOf: (name: string) => `${name}可用的时间币`,
  /** Beside the figure when credits are held for help requests. */
  held: (hours: string) => `另有 ${hours}先留出给求助`,
  /** After a statement line: what could be used, and what was still held. */
  after: (hours: string) => `之后可用 ${hours}`,
  afterHeld: (hours: string, held: string) => `之后可用 ${hours}，另有 ${held}先留出`,
  /** Only when credits are held: balance and held together. */
  total: (hours: string) => `账户合计 ${hours}（含先留出的）`,
  creditsNote: '1 小时符合条件的服务 = 1 个时间币。',
  /** A payment out of credits already set aside: not taken a second time from what can be used. */
  paidFromHeld: (hours: string) => `付出 ${hours}`,
} as const;

/**
 * A statement line's amount. A payment from a hold (兑换服务（从预留中付出）) follows the hold's own
 * line (预留 −1小时), which already took it from what can be used: shown as 付出 1小时, not −1小时
 * again, so a reader adding up the lines does not count it twice (之后可用 stays as it was).
 */
export function lineAmount(l: Pick<StatementLine, 'phase' | 'delta'>): string {
  return l.phase === 'post_pending' && l.delta.minutes < 0 ? creditWords.paidFromHeld(hours(-l.delta.minutes)) : l.delta.signed;
}

/**
 * What could be used after a statement line (its balance minus what was held), the figure the pages
 * lead with, and what was still held; a hold line then reads 预留 −1小时 · 之后可用 … . Used by
 * 我的时间 and 公益池 alike.
 */
export function lineAfter(l: Pick<StatementLine, 'balanceAfter' | 'pendingAfter'>): string {
  const held = l.pendingAfter.minutes;
  const usable = hours(l.balanceAfter.minutes - held);
  return held > 0 ? creditWords.afterHeld(usable, hours(held)) : creditWords.after(usable);
}

/**
 * The ledger's words in a statement line (its title, counterparty and memo come from the server in
 * the staff's words: 预留, 兑换, 公益池) and the plain ones a senior and her family read. Longest first,
 * so 兑换服务 is not read as 用时间换帮助服务.
 */
const PLAIN_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['从预留中付出', '从先留出的里付出'],
  ['兑换服务', '用时间换帮助'],
  ['兑换', '用时间换帮助'],
  ['预留', '先留出'],
  ['退回', '还回来'],
  ['公益池', '街道公共时间'],
];

export function plainWords(text: string): string {
  return PLAIN_WORDS.reduce((t, [staff, plain]) => t.split(staff).join(plain), text);
}

/** A statement line as a senior's pages show it: the same line, in plain words. */
export function plainLine<T extends Pick<StatementLine, 'title' | 'counterparty' | 'memo'>>(l: T): T {
  return { ...l, title: plainWords(l.title), counterparty: plainWords(l.counterparty), memo: plainWords(l.memo) };
}
