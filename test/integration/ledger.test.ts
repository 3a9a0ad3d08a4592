/**
 * The ledger through the real dispatcher over a real SQLite file: service records to credits,
 * links and gifts, the pool, adjustments, reversals, two-phase holds, statements, policy, and
 * `ledger:verify` after each scenario (and catching a tampered ledger).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import {
  ISSUANCE_ACCOUNTS,
  LEGACY_ISSUANCE_ACCOUNT,
  balanceOf as balanceOfCounters,
  formatHours,
  issuanceAccountFor,
  isIssuanceAccount,
  personAccountId,
  type AccountDoc,
  type TransferDoc,
} from '../../cloudfunctions/core/domain/ledger';
import { issuanceTotals } from '../../cloudfunctions/core/services/shared/ledger-views';
import { postTransfer, resolvePending } from '../../cloudfunctions/core/services/ledger';
import { verifyLedger, formatReport } from '../../cloudfunctions/core/services/ledger-verify';
import { openLedgerWorld, type LedgerWorld, type Person } from './ledger-fixtures';

const run = promisify(execFile);

let w: LedgerWorld;
let admin: Person;
let leader: Person;
let otherLeader: Person;
let social: Person;
let ann: Person;
let bob: Person;
let cat: Person;

const today = new Date().toISOString().slice(0, 10);
const recordInput = (volunteer: Person, minutes: number, category = 'daily', teamId = 't_care') => ({
  volunteerId: volunteer.userId,
  teamId,
  category,
  date: today,
  place: '一号小区 3 号楼',
  content: '陪独居老人聊天、整理房间',
  minutes,
});

async function expectVerified() {
  const report = await verifyLedger(w.store);
  if (!report.ok) throw new Error(formatReport(report));
  expect(report.ok).toBe(true);
}

const balanceOf = async (p: Person) => (await w.ok(p, 'timebank', 'balance')).balance.minutes as number;

/** Everything a refused call must leave untouched. */
async function snapshot() {
  return {
    transfers: await w.count('transfers'),
    movements: await w.count('movements'),
    accounts: JSON.stringify((await w.store.find('accounts', { limit: 100 })).items),
    audit: await w.count('audit'),
  };
}

beforeAll(async () => {
  w = await openLedgerWorld();
  admin = await w.person('管理员', [{ role: 'admin' }]);
  leader = await w.person('队长甲', [{ role: 'leader', teamId: 't_care' }]);
  otherLeader = await w.person('队长乙', [{ role: 'leader', teamId: 't_river' }]);
  social = await w.person('社工丙', [{ role: 'socialWorker', committeeId: 'c_two' }]);
  ann = await w.person('王安');
  bob = await w.person('李波');
  cat = await w.person('陈凯', [], 'c_two');
  // A leader records service only for members of the team.
  for (const p of [ann, bob, cat]) await w.ok(p, 'teams', 'join', { teamId: 't_care' });
  await w.ok(bob, 'teams', 'join', { teamId: 't_river' });
});

afterAll(() => w.close());

describe('a new account', () => {
  it('reads zero everywhere, with hours for display', async () => {
    const b = await w.ok(ann, 'timebank', 'balance');
    expect(b).toEqual({
      accountId: personAccountId(ann.userId),
      balance: { minutes: 0, display: '0小时' },
      pending: { minutes: 0, display: '0小时' },
      available: { minutes: 0, display: '0小时' },
      incoming: { minutes: 0, display: '0小时' },
      cap: { minutes: 90_000, display: '1500小时' },
    });
    expect(await w.ok(ann, 'timebank', 'statement', {})).toEqual({ items: [], next: null });
    expect(await w.ok(ann, 'timebank', 'stars')).toMatchObject({ level: 0, servedMinutes: 0, progress: 0 });
  });
});

describe('service records → credits', () => {
  it('credits exactly once when approved, even when approved again by another manager', async () => {
    const record = await w.ok(leader, 'records', 'create', recordInput(ann, 150));
    expect(record).toMatchObject({ state: 'pending', transferId: null, categoryName: '生活照料', minutes: { minutes: 150, display: '2小时30分' } });
    expect(await balanceOf(ann)).toBe(0);

    const approved = await w.ok(leader, 'records', 'approve', { recordId: record.id });
    expect(approved).toMatchObject({ state: 'approved', transferId: `earn:${record.id}`, approverName: '队长甲' });
    const again = await w.ok(admin, 'records', 'approve', { recordId: record.id });
    expect(again.approverName).toBe('队长甲');
    const twice = await Promise.all([1, 2, 3].map(() => w.ok(leader, 'records', 'approve', { recordId: record.id })));
    expect(twice.every((r) => r.state === 'approved')).toBe(true);

    expect(await balanceOf(ann)).toBe(150);
    expect(await w.store.get<TransferDoc>('transfers', `earn:${record.id}`)).toMatchObject({
      kind: 'earn',
      debitAccountId: issuanceAccountFor(`earn:${record.id}`),
      creditAccountId: personAccountId(ann.userId),
      amount: 150,
      refs: { serviceRecordId: record.id },
    });
    const statement = await w.ok(ann, 'timebank', 'statement', {});
    expect(statement.items).toHaveLength(1);
    expect(statement.items[0]).toMatchObject({ title: '志愿服务所得', delta: { minutes: 150, signed: '+2小时30分' }, balanceAfter: { minutes: 150 } });
    // The memo the ledger keeps for good dates the service as people read dates, with its year.
    const [y, m, d] = today.split('-').map(Number);
    expect(statement.items[0].memo).toBe(`生活照料：陪独居老人聊天、整理房间（${y}年${m}月${d}日）`);
    await expectVerified();
  });

  it('does not pay a record left pending into an account closed since; the record can still be sent back', async () => {
    const dan = await w.person('赵丹');
    await w.ok(dan, 'teams', 'join', { teamId: 't_care' });
    const record = await w.ok(leader, 'records', 'create', recordInput(dan, 60));
    // The close refuses while a record waits; a record from before that rule is written as it stood.
    expect((await w.err(dan, 'account', 'close', { confirm: true })).code).toBe('CLOSE_BLOCKED');
    await w.store.transaction(async (tx) => tx.update('users', dan.userId, { closedAt: new Date().toISOString(), name: '已注销用户' }));
    const before = await snapshot();
    const refused = await w.err(leader, 'records', 'approve', { recordId: record.id });
    expect(refused).toMatchObject({ code: 'WRONG_STATE', message: expect.stringContaining('已经注销账号') });
    expect(await snapshot()).toEqual(before);
    expect(await w.ok(leader, 'records', 'reject', { recordId: record.id, reason: '志愿者已注销' })).toMatchObject({ state: 'rejected' });
    await expectVerified();
  });

  it('counts hours but earns no credits for volunteering outside the time bank', async () => {
    const record = await w.ok(otherLeader, 'records', 'create', recordInput(bob, 120, 'community', 't_river'));
    const approved = await w.ok(otherLeader, 'records', 'approve', { recordId: record.id });
    expect(approved).toMatchObject({ state: 'approved', transferId: null, earnsCredits: false });
    expect(await balanceOf(bob)).toBe(0);
    const totals = await w.ok(bob, 'records', 'totals', {});
    expect(totals).toMatchObject({ total: { minutes: 120 }, recordCount: 1, byCategory: [{ category: 'community', count: 1 }] });
    await expectVerified();
  });

  it('refuses leaders of other teams, self-approval and bad records, writing nothing', async () => {
    const before = await snapshot();
    expect((await w.err(otherLeader, 'records', 'create', recordInput(ann, 60))).code).toBe('FORBIDDEN');
    expect((await w.err(ann, 'records', 'create', recordInput(ann, 60))).code).toBe('FORBIDDEN');
    expect((await w.err(leader, 'records', 'create', { ...recordInput(ann, 60), category: 'nope' })).code).toBe('VALIDATION');
    expect((await w.err(leader, 'records', 'create', { ...recordInput(ann, 13 * 60) })).message).toContain('一条记录最多');
    expect((await w.err(leader, 'records', 'create', { ...recordInput(ann, 60), date: '2999-01-01' })).code).toBe('VALIDATION');
    expect((await w.err(leader, 'records', 'create', { ...recordInput(ann, 60), volunteerId: 'u_nobody' })).code).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);

    const own = await w.ok(leader, 'records', 'create', recordInput(leader, 60));
    expect((await w.err(leader, 'records', 'approve', { recordId: own.id })).message).toContain('不能审核自己');
    const stranger = await w.ok(leader, 'records', 'create', recordInput(bob, 60));
    expect((await w.err(otherLeader, 'records', 'approve', { recordId: stranger.id })).code).toBe('FORBIDDEN');
    expect(await w.count('transfers')).toBe(before.transfers);
  });

  it('reverses an approval with exactly one reversal, and refuses when the credits are gone', async () => {
    const record = await w.ok(leader, 'records', 'create', recordInput(bob, 90));
    await w.ok(leader, 'records', 'approve', { recordId: record.id });
    expect(await balanceOf(bob)).toBe(90);
    const reversed = await w.ok(leader, 'records', 'reverse', { recordId: record.id, reason: '登记错了志愿者' });
    expect(reversed.state).toBe('reversed');
    await w.ok(admin, 'records', 'reverse', { recordId: record.id, reason: '再点一次' });
    expect(await balanceOf(bob)).toBe(0);
    // The volunteer's statement says what happened to his credits and why, not the bookkeepers' 冲正.
    expect((await w.ok(bob, 'timebank', 'statement', {})).items[0]).toMatchObject({ title: '更正：扣回', memo: '撤销服务记录：登记错了志愿者' });
    // The reversal lands on the shard of the earn it undoes, not on the shard of its own id.
    expect(await w.store.get('transfers', `reverse:earn:${record.id}`)).toMatchObject({
      kind: 'reversal',
      amount: 90,
      reversesId: `earn:${record.id}`,
      debitAccountId: personAccountId(bob.userId),
      creditAccountId: issuanceAccountFor(`earn:${record.id}`),
    });
    expect((await w.err(leader, 'records', 'approve', { recordId: record.id })).code).toBe('CONFLICT');

    // Credits already donated cannot be taken back: the reversal is refused and nothing changes.
    const second = await w.ok(leader, 'records', 'create', recordInput(bob, 60));
    await w.ok(leader, 'records', 'approve', { recordId: second.id });
    await w.ok(bob, 'timebank', 'donate', { minutes: 45 });
    const before = await snapshot();
    const refused = await w.err(leader, 'records', 'reverse', { recordId: second.id, reason: '登记错了' });
    expect(refused.code).toBe('INSUFFICIENT_BALANCE');
    expect(refused.message).toContain('撤销需要扣回 1小时');
    expect(await snapshot()).toEqual(before);
    // Told of the reversal that happened, not of the one refused.
    const told = (await w.store.find<{ _id: string; kind: string; body: string }>('messages', { where: { userId: bob.userId }, limit: 100 })).items.filter(
      (m) => m.kind === 'record.reversed',
    );
    expect(told.map((m) => m.body)).toEqual([expect.stringContaining('1小时30分 已撤销，发放的时间币已收回。原因：登记错了志愿者')]);
    expect((await w.ok(bob, 'records', 'mine', { state: 'approved' })).items.map((r: { id: string }) => r.id)).toContain(second.id);
    await expectVerified();
  });

  it('rejects a pending record with a reason and never credits it', async () => {
    const record = await w.ok(leader, 'records', 'create', recordInput(ann, 30));
    expect((await w.err(leader, 'records', 'reject', { recordId: record.id })).code).toBe('VALIDATION');
    const rejected = await w.ok(leader, 'records', 'reject', { recordId: record.id, reason: '当天未到场' });
    expect(rejected).toMatchObject({ state: 'rejected', reason: '当天未到场' });
    expect((await w.err(leader, 'records', 'approve', { recordId: record.id })).code).toBe('CONFLICT');
    expect(await w.store.get('transfers', `earn:${record.id}`)).toBeNull();
  });

  it('sums hours by category for a certificate and lists a team’s records for its leader', async () => {
    const r = await w.ok(leader, 'records', 'create', recordInput(cat, 120, 'escort'));
    await w.ok(leader, 'records', 'approve', { recordId: r.id });
    const r2 = await w.ok(leader, 'records', 'create', recordInput(cat, 60, 'daily'));
    await w.ok(leader, 'records', 'approve', { recordId: r2.id });
    const r3 = await w.ok(leader, 'records', 'create', recordInput(cat, 30, 'escort'));
    await w.ok(leader, 'records', 'approve', { recordId: r3.id });
    const totals = await w.ok(cat, 'records', 'totals', {});
    expect(totals.total).toEqual({ minutes: 210, display: '3小时30分' });
    expect(totals.byCategory).toEqual([
      { category: 'escort', name: '陪同出行就医', count: 2, minutes: { minutes: 150, display: '2小时30分' } },
      { category: 'daily', name: '生活照料', count: 1, minutes: { minutes: 60, display: '1小时' } },
    ]);
    expect(totals.star).toMatchObject({ level: 0, servedMinutes: 210, remainingMinutes: 6000 - 210 });
    expect(await w.ok(admin, 'records', 'totals', { userId: cat.userId })).toMatchObject({ total: { minutes: 210 } });
    expect((await w.err(ann, 'records', 'totals', { userId: cat.userId })).code).toBe('FORBIDDEN');

    const page = await w.ok(leader, 'records', 'team', { teamId: 't_care', state: 'approved', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.next).not.toBeNull();
    expect((await w.err(otherLeader, 'records', 'team', { teamId: 't_care' })).code).toBe('FORBIDDEN');
  });

  it('derives the star level from approved records', async () => {
    const dan = await w.person('赵丹');
    await w.ok(dan, 'teams', 'join', { teamId: 't_care' });
    // 12 h a day is the daily maximum, and 12 h records need a second approver (the admin here).
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    for (let n = 1; n <= 9; n++) {
      const r = await w.ok(leader, 'records', 'create', { ...recordInput(dan, 720, 'community'), date: day(n) });
      await w.ok(leader, 'records', 'approve', { recordId: r.id });
      await w.ok(admin, 'records', 'approve', { recordId: r.id });
    }
    const r = await w.ok(leader, 'records', 'create', recordInput(dan, 720, 'community'));
    await w.ok(leader, 'records', 'approve', { recordId: r.id });
    await w.ok(admin, 'records', 'approve', { recordId: r.id });
    // 10 × 12 h = 120 h: one star, 20 h of the 200 h to two stars.
    expect(await w.ok(dan, 'timebank', 'stars')).toMatchObject({
      level: 1,
      label: '一星志愿者',
      servedMinutes: 7200,
      progress: 0.1,
      thresholdsHours: [100, 300, 600, 1000, 1500],
    });
    await w.ok(leader, 'records', 'reverse', { recordId: r.id, reason: '重复登记' });
    expect(await w.ok(dan, 'timebank', 'stars')).toMatchObject({ level: 1, servedMinutes: 6480 });
  });
});

describe('relative links and gifts', () => {
  let eve: Person;
  let fay: Person;
  let linkId: string;

  beforeAll(async () => {
    eve = await w.person('孙伊');
    fay = await w.person('周飞');
    await w.fund(admin, eve, 600);
  });

  it('needs both sides: a proposal shows nothing about the relative until they confirm (the relative sees a masked name)', async () => {
    const proposed = await w.ok(eve, 'timebank', 'proposeLink', { phone: fay.phone, relation: '母女' });
    expect(proposed).toMatchObject({
      state: 'proposed',
      direction: 'sent',
      otherName: '',
      otherUserId: null,
      otherPhoneMasked: `${fay.phone.slice(0, 3)}****${fay.phone.slice(-4)}`,
    });
    const inviteId = proposed.id;
    expect(inviteId).not.toContain(fay.userId);
    expect((await w.err(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 30 })).code).toBe('NOT_LINKED');
    expect((await w.err(eve, 'timebank', 'confirmLink', { linkId: inviteId })).code).toBe('FORBIDDEN');
    expect((await w.ok(eve, 'timebank', 'links')).items).toEqual([
      expect.objectContaining({ id: inviteId, direction: 'sent', state: 'proposed', otherName: '', otherUserId: null }),
    ]);
    const received = (await w.ok(fay, 'timebank', 'links')).items;
    expect(received).toEqual([expect.objectContaining({ direction: 'received', state: 'proposed', otherName: '孙*' })]);
    linkId = received[0].id;
    expect((await w.err(ann, 'timebank', 'confirmLink', { linkId })).code).toBe('NOT_FOUND');
    expect((await w.err(ann, 'timebank', 'confirmLink', { linkId: inviteId })).code).toBe('NOT_FOUND');
    const confirmed = await w.ok(fay, 'timebank', 'confirmLink', { linkId });
    expect(confirmed).toMatchObject({ state: 'confirmed', otherName: '孙伊' });
    expect((await w.ok(eve, 'timebank', 'links')).items[0]).toMatchObject({ state: 'confirmed', otherName: '周飞', relation: '母女' });
  });

  it('shows each side the relation from its own side, and tells each side what happened in its inbox, once', async () => {
    const daughter = await w.person('刘芳');
    const mother = await w.person('王秀英');
    await w.fund(admin, daughter, 120);
    const inbox = async (p: Person) =>
      (await w.ok(p, 'inbox', 'list', { limit: 50 })).items as Array<{ kind: string; title: string; body: string; page: string }>;
    const outboxOf = async (p: Person) => (await w.store.find<{ _id: string; userId: string }>('outbox', { where: { userId: p.userId }, limit: 50 })).items;

    // 刘芳 says the other person is her 母亲; a retry of the same request writes nothing twice.
    const rid = w.rid('invite');
    const sent = await w.ok(daughter, 'timebank', 'proposeLink', { phone: mother.phone, relation: '母亲' }, rid);
    expect(await w.ok(daughter, 'timebank', 'proposeLink', { phone: mother.phone, relation: '母亲' }, rid)).toEqual(sent);
    // Sending the same invitation again (a new request) does not message her again either.
    await w.ok(daughter, 'timebank', 'proposeLink', { phone: mother.phone, relation: '母亲' });
    expect((await w.ok(daughter, 'timebank', 'links')).items).toEqual([expect.objectContaining({ relation: '母亲', otherName: '' })]);
    const received = (await w.ok(mother, 'timebank', 'links')).items;
    expect(received).toEqual([expect.objectContaining({ direction: 'received', otherName: '刘*', relation: '子女' })]);
    const invited = await inbox(mother);
    expect(invited).toEqual([
      expect.objectContaining({ kind: 'link.invited', page: '/packages/timebank/links/index', body: expect.stringContaining('亲属关联') }),
    ]);
    expect(invited[0]!.title + invited[0]!.body).toContain('刘*');
    expect(invited[0]!.title + invited[0]!.body).not.toContain('刘芳');
    expect(invited[0]!.body).toContain('子女');
    expect(await inbox(daughter)).toEqual([]);

    // She confirms (twice: the second writes nothing); 刘芳 is told, in her own words.
    const confirmed = await w.ok(mother, 'timebank', 'confirmLink', { linkId: received[0].id });
    expect(confirmed).toMatchObject({ state: 'confirmed', otherName: '刘芳', relation: '子女' });
    await w.ok(mother, 'timebank', 'confirmLink', { linkId: received[0].id });
    expect((await w.ok(daughter, 'timebank', 'links')).items).toEqual([expect.objectContaining({ state: 'confirmed', otherName: '王秀英', relation: '母亲' })]);
    const told = await inbox(daughter);
    expect(told).toEqual([expect.objectContaining({ kind: 'link.confirmed', page: '/packages/timebank/links/index' })]);
    expect(told[0]!.title + told[0]!.body).toContain('王秀英');
    expect(told[0]!.body).toContain('母亲');
    expect(await inbox(mother)).toHaveLength(1);

    // A gift: the mother is told the amount and the giver's name, once however often it is retried.
    const giftRid = w.rid('gift');
    const gift = await w.ok(daughter, 'timebank', 'gift', { toUserId: mother.userId, minutes: 90, note: '买菜用' }, giftRid);
    expect(await w.ok(daughter, 'timebank', 'gift', { toUserId: mother.userId, minutes: 90, note: '买菜用' }, giftRid)).toEqual(gift);
    const gifts = (await inbox(mother)).filter((m) => m.kind === 'gift.received');
    expect(gifts).toEqual([expect.objectContaining({ page: '/packages/timebank/home/index' })]);
    expect(gifts[0]!.title + gifts[0]!.body).toContain('刘芳');
    expect(gifts[0]!.body).toContain('1小时30分');
    expect(gifts[0]!.body).toContain('买菜用');
    expect((await inbox(daughter)).filter((m) => m.kind === 'gift.received')).toEqual([]);
    // A refused gift tells nobody anything.
    expect((await w.err(daughter, 'timebank', 'gift', { toUserId: mother.userId, minutes: 600 })).code).toBe('INSUFFICIENT_BALANCE');
    expect((await inbox(mother)).filter((m) => m.kind === 'gift.received')).toHaveLength(1);
    // No WeChat template fits these kinds: inbox only, no outbox row.
    expect([...(await outboxOf(mother)), ...(await outboxOf(daughter))]).toEqual([]);
  });

  it('refuses linking to oneself or an unknown phone', async () => {
    expect((await w.err(eve, 'timebank', 'proposeLink', { phone: eve.phone, relation: '本人' })).code).toBe('VALIDATION');
    // An unknown number gets the same kind of answer as a registered one (tests in phone-lookup.test.ts).
    expect(await w.ok(eve, 'timebank', 'proposeLink', { phone: '13111111111', relation: '儿子' })).toMatchObject({
      state: 'proposed',
      otherName: '',
      otherUserId: null,
    });
  });

  it('gifts to a confirmed relative and shows both statements', async () => {
    const result = await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 90, note: '给妈妈' });
    expect(result.transfer).toMatchObject({ kind: 'gift', from: '孙伊', to: '周飞', amount: { minutes: 90, display: '1小时30分' }, memo: '给妈妈' });
    expect(result.balance.available.minutes).toBe(510);
    expect(await balanceOf(fay)).toBe(90);
    const eveLines = (await w.ok(eve, 'timebank', 'statement', {})).items;
    expect(eveLines[0]).toMatchObject({
      title: '转赠给亲属',
      counterparty: '周飞',
      delta: { minutes: -90, signed: '-1小时30分' },
      balanceAfter: { minutes: 510 },
    });
    expect((await w.ok(fay, 'timebank', 'statement', {})).items[0]).toMatchObject({ title: '收到亲属转赠', counterparty: '孙伊' });
    await expectVerified();
  });

  it('refuses bad gifts with a clear error each, writing nothing', async () => {
    const before = await snapshot();
    const cases: Array<[object, string, string?]> = [
      [{ toUserId: fay.userId, minutes: -5 }, 'VALIDATION', '时间必须大于 0'],
      [{ toUserId: fay.userId, minutes: 0 }, 'VALIDATION', '时间必须大于 0'],
      [{ toUserId: fay.userId, minutes: 1.5 }, 'VALIDATION', '时间必须是整数分钟'],
      [{ toUserId: fay.userId, minutes: 1e15 }, 'VALIDATION', '一次最多 1500 小时'],
      [{ toUserId: fay.userId, minutes: 'abc' }, 'VALIDATION', '时间必须是整数分钟'],
      [{ toUserId: fay.userId }, 'VALIDATION'],
      [{ toUserId: fay.userId, minutes: 30, fromUserId: bob.userId }, 'VALIDATION'],
      [{ toUserId: 'u_nobody', minutes: 30 }, 'NOT_FOUND'],
      [{ toUserId: eve.userId, minutes: 30 }, 'VALIDATION', '不能转赠给自己'],
      [{ toUserId: bob.userId, minutes: 30 }, 'NOT_LINKED', '只能转赠给双方都已确认关联的亲属'],
      [{ toUserId: fay.userId, minutes: 511 }, 'INSUFFICIENT_BALANCE', '可用时间币不足：您可用 8小时30分'],
    ];
    for (const [data, code, message] of cases) {
      const error = await w.err(eve, 'timebank', 'gift', data);
      expect([JSON.stringify(data), error.code]).toEqual([JSON.stringify(data), code]);
      if (message) expect(error.message).toContain(message);
    }
    expect((await w.err(eve, 'timebank', 'donate', { minutes: 511 })).code).toBe('INSUFFICIENT_BALANCE');
    expect(await snapshot()).toEqual(before);
  });

  it('is idempotent on the requestId: one transfer, the first result', async () => {
    const rid = w.rid('same');
    const first = await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 }, rid);
    const second = await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 }, rid);
    const many = await Promise.all(Array.from({ length: 20 }, () => w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 }, rid)));
    expect(second).toEqual(first);
    for (const m of many) expect(m).toEqual(first);
    // The id is scoped by the caller: another person's requestId can never collide with it.
    expect(first.transfer.id).toBe(`gift:${eve.userId}:${rid}`);
    expect(await balanceOf(eve)).toBe(500);
  });

  it("one person's requestId does not block another's transfer", async () => {
    const rid = w.rid('shared');
    const mine = await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 }, rid);
    // Fay happens to send the same requestId (a client bug, or someone who read Eve's): her gift is hers.
    const hers = await w.ok(fay, 'timebank', 'gift', { toUserId: eve.userId, minutes: 10 }, rid);
    expect(hers.transfer).toMatchObject({ from: '周飞', to: '孙伊' });
    expect(hers.transfer.id).not.toBe(mine.transfer.id);
    const donateRid = w.rid('shared-donate');
    const a = await w.ok(eve, 'timebank', 'donate', { minutes: 1 }, donateRid);
    const b = await w.ok(fay, 'timebank', 'donate', { minutes: 1 }, donateRid);
    expect(a.transfer.id).not.toBe(b.transfer.id);
    await expectVerified();
  });

  it('refuses the same requestId with a different payload (IDEMPOTENCY_MISMATCH), moving nothing', async () => {
    const rid = w.rid('reused');
    await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 }, rid);
    const before = await snapshot();
    const error = await w.err(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 20 }, rid);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH', message: '请求编号已用于另一项操作' });
    // Key order and a note that is absent either way make no difference: the same request is replayed.
    expect((await w.ok(eve, 'timebank', 'gift', { minutes: 10, toUserId: fay.userId }, rid)).transfer.amount.minutes).toBe(10);
    // Invalid data under a used requestId is a mismatch too, not a validation error of a new request.
    expect((await w.err(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 'ten' }, rid)).code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await snapshot()).toEqual(before);
  });

  it('under concurrent calls with one requestId and two payloads, one transfer happens and the others are refused', async () => {
    const rid = w.rid('race');
    const eveBefore = await balanceOf(eve);
    const calls = Array.from({ length: 12 }, (_, i) => w.call(eve.openid, 'timebank', 'gift', { toUserId: fay.userId, minutes: i % 2 ? 20 : 10 }, rid));
    const results = (await Promise.all(calls)) as Array<{ ok: boolean; data?: { transfer: { amount: { minutes: number } } }; error?: { code: string } }>;
    const moved = eveBefore - (await balanceOf(eve));
    expect([10, 20]).toContain(moved);
    for (const r of results) {
      if (r.ok) expect(r.data!.transfer.amount.minutes).toBe(moved);
      else expect(r.error!.code).toBe('IDEMPOTENCY_MISMATCH');
    }
    expect(results.filter((r) => !r.ok)).toHaveLength(6);
    await expectVerified();
  });

  it('stops gifts once either side removes the link', async () => {
    await w.ok(fay, 'timebank', 'removeLink', { linkId });
    expect((await w.err(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 })).code).toBe('NOT_LINKED');
    // Only the invitation to an unknown number (above) is left, still waiting.
    expect((await w.ok(eve, 'timebank', 'links')).items).toEqual([
      expect.objectContaining({ otherPhoneMasked: '131****1111', state: 'proposed', direction: 'sent' }),
    ]);
    // Proposing from both sides is agreement.
    await w.ok(eve, 'timebank', 'proposeLink', { phone: fay.phone, relation: '母女' });
    const confirmedBefore = await w.store.count('messages', { userId: eve.userId, kind: 'link.confirmed' });
    expect(await w.ok(fay, 'timebank', 'proposeLink', { phone: eve.phone, relation: '母女' })).toMatchObject({ state: 'confirmed' });
    // The one who asked first is told that the link now stands.
    expect(await w.store.count('messages', { userId: eve.userId, kind: 'link.confirmed' })).toBe(confirmedBefore + 1);
    await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 10 });
  });

  it('refuses a gift that would lift the relative above the cap, suggesting the pool', async () => {
    await w.ok(admin, 'timebank', 'setPolicy', { capMinutes: 200 });
    const fayNow = await balanceOf(fay);
    const before = await snapshot();
    const error = await w.err(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 200 - fayNow + 1 });
    expect(error.code).toBe('CAP_EXCEEDED');
    expect(error.message).toContain('公益池');
    expect(error.message).toContain(`最多还能转入 ${formatHours(200 - fayNow)}`);
    expect(await snapshot()).toEqual(before);
    await w.ok(eve, 'timebank', 'gift', { toUserId: fay.userId, minutes: 200 - fayNow });
    // Lowering the cap below a balance leaves it there: the account may spend but not receive.
    await w.ok(admin, 'timebank', 'setPolicy', { capMinutes: 60 });
    expect((await w.err(admin, 'timebank', 'adjust', { accountId: `user:${fay.userId}`, minutes: 1, reason: '测试上限' })).code).toBe('CAP_EXCEEDED');
    await w.ok(fay, 'timebank', 'donate', { minutes: 10 });
    await expectVerified();
    await w.ok(admin, 'timebank', 'setPolicy', { capMinutes: 90_000 });
  });
});

describe('the pool, grants, adjustments and reversals', () => {
  it('takes donations and pays grants, each visible in the pool view', async () => {
    const gus = await w.person('吴古', [], 'c_two');
    await w.fund(admin, gus, 300);
    const poolBefore = (await w.ok(admin, 'timebank', 'pool', {})).balance.balance.minutes;
    await w.ok(gus, 'timebank', 'donate', { minutes: 120, note: '献给老人' });
    const pool = await w.ok(admin, 'timebank', 'pool', { limit: 5 });
    expect(pool.balance.balance.minutes).toBe(poolBefore + 120);
    expect(pool.balance.cap).toBeNull();
    expect(pool.statement.items[0]).toMatchObject({ title: '收到捐赠', counterparty: '吴古', delta: { minutes: 120 } });

    // A social worker grants to people of their own 居委 only.
    const granted = await w.ok(social, 'timebank', 'grant', { toUserId: cat.userId, minutes: 60, reason: '特殊困难老人助餐' });
    expect(granted.transfer).toMatchObject({ kind: 'grant', from: '公益池', to: '陈凯' });
    expect((await w.err(social, 'timebank', 'grant', { toUserId: ann.userId, minutes: 60, reason: '不是本居委' })).code).toBe('FORBIDDEN');
    const tooMuch = await w.err(admin, 'timebank', 'grant', { toUserId: ann.userId, minutes: 80_000, reason: '超过公益池' });
    expect(tooMuch.code).toBe('INSUFFICIENT_BALANCE');
    expect(tooMuch.message).toContain('公益池余额不足');
    const after = await w.ok(social, 'timebank', 'pool', {});
    expect(after.statement.items[0]).toMatchObject({ title: '公益池资助', counterparty: '陈凯', delta: { minutes: -60 } });
    expect((await w.err(ann, 'timebank', 'pool', {})).code).toBe('FORBIDDEN');
    await expectVerified();
  });

  it('audits adjustments with their reason and lists them newest first', async () => {
    const hal = await w.person('郑浩');
    const auditBefore = await w.count('audit');
    await w.ok(admin, 'timebank', 'adjust', { accountId: `user:${hal.userId}`, minutes: 100, reason: '补录纸质记录' });
    const down = await w.ok(admin, 'timebank', 'adjust', { accountId: `user:${hal.userId}`, minutes: -40, reason: '重复补录' });
    expect(down.balance.balance.minutes).toBe(60);
    expect((await w.err(admin, 'timebank', 'adjust', { accountId: `user:${hal.userId}`, minutes: -61, reason: '扣过头' })).code).toBe('INSUFFICIENT_BALANCE');
    expect((await w.err(admin, 'timebank', 'adjust', { accountId: 'user:u_nobody', minutes: 10, reason: '没有这个人' })).code).toBe('NOT_FOUND');
    expect(await w.count('audit')).toBe(auditBefore + 2);
    const list = await w.ok(admin, 'timebank', 'adjustments', { limit: 2 });
    expect(list.items[0]).toMatchObject({
      accountName: '郑浩',
      amount: { minutes: -40, signed: '-40分' },
      reason: '重复补录',
      actorName: '管理员',
      reversed: false,
    });
    expect(list.items[1]).toMatchObject({ amount: { minutes: 100 }, reason: '补录纸质记录' });
    expect(list.next).not.toBeNull();

    const reversed = await w.ok(admin, 'timebank', 'reverse', { transferId: list.items[0].transferId, reason: '撤销扣减' });
    expect(reversed.transfer).toMatchObject({ kind: 'reversal', amount: { minutes: 40 } });
    expect(await balanceOf(hal)).toBe(100);
    expect((await w.ok(admin, 'timebank', 'adjustments', { limit: 1 })).items[0].reversed).toBe(true);
    expect((await w.err(admin, 'timebank', 'reverse', { transferId: reversed.transfer.id, reason: '冲正冲正' })).code).toBe('VALIDATION');
    const earn = (await w.store.find<TransferDoc>('transfers', { where: { kind: 'earn' }, limit: 1 })).items[0]!;
    expect((await w.err(admin, 'timebank', 'reverse', { transferId: earn._id, reason: '想撤销' })).message).toContain('服务记录');
    const acct = await w.ok(admin, 'timebank', 'account', { userId: hal.userId, limit: 10 });
    expect(acct).toMatchObject({ name: '郑浩', balance: { balance: { minutes: 100 } } });
    expect(acct.statement.items.map((l: { title: string }) => l.title)).toEqual(['更正：退还', '管理员调整', '管理员调整']);
    expect((await w.err(social, 'timebank', 'account', { userId: hal.userId })).code).toBe('FORBIDDEN');
    await expectVerified();
  });
});

describe('two-phase holds (for redemptions)', () => {
  it('holds from available, then posts or voids exactly once', async () => {
    const senior = await w.person('钱老伯');
    await w.fund(admin, senior, 120);
    const at = new Date().toISOString();
    const hold = (id: string, amount: number) =>
      w.store.transaction((tx) =>
        postTransfer(tx, {
          id,
          kind: 'redeem',
          phase: 'pending',
          debitAccountId: personAccountId(senior.userId),
          creditAccountId: issuanceAccountFor(id),
          amount,
          actorId: senior.userId,
          memo: '助浴',
          at,
        }),
      );
    await hold('redeem:h_1', 90);
    expect(await w.ok(senior, 'timebank', 'balance')).toMatchObject({ balance: { minutes: 120 }, pending: { minutes: 90 }, available: { minutes: 30 } });
    await expect(hold('redeem:h_2', 31)).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    await expect(hold('redeem:h_1', 80)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await hold('redeem:h_1', 90)).created).toBe(false);
    await expectVerified();

    const meta = { actorId: 'system', memo: '服务完成', at };
    const posted = await w.store.transaction((tx) => resolvePending(tx, 'redeem:h_1', 'post', meta));
    expect(posted.transfer).toMatchObject({ _id: 'post:redeem:h_1', phase: 'post_pending', amount: 90 });
    expect((await w.store.transaction((tx) => resolvePending(tx, 'redeem:h_1', 'post', meta))).created).toBe(false);
    await expect(w.store.transaction((tx) => resolvePending(tx, 'redeem:h_1', 'void', meta))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '这笔预留的时间币已经付出，不能再退回',
    });
    await expect(w.store.transaction((tx) => resolvePending(tx, 'redeem:h_none', 'void', meta))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '找不到这笔预留的时间币',
    });
    expect(await w.ok(senior, 'timebank', 'balance')).toMatchObject({ balance: { minutes: 30 }, pending: { minutes: 0 }, available: { minutes: 30 } });

    await hold('redeem:h_3', 30);
    await w.store.transaction((tx) => resolvePending(tx, 'redeem:h_3', 'void', meta));
    await expect(w.store.transaction((tx) => resolvePending(tx, 'redeem:h_3', 'post', meta))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '这笔预留的时间币已经退回，不能再付出',
    });
    // A hold is released, never reversed; the refusal says so in the same words.
    expect(await w.err(admin, 'timebank', 'reverse', { transferId: 'redeem:h_3', reason: '测试冲正' })).toMatchObject({
      code: 'VALIDATION',
      message: '预留中的时间币不能冲正，请先退回',
    });
    expect(await w.ok(senior, 'timebank', 'balance')).toMatchObject({ balance: { minutes: 30 }, available: { minutes: 30 } });
    // A hold and its release show the amount held (not the posted change, which is 0), in the words
    // the help pages use: 预留 / 退回. Paying from a hold says the credits came from what was held.
    type Line = {
      title: string;
      phase: string;
      delta: { minutes: number; signed: string };
      balanceAfter: { minutes: number };
      pendingAfter: { minutes: number };
      holdId: string | null;
      transferId: string;
    };
    const lines: Line[] = (await w.ok(senior, 'timebank', 'statement', {})).items;
    expect(lines.map((l) => [l.title, l.delta.minutes, l.delta.signed])).toEqual([
      ['退回：兑换服务', 30, '+30分'],
      ['预留：兑换服务', -30, '-30分'],
      ['兑换服务（从预留中付出）', -90, '-1小时30分'],
      ['预留：兑换服务', -90, '-1小时30分'],
      ['管理员调整', 120, '+2小时'],
    ]);
    expect(lines.some((l) => /冻结|解冻/.test(l.title))).toBe(false);
    // A hold and what became of it share the hold's id (so the page can say they are one sum);
    // other lines have none.
    expect(lines.map((l) => [l.phase, l.holdId])).toEqual([
      ['void_pending', lines[1]!.transferId],
      ['pending', lines[1]!.transferId],
      ['post_pending', lines[3]!.transferId],
      ['pending', lines[3]!.transferId],
      ['posted', null],
    ]);
    expect(lines[1]!.transferId).not.toBe(lines[3]!.transferId);
    // Every line but a payment from a hold changes what the owner can use by its delta; the payment
    // changes the balance by its delta (what it uses was already set aside).
    const usable = (l: Line) => l.balanceAfter.minutes - l.pendingAfter.minutes;
    for (let i = 0; i < lines.length - 1; i++) {
      const [now, before] = [lines[i]!, lines[i + 1]!];
      if (now.phase === 'post_pending') expect(now.balanceAfter.minutes - now.delta.minutes).toBe(before.balanceAfter.minutes);
      else expect(usable(now) - now.delta.minutes).toBe(usable(before));
    }
    await expectVerified();
  });
});

describe('statement paging', () => {
  it('pages newest first by cursor with a consistent running balance', async () => {
    const ivy = await w.person('冯艾');
    for (let i = 1; i <= 45; i++) await w.fund(admin, ivy, i);
    const lines: Array<{ seq: number; delta: { minutes: number }; balanceAfter: { minutes: number } }> = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await w.ok(ivy, 'timebank', 'statement', after ? { limit: 20, after } : { limit: 20 });
      lines.push(...page.items);
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: 45 }, (_, i) => 45 - i));
    for (let i = 0; i < lines.length - 1; i++) {
      expect(lines[i]!.balanceAfter.minutes - lines[i]!.delta.minutes).toBe(lines[i + 1]!.balanceAfter.minutes);
    }
    expect(lines[0]!.balanceAfter.minutes).toBe((45 * 46) / 2);
    expect((await w.err(ivy, 'timebank', 'statement', { after: 'not-a-cursor' })).code).toBe('VALIDATION');
  });
});

describe('policy', () => {
  it('is read and changed by the admin only, validated and audited', async () => {
    expect(await w.ok(admin, 'timebank', 'policy')).toMatchObject({ starThresholdsHours: [100, 300, 600, 1000, 1500], redemptionAge: 65 });
    expect((await w.err(ann, 'timebank', 'policy')).code).toBe('FORBIDDEN');
    expect((await w.err(admin, 'timebank', 'setPolicy', { starThresholdsHours: [100, 50, 600, 1000, 1500] })).code).toBe('VALIDATION');
    expect((await w.err(admin, 'timebank', 'setPolicy', {})).code).toBe('VALIDATION');
    const auditBefore = await w.count('audit');
    const set = await w.ok(admin, 'timebank', 'setPolicy', { starThresholdsHours: [50, 100, 200, 400, 800] });
    expect(set.starThresholdsHours).toEqual([50, 100, 200, 400, 800]);
    expect(set.updatedAt).not.toBeNull();
    expect(await w.count('audit')).toBe(auditBefore + 1);
    await w.ok(admin, 'timebank', 'setPolicy', { starThresholdsHours: [100, 300, 600, 1000, 1500] });
  });
});

describe('issuance shards', () => {
  it('spreads new transfers over the shards, and issuance still reads as one account named 时间银行', async () => {
    const all = [];
    let after: string | undefined;
    do {
      const page = await w.store.find<AccountDoc>('accounts', { limit: 100, after });
      all.push(...page.items);
      after = page.next ?? undefined;
    } while (after);
    const shards = all.filter((a) => isIssuanceAccount(a._id));
    expect(shards.length).toBeGreaterThan(1);
    expect(shards.map((a) => a._id)).not.toContain(LEGACY_ISSUANCE_ACCOUNT);
    // Minus the issuance total is exactly what people and the pool hold.
    const held = all.filter((a) => !isIssuanceAccount(a._id)).reduce((sum, a) => sum + balanceOfCounters(a), 0);
    expect(-balanceOfCounters(await issuanceTotals(w.store))).toBe(held);
    const adjustment = (await w.ok(admin, 'timebank', 'adjustments', { limit: 1 })).items[0];
    const transfer = (await w.store.get<TransferDoc>('transfers', adjustment.transferId))!;
    expect(ISSUANCE_ACCOUNTS).toContain(transfer.debitAccountId === adjustment.accountId ? transfer.creditAccountId : transfer.debitAccountId);
  });

  it('keeps a ledger written before sharding valid: old holds, repeats and reversals use the legacy document', async () => {
    const dan = await w.person('周丹');
    const at = new Date().toISOString();
    // What the code before sharding wrote: every issuance side on the one legacy document.
    const legacy = { kind: 'adjust' as const, phase: 'posted' as const, actorId: admin.userId, memo: '旧数据', at };
    await w.store.transaction(async (tx) => {
      await postTransfer(tx, {
        ...legacy,
        id: 'adjust:legacy-up',
        debitAccountId: LEGACY_ISSUANCE_ACCOUNT,
        creditAccountId: personAccountId(dan.userId),
        amount: 300,
      });
      await postTransfer(tx, {
        ...legacy,
        id: 'adjust:legacy-up2',
        debitAccountId: LEGACY_ISSUANCE_ACCOUNT,
        creditAccountId: personAccountId(dan.userId),
        amount: 100,
      });
      await postTransfer(tx, {
        ...legacy,
        id: 'redeem:legacy-h',
        kind: 'redeem',
        phase: 'pending',
        debitAccountId: personAccountId(dan.userId),
        creditAccountId: LEGACY_ISSUANCE_ACCOUNT,
        amount: 60,
      });
      await postTransfer(tx, {
        ...legacy,
        id: 'redeem:legacy-h2',
        kind: 'redeem',
        phase: 'pending',
        debitAccountId: personAccountId(dan.userId),
        creditAccountId: LEGACY_ISSUANCE_ACCOUNT,
        amount: 30,
      });
    });
    await expectVerified();

    // The same cause repeated by the new code returns the old transfer instead of a CONFLICT.
    const repeat = await w.store.transaction((tx) =>
      postTransfer(tx, {
        ...legacy,
        id: 'adjust:legacy-up',
        debitAccountId: issuanceAccountFor('adjust:legacy-up'),
        creditAccountId: personAccountId(dan.userId),
        amount: 300,
      }),
    );
    expect(repeat).toMatchObject({ created: false, transfer: { debitAccountId: LEGACY_ISSUANCE_ACCOUNT } });

    // Holds resolve where they were placed; the reversal mirrors the original.
    const meta = { actorId: 'system', memo: '旧求助', at };
    const voided = await w.store.transaction((tx) => resolvePending(tx, 'redeem:legacy-h', 'void', meta));
    expect(voided.transfer).toMatchObject({ creditAccountId: LEGACY_ISSUANCE_ACCOUNT, phase: 'void_pending' });
    const posted = await w.store.transaction((tx) => resolvePending(tx, 'redeem:legacy-h2', 'post', meta));
    expect(posted.transfer).toMatchObject({ creditAccountId: LEGACY_ISSUANCE_ACCOUNT, phase: 'post_pending' });
    const reversed = await w.ok(admin, 'timebank', 'reverse', { transferId: 'adjust:legacy-up2', reason: '旧数据更正' });
    expect(reversed.transfer).toMatchObject({ from: '周丹', to: '时间银行', amount: { minutes: 100 } });
    expect(await w.store.get<TransferDoc>('transfers', 'reverse:adjust:legacy-up2')).toMatchObject({ creditAccountId: LEGACY_ISSUANCE_ACCOUNT });
    expect(await w.store.get<AccountDoc>('accounts', LEGACY_ISSUANCE_ACCOUNT)).toMatchObject({
      debitsPosted: 400,
      creditsPosted: 130,
      debitsPending: 0,
      creditsPending: 0,
    });
    expect(await balanceOf(dan)).toBe(300 + 100 - 30 - 100);
    const lines = (await w.ok(dan, 'timebank', 'statement', {})).items as Array<{ counterparty: string }>;
    expect(new Set(lines.map((l) => l.counterparty))).toEqual(new Set(['时间银行']));
    await expectVerified();
  });
});

describe('ledger:verify', () => {
  it('passes on the ledger built above, from the command line too', async () => {
    const report = await verifyLedger(w.store);
    expect(report.ok).toBe(true);
    expect(report.checks.length).toBeGreaterThanOrEqual(10);
    expect(report.counts.transfers).toBeGreaterThan(50);
    const cli = await run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../scripts/ledger-verify.ts')], {
      env: { ...process.env, DATA_DIR: w.dataDir },
    });
    expect(cli.stdout).toContain('✓ all balances sum to zero');
    expect(cli.stdout).toContain('ledger OK');
    expect(cli.stdout).not.toContain('✗');
  });

  it('catches a tampered ledger and exits non-zero', async () => {
    const db = new Database(path.join(w.dataDir, 'street.db'));
    const row = db.prepare(`SELECT id, doc FROM accounts WHERE id = ?`).get(personAccountId(ann.userId)) as { id: string; doc: string };
    const doc = JSON.parse(row.doc) as AccountDoc;
    db.prepare(`UPDATE accounts SET doc = ? WHERE id = ?`).run(JSON.stringify({ ...doc, creditsPosted: doc.creditsPosted + 600 }), row.id);
    try {
      const report = await verifyLedger(w.store);
      expect(report.ok).toBe(false);
      const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
      expect(failed).toEqual(
        expect.arrayContaining([
          'all balances sum to zero',
          "each account's balance equals the sum of its posted transfers",
          'each movement chain is gapless and its running balance consistent',
        ]),
      );
      const cli = run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../scripts/ledger-verify.ts')], {
        env: { ...process.env, DATA_DIR: w.dataDir },
      });
      await expect(cli).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('✗ all balances sum to zero') });
    } finally {
      db.prepare(`UPDATE accounts SET doc = ? WHERE id = ?`).run(row.doc, row.id);
      db.close();
    }
    expect((await verifyLedger(w.store)).ok).toBe(true);
  });
});
