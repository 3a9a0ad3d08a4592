/**
 * Whose words a text is in, and the one list of the time bank's terms in both. The senior side (the
 * senior herself, or a family proxy acting for her) reads plain words: a 75-year-old reads 预留 and
 * 冻结 as a penalty and 接单 as a delivery app's. Volunteers and staff keep the time bank's own terms.
 *
 * The service decides the wording once, for the reader of a view (help request views by perspective,
 * statements by whose account is read by whom), and builds its text from `terms(wording)`; the app
 * shows what it gets and swaps no words. Text that was stored in staff words (a transfer's memo,
 * written once for every reader) is read through `inWords`, which uses the same list. Pure, no I/O.
 */

export type Wording = 'plain' | 'staff';

/** Each term as staff and volunteers say it, and as the senior side reads it. Longest staff words first where one contains another. */
const TERMS = {
  /** A hold of credits for a help request (two-phase pending). */
  paidFromHold: { staff: '从预留中付出', plain: '从先留出的里付出' },
  hold: { staff: '预留', plain: '先留出' },
  /** A hold's release. */
  release: { staff: '退回', plain: '还回来' },
  /** Spending credits on a service. */
  redeemService: { staff: '兑换服务', plain: '用时间换帮助' },
  redeem: { staff: '兑换', plain: '用时间换帮助' },
  /** The community pool of donated credits. */
  pool: { staff: '公益池', plain: '街道公共时间' },
  /** A volunteer taking a help request. */
  nobodyTook: { staff: '无人接单', plain: '没有志愿者答应' },
  took: { staff: '已接单', plain: '已答应来帮忙' },
  take: { staff: '接单', plain: '答应来帮忙' },
} as const;

export type Term = keyof typeof TERMS;
export type Terms = Readonly<Record<Term, string>>;

const BY_WORDING: Record<Wording, Terms> = {
  staff: Object.fromEntries(Object.entries(TERMS).map(([k, v]) => [k, v.staff])) as Terms,
  plain: Object.fromEntries(Object.entries(TERMS).map(([k, v]) => [k, v.plain])) as Terms,
};

/** The terms in `wording`: `terms('plain').pool` is 街道公共时间. */
export const terms = (wording: Wording): Terms => BY_WORDING[wording];

/** Longest first, so 兑换服务 is not read as 用时间换帮助服务 and 已接单 not twice. */
const PAIRS = Object.values(TERMS)
  .map((t) => [t.staff, t.plain] as const)
  .sort((a, b) => b[0].length - a[0].length);

/**
 * A text stored in staff words (a transfer's memo such as 兑换：精神慰藉 …, or 求助过期，无人接单：…)
 * as `wording` reads it. Only for stored text: text built for a reader takes its words from `terms`.
 */
export function inWords(text: string, wording: Wording): string {
  if (wording === 'staff' || !text) return text;
  return PAIRS.reduce((t, [staff, plain]) => t.split(staff).join(plain), text);
}
