/**
 * A senior reads one figure under one name: the senior home's tile and 我的时间 (the time-bank page)
 * both lead with what she can use (可用), say what is set aside for help requests in the same words,
 * and the statement speaks of 预留 / 退回 like the help pages (never 冻结 / 解冻).
 */
import type { StatementLine } from '../../cloudfunctions/core/api/timebank';
import { messages as senior } from '../../src/packages/senior/home/messages';
import { messages as time } from '../../src/packages/timebank/home/messages';
import { lineAfter } from '../../src/packages/timebank/home/lines';

const strings = (o: Record<string, unknown>): string[] =>
  Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'function' ? [String((v as (...a: string[]) => string)('X', 'Y'))] : []));

it('the senior home and the time-bank page lead with the same figure, under the same name', () => {
  expect(senior.coins).toContain('可用');
  expect(time.available).toBe(senior.coins);
  expect(senior.coinsOf('沈阿婆')).toContain('可用');
});

it('both pages say what is held for help requests in the same words', () => {
  expect(senior.pending('1小时')).toBe('另有 1小时已预留给求助');
  expect(time.held('1小时')).toBe(senior.pending('1小时'));
});

it('no words of the time-bank page or the senior home say 冻结 / 解冻', () => {
  for (const s of [...strings(time), ...strings(senior)]) expect(s).not.toMatch(/冻结|解冻/);
});

const line = (balance: number, held: number): Pick<StatementLine, 'balanceAfter' | 'pendingAfter'> => ({
  balanceAfter: { minutes: balance, display: '' },
  pendingAfter: { minutes: held, display: '' },
});

it('each statement line says what can be used after it, and what is still held', () => {
  expect(lineAfter(line(510, 60))).toBe('之后可用 7小时30分，另有 1小时已预留');
  expect(lineAfter(line(510, 0))).toBe('之后可用 8小时30分');
});
