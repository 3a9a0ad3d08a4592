/**
 * The hours typed on 转赠与捐赠, read as they were typed: what is not a positive number of hours
 * with at most one decimal gets a message saying what is wrong, and nothing is quietly changed
 * (a typed −1 is never read as 1, 1.55 never rounded to 1.6, 全角 digits are the same digits).
 */
import { hours } from '@/services/format';
import { messages as m } from './messages';

export type AmountReading = { minutes: number } | { problem: string };

export function readAmount(text: string, available: number): AmountReading {
  // Full-width digits and point (１.５) are the same number, not a change of it.
  const t = text.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (t === '') return { problem: m.amount.empty };
  if (/^[-−－]/.test(t)) return { problem: m.amount.negative };
  if (!/^\+?\d*\.?\d*$/.test(t) || !/\d/.test(t)) return { problem: m.amount.notNumber };
  if (/\.\d{2,}$/.test(t)) return { problem: m.amount.decimals };
  const minutes = Math.round(Number(t.replace(/^\+/, '')) * 60);
  if (!Number.isFinite(minutes) || minutes <= 0) return { problem: m.amount.zero };
  return minutes > available ? { problem: m.tooMuch(hours(available)) } : { minutes };
}
