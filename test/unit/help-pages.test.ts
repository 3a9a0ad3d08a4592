/**
 * The words and choices of the help request pages, as pure functions of the request the server
 * returned and of the clock:
 * - 求助 (senior/ask): late in the day 今天 has no start times left; it says so and is never chosen
 *   into an empty picker;
 * - 求助进度 (senior/request): the hold line only while credits are held; the senior herself is spoken to;
 * - 求助详情 (help/request): when 我出发了 will appear; the report's first guess is never more than has passed.
 */
import type { HelpRequestView } from '../../cloudfunctions/core/api';
import { chooseDay, dayOptions, startsFor } from '../../src/packages/senior/ask/times';
import { words } from '../../src/packages/senior/request/wording';
import { HELP_STATES, STATE_LABELS, stateLabel } from '../../cloudfunctions/core/domain/help';
import { helpMessages } from '../../src/messages/help';
import { onTheWayLater, reportGuess } from '../../src/packages/help/request/timing';

/** A Shanghai wall-clock moment on 2026-11-27 (a Friday). */
const shanghai = (time: string, date = '2026-11-27') => new Date(`${date}T${time}:00+08:00`);

describe('求助: which day and start time may be chosen', () => {
  it('offers every start time on a later day, and today only those not past (15 minutes of grace)', () => {
    const now = shanghai('15:10');
    expect(startsFor('2026-11-28', now)).toEqual(['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00']);
    expect(startsFor('2026-11-27', now)).toEqual(['15:00', '16:00']);
    expect(startsFor('2026-11-27', shanghai('16:16'))).toEqual([]);
  });

  it('late in the day, 今天 says there is no time left', () => {
    const early = dayOptions(shanghai('10:00'));
    expect(early[0]).toEqual({ value: '2026-11-27', label: '今天', sub: '11月27日 周五' });
    expect(early[1]).toMatchObject({ value: '2026-11-28', label: '明天' });
    const late = dayOptions(shanghai('17:30'));
    expect(late[0]).toEqual({ value: '2026-11-27', label: '今天', sub: '没有可选时间了' });
    expect(late).toHaveLength(7);
  });

  it('choosing 今天 with no time left keeps the day and says to choose tomorrow; otherwise keeps or moves the start to one that is left', () => {
    const late = shanghai('17:30');
    expect(chooseDay('2026-11-27', { date: '2026-11-28', start: '09:00' }, late)).toEqual({
      date: '2026-11-28',
      start: '09:00',
      notice: '今天没有可选时间了，请选明天',
    });
    const afternoon = shanghai('14:30');
    expect(chooseDay('2026-11-27', { date: '2026-11-28', start: '09:00' }, afternoon)).toEqual({ date: '2026-11-27', start: '15:00', notice: null });
    expect(chooseDay('2026-11-27', { date: '2026-11-28', start: '16:00' }, afternoon)).toEqual({ date: '2026-11-27', start: '16:00', notice: null });
    expect(chooseDay('2026-11-29', { date: '2026-11-27', start: '15:00' }, afternoon)).toEqual({ date: '2026-11-29', start: '15:00', notice: null });
  });
});

const base: HelpRequestView = {
  id: 'h_1',
  seniorId: 'u_s',
  seniorName: '沈阿婆',
  committeeId: 'c_1',
  committeeName: '新圆湾居委',
  category: 'emotional',
  categoryName: '精神慰藉',
  startAt: '2026-11-28T01:00:00.000Z',
  endAt: '2026-11-28T03:00:00.000Z',
  timeText: '11月28日（周六）09:00–11:00',
  minutes: { minutes: 120, display: '2小时' },
  note: '',
  funding: 'credits',
  state: 'open',
  stateText: '等待志愿者接单',
  held: { minutes: 120, display: '2小时' },
  volunteer: null,
  report: null,
  dispute: null,
  settlement: null,
  grant: null,
  queued: false,
  queueReason: null,
  distance: null,
  handedBackCount: 0,
  createdByName: '沈阿婆',
  createdViaText: '本人',
  createdAt: '2026-11-27T00:00:00.000Z',
  can: {
    accept: false,
    onTheWay: false,
    handBack: false,
    reportDone: false,
    openContact: false,
    confirm: false,
    dispute: false,
    cancel: true,
    decideGrant: false,
    settle: false,
  },
};
const settled = (minutes: number): HelpRequestView['settlement'] => ({
  how: 'confirm',
  minutes: { minutes, display: '' },
  byName: '沈阿婆',
  viaText: '本人',
  reason: null,
  at: '2026-11-28T03:10:00.000Z',
});

describe('求助进度: the payment line follows the state the server returned', () => {
  it('says 已先留出 only while the credits are held', () => {
    const other = words(false);
    expect(other.payLine(base)).toBe('用老人的时间币，已先留出 2小时');
    expect(other.payLine({ ...base, state: 'reported' })).toBe('用老人的时间币，已先留出 2小时');
    expect(other.payLine({ ...base, state: 'cancelled' })).toBe('用老人的时间币，先留出的 2小时已还给老人');
    expect(other.payLine({ ...base, state: 'expired' })).toBe('用老人的时间币，先留出的 2小时已还给老人');
    expect(other.payLine({ ...base, state: 'completed', settlement: settled(90) })).toBe('用老人的时间币，已付 1小时30分');
    expect(other.payLine({ ...base, state: 'voided', funding: 'pool' })).toBe('用街道公共时间，先留出的 2小时已还给街道公共时间');
    const notYet = { ...base, funding: 'pool' as const, held: { ...base.held, minutes: 0 } };
    // Waiting for the social worker: what it means, not "credits not yet held".
    expect(other.payLine({ ...notYet, state: 'awaiting_grant' })).toBe('这次由街道帮老人付：社工同意以后，就请志愿者来');
    expect(words(true).payLine({ ...notYet, state: 'awaiting_grant' })).toBe('这次由街道帮您付：社工同意以后，就请志愿者来');
    expect(other.payLine({ ...notYet, state: 'declined' })).toBe('用街道公共时间');
  });

  it('speaks to the senior herself, and of the senior to a proxy or social worker', () => {
    const own = words(true);
    expect(own.payLine(base)).toBe('用您的时间币，已先留出 2小时');
    expect(own.payLine({ ...base, state: 'cancelled' })).toBe('用您的时间币，先留出的 2小时已还给您');
    expect(own.payLine({ ...base, state: 'voided', funding: 'pool' })).toBe('用街道公共时间，先留出的 2小时已还给街道公共时间');
    expect(own.toHome).toBe('回到首页');
    expect(own.cancelText(base)).toBe('取消以后，先留出的 2小时还给您。');
    expect(own.cancelDone(base)).toBe('求助已取消，先留出的时间币已还给您。');
    expect(own.cancelDone({ funding: 'pool' })).toBe('求助已取消，先留出的时间币已还给街道公共时间。');
    expect(own.moreCredits).toBe('从您的时间币里补。');
    expect(own.less(base, '1小时', '刘芳', '1小时')).toBe('确认以后，付给刘芳 1小时，余下的 1小时还给您。');
    const other = words(false);
    expect(other.toHome).toBe('回到老人首页');
    expect(other.cancelText(base)).toBe('取消以后，先留出的 2小时还给老人。');
    expect(other.moreCredits).toBe('从老人的时间币里补。');
    expect(other.less({ funding: 'pool' }, '1小时', '刘芳', '1小时')).toBe('确认以后，付给刘芳 1小时，余下的 1小时还给街道公共时间。');
    const all = JSON.stringify(
      [own, other].flatMap((w) => [
        w.toHome,
        w.cancelText(base),
        w.cancelDone(base),
        w.moreCredits,
        w.less(base, '1', '2', '3'),
        w.payLine({ ...base, state: 'cancelled' }),
      ]),
    );
    expect(all).not.toMatch(/冻结|解冻/);
  });
});

describe('求助详情: 我出发了 and the report', () => {
  it('says when 我出发了 will appear, while it is not offered yet', () => {
    expect(onTheWayLater({ ...base, onTheWayFrom: '2026-11-27T23:00:00.000Z' })).toBe(
      '11月28日 07:00 起，这里会出现“我出发了”，到时出门前点一下，老人一方就知道您在路上。',
    );
    expect(onTheWayLater(base)).toBeNull();
  });

  it('guesses the minutes served as the expected ones, but never more than have passed since the start (the server says how many)', () => {
    expect(reportGuess({ ...base, minutesSinceStart: 185 })).toBe('2');
    expect(reportGuess({ ...base, minutesSinceStart: 65 })).toBe('1');
    expect(reportGuess({ ...base, minutesSinceStart: 95 })).toBe('1.5');
    expect(reportGuess({ ...base, minutesSinceStart: 5 })).toBe('');
    expect(reportGuess(base)).toBe('2');
  });
});

describe('求助进度 as the senior side reads it: state labels worded by the server (domain/help.ts stateLabel)', () => {
  it('no state label the senior side reads keeps 接单, 公益池 or 预留', () => {
    for (const state of HELP_STATES) expect(stateLabel(state, 'plain')).not.toMatch(/接单|公益池|预留/);
  });
  it('staff and volunteers keep their labels', () => {
    for (const state of HELP_STATES) expect(stateLabel(state, 'staff')).toBe(STATE_LABELS[state]);
    expect(stateLabel('expired', 'plain')).toBe('已过期，没有志愿者答应');
  });
  it('the senior side state chips avoid the same words', () => {
    for (const text of Object.values(helpMessages.seniorStates)) expect(text).not.toMatch(/接单|公益池|预留/);
  });
});
