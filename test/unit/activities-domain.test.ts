/** Pure rules of activities: Shanghai time, series dates, overlaps, served minutes, geofence, the QR token. */
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import {
  MAX_WAITLIST,
  checkConflicts,
  deadlines,
  phaseOf,
  queueDecision,
  signupRefusal,
  startsWithinADay,
  type ActivityDoc,
} from '../../cloudfunctions/core/domain/activities';
import { activityOfToken, checkToken, issueToken } from '../../cloudfunctions/core/domain/checkin-token';
import { distanceMeters, withinGeofence } from '../../cloudfunctions/core/domain/geo';
import {
  classifyOverlap,
  isRealDate,
  localParts,
  localToUtc,
  overlapMinutes,
  servedMinutes,
  timeText,
  weeklyDates,
} from '../../cloudfunctions/core/domain/schedule';

describe('Shanghai time', () => {
  it('turns wall-clock time into UTC and back', () => {
    expect(localToUtc('2026-11-28', '09:00').toISOString()).toBe('2026-11-28T01:00:00.000Z');
    expect(localParts('2026-11-27T16:30:00.000Z')).toMatchObject({ date: '2026-11-28', time: '00:30', weekday: 6 });
  });

  it('writes the time the way a volunteer reads it', () => {
    expect(timeText('2026-11-28T01:00:00.000Z', '2026-11-28T03:00:00.000Z')).toBe('11月28日（周六）09:00–11:00');
  });

  it('knows real dates', () => {
    expect(isRealDate('2026-02-28')).toBe(true);
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2026-2-3')).toBe(false);
  });

  it('lays out a weekly series across a month end', () => {
    expect(weeklyDates('2026-11-28', 3)).toEqual(['2026-11-28', '2026-12-05', '2026-12-12']);
    expect(weeklyDates('2026-11-28', 8)).toHaveLength(8);
  });

  it('derives deadlines from minutes before the start', () => {
    expect(deadlines('2026-11-28T01:00:00.000Z', 0, 120)).toEqual({
      signupDeadline: '2026-11-28T01:00:00.000Z',
      cancelDeadline: '2026-11-27T23:00:00.000Z',
    });
  });
});

describe('overlaps', () => {
  const a = { startAt: '2026-11-28T01:00:00.000Z', endAt: '2026-11-28T03:00:00.000Z' };
  it('measures shared minutes', () => {
    expect(overlapMinutes(a, { startAt: '2026-11-28T02:00:00.000Z', endAt: '2026-11-28T05:00:00.000Z' })).toBe(60);
    expect(overlapMinutes(a, { startAt: '2026-11-28T03:00:00.000Z', endAt: '2026-11-28T05:00:00.000Z' })).toBe(0);
  });

  it('warns up to one hour and refuses beyond', () => {
    expect(classifyOverlap(0)).toBe('none');
    expect(classifyOverlap(60)).toBe('warn');
    expect(classifyOverlap(61)).toBe('conflict');
  });

  it('returns the first hard conflict, with warnings for short overlaps', () => {
    const short = { activityId: 'x', title: '短重叠', startAt: '2026-11-28T02:30:00.000Z', endAt: '2026-11-28T04:00:00.000Z' };
    const long = { activityId: 'y', title: '长重叠', startAt: '2026-11-28T00:00:00.000Z', endAt: '2026-11-28T02:30:00.000Z' };
    expect(checkConflicts(a, [short])).toMatchObject({ conflict: null, warnings: [expect.stringContaining('短重叠')] });
    expect(checkConflicts(a, [short, long]).conflict?.activityId).toBe('y');
  });
});

describe('served minutes', () => {
  const sched = { startAt: '2026-11-28T01:00:00.000Z', endAt: '2026-11-28T03:00:00.000Z' };
  it('counts only time inside the schedule', () => {
    expect(servedMinutes({ ...sched, checkInAt: '2026-11-28T00:40:00.000Z', checkOutAt: '2026-11-28T03:30:00.000Z' })).toBe(120);
    expect(servedMinutes({ ...sched, checkInAt: '2026-11-28T01:10:00.000Z', checkOutAt: '2026-11-28T02:00:30.000Z' })).toBe(50);
    expect(servedMinutes({ ...sched, checkInAt: '2026-11-28T00:10:00.000Z', checkOutAt: '2026-11-28T00:50:00.000Z' })).toBe(0);
  });
});

describe('geofence', () => {
  it('measures metres along the river', () => {
    const gate = { latitude: 31.2381, longitude: 121.4952 };
    const d = distanceMeters(gate, { latitude: 31.2471, longitude: 121.4952 });
    expect(d).toBeGreaterThan(990);
    expect(d).toBeLessThan(1010);
    expect(distanceMeters(gate, gate)).toBe(0);
  });

  it('widens the circle by the fix accuracy, at most 100 m', () => {
    expect(withinGeofence(350, 300)).toBe(false);
    expect(withinGeofence(350, 300, 60)).toBe(true);
    expect(withinGeofence(450, 300, 5000)).toBe(false);
  });
});

describe('the rotating check-in token', () => {
  const secrets = createSecrets(parseMasterKey(generateMasterKey()));
  const sign = (p: string) => secrets.sign(p);
  const t0 = new Date('2026-11-28T01:00:10.000Z');
  const after = (s: number) => new Date(t0.getTime() + s * 1000);

  it('is accepted for its activity during its window and the next one', () => {
    const issued = issueToken(sign, 'a_1', t0);
    expect(activityOfToken(issued.token)).toBe('a_1');
    expect(checkToken(sign, issued.token, 'a_1', t0)).toEqual({ ok: true, via: 'qr' });
    expect(checkToken(sign, issued.token, 'a_1', after(60))).toEqual({ ok: true, via: 'qr' });
    expect(checkToken(sign, issued.token, 'a_1', after(120))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rotates every 60 seconds', () => {
    expect(issueToken(sign, 'a_1', t0).token).not.toBe(issueToken(sign, 'a_1', after(60)).token);
    expect(issueToken(sign, 'a_1', t0).token).toBe(issueToken(sign, 'a_1', after(40)).token);
  });

  it('never works for another activity, and cannot be altered', () => {
    const issued = issueToken(sign, 'a_1', t0);
    expect(checkToken(sign, issued.token, 'a_2', t0)).toEqual({ ok: false, reason: 'foreign' });
    const [p, , w, sig] = issued.token.split('.');
    expect(checkToken(sign, `${p}.a_2.${w}.${sig}`, 'a_2', t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkToken(sign, `${p}.a_1.${Number(w) + 1}.${sig}`, 'a_1', after(60))).toEqual({ ok: false, reason: 'invalid' });
    const other = createSecrets(parseMasterKey(generateMasterKey()));
    expect(checkToken((x) => other.sign(x), issued.token, 'a_1', t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('has a 6-digit code for typing, bound to the activity and the window', () => {
    const { code } = issueToken(sign, 'a_1', t0);
    expect(code).toMatch(/^\d{6}$/);
    expect(checkToken(sign, code, 'a_1', after(30))).toEqual({ ok: true, via: 'code' });
    expect(checkToken(sign, code, 'a_1', after(150))).toEqual({ ok: false, reason: 'invalid' });
    const otherCode = issueToken(sign, 'a_2', t0).code;
    if (otherCode !== code) expect(checkToken(sign, otherCode, 'a_1', t0)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('sign-up rules', () => {
  const base: ActivityDoc = {
    _id: 'a_1',
    teamId: 't_1',
    title: '巡河',
    description: '',
    category: 'community',
    place: { name: '滨江', latitude: 31.2, longitude: 121.5 },
    date: '2026-11-28',
    startAt: '2026-11-28T01:00:00.000Z',
    endAt: '2026-11-28T03:00:00.000Z',
    capacity: 2,
    signupCloseMinutes: 60,
    cancelCloseMinutes: 120,
    ...deadlines('2026-11-28T01:00:00.000Z', 60, 120),
    membersOnly: false,
    minAge: null,
    geofenceRadiusM: null,
    status: 'scheduled',
    cancelReason: null,
    seriesId: null,
    seriesIndex: null,
    seq: 0,
    signed: [],
    waitlist: [],
    signedCount: 0,
    waitlistCount: 0,
    attendance: 'open',
    version: 1,
    createdBy: 'u_l',
    createdAt: '',
    updatedAt: '',
  };
  const facts = { now: new Date('2026-11-27T00:00:00Z'), birthYear: 1960, isMember: false, teamName: '护河巡林志愿服务队' };

  it('fills places, then the waitlist, then refuses', () => {
    expect(queueDecision({ ...base, signed: ['a'] })).toBe('signed');
    expect(queueDecision({ ...base, signed: ['a', 'b'] })).toBe('waitlisted');
    expect(queueDecision({ ...base, signed: ['a', 'b'], waitlist: Array.from({ length: MAX_WAITLIST }, (_, i) => `w${i}`) })).toBe('full');
  });

  it('gives each refusal a reason', () => {
    expect(signupRefusal(base, facts)).toBeNull();
    expect(signupRefusal(base, { ...facts, now: new Date('2026-11-28T00:00:00Z') })).toMatchObject({
      code: 'DEADLINE_PASSED',
      message: expect.stringContaining('报名已截止'),
    });
    expect(signupRefusal({ ...base, minAge: 18 }, { ...facts, birthYear: 2010 })).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: '本活动要求年满 18 周岁，您暂时不能报名',
    });
    expect(signupRefusal({ ...base, membersOnly: true }, facts)).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: expect.stringContaining('仅限“护河巡林志愿服务队”队员'),
    });
    expect(signupRefusal({ ...base, membersOnly: true }, { ...facts, isMember: true })).toBeNull();
    expect(signupRefusal({ ...base, status: 'cancelled' }, facts)).toMatchObject({ code: 'WRONG_STATE' });
  });

  it('knows the phase of an activity', () => {
    expect(phaseOf(base, new Date('2026-11-28T00:59:00Z'))).toBe('upcoming');
    expect(phaseOf(base, new Date('2026-11-28T01:00:00Z'))).toBe('ongoing');
    expect(phaseOf(base, new Date('2026-11-28T03:00:00Z'))).toBe('ended');
  });

  it('shows check-in from a day before the start until the end, by the clock it is given', () => {
    // base starts 2026-11-28 09:00 Shanghai (01:00Z) and ends 11:00.
    expect(startsWithinADay(base, new Date('2026-11-27T00:59:00Z'))).toBe(false);
    expect(startsWithinADay(base, new Date('2026-11-27T01:01:00Z'))).toBe(true);
    expect(startsWithinADay(base, new Date('2026-11-28T02:00:00Z'))).toBe(true);
    expect(startsWithinADay(base, new Date('2026-11-28T03:00:00Z'))).toBe(false);
    expect(startsWithinADay({ ...base, status: 'cancelled' }, new Date('2026-11-28T00:30:00Z'))).toBe(false);
  });
});
