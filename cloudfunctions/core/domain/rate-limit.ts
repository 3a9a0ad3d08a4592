/**
 * Rate limits: how many times one caller may do something within a window. A fixed window that
 * starts at the caller's first attempt: one counter document per (scope, key), read and written by
 * id in one transaction (services/rate-limit.ts), so it holds across processes and function
 * instances. The key is the caller's openid, or the client address for anonymous local callers.
 * No I/O.
 */
import { AppError } from '../errors';
import { shortDateTime } from './schedule';

export interface RateRule {
  /** Names the counter: `<scope>:<key>`. */
  scope: string;
  /** Attempts allowed within one window. */
  limit: number;
  windowMinutes: number;
  /** What is limited, in words for the refusal: "按手机号查找亲属或老人". */
  what: string;
}

export interface RateCounterDoc {
  _id: string;
  scope: string;
  count: number;
  /** Start of the current window (ISO). */
  windowStart: string;
  updatedAt: string;
}

/**
 * Looking people up by a phone number someone typed (亲属关联, 家属代理): the answer is the same
 * whether the number is registered or not, and this bounds how many numbers one caller can try.
 * A family invites a handful of relatives; ten a day leaves room for typos.
 */
export const PHONE_LOOKUP: RateRule = { scope: 'phoneLookup', limit: 10, windowMinutes: 24 * 60, what: '按手机号邀请亲属或申请代理' };

/**
 * Typing a WeChat binding code (account.bindSenior): six digits, so the attempts of one WeChat are
 * bounded; a senior or her daughter mistyping a few times stays well inside it.
 */
export const BIND_CODE_ATTEMPTS: RateRule = { scope: 'bindCode', limit: 5, windowMinutes: 60, what: '输入绑定码' };

export const rateCounterId = (rule: Pick<RateRule, 'scope'>, key: string): string => `${rule.scope}:${key}`;

type RateDecision = { allowed: true; counter: Pick<RateCounterDoc, 'count' | 'windowStart'>; remaining: number } | { allowed: false; retryAt: string };

/** Whether one more attempt fits, and the counter after it. */
export function takeAttempt(prior: Pick<RateCounterDoc, 'count' | 'windowStart'> | null, rule: RateRule, now: Date): RateDecision {
  const windowMs = rule.windowMinutes * 60_000;
  const start = prior ? Date.parse(prior.windowStart) : NaN;
  // A window that is over starts afresh, and so does a counter more than a window ahead (the clock
  // was set back). One a little ahead is the current window: concurrent calls read the clock before
  // they queue for the store, so one that read it earlier may commit after one that read it later,
  // and resetting the count for it let two processes pass 12 of a limit of 10.
  const fresh = !prior || !Number.isFinite(start) || now.getTime() >= start + windowMs || start - now.getTime() > windowMs;
  if (fresh) return { allowed: true, counter: { count: 1, windowStart: now.toISOString() }, remaining: rule.limit - 1 };
  if (prior.count >= rule.limit) return { allowed: false, retryAt: new Date(start + windowMs).toISOString() };
  return { allowed: true, counter: { count: prior.count + 1, windowStart: prior.windowStart }, remaining: rule.limit - prior.count - 1 };
}

export function rateLimited(rule: RateRule, retryAt: string): AppError {
  return new AppError(
    'RATE_LIMITED',
    `${rule.what}太频繁了（每 ${windowText(rule.windowMinutes)}最多 ${rule.limit} 次），请在 ${shortDateTime(retryAt)} 以后再试`,
    {
      scope: rule.scope,
      limit: rule.limit,
      retryAt,
    },
  );
}

function windowText(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? '天' : `${minutes / (24 * 60)} 天`;
  if (minutes % 60 === 0) return minutes === 60 ? '小时' : `${minutes / 60} 小时`;
  return `${minutes} 分钟`;
}
