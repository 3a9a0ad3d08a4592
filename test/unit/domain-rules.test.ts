/** The rules that moved into their own domain files: waitlist promotion, the check-in window, contact disclosure, the balance cap, the ledger invariants. */
import type { AppError } from '../../cloudfunctions/core/errors';
import { promoteFromWaitlist } from '../../cloudfunctions/core/domain/waitlist';
import { assertCheckInWindow, assertCodeWindow, assertRosterWindow } from '../../cloudfunctions/core/domain/check-in-window';
import { mayOpenContact } from '../../cloudfunctions/core/domain/contact-disclosure';
import { aboveCap, breaksCap } from '../../cloudfunctions/core/domain/balance-cap';
import { checkLedger, formatReport } from '../../cloudfunctions/core/domain/ledger-invariants';

const refusal = (f: () => void): AppError => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('no refusal');
};

describe('waitlist promotion', () => {
  it('fills free places in order and skips people no longer waiting', async () => {
    const waiting = new Set(['b', 'c', 'd']);
    const p = await promoteFromWaitlist(3, { signed: ['x'], waitlist: ['a', 'b', 'c', 'd'] }, (id) => waiting.has(id));
    expect(p).toEqual({ signed: ['x', 'b', 'c'], waitlist: ['d'], promoted: ['b', 'c'] });
  });
  it('promotes nobody when full', async () => {
    const p = await promoteFromWaitlist(1, { signed: ['x'], waitlist: ['a'] }, () => true);
    expect(p.promoted).toEqual([]);
    expect(p.waitlist).toEqual(['a']);
  });
});

describe('check-in window', () => {
  const a = { status: 'scheduled' as const, startAt: '2025-05-01T02:00:00.000Z', endAt: '2025-05-01T04:00:00.000Z' };
  it('opens an hour before the start and closes at the end', () => {
    expect(refusal(() => assertCheckInWindow(a, new Date('2025-05-01T00:59:00Z'), true)).message).toContain('还没到签到时间');
    expect(() => assertCheckInWindow(a, new Date('2025-05-01T01:00:00Z'), true)).not.toThrow();
    expect(refusal(() => assertCheckInWindow(a, new Date('2025-05-01T04:00:00Z'), false)).message).toContain('“已到”');
    expect(refusal(() => assertCheckInWindow({ ...a, status: 'cancelled' }, new Date('2025-05-01T02:00:00Z'), true)).message).toBe('活动已取消');
  });
  it('shows the code until three hours after the end and the roster for seven days', () => {
    expect(() => assertCodeWindow(a, new Date('2025-05-01T07:00:00Z'))).not.toThrow();
    expect(refusal(() => assertCodeWindow(a, new Date('2025-05-01T07:00:01Z'))).code).toBe('WRONG_STATE');
    expect(() => assertRosterWindow(a, new Date('2025-05-08T04:00:00Z'))).not.toThrow();
    expect(refusal(() => assertRosterWindow(a, new Date('2025-05-08T04:00:01Z'))).message).toContain('7 天');
  });
});

describe('contact disclosure', () => {
  it('only the accepted volunteer, only while assigned or reported', () => {
    expect(mayOpenContact({ volunteerId: 'v', state: 'assigned' }, 'v')).toBe(true);
    expect(mayOpenContact({ volunteerId: 'v', state: 'reported' }, 'v')).toBe(true);
    expect(mayOpenContact({ volunteerId: 'v', state: 'assigned' }, 'w')).toBe(false);
    expect(mayOpenContact({ volunteerId: null, state: 'open' }, 'v')).toBe(false);
    expect(mayOpenContact({ volunteerId: 'v', state: 'confirmed' as never }, 'v')).toBe(false);
  });
});

describe('balance cap', () => {
  it('refuses only a rise above the cap, for capped accounts', () => {
    expect(breaksCap(true, 100, 90, 101)).toBe(true);
    expect(breaksCap(true, 100, 90, 100)).toBe(false);
    expect(breaksCap(true, 100, 120, 110)).toBe(false);
    expect(breaksCap(false, 100, 90, 200)).toBe(false);
    expect(breaksCap(true, null, 90, 200)).toBe(false);
    expect(aboveCap(true, 100, 101)).toBe(true);
  });
});

describe('ledger invariants over plain documents', () => {
  it('an empty ledger holds', async () => {
    const report = await checkLedger({ accounts: [], transfers: [], movements: [], serviceRecords: [] }, null);
    expect(report.ok).toBe(true);
    expect(formatReport(report)).toContain('ledger OK');
  });
  it('a transfer without accounts or movements breaks it', async () => {
    const t = { _id: 'grant:x', kind: 'grant', phase: 'posted', debitAccountId: 'pool', creditAccountId: 'person:u1', amount: 60 };
    const report = await checkLedger({ accounts: [], transfers: [t as never], movements: [], serviceRecords: [] }, null);
    expect(report.ok).toBe(false);
    expect(report.counts.transfers).toBe(1);
  });
});
