/** The pure rules of seniors and help requests: eligibility, settlement plans, states, distances, privacy helpers. */
import { redemptionEligibility } from '../../cloudfunctions/core/domain/eligibility';
import {
  confirmationOverdue,
  mayCancel,
  mayDispute,
  mayGoOnTheWay,
  mayHandBack,
  mayReport,
  minutesSinceStart,
  maySettle,
  settlementPlan,
  sameAsks,
  keptAsks,
  RECENT_ASKS_KEPT,
  type RecentAsk,
  walkingDistance,
} from '../../cloudfunctions/core/domain/help';
import { DEFAULT_POLICY, mergePolicy } from '../../cloudfunctions/core/domain/policy';
import { addressHint, coarseLocation, containsPhoneNumber, isPhoneNumber, proxiedSeniors, servedCommittees } from '../../cloudfunctions/core/domain/seniors';

const now = new Date('2026-11-27T02:00:00.000Z');

describe('redemption eligibility comes from the policy', () => {
  it('65, or 60 with special difficulty', () => {
    expect(redemptionEligibility({ birthYear: 1961 }, false, DEFAULT_POLICY, now)).toMatchObject({ eligible: true, age: 65, requiredAge: 65, reason: null });
    expect(redemptionEligibility({ birthYear: 1962 }, false, DEFAULT_POLICY, now)).toMatchObject({ eligible: false, age: 64 });
    expect(redemptionEligibility({ birthYear: 1966 }, true, DEFAULT_POLICY, now)).toMatchObject({ eligible: true, age: 60, requiredAge: 60 });
    expect(redemptionEligibility({ birthYear: 1967 }, true, DEFAULT_POLICY, now).eligible).toBe(false);
  });

  it('says why in words, and follows a changed policy', () => {
    const no = redemptionEligibility({ birthYear: 1964, name: '赵阿姨' }, false, DEFAULT_POLICY, now);
    expect(no.reason).toBe('赵阿姨今年 62 岁；年满 65 岁（特殊困难老人 60 岁）才能用时间币或公益池兑换服务');
    const lowered = mergePolicy({ redemptionAge: 60, redemptionAgeSpecialDifficulty: 55 });
    expect(redemptionEligibility({ birthYear: 1964 }, false, lowered, now).eligible).toBe(true);
  });
});

describe('settlement plan: how minutes served move the held credits', () => {
  it('the same minutes post the hold', () => expect(settlementPlan(120, 120)).toEqual({ resolveHold: 'post', fresh: 0, extra: 0 }));
  it('fewer minutes void the hold and post what was served (the rest is released)', () =>
    expect(settlementPlan(120, 90)).toEqual({ resolveHold: 'void', fresh: 90, extra: 0 }));
  it('more minutes post the hold and take the difference from a top-up', () =>
    expect(settlementPlan(120, 150)).toEqual({ resolveHold: 'post', fresh: 0, extra: 30 }));
  it('refuses nonsense', () => {
    expect(() => settlementPlan(0, 10)).toThrow(RangeError);
    expect(() => settlementPlan(60, 1.5)).toThrow(RangeError);
  });
});

describe('what may happen when', () => {
  const start = '2026-11-27T03:00:00.000Z';
  const before = new Date('2026-11-27T02:59:00.000Z');
  const after = new Date('2026-11-27T03:00:00.000Z');
  it('cancel: any time while open; before the start once assigned; never after a report', () => {
    expect(mayCancel({ state: 'open', startAt: start }, after)).toBe(true);
    expect(mayCancel({ state: 'awaiting_grant', startAt: start }, after)).toBe(true);
    expect(mayCancel({ state: 'assigned', startAt: start }, before)).toBe(true);
    expect(mayCancel({ state: 'assigned', startAt: start }, after)).toBe(false);
    expect(mayCancel({ state: 'reported', startAt: start }, before)).toBe(false);
  });
  it('hand back only before the start; report only from the start', () => {
    expect(mayHandBack({ state: 'assigned', startAt: start }, before)).toBe(true);
    expect(mayHandBack({ state: 'assigned', startAt: start }, after)).toBe(false);
    expect(mayReport({ state: 'assigned', startAt: start }, before)).toBe(false);
    expect(mayReport({ state: 'assigned', startAt: start }, after)).toBe(true);
  });
  it('我出发了 once, from two hours before the start until the end', () => {
    const r = { state: 'assigned' as const, startAt: start, endAt: '2026-11-27T05:00:00.000Z', steps: [] };
    expect(mayGoOnTheWay(r, new Date('2026-11-26T03:00:00.000Z'))).toBe(false); // a day early
    expect(mayGoOnTheWay(r, new Date('2026-11-27T00:59:59.000Z'))).toBe(false);
    expect(mayGoOnTheWay(r, new Date('2026-11-27T01:00:00.000Z'))).toBe(true);
    expect(mayGoOnTheWay(r, new Date('2026-11-27T04:59:00.000Z'))).toBe(true);
    expect(mayGoOnTheWay(r, new Date('2026-11-27T05:00:00.000Z'))).toBe(false);
    expect(mayGoOnTheWay({ ...r, state: 'open' }, after)).toBe(false);
    const said = [{ at: start, action: 'onTheWay' as const, actorId: 'u', via: 'volunteer' as const, text: '' }];
    expect(mayGoOnTheWay({ ...r, steps: said }, after)).toBe(false);
  });
  it('a report claims at most the whole minutes since the start', () => {
    expect(minutesSinceStart({ startAt: start }, before)).toBe(0);
    expect(minutesSinceStart({ startAt: start }, new Date('2026-11-27T03:45:59.000Z'))).toBe(45);
  });
  it('dispute a report, or a started service never reported; the social worker settles those and disputes', () => {
    expect(mayDispute({ state: 'reported', startAt: start }, after)).toBe(true);
    expect(mayDispute({ state: 'assigned', startAt: start }, after)).toBe(true);
    expect(mayDispute({ state: 'assigned', startAt: start }, before)).toBe(false);
    expect(maySettle({ state: 'disputed', startAt: start }, after)).toBe(true);
    expect(maySettle({ state: 'completed', startAt: start }, after)).toBe(false);
  });
  it('72 hours after a report without confirmation', () => {
    const reportedAt = '2026-11-27T05:00:00.000Z';
    expect(confirmationOverdue({ state: 'reported', reportedAt }, new Date('2026-11-30T04:59:59.000Z'))).toBe(false);
    expect(confirmationOverdue({ state: 'reported', reportedAt }, new Date('2026-11-30T05:00:00.000Z'))).toBe(true);
    expect(confirmationOverdue({ state: 'completed', reportedAt }, new Date('2026-12-30T05:00:00.000Z'))).toBe(false);
  });
});

describe('walking distance and coarse locations', () => {
  it('rounds to 100 m (never below) and estimates the walk', () => {
    const from = { latitude: 31.2352, longitude: 121.4889 };
    const d = walkingDistance(from, { latitude: 31.2361, longitude: 121.4897 });
    expect(d.meters).toBe(100);
    expect(d.minutes).toBeGreaterThanOrEqual(1);
    const far = walkingDistance(from, { latitude: 31.2452, longitude: 121.4889 });
    expect(far.meters).toBe(1100);
    expect(far.text).toBe(`约 1.1 公里，步行约 ${far.minutes} 分钟`);
    expect(far.minutes).toBe(Math.round((1112 * 1.3) / 70));
  });
  it('keeps about 100 m of a location and a few characters of an address', () => {
    expect(coarseLocation({ latitude: 31.23614, longitude: 121.48976 })).toEqual({ latitude: 31.236, longitude: 121.49 });
    expect(addressHint('新圆湾花园 12 号楼 301 室')).toBe('新圆湾花…');
  });
});

describe('privacy helpers', () => {
  it('finds phone numbers in a note, however written', () => {
    expect(containsPhoneNumber('请打 138 0000 1234')).toBe(true);
    expect(containsPhoneNumber('电话 021-5888-1234')).toBe(true);
    expect(containsPhoneNumber('下午 2 点，买 3 斤米')).toBe(false);
  });
  it('accepts mobile and home phones', () => {
    expect(isPhoneNumber('13800001234')).toBe(true);
    expect(isPhoneNumber('021-58881234')).toBe(true);
    expect(isPhoneNumber('58881234')).toBe(true);
    expect(isPhoneNumber('12345')).toBe(false);
  });
  it('reads scopes from grants', () => {
    const grants = [
      { role: 'socialWorker', committeeId: 'c_a' },
      { role: 'socialWorker', committeeId: 'c_b' },
      { role: 'proxy', seniorId: 'u_1' },
      { role: 'volunteer' },
    ];
    expect(servedCommittees(grants)).toEqual(['c_a', 'c_b']);
    expect(proxiedSeniors(grants)).toEqual(['u_1']);
  });
});

describe('recent asks: the same request asked twice', () => {
  const ask = (id: string, category: string, start: string, end: string): RecentAsk => ({
    id,
    category,
    startAt: `2026-12-08T${start}:00.000Z`,
    endAt: `2026-12-08T${end}:00.000Z`,
  });
  const kept = [ask('a', 'emotional', '01:00', '03:00'), ask('b', 'daily', '01:00', '02:00')];

  it('are the same category at an overlapping time, touching ends excluded', () => {
    expect(sameAsks(kept, { category: 'emotional', startAt: '2026-12-08T02:00:00.000Z', endAt: '2026-12-08T04:00:00.000Z' }).map((a) => a.id)).toEqual(['a']);
    expect(sameAsks(kept, { category: 'emotional', startAt: '2026-12-08T03:00:00.000Z', endAt: '2026-12-08T04:00:00.000Z' })).toEqual([]);
    expect(sameAsks(kept, { category: 'escort', startAt: '2026-12-08T01:00:00.000Z', endAt: '2026-12-08T03:00:00.000Z' })).toEqual([]);
  });

  it('keeps only asks not yet ended, newest last, at most RECENT_ASKS_KEPT', () => {
    const now = new Date('2026-12-08T02:30:00.000Z');
    expect(keptAsks(kept, ask('c', 'escort', '05:00', '06:00'), now).map((a) => a.id)).toEqual(['a', 'c']);
    const many = Array.from({ length: RECENT_ASKS_KEPT + 3 }, (_, i) => ask(`m${i}`, 'daily', '05:00', '06:00'));
    const after = keptAsks(many, ask('new', 'daily', '07:00', '08:00'), now);
    expect(after).toHaveLength(RECENT_ASKS_KEPT);
    expect(after[after.length - 1]!.id).toBe('new');
  });
});
