/** The pure rules of domain/records.ts: service dates, the daily maximum, what makes a record unusual, the second approver, what a 异议 may dispute. */
import {
  ADMIN_BACKDATE_DAYS,
  appealAbout,
  appealDeadline,
  appealable,
  assertServiceDate,
  chargeDay,
  daysBefore,
  daysBetween,
} from '../../cloudfunctions/core/domain/records';
import { assertSecondApprover, unusualReasons } from '../../cloudfunctions/core/domain/approval';
import { DEFAULT_POLICY, policyProblems } from '../../cloudfunctions/core/domain/policy';
import { AppError } from '../../cloudfunctions/core/errors';

const policy = DEFAULT_POLICY;
const TODAY = '2026-03-01';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('service dates', () => {
  it('counts days across month ends and leap years', () => {
    expect(daysBetween('2026-02-28', TODAY)).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBefore(TODAY, 30)).toBe('2026-01-30');
  });

  it('lets a leader go back maxBackdateDays, an admin a year, nobody into the future', () => {
    expect(() => assertServiceDate(daysBefore(TODAY, 30), TODAY, policy, false)).not.toThrow();
    expect(refusal(() => assertServiceDate(daysBefore(TODAY, 31), TODAY, policy, false))).toMatchObject({ code: 'VALIDATION', details: [{ path: 'date' }] });
    expect(() => assertServiceDate(daysBefore(TODAY, ADMIN_BACKDATE_DAYS), TODAY, policy, true)).not.toThrow();
    expect(refusal(() => assertServiceDate('1990-01-01', TODAY, policy, true)).code).toBe('VALIDATION');
    expect(refusal(() => assertServiceDate('2026-03-02', TODAY, policy, true)).message).toContain('不能晚于今天');
  });
});

describe('the daily maximum', () => {
  it('adds up to the maximum and refuses beyond it with what is left', () => {
    expect(chargeDay(0, 720, policy, { name: '王安', date: TODAY })).toBe(720);
    expect(chargeDay(600, 120, policy, { name: '王安', date: TODAY })).toBe(720);
    const over = refusal(() => chargeDay(600, 121, policy, { name: '王安', date: TODAY }));
    expect(over).toMatchObject({ code: 'DAILY_LIMIT', details: { usedMinutes: 600, leftMinutes: 120, maxDailyMinutes: 720 } });
    expect(over.message).toContain('还能记 2小时');
    expect(refusal(() => chargeDay(720, 1, policy, { name: '王安', date: TODAY })).message).toContain('已不能再记');
  });
});

describe('unusual records', () => {
  const base = { minutes: 60, date: TODAY, today: TODAY, earlierByRecorder: 0 };
  it('flags long, back-dated and repeated records at the policy thresholds', () => {
    expect(unusualReasons(base, policy)).toEqual([]);
    expect(unusualReasons({ ...base, minutes: 480 }, policy)).toEqual([]);
    expect(unusualReasons({ ...base, minutes: 481 }, policy)).toEqual(['long']);
    expect(unusualReasons({ ...base, date: daysBefore(TODAY, 7) }, policy)).toEqual([]);
    expect(unusualReasons({ ...base, date: daysBefore(TODAY, 8) }, policy)).toEqual(['backdated']);
    expect(unusualReasons({ ...base, earlierByRecorder: 3 }, policy)).toEqual([]);
    expect(unusualReasons({ ...base, earlierByRecorder: 4 }, policy)).toEqual(['repeated']);
  });

  it('wants a second approver who is neither the first nor the recorder', () => {
    const r = { recorderId: 'u_rec', firstApproverId: 'u_first' };
    expect(() => assertSecondApprover(r, 'u_other', 2)).not.toThrow();
    expect(refusal(() => assertSecondApprover(r, 'u_first', 2))).toMatchObject({ code: 'SECOND_APPROVAL_NEEDED' });
    expect(refusal(() => assertSecondApprover(r, 'u_rec', 2)).message).toContain('登记人不能复核');
    expect(refusal(() => assertSecondApprover(r, 'u_first', 1)).message).toContain('街道管理员');
  });

  it('checks the new policy fields', () => {
    expect(policyProblems(policy)).toEqual([]);
    expect(policyProblems({ ...policy, maxDailyMinutes: 600 }).map((p) => p.path)).toEqual(['maxDailyMinutes']);
    expect(policyProblems({ ...policy, secondApprovalBackdateDays: 40 }).map((p) => p.path)).toEqual(['secondApprovalBackdateDays']);
    expect(policyProblems({ ...policy, secondApprovalRepeatCount: 1 }).map((p) => p.path)).toEqual(['secondApprovalRepeatCount']);
  });
});

describe('what a 异议 may dispute, and until when', () => {
  const at = '2026-11-28T12:00:00.000Z';
  const base = { decidedAt: at, reversedAt: null, updatedAt: at };
  it('disputes a record taken away whatever wrote it, and an approved record’s minutes only where a leader set them', () => {
    const about = (state: 'pending' | 'approved' | 'rejected' | 'reversed', source?: 'manual' | 'activity' | 'help' | 'contact' | 'appeal') =>
      appealAbout({ state, source });
    expect(['manual', 'activity', 'help', 'contact', undefined].map((s) => about('rejected', s as 'manual'))).toEqual([
      'taken',
      'taken',
      'taken',
      'taken',
      'taken',
    ]);
    expect(about('reversed', 'help')).toBe('taken');
    expect([about('approved', 'manual'), about('approved', 'activity'), about('approved')]).toEqual(['minutes', 'minutes', 'minutes']);
    expect([about('approved', 'help'), about('approved', 'contact'), about('approved', 'appeal'), about('rejected', 'appeal'), about('pending')]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('counts 60 days from the decision, or from the reversal', () => {
    expect(appealDeadline({ ...base, state: 'rejected', source: 'manual' })).toBe('2027-01-27T12:00:00.000Z');
    expect(appealDeadline({ ...base, state: 'reversed', source: 'manual', reversedAt: '2026-12-01T00:00:00.000Z' })).toBe('2027-01-30T00:00:00.000Z');
    // A reversal from before reversedAt: its last change.
    expect(appealDeadline({ ...base, state: 'reversed', source: 'manual', updatedAt: '2026-12-02T00:00:00.000Z' })).toBe('2027-01-31T00:00:00.000Z');
    expect(appealDeadline({ ...base, state: 'pending', source: 'manual' })).toBeNull();
    const r = { ...base, state: 'approved' as const, source: 'activity' as const };
    expect(appealable(r, new Date('2027-01-27T11:59:59.000Z'))).toBe(true);
    expect(appealable(r, new Date('2027-01-27T12:00:00.000Z'))).toBe(false);
  });
});
