/**
 * 转赠与捐赠's hours (src/packages/timebank/gift/amount.ts): bad input gets a message saying what is
 * wrong and is never quietly read as something else (−1 is not 1, 1.55 is not 1.6).
 */
import { readAmount } from '../../src/packages/timebank/gift/amount';
import { messages as m } from '../../src/packages/timebank/gift/messages';

const available = 600;

it('reads hours with at most one decimal as minutes', () => {
  expect(readAmount('1.5', available)).toEqual({ minutes: 90 });
  expect(readAmount(' 2 ', available)).toEqual({ minutes: 120 });
  expect(readAmount('１.５', available)).toEqual({ minutes: 90 });
  expect(readAmount('10', available)).toEqual({ minutes: 600 });
});

it('says what is wrong instead of changing what was typed', () => {
  expect(readAmount('-1', available)).toEqual({ problem: m.amount.negative });
  expect(readAmount('－1', available)).toEqual({ problem: m.amount.negative });
  expect(readAmount('-0.5', available)).toEqual({ problem: m.amount.negative });
  expect(readAmount('', available)).toEqual({ problem: m.amount.empty });
  expect(readAmount('0', available)).toEqual({ problem: m.amount.zero });
  expect(readAmount('0.0', available)).toEqual({ problem: m.amount.zero });
  expect(readAmount('1.55', available)).toEqual({ problem: m.amount.decimals });
  expect(readAmount('abc', available)).toEqual({ problem: m.amount.notNumber });
  expect(readAmount('1e2', available)).toEqual({ problem: m.amount.notNumber });
  expect(readAmount('1小时', available)).toEqual({ problem: m.amount.notNumber });
  expect(readAmount('.', available)).toEqual({ problem: m.amount.notNumber });
  expect(readAmount('10.5', available)).toEqual({ problem: m.tooMuch('10小时') });
});

it('every message is in Chinese and says what to type', () => {
  for (const text of [m.amount.negative, m.amount.empty, m.amount.zero, m.amount.decimals, m.amount.notNumber]) expect(text).toMatch(/[\u4e00-\u9fff]/);
});
