/** Pure ledger rules: counters, flags, caps, two-phase effects, ids, display, stars, policy, amount validation. */
import { timebankActions } from '../../cloudfunctions/core/api/timebank';
import { recordsActions } from '../../cloudfunctions/core/api/records';
import {
  ISSUANCE_ACCOUNTS,
  ISSUANCE_SHARDS,
  LEGACY_ISSUANCE_ACCOUNT,
  MAX_TRANSFER_MINUTES,
  applyEffect,
  availableOf,
  balanceOf,
  effectOf,
  formatHours,
  formatSignedHours,
  isIssuanceAccount,
  isValidAmount,
  isViolation,
  issuanceAccountFor,
  issuanceShardId,
  issuanceShardOf,
  kindOfAccount,
  movementId,
  movementOf,
  newAccount,
  projectedOf,
  sameTransfer,
  stableHash,
  transferId,
  userIdOfAccount,
  type AccountDoc,
  type Counters,
  type TransferDoc,
} from '../../cloudfunctions/core/domain/ledger';
import { DEFAULT_POLICY, mayRedeem, mergePolicy, policyProblems } from '../../cloudfunctions/core/domain/policy';
import { starProgress } from '../../cloudfunctions/core/domain/stars';
import { maskName } from '../../cloudfunctions/core/services/shared/ledger-views';

const at = '2026-11-27T00:00:00.000Z';
const person = (c: Partial<Counters> = {}): AccountDoc => ({ ...newAccount('user:u_a', at), ...c });

describe('accounts', () => {
  it('knows the three kinds of account and nothing else', () => {
    expect(kindOfAccount('pool')).toBe('pool');
    expect(kindOfAccount('issuance')).toBe('issuance');
    expect(kindOfAccount('user:u_1')).toBe('person');
    expect(kindOfAccount('user:')).toBeNull();
    expect(kindOfAccount('user:a b')).toBeNull();
    expect(kindOfAccount('bank')).toBeNull();
    expect(userIdOfAccount('user:u_1')).toBe('u_1');
    expect(userIdOfAccount('pool')).toBeNull();
  });

  it('guards people and the pool, caps only people, lets issuance go negative', () => {
    expect(newAccount('user:u_1', at).flags).toEqual({ debitsMustNotExceedCredits: true, capped: true });
    expect(newAccount('pool', at).flags).toEqual({ debitsMustNotExceedCredits: true, capped: false });
    expect(newAccount('issuance', at).flags).toEqual({ debitsMustNotExceedCredits: false, capped: false });
    expect(() => newAccount('nobody', at)).toThrow('账户不存在');
  });

  it('derives balance, available and projected from the four counters', () => {
    const c: Counters = { debitsPosted: 30, creditsPosted: 100, debitsPending: 20, creditsPending: 15 };
    expect(balanceOf(c)).toBe(70);
    expect(availableOf(c)).toBe(50);
    expect(projectedOf(c)).toBe(85);
  });
});

describe('issuance shards', () => {
  it('are the legacy document and ISSUANCE_SHARDS shards, all of kind issuance without balance rules', () => {
    expect(ISSUANCE_ACCOUNTS).toEqual([LEGACY_ISSUANCE_ACCOUNT, ...Array.from({ length: ISSUANCE_SHARDS }, (_, i) => `issuance:${i}`)]);
    for (const id of ISSUANCE_ACCOUNTS) {
      expect(kindOfAccount(id)).toBe('issuance');
      expect(isIssuanceAccount(id)).toBe(true);
      expect(newAccount(id, at).flags).toEqual({ debitsMustNotExceedCredits: false, capped: false });
    }
    for (const id of [`issuance:${ISSUANCE_SHARDS}`, 'issuance:01', 'issuance:', 'issuance:-1', 'issuance:x', 'issuance0']) {
      expect(kindOfAccount(id)).toBeNull();
      expect(isIssuanceAccount(id)).toBe(false);
    }
    expect(isIssuanceAccount('pool')).toBe(false);
    // Movement ids of a shard never collide with the legacy document's (`issuance:<10 digits>`).
    expect(movementId(issuanceShardId(0), 1)).toBe('issuance:0:0000000001');
    expect(movementId(LEGACY_ISSUANCE_ACCOUNT, 1)).toBe('issuance:0000000001');
  });

  it('chooses the shard from the transfer id: the same id always gives the same shard', () => {
    for (const id of ['earn:r_1', 'adjust:req-1', 'redeem:h_1', 'redeem:h_1:extra']) {
      expect(issuanceAccountFor(id)).toBe(issuanceAccountFor(id));
      expect(issuanceAccountFor(id)).toBe(issuanceShardId(issuanceShardOf(id)));
      expect(ISSUANCE_ACCOUNTS).toContain(issuanceAccountFor(id));
      expect(issuanceShardOf(id, 1)).toBe(0);
    }
    // Pinned: the hash must not change with a refactor, runtime or platform.
    expect([stableHash(''), stableHash('earn:r_1'), stableHash('earn:r_2'), stableHash('adjust:req-1')]).toEqual([
      2872998923, 4001601080, 195263471, 3771595266,
    ]);
    expect(issuanceShardOf('earn:r_2')).toBe(195263471 % ISSUANCE_SHARDS);
  });

  it.each([
    ['earn:r_<n>', (i: number) => `earn:r_${i}`],
    ['adjust:<padded requestId>', (i: number) => `adjust:req-${String(i).padStart(6, '0')}`],
    ['redeem:h_<base 36>', (i: number) => `redeem:h_${i.toString(36)}`],
  ])('spreads ids shaped %s evenly over the shards', (_shape, idOf) => {
    const mean = 1000;
    const counts = new Array<number>(ISSUANCE_SHARDS).fill(0);
    for (let i = 0; i < mean * ISSUANCE_SHARDS; i++) counts[issuanceShardOf(idOf(i))]! += 1;
    for (const c of counts) expect(Math.abs(c - mean)).toBeLessThan(mean * 0.1);
    // Chi-square below the 99.9 % point of its distribution with k = shards − 1 degrees of freedom
    // (Wilson–Hilferty: k·(1 − 2/9k + 3.09·√(2/9k))³; 37.8 for 16 shards).
    const k = ISSUANCE_SHARDS - 1;
    const critical = k * (1 - 2 / (9 * k) + 3.09 * Math.sqrt(2 / (9 * k))) ** 3;
    expect(counts.reduce((sum, c) => sum + (c - mean) ** 2 / mean, 0)).toBeLessThan(critical);
  });

  it('treats all issuance documents as one account when a transfer id is repeated', () => {
    const t: TransferDoc = {
      _id: 'adjust:r1',
      kind: 'adjust',
      phase: 'posted',
      debitAccountId: LEGACY_ISSUANCE_ACCOUNT,
      creditAccountId: 'user:u_a',
      amount: 30,
      pendingId: null,
      reversesId: null,
      actorId: 'u_admin',
      memo: '',
      refs: {},
      createdAt: at,
    };
    expect(sameTransfer(t, { ...t, debitAccountId: issuanceAccountFor(t._id) })).toBe(true);
    expect(sameTransfer(t, { ...t, debitAccountId: 'pool' })).toBe(false);
    expect(sameTransfer(t, { ...t, creditAccountId: issuanceAccountFor(t._id) })).toBe(false);
  });
});

describe('effects of each phase', () => {
  it.each([
    ['posted', 'debit', { debitsPosted: 5, creditsPosted: 0, debitsPending: 0, creditsPending: 0 }],
    ['posted', 'credit', { debitsPosted: 0, creditsPosted: 5, debitsPending: 0, creditsPending: 0 }],
    ['pending', 'debit', { debitsPosted: 0, creditsPosted: 0, debitsPending: 5, creditsPending: 0 }],
    ['pending', 'credit', { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 5 }],
    ['post_pending', 'debit', { debitsPosted: 5, creditsPosted: 0, debitsPending: -5, creditsPending: 0 }],
    ['post_pending', 'credit', { debitsPosted: 0, creditsPosted: 5, debitsPending: 0, creditsPending: -5 }],
    ['void_pending', 'debit', { debitsPosted: 0, creditsPosted: 0, debitsPending: -5, creditsPending: 0 }],
    ['void_pending', 'credit', { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: -5 }],
  ] as const)('%s on the %s side', (phase, side, expected) => {
    expect(effectOf(phase, side, 5)).toEqual(expected);
  });
});

describe('balance flags', () => {
  it('refuses a debit beyond available, saying how much is available', () => {
    const a = person({ creditsPosted: 100, debitsPending: 30 });
    expect(applyEffect(a, effectOf('posted', 'debit', 70), null)).toMatchObject({ debitsPosted: 70 });
    expect(applyEffect(a, effectOf('posted', 'debit', 71), null)).toEqual({ rule: 'insufficient', accountId: 'user:u_a', available: 70, needed: 71 });
    expect(applyEffect(a, effectOf('pending', 'debit', 71), null)).toMatchObject({ rule: 'insufficient' });
  });

  it('never refuses posting or voiding a hold on the debit side', () => {
    const a = person({ creditsPosted: 50, debitsPending: 50 });
    expect(isViolation(applyEffect(a, effectOf('post_pending', 'debit', 50), null))).toBe(false);
    expect(isViolation(applyEffect(a, effectOf('void_pending', 'debit', 50), null))).toBe(false);
  });

  it('refuses resolving more than is held', () => {
    const a = person({ creditsPosted: 50, debitsPending: 10 });
    expect(applyEffect(a, effectOf('void_pending', 'debit', 11), null)).toMatchObject({ rule: 'negative' });
  });

  it('lets issuance go below zero', () => {
    const issuance = newAccount('issuance', at);
    expect(applyEffect(issuance, effectOf('posted', 'debit', 600), null)).toMatchObject({ debitsPosted: 600 });
  });

  it('refuses a credit that would lift the projected balance above the cap, with the room left', () => {
    const a = person({ creditsPosted: 80, creditsPending: 10 });
    expect(applyEffect(a, effectOf('posted', 'credit', 10), 100)).toMatchObject({ creditsPosted: 90 });
    expect(applyEffect(a, effectOf('posted', 'credit', 11), 100)).toEqual({ rule: 'cap', accountId: 'user:u_a', cap: 100, projected: 90, room: 10 });
    expect(applyEffect(a, effectOf('pending', 'credit', 11), 100)).toMatchObject({ rule: 'cap' });
    expect(isViolation(applyEffect(a, effectOf('posted', 'credit', 1_000), null))).toBe(false);
  });

  it('lets an account left above a lowered cap spend but not receive', () => {
    const a = person({ creditsPosted: 500 });
    expect(isViolation(applyEffect(a, effectOf('posted', 'debit', 10), 100))).toBe(false);
    expect(applyEffect(a, effectOf('posted', 'credit', 1), 100)).toMatchObject({ rule: 'cap', room: 0 });
  });

  it('does not cap the pool', () => {
    const pool = newAccount('pool', at);
    expect(isViolation(applyEffect(pool, effectOf('posted', 'credit', 90_000), 60))).toBe(false);
  });
});

describe('amounts', () => {
  it.each([
    [1, true],
    [MAX_TRANSFER_MINUTES, true],
    [0, false],
    [-5, false],
    [1.5, false],
    [MAX_TRANSFER_MINUTES + 1, false],
    [Number.NaN, false],
    [Infinity, false],
    ['30', false],
    [null, false],
  ])('%p valid=%p', (amount, valid) => {
    expect(isValidAmount(amount)).toBe(valid);
  });

  const gift = timebankActions.gift.input;
  it.each([
    [-5, '时间必须大于 0'],
    [0, '时间必须大于 0'],
    [1.5, '时间必须是整数分钟'],
    [1e12, '一次最多 1500 小时'],
    [1e300, '一次最多 1500 小时'],
    [-1.5, '时间必须大于 0'],
    [Number.NaN, '时间必须是整数分钟'],
    ['abc', '时间必须是整数分钟'],
    [null, '时间必须是整数分钟'],
    [undefined, '时间必须是整数分钟'],
  ])('a gift of %p minutes is refused with “%s”', (minutes, message) => {
    const parsed = gift.safeParse({ toUserId: 'u_1', minutes });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });

  it('accepts a whole number of minutes and refuses unknown fields', () => {
    expect(gift.safeParse({ toUserId: 'u_1', minutes: 150 }).success).toBe(true);
    expect(gift.safeParse({ toUserId: 'u_1', minutes: 150, fromUserId: 'u_2' }).success).toBe(false);
  });

  it('refuses a zero adjustment and accepts a negative one', () => {
    const adjust = timebankActions.adjust.input;
    expect(adjust.safeParse({ accountId: 'user:u_1', minutes: 0, reason: '更正' }).error?.issues[0]?.message).toBe('调整的时间不能为 0');
    expect(adjust.safeParse({ accountId: 'user:u_1', minutes: -30, reason: '更正' }).success).toBe(true);
    expect(adjust.safeParse({ accountId: 'issuance', minutes: 30, reason: '更正' }).success).toBe(false);
    expect(adjust.safeParse({ accountId: 'issuance:3', minutes: 30, reason: '更正' }).success).toBe(false);
    expect(adjust.safeParse({ accountId: 'user:u_1', minutes: 30 }).success).toBe(false);
  });

  it('checks service record input', () => {
    const create = recordsActions.create.input;
    const base = { volunteerId: 'u_1', teamId: 't_1', category: 'daily', date: '2026-11-20', place: '滨江小区', content: '陪老人聊天', minutes: 90 };
    expect(create.safeParse(base).success).toBe(true);
    expect(create.safeParse({ ...base, date: '2026/11/20' }).success).toBe(false);
    expect(create.safeParse({ ...base, minutes: 0 }).success).toBe(false);
    expect(create.safeParse({ ...base, minutes: 24 * 60 + 1 }).success).toBe(false);
  });
});

describe('transfers and movements', () => {
  const t: TransferDoc = {
    _id: 'gift:r1',
    kind: 'gift',
    phase: 'posted',
    debitAccountId: 'user:u_a',
    creditAccountId: 'user:u_b',
    amount: 30,
    pendingId: null,
    reversesId: null,
    actorId: 'u_a',
    memo: '',
    refs: {},
    createdAt: at,
  };

  it('treats the same id with the same content as the same transfer, ignoring who and when', () => {
    expect(sameTransfer(t, { ...t, actorId: 'u_x', createdAt: 'later', memo: 'x' })).toBe(true);
    expect(sameTransfer(t, { ...t, amount: 31 })).toBe(false);
    expect(sameTransfer(t, { ...t, creditAccountId: 'pool' })).toBe(false);
    expect(sameTransfer(t, { ...t, phase: 'pending' })).toBe(false);
  });

  it('derives ids from causes', () => {
    expect(transferId.earn('r_1')).toBe('earn:r_1');
    expect(transferId.reverse(transferId.earn('r_1'))).toBe('reverse:earn:r_1');
    expect(transferId.post(transferId.redeem('h_1'))).toBe('post:redeem:h_1');
    expect(movementId('user:u_a', 42)).toBe('user:u_a:0000000042');
    expect(movementId('pool', 2) < movementId('pool', 10)).toBe(true);
  });

  it('writes the next movement with the running balance and the cap in force', () => {
    const before = person({ creditsPosted: 100, debitsPosted: 10 });
    before.seq = 7;
    const after = applyEffect(before, effectOf('posted', 'debit', 30), 500) as Counters;
    const m = movementOf(t, 'debit', before, after, 500);
    expect(m).toMatchObject({ _id: 'user:u_a:0000000008', seq: 8, delta: -30, balanceAfter: 60, counterpartyAccountId: 'user:u_b', cap: 500 });
    expect(movementOf(t, 'credit', newAccount('pool', at), effectOf('posted', 'credit', 30), 500).cap).toBeNull();
  });
});

describe('display', () => {
  it.each([
    [150, '2小时30分'],
    [0, '0小时'],
    [60, '1小时'],
    [3, '3分'],
    [114, '1小时54分'],
    [25, '25分'],
    [90_000, '1500小时'],
    [-90, '-1小时30分'],
    [-2, '-2分'],
  ])('%i minutes read %s', (minutes, text) => {
    expect(formatHours(minutes)).toBe(text);
  });

  it('signs statement amounts', () => {
    expect(formatSignedHours(30)).toBe('+30分');
    expect(formatSignedHours(-30)).toBe('-30分');
  });

  it('masks names of people not yet confirmed as relatives', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});

describe('star levels', () => {
  const t = DEFAULT_POLICY.starThresholdsHours;
  it('starts at no star with progress towards 100 h', () => {
    expect(starProgress(0, t)).toMatchObject({ level: 0, nextMinutes: 6000, remainingMinutes: 6000, progress: 0 });
    expect(starProgress(50 * 60, t)).toMatchObject({ level: 0, progress: 0.5 });
  });

  it('reaches a level exactly at its threshold', () => {
    expect(starProgress(100 * 60 - 1, t).level).toBe(0);
    expect(starProgress(100 * 60, t)).toMatchObject({ level: 1, label: '一星志愿者', levelMinutes: 6000, nextMinutes: 18000, progress: 0 });
    expect(starProgress(200 * 60, t)).toMatchObject({ level: 1, progress: 0.5, remainingMinutes: 100 * 60 });
  });

  it('stops at five stars', () => {
    expect(starProgress(2000 * 60, t)).toMatchObject({ level: 5, label: '五星志愿者', nextMinutes: null, remainingMinutes: 0, progress: 1 });
  });

  it('follows configured thresholds', () => {
    expect(starProgress(10 * 60, [10, 20, 30, 40, 50]).level).toBe(1);
  });
});

describe('policy', () => {
  it('defaults to the rules of shared/domain.md', () => {
    const p = mergePolicy(null);
    expect(p.starThresholdsHours).toEqual([100, 300, 600, 1000, 1500]);
    expect(p.redemptionAge).toBe(65);
    expect(p.redemptionAgeSpecialDifficulty).toBe(60);
    expect(p.capMinutes).toBe(1500 * 60);
    expect(policyProblems(p)).toEqual([]);
  });

  it('keeps what the admin stored, including no cap', () => {
    const p = mergePolicy({ capMinutes: null, redemptionAge: 70 });
    expect(p.capMinutes).toBeNull();
    expect(p.redemptionAge).toBe(70);
    expect(p.starThresholdsHours).toEqual(DEFAULT_POLICY.starThresholdsHours);
  });

  it('finds unsound policies', () => {
    expect(policyProblems(mergePolicy({ starThresholdsHours: [100, 50, 600, 1000, 1500] }))[0]?.path).toBe('starThresholdsHours');
    expect(policyProblems(mergePolicy({ redemptionAgeSpecialDifficulty: 70 }))[0]?.path).toBe('redemptionAgeSpecialDifficulty');
    const dup = [DEFAULT_POLICY.categories[0]!, DEFAULT_POLICY.categories[0]!];
    expect(policyProblems(mergePolicy({ categories: dup }))[0]?.path).toBe('categories');
  });

  it('lets residents redeem from 65, or 60 in special difficulty', () => {
    expect(mayRedeem(64, false, DEFAULT_POLICY)).toBe(false);
    expect(mayRedeem(65, false, DEFAULT_POLICY)).toBe(true);
    expect(mayRedeem(60, true, DEFAULT_POLICY)).toBe(true);
    expect(mayRedeem(59, true, DEFAULT_POLICY)).toBe(false);
  });
});
