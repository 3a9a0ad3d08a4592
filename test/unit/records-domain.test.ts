/** The pure rules of domain/records.ts: service dates, the daily maximum, what makes a record unusual, the second approver. */
import { ADMIN_BACKDATE_DAYS, assertServiceDate, chargeDay, daysBefore, daysBetween } from '../../cloudfunctions/core/domain/records';
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
