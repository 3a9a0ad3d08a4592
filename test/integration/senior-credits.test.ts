/**
 * A senior's credits read by whoever acts for her (docs/ledger.md "Reading"): timebank.balance and
 * timebank.statement with `seniorId`, over a real SQLite file. Her confirmed proxy and her 居委's
 * social worker get the very figures and lines she gets; a volunteer, another senior's proxy and a
 * social worker of another 居委 are refused; a closed senior is not found; a read writes nothing.
 */
import type { TimebankResults } from '../../cloudfunctions/core/api';
import { personAccountId } from '../../cloudfunctions/core/domain/ledger';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;
let seniorId: string;

beforeAll(async () => {
  s = await openSeniorStreet();
  seniorId = await s.userId('demo-s01');
  // A gift-like line with a memo and a hold (the seeded request of 沈小妹 for her mother holds 120 minutes).
  await s.credit(seniorId, 45);
});
afterAll(() => s.close());

const balanceAs = (openid: string, data: object = { seniorId }) => s.ok<TimebankResults['balance']>(openid, 'timebank', 'balance', data);
const statementAs = (openid: string, data: object = { seniorId }) => s.ok<TimebankResults['statement']>(openid, 'timebank', 'statement', data);

describe('her balance and statement for those who act for her', () => {
  it('gives her proxy and her social worker the same figures and lines she gets', async () => {
    const own = await balanceAs('demo-s01', {});
    expect(own.accountId).toBe(personAccountId(seniorId));
    // Seeded 600, the test's 45, 120 held for the seeded help request.
    expect(own).toMatchObject({ balance: { minutes: 645 }, pending: { minutes: 120 }, available: { minutes: 525 } });
    const ownLines = await statementAs('demo-s01', {});
    expect(ownLines.items.length).toBeGreaterThanOrEqual(3);
    // She reads her lines in plain words (domain/words.ts), worded by the server.
    expect(ownLines.items.map((l) => l.title)).toContain('先留出：用时间换帮助');
    expect(ownLines.items.map((l) => l.memo)).toContainEqual(expect.stringMatching(/^用时间换帮助：/));

    for (const reader of ['demo-f01', 'demo-social', 'demo-admin']) expect(await balanceAs(reader)).toEqual(own);
    // Her proxy is on the senior side too: the very lines she gets.
    expect(await statementAs('demo-f01')).toEqual(ownLines);
    // Staff read the same lines and figures in the ledger's words.
    const figures = (lines: TimebankResults['statement']) => lines.items.map(({ title: _t, counterparty: _c, memo: _m, ...rest }) => rest);
    for (const reader of ['demo-social', 'demo-admin']) {
      const staffLines = await statementAs(reader);
      expect(figures(staffLines)).toEqual(figures(ownLines));
      expect(staffLines.items.map((l) => l.title)).toContain('预留：兑换服务');
      expect(staffLines.items.map((l) => l.memo)).toContainEqual(expect.stringMatching(/^兑换：/));
    }
    // Her own id works for her too, the same as no id.
    expect(await balanceAs('demo-s01')).toEqual(own);
  });

  it('pages her statement by the same cursor', async () => {
    const first = await statementAs('demo-f01', { seniorId, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.next).toBeTruthy();
    const second = await statementAs('demo-f01', { seniorId, limit: 1, after: first.next });
    const all = await statementAs('demo-s01', { limit: 2 });
    expect([...first.items, ...second.items]).toEqual(all.items);
  });

  it('still reads the caller’s own account without seniorId', async () => {
    const proxyOwn = await balanceAs('demo-f01', {});
    expect(proxyOwn.accountId).toBe(personAccountId(await s.userId('demo-f01')));
    expect(proxyOwn.accountId).not.toBe(personAccountId(seniorId));
  });

  it('writes nothing for a proxy’s or a social worker’s read', async () => {
    const before = s.snapshot();
    await balanceAs('demo-f01');
    await statementAs('demo-f01');
    await balanceAs('demo-social');
    await statementAs('demo-social');
    expect(s.snapshot()).toBe(before);
  });
});

describe('refusals', () => {
  it('refuses a volunteer, another senior’s proxy and another 居委’s social worker, with a reason in Chinese', async () => {
    for (const action of ['balance', 'statement'] as const) {
      expect(await s.err('demo-v04', 'timebank', action, { seniorId })).toMatchObject({
        code: 'FORBIDDEN',
        message: '只有老人本人、已确认的家属代理人或本居委社工可以办理',
      });
      // 陆建华 is the proxy of a senior of 滨江, not of 沈阿婆.
      expect(await s.err('demo-f02', 'timebank', action, { seniorId })).toMatchObject({
        code: 'FORBIDDEN',
        message: '您不是这位老人的家属代理人，不能代为操作',
      });
    }
  });

  it('refuses a social worker of another 居委', async () => {
    const other = await s.person('林荫社工', 'c_linyin');
    await s.ok('demo-admin', 'admin', 'grantRole', { userId: other.userId, role: 'socialWorker', committeeId: 'c_linyin' });
    for (const action of ['balance', 'statement'] as const) {
      expect(await s.err(other.openid, 'timebank', action, { seniorId })).toMatchObject({ code: 'FORBIDDEN', message: '只能为本居委的老人办理' });
    }
  });

  it('refuses a senior reading another senior’s account', async () => {
    const err = await s.err('demo-s04', 'timebank', 'balance', { seniorId });
    expect(err.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for someone who is no senior, and for a closed senior', async () => {
    const volunteer = await s.userId('demo-v04');
    expect(await s.err('demo-social', 'timebank', 'balance', { seniorId: volunteer })).toMatchObject({ code: 'NOT_FOUND' });

    const closing = await s.registerSenior('demo-social', { name: '乔阿婆' });
    expect((await balanceAs('demo-social', { seniorId: closing.id })).balance.minutes).toBe(0);
    await s.ok('demo-social', 'seniors', 'close', { seniorId: closing.id, reason: 'deceased', confirm: true });
    for (const action of ['balance', 'statement'] as const) {
      expect(await s.err('demo-social', 'timebank', action, { seniorId: closing.id })).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('refuses an unknown field at the boundary', async () => {
    expect(await s.err('demo-f01', 'timebank', 'balance', { seniorId, userId: seniorId })).toMatchObject({ code: 'VALIDATION' });
  });
});
