/**
 * The volunteer's activity pages in words, as pure functions of what the server returned:
 * - 我的报名 (activity/detail): words that match the state; a waiting person leaves the waitlist
 *   (退出候补) at any time, a held place is cancelled only before the cancel deadline;
 * - the list card: 名额已满，可以候补 only to someone who could still join the waitlist;
 * - 队伍详情: the members-only sign-ups that stay booked after 退出队伍 are listed first;
 * and the rules behind them (domain/activities.ts, domain/schedule.ts).
 */
import type { ActivityDetail, ActivityView, MySignupView } from '../../cloudfunctions/core/api';
import { cancelRefusal, lateSignupWarning } from '../../cloudfunctions/core/domain/activities';
import { servedSpan, uncoveredMinutes } from '../../cloudfunctions/core/domain/schedule';
import { mayJoinWaitlist, placesText } from '../../src/components/ActivityCard/places';
import { leaveOffer, myWords } from '../../src/packages/activity/detail/my-words';
import { messages as detailText } from '../../src/packages/activity/detail/messages';
import { keptOnLeaving } from '../../src/packages/activity/team/standing';

const my = (extra: Partial<MySignupView> = {}): MySignupView =>
  ({
    state: 'signed',
    waitlistPosition: null,
    attendance: 'none',
    checkInAt: null,
    checkOutAt: null,
    servedMinutes: null,
    recordId: null,
    ...extra,
  }) as MySignupView;
const detail = (extra: Partial<ActivityDetail> = {}): ActivityDetail =>
  ({ status: 'scheduled', phase: 'upcoming', cancelDeadlinePassed: false, placesLeft: 0, waitlistCount: 1, my: null, ...extra }) as ActivityDetail;

describe('我的报名: the words match the state', () => {
  it('never says 报名成功，请按时参加 once the activity is over or beside 缺席 / 已签退', () => {
    const ended = detail({ phase: 'ended' });
    expect(myWords(ended, my({ attendance: 'out' }))).toBe('您参加了这次活动，已签退。服务时长见下方“签到签退”。');
    expect(myWords(ended, my({ attendance: 'absent' }))).toBe('这次活动您记为缺席。如果您参加了，请联系队长补登。');
    expect(myWords(ended, my())).toMatch(/^活动已结束/);
    expect(myWords(ended, my({ attendance: 'in' }))).toMatch(/还没有签退/);
    expect(myWords(detail({ phase: 'ongoing' }), my({ attendance: 'in' }))).toBe('您已签到，活动结束时请签退。');
    // Cancelled by its leader: nobody is told to come, signed or waiting.
    for (const state of ['signed', 'waitlisted'] as const) {
      expect(myWords(detail({ status: 'cancelled' }), my({ state, waitlistPosition: state === 'waitlisted' ? 2 : null }))).toBe(
        '活动已取消，您的报名随之取消，不用前往。',
      );
    }
    for (const [a, s] of [
      [ended, my({ attendance: 'out' })],
      [ended, my({ attendance: 'absent' })],
      [ended, my()],
      [detail({ phase: 'ongoing' }), my({ attendance: 'in' })],
    ] as const)
      expect(myWords(a, s)).not.toContain('报名成功');
    expect(myWords(detail(), my())).toBe('您已报名成功，请按时参加。');
    expect(myWords(detail(), my({ state: 'waitlisted', waitlistPosition: 2 }))).toMatch(/候补名单第 2 位/);
  });

  it('offers 退出候补 to a waiting person even after the cancel deadline; a held place then says it is closed', () => {
    const late = detail({ cancelDeadlinePassed: true });
    expect(leaveOffer(late, my({ state: 'waitlisted' }))).toBe('leaveWaitlist');
    expect(leaveOffer(detail(), my({ state: 'waitlisted' }))).toBe('leaveWaitlist');
    expect(leaveOffer(late, my())).toBe('closed');
    expect(leaveOffer(detail(), my())).toBe('cancel');
    expect(leaveOffer(detail({ phase: 'ended' }), my({ state: 'waitlisted' }))).toBeNull();
    expect(leaveOffer(detail(), my({ attendance: 'in' }))).toBeNull();
    expect(detailText.leaveWaitlist).toBe('退出候补');
  });

  it('the cancel step goes back with 不取消了 (there is nothing to edit), and a late sign-up is warned first', () => {
    expect(detailText.cancelBack).toBe('不取消了');
    expect(detailText.late.signed('11月28日 07:00')).toContain('报名后不能再自己取消');
    expect(detailText.late.waitlist('11月28日 07:00')).toContain('可以随时退出候补');
  });
});

describe('the list card: 名额已满，可以候补 only to someone who could join', () => {
  const card = (extra: Partial<ActivityView> = {}) =>
    ({ status: 'scheduled', phase: 'upcoming', placesLeft: 0, waitlistCount: 3, my: null, ...extra }) as ActivityView;

  it('invites someone not in the queue', () => {
    expect(placesText(card())).toEqual({ kind: 'warning', text: '名额已满，可以候补' });
    expect(placesText(card({ my: my({ state: 'cancelled' }) })).text).toBe('名额已满，可以候补');
  });

  it('says only 名额已满 beside ✓已报名 or 候补, and when the waitlist is full', () => {
    for (const c of [card({ my: my() }), card({ my: my({ state: 'waitlisted', waitlistPosition: 1 }) }), card({ waitlistCount: 200 })]) {
      expect(mayJoinWaitlist(c)).toBe(false);
      expect(placesText(c)).toEqual({ kind: 'neutral', text: '名额已满' });
    }
  });

  it('says only 名额已满 to someone the list says may not sign up, or who runs the activity', () => {
    for (const c of [card({ signupBlocked: '本活动仅限“握爪”队员报名，请先申请加入队伍' }), card({ canManage: true })]) {
      expect(placesText(c)).toEqual({ kind: 'neutral', text: '名额已满' });
    }
    expect(placesText(card({ signupBlocked: null, canManage: false })).text).toBe('名额已满，可以候补');
  });
});

describe('队伍详情: what stays booked after leaving', () => {
  const act = (id: string, teamId: string, membersOnly: boolean, state: MySignupView['state'] | null) =>
    ({ id, teamId, membersOnly, status: 'scheduled', my: state ? my({ state }) : null }) as ActivityView;

  it('lists this team’s members-only sign-ups and waitlist places, nothing else', () => {
    const items = [
      act('a1', 't_paws', true, 'signed'),
      act('a2', 't_paws', false, 'signed'),
      act('a3', 't_patrol', true, 'signed'),
      act('a4', 't_paws', true, 'waitlisted'),
      act('a5', 't_paws', true, 'cancelled'),
    ];
    expect(keptOnLeaving(items, 't_paws').map((a) => a.id)).toEqual(['a1', 'a4']);
  });
});

describe('the rules behind them', () => {
  const a = { cancelDeadline: '2026-11-27T23:30:00.000Z' };
  const before = new Date('2026-11-27T23:00:00.000Z');
  const after = new Date('2026-11-28T00:00:00.000Z');

  it('the cancel deadline binds a held place only', () => {
    expect(cancelRefusal(a, { state: 'signed' }, before)).toBeNull();
    expect(cancelRefusal(a, { state: 'signed' }, after)?.code).toBe('DEADLINE_PASSED');
    expect(cancelRefusal(a, { state: 'waitlisted' }, after)).toBeNull();
    expect(lateSignupWarning(a, 'signed', before)).toBeNull();
    expect(lateSignupWarning(a, 'waitlisted', after)).toContain('递补成功后就不能再自己取消了');
  });

  it('counts each minute of clock time once', () => {
    const span = { startAt: '2026-11-28T02:15:00.000Z', endAt: '2026-11-28T04:00:00.000Z' };
    expect(uncoveredMinutes(span, [])).toBe(105);
    expect(uncoveredMinutes(span, [{ startAt: '2026-11-28T01:00:00.000Z', endAt: '2026-11-28T03:00:00.000Z' }])).toBe(60);
    // Overlapping taken spans count once; a span wholly covered leaves nothing.
    expect(
      uncoveredMinutes(span, [
        { startAt: '2026-11-28T02:30:00.000Z', endAt: '2026-11-28T03:00:00.000Z' },
        { startAt: '2026-11-28T02:45:00.000Z', endAt: '2026-11-28T03:15:00.000Z' },
      ]),
    ).toBe(60);
    expect(uncoveredMinutes(span, [{ startAt: '2026-11-28T02:00:00.000Z', endAt: '2026-11-28T05:00:00.000Z' }])).toBe(0);
    expect(
      servedSpan({
        checkInAt: '2026-11-28T00:40:00.000Z',
        checkOutAt: '2026-11-28T03:30:00.000Z',
        startAt: '2026-11-28T01:00:00.000Z',
        endAt: '2026-11-28T03:00:00.000Z',
      }),
    ).toEqual({
      startAt: '2026-11-28T01:00:00.000Z',
      endAt: '2026-11-28T03:00:00.000Z',
    });
    expect(
      servedSpan({
        checkInAt: '2026-11-28T00:40:00.000Z',
        checkOutAt: '2026-11-28T00:50:00.000Z',
        startAt: '2026-11-28T01:00:00.000Z',
        endAt: '2026-11-28T03:00:00.000Z',
      }),
    ).toBeNull();
  });
});
