/**
 * A senior reads one figure under one name: the senior home's tile and 我的时间 (the time-bank page)
 * both lead with what she can use (可用), say what is set aside for help requests in the same words,
 * and the statement says 先留出 in plain words (never 冻结 / 解冻, nor the ledger's 预留). The admin's 公益池
 * reads its statement lines the same way. A service record never promises credits it will not earn.
 */
import type { RecordView, StatementLine } from '../../cloudfunctions/core/api';
import { messages as senior } from '../../src/packages/senior/home/messages';
import { messages as time } from '../../src/packages/timebank/home/messages';
import { messages as pool } from '../../src/packages/admin/pool/messages';
import { messages as credits } from '../../src/packages/senior/credits/messages';
import { holdNotes, lineAfter, lineAmount } from '../../src/messages/timebank';
import { lineTitle } from '../../cloudfunctions/core/services/shared/ledger-views';
import { inWords } from '../../cloudfunctions/core/domain/words';
import { uncreditedWhy } from '../../src/packages/timebank/home/records';

const strings = (o: Record<string, unknown>): string[] =>
  Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'function' ? [String((v as (...a: string[]) => string)('X', 'Y'))] : []));

it('the senior home and the time-bank page lead with the same figure, under the same name', () => {
  expect(senior.coins).toContain('可用');
  expect(time.available).toBe(senior.coins);
  expect(senior.coinsOf('沈阿婆')).toContain('可用');
});

it('both pages say what is held for help requests in the same words', () => {
  expect(senior.pending('1小时')).toBe('另有 1小时先留出给求助');
  expect(time.held('1小时')).toBe(senior.pending('1小时'));
});

it('no words of the time-bank page, the senior home or the pool page say 冻结 / 解冻', () => {
  for (const s of [...strings(time), ...strings(senior), ...strings(pool)]) expect(s).not.toMatch(/冻结|解冻/);
});

it('her credits page, opened by a proxy or the 居委 desk, says her figure and what is held in the same words', () => {
  expect(credits.availableOf('沈阿婆')).toBe(senior.coinsOf('沈阿婆'));
  expect(credits.available).toBe(senior.coins);
  expect(credits.held('1小时')).toBe(senior.pending('1小时'));
  for (const s of strings(credits)) expect(s).not.toMatch(/冻结|解冻|转赠|亲属关联/);
});

const line = (balance: number, held: number): Pick<StatementLine, 'balanceAfter' | 'pendingAfter'> => ({
  balanceAfter: { minutes: balance, display: '' },
  pendingAfter: { minutes: held, display: '' },
});

it('each statement line says what can be used after it, and what is still held', () => {
  expect(lineAfter(line(510, 60))).toBe('之后可用 7小时30分，另有 1小时先留出');
  expect(lineAfter(line(510, 0))).toBe('之后可用 8小时30分');
});

it('a payment from a hold is not a second minus after the hold’s own line; the volunteer’s side is a plain plus', () => {
  const amount = (phase: StatementLine['phase'], minutes: number, signed: string) => lineAmount({ phase, delta: { minutes, display: '', signed } });
  // A hold is set aside, not spent: no minus sign a senior reads as gone.
  expect(amount('pending', -90, '-1小时30分')).toBe('留出 1小时30分');
  expect(amount('post_pending', -90, '-1小时30分')).toBe('付出 1小时30分');
  expect(amount('post_pending', 90, '+1小时30分')).toBe('+1小时30分');
  expect(amount('posted', -30, '-30分')).toBe('-30分');
});

describe('a hold and its payment or release say they are one sum', () => {
  type L = Parameters<typeof holdNotes>[0][number];
  const l = (id: string, phase: L['phase'], minutes: number, holdId: string | null, at: string): L => ({
    id,
    phase,
    delta: { minutes, display: '', signed: '' },
    holdId,
    at,
  });
  // Newest first, as the statement lists them (12月3日 is 2026-12-03 in Shanghai).
  const hold = l('m1', 'pending', -30, 'redeem:h1', '2026-12-03T13:00:00.000Z');
  const paid = l('m2', 'post_pending', -30, 'redeem:h1', '2026-12-05T06:40:00.000Z');
  const released = l('m3', 'void_pending', 30, 'redeem:h1', '2026-12-05T06:40:00.000Z');

  it('an open hold says it is set aside and not spent', () => {
    expect(holdNotes([hold]).get('m1')).toBe('暂时留出，还没有花：服务完成才付出，求助取消就还回来');
  });

  it('a paid hold and its payment each name the other: the same 30 minutes, taken once', () => {
    const notes = holdNotes([paid, l('e', 'posted', 60, null, '2026-12-04T00:00:00.000Z'), hold]);
    expect(notes.get('m1')).toBe('12月5日服务完成，付出的就是这 30分，没有重复扣');
    expect(notes.get('m2')).toBe('付出的就是12月3日留出的 30分，不是另外再扣');
    expect(notes.has('e')).toBe(false);
  });

  it('a payment whose hold is on a later page still says it is the held minutes', () => {
    expect(holdNotes([paid]).get('m2')).toBe('付出的就是之前留出的 30分，不是另外再扣');
  });

  it('a released hold says it was given back and nothing was spent', () => {
    const notes = holdNotes([released, hold]);
    expect(notes.get('m1')).toBe('12月5日已还回这 30分，可以再用');
    expect(notes.get('m3')).toBe('留出的 30分还回来了，可以再用');
  });

  it('says nothing on the receiving side of a hold', () => {
    expect(holdNotes([l('c', 'pending', 30, 'redeem:h2', '2026-12-03T13:00:00.000Z')]).size).toBe(0);
  });
});

it('the pool page reads its lines the same way, not as 变动后余额', () => {
  expect(strings(pool).join('\n')).not.toContain('变动后余额');
  expect(pool).not.toHaveProperty('balanceAfter');
});

describe('我的时间: what a service record says about credits', () => {
  const record = (state: RecordView['state'], earnsCredits: boolean, reason: string | null = null) => ({
    state,
    earnsCredits,
    reason,
    categoryName: '社区志愿服务',
  });

  it('a pending record of a kind that earns credits waits for the leader', () => {
    expect(uncreditedWhy(record('pending', true))).toBe('还没有计时间币：队长审核通过后才计入。');
  });

  it('a pending record of a kind that never earns credits does not promise any', () => {
    const why = uncreditedWhy(record('pending', false))!;
    expect(why).toBe('等队长审核；这类服务不计时间币。');
    expect(why).not.toContain('计入');
  });

  it('approved, rejected and reversed records say what happened', () => {
    expect(uncreditedWhy(record('approved', true))).toBeNull();
    expect(uncreditedWhy(record('approved', false))).toContain('只计服务时长');
    expect(uncreditedWhy(record('rejected', true, '时长不对'))).toBe('没有计时间币，退回原因：时长不对');
    expect(uncreditedWhy(record('reversed', true))).toBe('没有计时间币：这条记录已撤销，时间币已扣回。');
  });

  it('a reversed record of a kind that never earns credits does not say credits were taken back', () => {
    expect(uncreditedWhy(record('reversed', false))).toBe('这条记录已撤销；这类服务不计时间币。');
    expect(uncreditedWhy(record('reversed', false, '重复登记'))).toBe('这条记录已撤销（重复登记）；这类服务不计时间币。');
  });
});

describe('statement line titles and memos are worded by the server for their reader (domain/words.ts)', () => {
  const hold = { kind: 'redeem', phase: 'pending', side: 'debit' } as const;
  it('the senior side reads holds, their release and their payment without 预留 or 兑换', () => {
    expect(lineTitle(hold, 'plain')).toBe('先留出：用时间换帮助');
    expect(lineTitle({ ...hold, phase: 'void_pending' }, 'plain')).toBe('还回来：用时间换帮助');
    expect(lineTitle({ ...hold, phase: 'post_pending' }, 'plain')).toBe('用时间换帮助（从先留出的里付出）');
    expect(lineTitle({ kind: 'grant', phase: 'posted', side: 'credit' }, 'plain')).toBe('获得街道公共时间资助');
    expect(lineTitle({ kind: 'adjust', phase: 'posted', side: 'credit' }, 'plain')).toBe('街道调整');
  });
  it('every reader sees a reversal as what it did to the account, never the bookkeepers’ 冲正', () => {
    for (const wording of ['plain', 'staff'] as const) {
      expect(lineTitle({ kind: 'reversal', phase: 'posted', side: 'debit' }, wording)).toBe('更正：扣回');
      expect(lineTitle({ kind: 'reversal', phase: 'posted', side: 'credit' }, wording)).toBe('更正：退还');
    }
  });
  it('staff and volunteers keep the ledger words', () => {
    expect(lineTitle(hold, 'staff')).toBe('预留：兑换服务');
    expect(lineTitle({ ...hold, phase: 'void_pending' }, 'staff')).toBe('退回：兑换服务');
    expect(lineTitle({ ...hold, phase: 'post_pending' }, 'staff')).toBe('兑换服务（从预留中付出）');
    expect(lineTitle({ kind: 'donate', phase: 'posted', side: 'debit' }, 'staff')).toBe('捐赠到公益池');
    expect(lineTitle({ kind: 'adjust', phase: 'posted', side: 'credit' }, 'staff')).toBe('管理员调整');
  });
  it('a memo stored in staff words reads in plain words for the senior side only; other words stay', () => {
    expect(inWords('兑换：精神慰藉 12月8日（周二）09:30–11:30', 'plain')).toBe('用时间换帮助：精神慰藉 12月8日（周二）09:30–11:30');
    expect(inWords('求助过期，无人接单：生活照料', 'plain')).toBe('求助过期，没有志愿者答应：生活照料');
    expect(inWords('管理员调整', 'plain')).toBe('管理员调整');
    expect(inWords('兑换：精神慰藉', 'staff')).toBe('兑换：精神慰藉');
  });
});
