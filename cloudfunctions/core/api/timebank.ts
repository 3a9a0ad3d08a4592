/** Contract of the `timebank` function: balances, statements, relative links, gifts, the pool, policy. */
import * as z from 'zod';
import { MOBILE_PHONE } from '../domain/people';
import { MAX_TRANSFER_MINUTES, type Phase, type TransferKind } from '../domain/ledger';
import type { ServiceCategory, TimebankPolicy } from '../domain/policy';
import type { StarProgress } from '../domain/stars';
import { Cursor, Empty, Id, PageLimit, Reason, type ActionSpecs, type PageResult } from './common';
import type { LinkState } from '../domain/links';

/** Whole minutes, 1 to 90,000 (1,500 h); the page converts hours to minutes. */
export const Minutes = z
  .number({ error: '时间必须是整数分钟' })
  .min(1, { error: '时间必须大于 0' })
  .max(MAX_TRANSFER_MINUTES, { error: '一次最多 1500 小时' })
  .int({ error: '时间必须是整数分钟' });

/** Signed minutes for an adjustment: never zero. */
export const SignedMinutes = z
  .number({ error: '时间必须是整数分钟' })
  .min(-MAX_TRANSFER_MINUTES, { error: '一次最多调整 1500 小时' })
  .max(MAX_TRANSFER_MINUTES, { error: '一次最多调整 1500 小时' })
  .int({ error: '时间必须是整数分钟' })
  .refine((v) => v !== 0, { error: '调整的时间不能为 0' });

const Note = z.string().trim().max(50, { error: '附言最多 50 个字' });
const Phone = z.string().trim().regex(MOBILE_PHONE, { error: '请填写正确的手机号码：11 位数字，以 13 到 19 开头' });
const Relation = z.string().trim().min(1, { error: '请填写亲属关系' }).max(10, { error: '亲属关系最多 10 个字' });
const PageInput = z.strictObject({ limit: PageLimit.optional(), after: Cursor.optional() });
/** A ledger account: a person's (user:<userId>) or the pool. */
const AccountRef = z.union([z.literal('pool'), z.string().regex(/^user:[A-Za-z0-9_-]{1,64}$/, { error: '账户编号不正确' })]);

const Category = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: '类别编号只能是小写字母、数字和下划线' }),
  name: z.string().trim().min(2).max(30),
  earnsCredits: z.boolean(),
});

export const PolicyPatch = z
  .strictObject({
    capMinutes: z
      .int()
      .min(60, { error: '上限至少 1 小时' })
      .max(10_000 * 60)
      .nullable()
      .optional(),
    starThresholdsHours: z.array(z.int().min(1).max(100_000)).length(5, { error: '需要 5 个星级门槛' }).optional(),
    redemptionAge: z.int().min(50).max(100).optional(),
    redemptionAgeSpecialDifficulty: z.int().min(50).max(100).optional(),
    /** Age range of 老伙伴 partner volunteers (domain/eligibility.ts). */
    partnerMinAge: z.int().min(18, { error: '老伙伴的最低年龄不能低于 18 岁' }).max(100).optional(),
    partnerMaxAge: z.int().min(18).max(100, { error: '老伙伴的最高年龄不能超过 100 岁' }).optional(),
    maxRecordMinutes: z
      .int()
      .min(30)
      .max(24 * 60)
      .optional(),
    /** Most minutes one person may be credited for one service day, across every source. */
    maxDailyMinutes: z
      .int()
      .min(30)
      .max(24 * 60)
      .optional(),
    /** How many days back a leader may date a record (admins may go further). */
    maxBackdateDays: z.int().min(1).max(366).optional(),
    /** Hand-written records above this need a second approver. */
    secondApprovalOverMinutes: z
      .int()
      .min(30)
      .max(24 * 60)
      .optional(),
    /** Hand-written records dated more than this many days back need a second approver. */
    secondApprovalBackdateDays: z.int().min(0).max(366).optional(),
    /** The recorder's n-th hand-written record for the same person within 7 days needs a second approver. */
    secondApprovalRepeatCount: z.int().min(2).max(100).optional(),
    /** Days an issued certificate is publicised before it is final; 0: no publicity. */
    certificatePublicityDays: z.int().min(0).max(30).optional(),
    categories: z.array(Category).min(1).max(30).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: '没有要修改的内容' });

/**
 * A senior's account, for whoever acts for her (services/shared/acting.ts `actingFor`): the senior
 * herself, a confirmed family proxy, a social worker of her 居委, an admin. Without it: the caller's own.
 */
const SeniorOf = { seniorId: Id.optional() };

export const timebankActions = {
  balance: {
    input: z.strictObject(SeniorOf),
    mutation: false,
    summary:
      '我的时间币：余额、已预留（给进行中的求助）、可用（分钟与小时）。带 seniorId 时是这位老人的账户：老人本人、已确认的家属代理人、本居委社工或管理员可以查看，其他人 FORBIDDEN',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  statement: {
    input: PageInput.extend(SeniorOf),
    mutation: false,
    summary: '我的明细：最新在前，按游标分页，每行带之后的余额和已预留的时间币（可用 = 余额 − 已预留）。带 seniorId 时是这位老人的明细，谁可以查看同 balance',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  stars: { input: Empty, mutation: false, summary: '我的星级和距下一星的进度（按已审核的服务时长）' },
  links: { input: Empty, mutation: false, summary: '我的亲属关联：已确认、我发起的、待我确认的' },
  proposeLink: {
    input: z.strictObject({ phone: Phone, relation: Relation }),
    mutation: true,
    summary:
      '按手机号邀请亲属建立关联（对方确认后才能转赠）。号码是否已注册，回答都一样：只有输入号码的打码形式和“等对方确认”，对方确认前看不到对方是谁；每人每天最多 10 次（与申请家属代理合计），超过回答 RATE_LIMITED',
    errors: ['RATE_LIMITED'],
  },
  confirmLink: { input: z.strictObject({ linkId: Id }), mutation: true, summary: '确认对方发来的亲属关联（关联编号或对方的邀请编号）' },
  removeLink: { input: z.strictObject({ linkId: Id }), mutation: true, summary: '解除或拒绝亲属关联（任一方都可以），或撤回自己发出的邀请' },
  gift: {
    input: z.strictObject({ toUserId: Id, minutes: Minutes, note: Note.optional() }),
    mutation: true,
    summary: '转赠时间币给已互相确认的亲属',
  },
  donate: { input: z.strictObject({ minutes: Minutes, note: Note.optional() }), mutation: true, summary: '捐赠时间币到公益池' },
  grant: {
    input: z.strictObject({ toUserId: Id, minutes: Minutes, reason: Reason }),
    mutation: true,
    summary: '从公益池资助一位居民（管理员；社工限本居委居民），记入审计',
  },
  adjust: {
    input: z.strictObject({ accountId: AccountRef, minutes: SignedMinutes, reason: Reason }),
    mutation: true,
    summary: '管理员调整账户（正数增加、负数扣减），必须填写原因，记入审计',
  },
  reverse: {
    input: z.strictObject({ transferId: z.string().min(3).max(200), reason: Reason }),
    mutation: true,
    summary: '管理员冲正一笔已入账的转账（反向转账，不删除原记录），记入审计',
  },
  account: {
    input: z.strictObject({ userId: Id, limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '管理员查看某人的余额和明细',
  },
  pool: { input: PageInput, mutation: false, summary: '公益池：余额和最近的捐赠、资助' },
  adjustments: { input: PageInput, mutation: false, summary: '管理员调整记录（含原因和操作人），最新在前' },
  policy: { input: Empty, mutation: false, summary: '时间银行政策：账户上限、星级门槛、兑换年龄、服务类别' },
  setPolicy: { input: PolicyPatch, mutation: true, summary: '修改时间银行政策（管理员），记入审计' },
} satisfies ActionSpecs;

export interface MinutesView {
  minutes: number;
  /** "2小时30分" */
  display: string;
}

export interface BalanceView {
  accountId: string;
  balance: MinutesView;
  /** Held for redemptions not yet delivered. */
  pending: MinutesView;
  available: MinutesView;
  /** Incoming holds (credits promised to this account). */
  incoming: MinutesView;
  cap: MinutesView | null;
}

export interface StatementLine {
  id: string;
  seq: number;
  transferId: string;
  kind: TransferKind;
  phase: Phase;
  /**
   * "志愿服务所得", "亲属转赠" ...; a hold reads "预留：兑换服务", its release "退回：兑换服务". Title,
   * counterparty and memo are in the reader's words (domain/words.ts): the senior reading her account,
   * or her proxy, reads "先留出：用时间换帮助", "还回来：用时间换帮助", 街道公共时间 for 公益池.
   */
  title: string;
  /** Who or what was on the other side: a person's name, 公益池 (街道公共时间 on the senior side), 时间银行. */
  counterparty: string;
  memo: string;
  delta: MinutesView & { signed: string };
  balanceAfter: MinutesView;
  /** Held after this line (only non-zero around redemptions). */
  pendingAfter: MinutesView;
  /**
   * The hold this line belongs to: on a hold its own transfer id, on the payment from it or its
   * release the hold's id; null on every other line. A hold and what became of it share it, so the
   * statement can say they are one sum (set aside, then paid or given back), not two.
   */
  holdId: string | null;
  at: string;
}

export interface TransferView {
  id: string;
  kind: TransferKind;
  phase: Phase;
  from: string;
  to: string;
  amount: MinutesView;
  memo: string;
  at: string;
}

export type { LinkState };

export interface LinkView {
  /** The link, or (for an invitation I sent that is not confirmed) the invitation: inv_… */
  id: string;
  /** Null for an invitation I sent until the other side confirms: it does not say whom it reached. */
  otherUserId: string | null;
  /**
   * Full name once confirmed; masked (张*明) on an invitation I received; '' on one I sent (nothing
   * about the other person shows until they confirm, not even whether the number is registered).
   */
  otherName: string;
  /** Their masked number; on an invitation I sent, the masked form of the number I typed. */
  otherPhoneMasked: string;
  /**
   * What the other person is to me: on a link I proposed, the words I typed (对方是您的 X); on one
   * the other side proposed, the inverse of theirs (母亲 → 子女, 配偶 → 配偶), or 亲属 when it is not
   * well defined (domain/links.ts `relationSeenByOther`).
   */
  relation: string;
  state: LinkState;
  /** 'sent': I proposed it; 'received': waiting for me to confirm. */
  direction: 'sent' | 'received';
  createdAt: string;
  confirmedAt: string | null;
}

export interface AdjustmentView {
  transferId: string;
  accountId: string;
  accountName: string;
  amount: MinutesView & { signed: string };
  reason: string;
  actorName: string;
  reversed: boolean;
  at: string;
}

export interface TimebankResults {
  balance: BalanceView;
  statement: PageResult<StatementLine>;
  stars: StarProgress & { thresholdsHours: number[]; served: MinutesView };
  links: { items: LinkView[] };
  proposeLink: LinkView;
  confirmLink: LinkView;
  removeLink: LinkView;
  gift: { transfer: TransferView; balance: BalanceView };
  donate: { transfer: TransferView; balance: BalanceView };
  grant: { transfer: TransferView };
  adjust: { transfer: TransferView; balance: BalanceView };
  reverse: { transfer: TransferView };
  account: { userId: string; name: string; balance: BalanceView; statement: PageResult<StatementLine> };
  pool: { balance: BalanceView; statement: PageResult<StatementLine> };
  adjustments: PageResult<AdjustmentView>;
  policy: TimebankPolicy & { updatedAt: string | null };
  setPolicy: TimebankPolicy & { updatedAt: string | null };
}

export type { ServiceCategory, TimebankPolicy, StarProgress };
