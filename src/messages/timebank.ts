/**
 * Words about time credits that the senior home (src/packages/senior/home) and 我的时间
 * (src/packages/timebank/home) share, so a senior reads one figure under one name on both: what she
 * can use leads, and credits set aside for help requests are said beside it in plain words (先留出,
 * not the ledger's 预留: only a senior's or the pool's account has credits set aside). The
 * admin's 公益池 (src/packages/admin/pool) reads its statement lines with the same `lineAfter`.
 */
import type { StatementLine } from '@core/api';
import { dateOnly } from '@/services/dates';
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
  /** A hold's amount: set aside, not a minus (a minus reads as spent). */
  setAside: (hours: string) => `留出 ${hours}`,
  /** Under the figure while credits are held: what a hold is, in words a senior reads as "not spent". */
  heldExplained: '先留出的时间还没有花：服务完成并确认后才付出；求助取消就还回来。',
} as const;

/**
 * Under a line of a hold, its payment or its release: that they are one sum. A hold says it is set
 * aside and not spent, and (once the statement shows what became of it) that it was paid or given
 * back on that day; the payment says it is the same minutes the hold set aside, not more. Only a
 * senior's or the pool's account has holds, so whoever reads them (the senior side, staff, the
 * admin) reads these notes in the plain words a senior reads: 留出, 还回来.
 */
export const holdWords = {
  open: '暂时留出，还没有花：服务完成才付出，求助取消就还回来',
  paidLater: (day: string, amount: string) => `${day}服务完成，付出的就是这 ${amount}，没有重复扣`,
  releasedLater: (day: string, amount: string) => `${day}已还回这 ${amount}，可以再用`,
  paid: (amount: string) => `付出的就是之前留出的 ${amount}，不是另外再扣`,
  paidOf: (day: string, amount: string) => `付出的就是${day}留出的 ${amount}，不是另外再扣`,
  released: (amount: string) => `留出的 ${amount}还回来了，可以再用`,
} as const;

/**
 * A statement line's amount. A payment from a hold (兑换服务（从预留中付出）) follows the hold's own
 * line (预留 −1小时), which already took it from what can be used: shown as 付出 1小时, not −1小时
 * again, so a reader adding up the lines does not count it twice (之后可用 stays as it was).
 */
export function lineAmount(l: Pick<StatementLine, 'phase' | 'delta'>): string {
  if (l.phase === 'pending' && l.delta.minutes < 0) return creditWords.setAside(hours(-l.delta.minutes));
  return l.phase === 'post_pending' && l.delta.minutes < 0 ? creditWords.paidFromHeld(hours(-l.delta.minutes)) : l.delta.signed;
}

type HoldLine = Pick<StatementLine, 'id' | 'phase' | 'delta' | 'holdId' | 'at'>;

/**
 * What each line of a hold says about the others of the same hold, for the lines shown (newest
 * first, as the statement pages them): a payment or release is newer than its hold, so it is always
 * on the same page or an earlier one, and a hold always knows whether it was resolved. Only the
 * owner's side (a hold of its own credits) is explained; other lines get nothing.
 */
export function holdNotes(lines: readonly HoldLine[]): Map<string, string> {
  const notes = new Map<string, string>();
  const byHold = new Map<string, { hold?: HoldLine; end?: HoldLine }>();
  for (const l of lines) {
    if (!l.holdId) continue;
    const pair = byHold.get(l.holdId) ?? {};
    if (l.phase === 'pending') pair.hold = l;
    else pair.end = l;
    byHold.set(l.holdId, pair);
  }
  for (const { hold, end } of byHold.values()) {
    // The owner's side: a hold takes from it (−), its release gives back (+), its payment spends (−).
    const own = hold ? hold.delta.minutes < 0 : end ? (end.phase === 'void_pending' ? end.delta.minutes > 0 : end.delta.minutes < 0) : false;
    if (!own) continue;
    const amount = hours(Math.abs((hold ?? end)!.delta.minutes));
    if (hold) {
      notes.set(
        hold.id,
        !end
          ? holdWords.open
          : end.phase === 'post_pending'
            ? holdWords.paidLater(dateOnly(end.at), amount)
            : holdWords.releasedLater(dateOnly(end.at), amount),
      );
    }
    if (end) {
      const ended = hours(Math.abs(end.delta.minutes));
      if (end.phase === 'void_pending') notes.set(end.id, holdWords.released(ended));
      else notes.set(end.id, hold ? holdWords.paidOf(dateOnly(hold.at), ended) : holdWords.paid(ended));
    }
  }
  return notes;
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
