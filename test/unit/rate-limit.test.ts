/** The fixed-window rule behind every persisted rate limit (domain/rate-limit.ts). */
import { BIND_CODE_ATTEMPTS, takeAttempt } from '../../cloudfunctions/core/domain/rate-limit';

const rule = BIND_CODE_ATTEMPTS; // 5 in 60 minutes
const at = (iso: string) => new Date(iso);

describe('takeAttempt', () => {
  it('counts up to the limit in a window, then refuses until the window ends', () => {
    let counter = null as { count: number; windowStart: string } | null;
    for (let i = 1; i <= rule.limit; i++) {
      const d = takeAttempt(counter, rule, at('2026-12-06T10:00:00Z'));
      if (!d.allowed) throw new Error(`attempt ${i} refused`);
      expect(d.counter.count).toBe(i);
      counter = d.counter;
    }
    expect(takeAttempt(counter, rule, at('2026-12-06T10:59:59Z'))).toEqual({ allowed: false, retryAt: '2026-12-06T11:00:00.000Z' });
    expect(takeAttempt(counter, rule, at('2026-12-06T11:00:00Z'))).toMatchObject({ allowed: true, counter: { count: 1 } });
  });

  it('counts a call whose clock was read a moment before the window started against that window', () => {
    // Concurrent calls: this one read the clock at 09:59:58, then queued behind one that read it at 10:00:00 and committed first.
    const full = { count: rule.limit, windowStart: '2026-12-06T10:00:00.000Z' };
    expect(takeAttempt(full, rule, at('2026-12-06T09:59:58Z'))).toEqual({ allowed: false, retryAt: '2026-12-06T11:00:00.000Z' });
    const one = { count: 1, windowStart: '2026-12-06T10:00:00.000Z' };
    expect(takeAttempt(one, rule, at('2026-12-06T09:59:58Z'))).toMatchObject({ allowed: true, counter: { count: 2, windowStart: one.windowStart } });
  });

  it('starts afresh when the counter is more than a window ahead (the clock was set back)', () => {
    const full = { count: rule.limit, windowStart: '2026-12-06T12:00:01.000Z' };
    expect(takeAttempt(full, rule, at('2026-12-06T11:00:00Z'))).toMatchObject({
      allowed: true,
      counter: { count: 1, windowStart: '2026-12-06T11:00:00.000Z' },
    });
  });
});
