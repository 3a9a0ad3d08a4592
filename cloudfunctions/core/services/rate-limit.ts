/**
 * The one persisted rate limiter: a counter document per (scope, key) in `rateLimits`, read and
 * updated by id in its own transaction (CloudBase allows no query inside one), so every process and
 * function instance sees the same count and concurrent calls cannot all slip through. The attempt
 * is counted before the limited work runs, in a transaction of its own: a call that fails later
 * still counts. The rule (domain/rate-limit.ts) decides; this only loads and stores.
 */
import { rateCounterId, rateLimited, takeAttempt, type RateCounterDoc, type RateRule } from '../domain/rate-limit';
import type { Store } from '../store/port';
import type { Logger } from './shared/context';
import { audit } from './shared/audit';

interface Attempt {
  /** Who the audit line is about (the caller's user id, or the key for anonymous callers). */
  subjectId: string;
  /** What the attempt was about, already free of personal data (a hash prefix, a masked number). */
  detail: Record<string, unknown>;
}

/**
 * Counts one attempt of `key` under `rule`, or refuses with RATE_LIMITED (saying when to retry).
 * Every attempt, allowed or refused, leaves an audit line and a log line.
 */
export async function takeRateLimited(store: Store, log: Logger, rule: RateRule, key: string, now: Date, attempt: Attempt): Promise<{ remaining: number }> {
  const id = rateCounterId(rule, key);
  const at = now.toISOString();
  const decision = await store.transaction(async (tx) => {
    const prior = await tx.get<RateCounterDoc>('rateLimits', id);
    const d = takeAttempt(prior, rule, now);
    if (d.allowed) await tx.set<RateCounterDoc>('rateLimits', { _id: id, scope: rule.scope, ...d.counter, updatedAt: at });
    await audit(
      tx,
      attempt.subjectId,
      attempt.subjectId,
      d.allowed ? `${rule.scope}.attempt` : `${rule.scope}.refused`,
      { ...attempt.detail, ...(d.allowed ? { count: d.counter.count } : { retryAt: d.retryAt }) },
      at,
    );
    return d;
  });
  log[decision.allowed ? 'info' : 'warn'](
    { event: 'rateLimit', scope: rule.scope, subjectId: attempt.subjectId, allowed: decision.allowed, ...attempt.detail },
    'rate-limited attempt',
  );
  if (!decision.allowed) throw rateLimited(rule, decision.retryAt);
  return { remaining: decision.remaining };
}
