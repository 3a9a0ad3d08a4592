/**
 * The words and choices of the leader's and the street admin's pages, as pure functions of what the
 * server returned and of the clock (the pages render them as they are):
 * - 安排新活动 (leader/form): the service category chosen at first is the team's own most used one, or none;
 *   a new activity already past its start or its sign-up or cancel deadline is refused on the field to change;
 * - 队长工作台 (leader/home): 队长 only for someone who leads a team;
 * - 队伍详情 (activity/team): a leader is not offered 退出队伍; counts say leaders and members apart;
 * - 活动详情 (activity/detail): 名额已满，可以候补 only to someone who could still join the waitlist;
 * - 公益池 (admin/pool): what can be granted first, what is reserved beside it; the report says the same;
 * - 账户调整 (admin/adjust): the real limit in words, and no deduction beyond what the account has available.
 */
import { EMPTY, mostUsedCategory, validate } from '../../src/packages/leader/form/form';
import { messages as leaderHome } from '../../src/packages/leader/home/messages';
import { messages as teamPage } from '../../src/packages/activity/team/messages';
import { offers, standingOf } from '../../src/packages/activity/team/standing';
import type { ActivityDetail, BalanceView, StreetReport } from '../../cloudfunctions/core/api';
import { readHours } from '../../src/services/format';
import { poolFigures } from '../../src/packages/admin/pool/figures';
import { poolValueOf } from '../../src/packages/admin/report/messages';
import { adjustErrors } from '../../src/packages/admin/adjust/check';
import { mayJoinWaitlist, placesText } from '../../src/components/ActivityCard/places';

const cats = [
  { id: 'daily', name: '生活照料', earnsCredits: true },
  { id: 'community', name: '社区志愿服务（巡河护林、文明养宠等）', earnsCredits: false },
  { id: 'culture', name: '文体活动', earnsCredits: true },
];
const act = (teamId: string, category: string, startAt: string) => ({ teamId, category, startAt });

describe('安排新活动: the category chosen at first', () => {
  it("is the team's most used category, never another team's", () => {
    const acts = [
      act('t_paws', 'daily', '2026-11-20T01:00:00.000Z'),
      act('t_paws', 'daily', '2026-11-21T01:00:00.000Z'),
      act('t_patrol', 'community', '2026-11-22T01:00:00.000Z'),
      act('t_patrol', 'culture', '2026-11-10T01:00:00.000Z'),
      act('t_patrol', 'community', '2026-11-29T01:00:00.000Z'),
    ];
    expect(mostUsedCategory(acts, 't_patrol', cats)).toBe('community');
    expect(mostUsedCategory(acts, 't_paws', cats)).toBe('daily');
  });

  it('is none for a team without activities (the leader must choose), and never a category the policy no longer has', () => {
    expect(mostUsedCategory([act('t_paws', 'daily', '2026-11-20T01:00:00.000Z')], 't_patrol', cats)).toBeNull();
    expect(mostUsedCategory([act('t_patrol', 'gone', '2026-11-20T01:00:00.000Z')], 't_patrol', cats)).toBeNull();
  });

  it('on a tie, is the one used last', () => {
    const acts = [act('t_patrol', 'culture', '2026-11-20T01:00:00.000Z'), act('t_patrol', 'community', '2026-11-27T01:00:00.000Z')];
    expect(mostUsedCategory(acts, 't_patrol', cats)).toBe('community');
    expect(mostUsedCategory([...acts].reverse(), 't_patrol', cats)).toBe('community');
  });
});

describe('安排新活动: deadlines already past', () => {
  // Monday 2026-12-07 16:08 in Shanghai.
  const now = new Date('2026-12-07T08:08:00.000Z');
  const form = (date: string, startTime: string, extra: object = {}) => ({
    ...EMPTY(),
    title: '临时河道清洁',
    category: 'community',
    placeName: '滨江步道',
    lat: '31.2',
    lng: '121.4',
    date,
    startTime,
    endTime: '23:00',
    capacity: '2',
    ...extra,
  });
  it('says a past day on the date and a past time today on the start time', () => {
    expect(validate(form('2026-12-06', '17:00'), true, now).date).toMatch(/这一天已经过去了/);
    const today = validate(form('2026-12-07', '16:00'), true, now);
    expect(today.date).toBeUndefined();
    expect(today.startTime).toMatch(/这个时间已经过了/);
  });
  it('refuses a cancel deadline already past, with its time, and accepts a shorter one', () => {
    const late = validate(form('2026-12-07', '17:00', { cancelClose: '120' }), true, now);
    expect(late.cancelClose).toMatch(/取消截止是 12月7日 15:00，已经过了/);
    expect(validate(form('2026-12-07', '17:00', { cancelClose: '30' }), true, now)).toEqual({});
    expect(validate(form('2026-12-07', '17:00', { signupClose: '1440' }), true, now).signupClose).toMatch(/报名截止是 12月6日 17:00，已经过了/);
  });
  it('leaves an existing activity’s deadlines to the server (editing one under way is allowed)', () => {
    expect(validate(form('2026-12-07', '17:00', { cancelClose: '120' }), false, now)).toEqual({});
  });
});

describe('队长工作台: the greeting', () => {
  it('calls a leader 队长 and the street admin, who leads no team, not', () => {
    expect(leaderHome.greeting('王建国', true)).toBe('王建国队长，您好');
    expect(leaderHome.greeting('街道管理员', false)).not.toContain('队长');
    expect(leaderHome.greeting('街道管理员', false)).toContain('街道管理员，您好');
  });
});

describe('队伍详情: what the caller is offered', () => {
  it('never offers 退出队伍 to a leader of the team, and says why', () => {
    const leader = standingOf({ iLead: true, myMembership: 'member' });
    expect(leader).toBe('leader');
    expect(offers(leader)).toEqual({ join: false, withdraw: false, leave: false });
    expect(teamPage.state[leader]).toContain('队长不能退出');
  });

  it('offers leaving to a member, withdrawing to an applicant, joining to anyone else', () => {
    expect(offers(standingOf({ iLead: false, myMembership: 'member' }))).toEqual({ join: false, withdraw: false, leave: true });
    expect(offers(standingOf({ iLead: false, myMembership: 'pending' }))).toEqual({ join: false, withdraw: true, leave: false });
    for (const m of [null, 'left', 'rejected'] as const)
      expect(offers(standingOf({ iLead: false, myMembership: m }))).toEqual({ join: true, withdraw: false, leave: false });
  });

  it('counts the leader apart from the members, on the team page and the leader home alike', () => {
    expect(teamPage.memberCount(1, 6)).toBe('队长 1 人、队员 6 人');
    expect(teamPage.membersCount(1, 6)).toBe('队员名单（队长 1 人、队员 6 人）');
    expect(leaderHome.members(1, 6)).toBe('队长 1 人、队员 6 人');
  });
});

describe('活动详情: the places tag of a full activity', () => {
  const full = (extra: Partial<ActivityDetail> = {}): ActivityDetail =>
    ({
      status: 'scheduled',
      phase: 'upcoming',
      capacity: 6,
      signedCount: 6,
      placesLeft: 0,
      waitlistCount: 1,
      my: null,
      canManage: false,
      signupBlocked: null,
      ...extra,
    }) as ActivityDetail;
  const signed = { state: 'signed', attendance: 'none', waitlistPosition: null } as unknown as NonNullable<ActivityDetail['my']>;

  it('leaves the invitation (名额已满，可以候补) to someone who could still join the waitlist', () => {
    for (const a of [full(), full({ my: { ...signed, state: 'cancelled' } })]) {
      expect(mayJoinWaitlist(a)).toBe(true);
      expect(placesText(a)).toEqual({ kind: 'warning', text: '名额已满，可以候补' });
    }
  });

  it('says only 名额已满 to a volunteer already signed up (checked in or not) or waitlisted, the leader, or someone refused', () => {
    for (const a of [
      full({ my: signed }),
      full({ my: { ...signed, attendance: 'in' } }),
      full({ my: { ...signed, state: 'waitlisted', waitlistPosition: 1 } }),
      full({ canManage: true }),
      full({ signupBlocked: '报名已截止（截止时间 11月28日 09:00）' }),
      full({ waitlistCount: 200 }),
    ]) {
      expect(mayJoinWaitlist(a)).toBe(false);
      expect(placesText(a)).toEqual({ kind: 'neutral', text: '名额已满' });
    }
  });

  it('leaves places left, under way, ended and cancelled to the list card words', () => {
    expect(placesText(full({ placesLeft: 2, my: signed }))).toEqual({ kind: 'info', text: '剩 2 个名额' });
    expect(placesText(full({ phase: 'ongoing', my: signed }))).toEqual({ kind: 'info', text: '进行中' });
    expect(placesText(full({ status: 'cancelled', phase: 'cancelled', my: signed }))).toEqual({ kind: 'error', text: '已取消' });
  });
});

const mv = (minutes: number) => ({ minutes, display: '' });
const balanceOf = (balance: number, pending: number): BalanceView =>
  ({ accountId: 'pool', balance: mv(balance), pending: mv(pending), available: mv(balance - pending), incoming: mv(0), cap: null }) as unknown as BalanceView;

describe('公益池: the headline', () => {
  it('shows what can be granted first and the reserved hours beside it', () => {
    expect(poolFigures(balanceOf(1530, 60))).toEqual({ available: '24小时30分', reserved: '1小时', total: '25小时30分' });
  });
  it('has no reserved line when nothing is held', () => {
    expect(poolFigures(balanceOf(1470, 0))).toEqual({ available: '24小时30分', reserved: null, total: '24小时30分' });
  });
});

describe('街道工作报表: the pool as the pool page says it', () => {
  const report = (reserved?: number) =>
    ({
      timebank: {
        pool: { minutes: 1410, hours: '23小时30分' },
        ...(reserved === undefined ? {} : { poolReserved: { minutes: reserved, hours: reserved === 60 ? '1小时' : '0分' } }),
      },
    }) as unknown as StreetReport;
  it('names the reserved part of the balance, and nothing when none is (or a stored report predates it)', () => {
    expect(poolValueOf(report(60))).toBe('23小时30分（其中 1小时 已预留）');
    expect(poolValueOf(report(0))).toBe('23小时30分');
    expect(poolValueOf(report())).toBe('23小时30分');
  });
});

describe('账户调整: typed hours and the form', () => {
  it('reads hours up to the limit, and says too many apart from a badly typed number', () => {
    expect(readHours('1.5', 90_000)).toEqual({ minutes: 90 });
    expect(readHours('1500', 90_000)).toEqual({ minutes: 90_000 });
    expect(readHours('1500.1', 90_000)).toEqual({ problem: 'tooMany' });
    expect(readHours('100000', 90_000)).toEqual({ problem: 'tooMany' });
    for (const t of ['', '0', '1.25', 'abc', '-1']) expect(readHours(t, 90_000)).toEqual({ problem: 'invalid' });
  });

  const form = { target: 'person' as const, hasPerson: true, amount: '2', direction: 'down' as const, reason: '重复发放', available: 90 };
  it('says the real limit for 100000 hours', () => {
    expect(adjustErrors({ ...form, amount: '100000' }).minutes).toBe('一次最多调整 1500小时');
  });
  it('refuses on the form a deduction beyond the available balance, not an addition', () => {
    expect(adjustErrors(form).minutes).toBe('扣减不能超过现在可用的 1小时30分');
    expect(adjustErrors({ ...form, amount: '1.5' })).toEqual({});
    expect(adjustErrors({ ...form, direction: 'up' })).toEqual({});
    // Not known yet (still loading): the server decides.
    expect(adjustErrors({ ...form, available: null })).toEqual({});
  });
  it('still asks for a person, a number and a reason', () => {
    expect(adjustErrors({ ...form, hasPerson: false, amount: 'x', reason: '' })).toEqual({
      person: '请选择要调整的居民',
      minutes: '请填写大于 0 的小时数，最多一位小数',
      reason: '请填写原因（至少 2 个字）',
    });
  });
});
