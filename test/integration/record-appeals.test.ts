/**
 * 异议 about service hours, mediated by the street (domain: "talk, then mediation by the street, then
 * formal channels; the product keeps an appeal state and a full history"). On the demo street over a
 * real SQLite file, through the dispatcher: a volunteer appeals a rejected or reversed record of their
 * own, once; the street admins hear of it; the admin upholds (the record stays, with the answer) or
 * grants (a correction record is approved in the same transaction and the minutes are credited once,
 * within the day's maximum); the appealed record itself is never edited back.
 */
import type { RecordView, RecordsResults, TimebankResults } from '../../cloudfunctions/core/api';
import { verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { STREET_DESK_ID } from '../../cloudfunctions/core/services/shared/acting';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
const ADMIN = 'demo-admin';
const LEADER = v(1); // leads t_patrol
const ANN = v(4);
const NOW = '2026-11-28T12:00:00.000Z';
const TODAY = '2026-11-28';

type Inbox = { items: Array<{ kind: string; title: string; body: string; page: string }> };
const inbox = async (openid: string, kind: string) => (await s.ok<Inbox>(openid, 'inbox', 'list', { limit: 50 })).items.filter((m) => m.kind === kind);
const balanceOf = async (openid: string) => (await s.ok<TimebankResults['balance']>(openid, 'timebank', 'balance')).balance.minutes;

async function recordFor(openid: string, minutes: number): Promise<RecordView> {
  return s.ok<RecordView>(LEADER, 'records', 'create', {
    volunteerId: await s.userId(openid),
    teamId: 't_patrol',
    category: 'daily',
    date: TODAY,
    place: '滨江社区',
    content: '帮助独居老人打扫卫生',
    minutes,
  });
}

async function rejected(openid: string, minutes = 120): Promise<RecordView> {
  const r = await recordFor(openid, minutes);
  return s.ok<RecordView>(LEADER, 'records', 'reject', { recordId: r.id, reason: '当天没有签到记录' });
}

beforeEach(async () => {
  s = await openStreet(NOW);
  await s.ok(ANN, 'teams', 'join', { teamId: 't_patrol' });
});
afterEach(() => s.close());

describe('raising a 异议', () => {
  it('is offered on my own rejected record only, and tells the street admins', async () => {
    const r = await rejected(ANN);
    const mine = (await s.ok<RecordsResults['mine']>(ANN, 'records', 'mine', {})).items.find((x) => x.id === r.id)!;
    expect(mine).toMatchObject({ state: 'rejected', canAppeal: true, appeal: null });
    // The leader sees the same record, but it is not theirs to appeal.
    expect((await s.ok<RecordsResults['team']>(LEADER, 'records', 'team', { teamId: 't_patrol' })).items.find((x) => x.id === r.id)).toMatchObject({
      canAppeal: false,
    });

    const appealed = await s.ok<RecordView>(ANN, 'records', 'appeal', { recordId: r.id, reason: '我那天 9 点到的，签到码扫不出来，队友可以作证' });
    expect(appealed).toMatchObject({
      state: 'rejected',
      canAppeal: false,
      appeal: { state: 'open', reason: expect.stringContaining('签到码'), answer: null, toldAdmins: 1, toldLeaders: 1 },
    });
    const told = await inbox(ADMIN, 'record.appealed');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('被退回，原因：当天没有签到记录');
    expect(told[0]!.body).toContain('签到码扫不出来');
    expect(told[0]!.page).toBe('/packages/admin/appeals/index');
    // The first step of a dispute is talking: the team's leader hears of it from the same call.
    const leaderTold = await inbox(LEADER, 'record.appealNoted');
    expect(leaderTold).toHaveLength(1);
    expect(leaderTold[0]!.body).toContain('签到码扫不出来');
    expect(leaderTold[0]!.body).toContain('已交给街道管理员调解');
    // It opens the team's records, where the leader reads the 异议 beside the record.
    expect(leaderTold[0]!.page).toBe('/packages/leader/records/index?teamId=t_patrol&show=appealed');
    expect(await s.world.store.count('audit', { kind: 'record.appeal' })).toBe(1);
  });

  it('puts the record on the team’s 有异议 list, in mediation and once answered, beside no other record', async () => {
    const quiet = await rejected(ANN);
    const approved = await s.ok<RecordView>(LEADER, 'records', 'approve', { recordId: (await recordFor(ANN, 60)).id });
    const disputed = await rejected(ANN);
    const appealedIds = async (filter: object = {}) =>
      (await s.ok<RecordsResults['team']>(LEADER, 'records', 'team', { teamId: 't_patrol', appealed: true, ...filter })).items.map((x) => x.id);
    expect(await appealedIds()).toEqual([]);

    await s.ok(ANN, 'records', 'appeal', { recordId: disputed.id, reason: '我那天 9 点到的，签到码扫不出来' });
    expect(await appealedIds()).toEqual([disputed.id]);
    await s.ok(ADMIN, 'records', 'decideAppeal', { recordId: disputed.id, outcome: 'uphold', answer: '签到表上没有这位队员' });
    const answered = (await s.ok<RecordsResults['team']>(LEADER, 'records', 'team', { teamId: 't_patrol', appealed: true })).items;
    expect(answered.map((x) => [x.id, x.appeal?.state])).toEqual([[disputed.id, 'upheld']]);
    // The filters combine: a state narrows the list further.
    expect(await appealedIds({ state: 'rejected' })).toEqual([disputed.id]);
    expect(await appealedIds({ state: 'approved' })).toEqual([]);
    // Without the filter, the team's list still holds every record.
    const all = (await s.ok<RecordsResults['team']>(LEADER, 'records', 'team', { teamId: 't_patrol', limit: 50 })).items.map((x) => x.id);
    expect(all).toEqual(expect.arrayContaining([quiet.id, approved.id, disputed.id]));
    // Another team's leader may not read it.
    expect(await s.call(v(2), 'records', 'team', { teamId: 't_patrol', appealed: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('tells only the leaders who manage the team today, never the volunteer who leads it', async () => {
    // A co-leader appeals a record of their own: the other leader hears of it, they do not.
    await s.ok(ADMIN, 'admin', 'grantRole', { userId: await s.userId(ANN), role: 'leader', teamId: 't_patrol' });
    const r = await rejected(ANN);
    const appealed = await s.ok<RecordView>(ANN, 'records', 'appeal', { recordId: r.id, reason: '我那天在现场' });
    expect(appealed.appeal).toMatchObject({ toldLeaders: 1 });
    expect(await inbox(LEADER, 'record.appealNoted')).toHaveLength(1);
    expect(await inbox(ANN, 'record.appealNoted')).toHaveLength(0);
  });

  it('says how many admins were told: on a street with no admin yet, none, and nobody gets a message', async () => {
    await s.world.store.transaction((tx) => tx.update('desks', STREET_DESK_ID, { adminIds: [] }));
    const r = await rejected(ANN);
    const appealed = await s.ok<RecordView>(ANN, 'records', 'appeal', { recordId: r.id, reason: '我去了' });
    expect(appealed.appeal).toMatchObject({ state: 'open', toldAdmins: 0, toldLeaders: 1 });
    expect(await inbox(ADMIN, 'record.appealed')).toHaveLength(0);
    // The leader is told, and told that nobody mediates yet.
    const [leaderTold] = await inbox(LEADER, 'record.appealNoted');
    expect(leaderTold!.body).toContain('街道还没有设管理员，请您先直接和队员沟通');
  });

  it('may be raised within 60 days of the rejection or reversal, and says when the time is up', async () => {
    const r = await rejected(ANN);
    const mine = async (id: string) => (await s.ok<RecordsResults['mine']>(ANN, 'records', 'mine', {})).items.find((x) => x.id === id)!;
    expect(await mine(r.id)).toMatchObject({ canAppeal: true, appealUntil: '2027-01-27T12:00:00.000Z' });
    // A reversal counts from the reversal, not from the approval or the service.
    const later = await recordFor(ANN, 60);
    await s.ok(LEADER, 'records', 'approve', { recordId: later.id });
    s.clock.now = new Date('2026-12-10T12:00:00.000Z');
    await s.ok(LEADER, 'records', 'reverse', { recordId: later.id, reason: '重复登记' });
    expect(await mine(later.id)).toMatchObject({ state: 'reversed', canAppeal: true, appealUntil: '2027-02-08T12:00:00.000Z' });

    s.clock.now = new Date('2027-01-27T12:00:00.000Z');
    expect(await mine(r.id)).toMatchObject({ canAppeal: false, appealUntil: '2027-01-27T12:00:00.000Z', appeal: null });
    const late = await s.call(ANN, 'records', 'appeal', { recordId: r.id, reason: '我才看到' });
    expect(late).toMatchObject({ ok: false, error: { code: 'WRONG_STATE', message: expect.stringContaining('已超过 60 天') } });
    expect(await inbox(ADMIN, 'record.appealed')).toHaveLength(0);
    // The reversed one still has its days.
    await s.ok(ANN, 'records', 'appeal', { recordId: later.id, reason: '不是重复，那天做了两次' });
    expect(await s.world.store.count('audit', { kind: 'record.appeal' })).toBe(1);
  });

  it('refuses a second 异议, someone else’s record, and a record that was approved or still waits, writing nothing', async () => {
    const r = await rejected(ANN);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '第一次异议' });
    expect(await s.call(ANN, 'records', 'appeal', { recordId: r.id, reason: '再提一次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A retry of the first (same requestId) gets its first answer, not a refusal.
    const other = await rejected(ANN);
    const first = await s.call(ANN, 'records', 'appeal', { recordId: other.id, reason: '同一个请求' }, 'appeal-retry-1');
    const again = await s.call(ANN, 'records', 'appeal', { recordId: other.id, reason: '同一个请求' }, 'appeal-retry-1');
    expect(again).toEqual(first);

    const third = await rejected(ANN);
    expect(await s.call(v(6), 'records', 'appeal', { recordId: third.id, reason: '不是我的记录' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const pending = await recordFor(ANN, 60);
    expect(await s.call(ANN, 'records', 'appeal', { recordId: pending.id, reason: '还没审核' })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    await s.ok(LEADER, 'records', 'approve', { recordId: pending.id });
    // An approved record is disputed about its minutes only: how many it should hold, and more than it does.
    expect(await s.call(ANN, 'records', 'appeal', { recordId: pending.id, reason: '已经通过了' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '请写明您认为应记多少小时' },
    });
    expect(await s.call(ANN, 'records', 'appeal', { recordId: pending.id, reason: '记多了', minutes: 60 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '这条记录已记 1小时，您认为应记的时长要比它多' },
    });
    // A record taken away is restored with its own minutes: none to claim.
    expect(await s.call(ANN, 'records', 'appeal', { recordId: third.id, reason: '我去了', minutes: 180 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await s.call(ANN, 'records', 'appeal', { recordId: third.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await s.world.store.count('audit', { kind: 'record.appeal' })).toBe(2);
  });
});

describe('a 异议 about an approved record’s minutes', () => {
  async function approved(minutes: number): Promise<RecordView> {
    const r = await recordFor(ANN, minutes);
    return s.ok<RecordView>(LEADER, 'records', 'approve', { recordId: r.id });
  }

  it('says what was claimed to the admins and the leader, and a grant adds the difference once', async () => {
    const r = await approved(120);
    const before = await balanceOf(ANN);
    const raised = await s.ok<RecordView>(ANN, 'records', 'appeal', { recordId: r.id, reason: '从 9 点做到 12 点，签退忘了扫', minutes: 180 });
    expect(raised).toMatchObject({ state: 'approved', canAppeal: false, appeal: { state: 'open', about: 'minutes', claimedMinutes: { minutes: 180 } } });
    const [toAdmin] = await inbox(ADMIN, 'record.appealed');
    expect(toAdmin!.body).toContain('已通过；本人认为应记 3小时');
    expect((await inbox(LEADER, 'record.appealNoted'))[0]!.body).toContain('本人认为应记 3小时');
    expect(await balanceOf(ANN)).toBe(before);

    const decide = () =>
      s.call<RecordsResults['decideAppeal']>(
        ADMIN,
        'records',
        'decideAppeal',
        { recordId: r.id, outcome: 'grant', answer: '队长核实签退漏扫' },
        'grant-minutes-1',
      );
    const [a, b] = await Promise.all([decide(), decide()]);
    expect([a, b].filter((x) => !x.ok)).toEqual([]);
    const out = a.ok ? a.data : null;
    expect(out!.correction).toMatchObject({ state: 'approved', correctionOf: r.id, minutes: { minutes: 60 } });
    expect(out!.record).toMatchObject({ state: 'approved', minutes: { minutes: 120 }, appeal: { state: 'granted', about: 'minutes' } });
    expect(await balanceOf(ANN)).toBe(before + 60);
    const [answer] = await inbox(ANN, 'record.appealDecided');
    expect(answer!.title).toBe('异议已处理：补记服务时长');
    expect(answer!.body).toContain('补记 1小时，时间币已存入您的账户');
    // The hours now count as three: the record and what was added to it.
    const totals = await s.ok<RecordsResults['totals']>(ANN, 'records', 'totals', {});
    expect(totals.total.minutes).toBe(180);
    expect((await verifyLedger(s.world.store)).checks.filter((x) => !x.ok)).toEqual([]);
  });

  it('may grant less than was claimed, never more, and says what it added', async () => {
    const r = await approved(120);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '做到了 12 点', minutes: 180 });
    const before = await balanceOf(ANN);
    const decide = (data: object) =>
      s.call<RecordsResults['decideAppeal']>(ADMIN, 'records', 'decideAppeal', { recordId: r.id, answer: '队长说 11 点半收工', ...data });
    expect(await decide({ outcome: 'grant', minutes: 61 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '志愿者认为少记了 1小时，补记不能比这更多' },
    });
    expect(await decide({ outcome: 'uphold', minutes: 30 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '维持原决定不用填时长' } });
    const out = await decide({ outcome: 'grant', minutes: 30 });
    expect(out.ok && out.data.correction).toMatchObject({ minutes: { minutes: 30 } });
    expect(out.ok && out.data.record.appeal).toMatchObject({ state: 'granted', claimedMinutes: { minutes: 180 }, grantedMinutes: { minutes: 30 } });
    expect(await balanceOf(ANN)).toBe(before + 30);
    expect((await inbox(ANN, 'record.appealDecided'))[0]!.body).toContain('补记 30分');
    // A record taken away is restored whole: no minutes to choose.
    const t = await rejected(ANN);
    await s.ok(ANN, 'records', 'appeal', { recordId: t.id, reason: '我去了' });
    expect(await s.call(ADMIN, 'records', 'decideAppeal', { recordId: t.id, outcome: 'grant', answer: '同意', minutes: 30 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '重新记入按原记录的时长，不用填时长' },
    });
  });

  it('takes what was added away with the record when the record is reversed, in one transaction', async () => {
    const r = await approved(120);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '少记了一小时', minutes: 180 });
    await s.ok(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '核实' });
    const before = await balanceOf(ANN);
    const reversed = await s.ok<RecordView>(LEADER, 'records', 'reverse', { recordId: r.id, reason: '这天的活动登记错了队伍' });
    expect(reversed.state).toBe('reversed');
    const added = (await s.ok<RecordsResults['mine']>(ANN, 'records', 'mine', {})).items.find((x) => x.correctionOf === r.id)!;
    expect(added).toMatchObject({ state: 'reversed', reason: expect.stringContaining('随原记录撤销') });
    expect(await balanceOf(ANN)).toBe(before - 180);
    // The volunteer is told once, of everything taken back (the record and what the 异议 added), and why.
    const told = await inbox(ANN, 'record.reversed');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('服务 3小时 已撤销，发放的时间币已收回。原因：这天的活动登记错了队伍');
    expect(told[0]!.page).toBe('/packages/timebank/home/index');
    // Asking again changes nothing and tells nobody twice.
    await s.ok(LEADER, 'records', 'reverse', { recordId: r.id, reason: '这天的活动登记错了队伍' });
    expect(await inbox(ANN, 'record.reversed')).toHaveLength(1);
    expect((await verifyLedger(s.world.store)).checks.filter((x) => !x.ok)).toEqual([]);
  });

  it('cannot be granted once the record was reversed meanwhile; it can still be answered', async () => {
    const r = await approved(120);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '少记了', minutes: 150 });
    await s.ok(LEADER, 'records', 'reverse', { recordId: r.id, reason: '重复登记' });
    expect(await s.call(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '同意' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('被撤销了') },
    });
    const out = await s.ok<RecordsResults['decideAppeal']>(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'uphold', answer: '记录已撤销' });
    expect(out.record.appeal).toMatchObject({ state: 'upheld' });
  });

  it('a grant and a reversal sent at once end consistent: both reversed, or the grant refused', async () => {
    for (let round = 0; round < 4; round++) {
      const r = await approved(120);
      await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '少记了一小时', minutes: 180 });
      const before = await balanceOf(ANN);
      const grant = () => s.call(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '核实' });
      const reverse = () => s.call(LEADER, 'records', 'reverse', { recordId: r.id, reason: '登记错了' });
      // Both in flight together, sent in one order or the other.
      const [granted, reversed] =
        round % 2 ? await Promise.all([grant(), reverse()]) : await Promise.all([reverse(), grant()]).then(([rv, g]) => [g, rv] as const);
      expect(reversed.ok).toBe(true);
      const added = (await s.ok<RecordsResults['mine']>(ANN, 'records', 'mine', {})).items.find((x) => x.correctionOf === r.id);
      if (granted.ok) {
        // Granted first: the reversal took the added hour with the record.
        expect(added).toMatchObject({ state: 'reversed' });
      } else {
        expect(granted).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
        expect(added).toBeUndefined();
      }
      // Either way nothing of the record or its hour is left credited.
      expect(await balanceOf(ANN)).toBe(before - 120);
    }
    expect((await verifyLedger(s.world.store)).checks.filter((x) => !x.ok)).toEqual([]);
  });

  it('is not offered on minutes no leader set: a 老伙伴 contact its volunteer logged', async () => {
    // A contact record as the 老伙伴 service writes it, approved: its minutes were the volunteer's own.
    const r = await recordFor(ANN, 30);
    await s.world.store.transaction((tx) => tx.update('serviceRecords', r.id, { source: 'contact' }));
    await s.ok(LEADER, 'records', 'approve', { recordId: r.id });
    const mine = (await s.ok<RecordsResults['mine']>(ANN, 'records', 'mine', {})).items.find((x) => x.id === r.id)!;
    expect(mine).toMatchObject({ state: 'approved', canAppeal: false, appealUntil: null });
    expect(await s.call(ANN, 'records', 'appeal', { recordId: r.id, reason: '少记了', minutes: 60 })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: '这条记录的时长是您自己登记的，不能对它提出异议' },
    });
  });

  it('may be raised within 60 days of the approval', async () => {
    const r = await approved(60);
    s.clock.now = new Date('2027-01-28T12:00:00.000Z');
    const mine = (await s.ok<RecordsResults['mine']>(ANN, 'records', 'mine', {})).items.find((x) => x.id === r.id)!;
    expect(mine).toMatchObject({ canAppeal: false, appealUntil: '2027-01-27T12:00:00.000Z' });
    expect(await s.call(ANN, 'records', 'appeal', { recordId: r.id, reason: '少记了', minutes: 90 })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: expect.stringContaining('审核通过已超过 60 天') },
    });
  });
});

describe('the street decides', () => {
  it('upholds: the record stays rejected, nothing is credited, the volunteer hears why and where to go next', async () => {
    const r = await rejected(ANN);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '我去了' });
    const before = await balanceOf(ANN);
    const queue = await s.ok<RecordsResults['appeals']>(ADMIN, 'records', 'appeals', {});
    expect(queue).toMatchObject({ count: 1, items: [{ id: r.id, appeal: { state: 'open' } }] });

    const out = await s.ok<RecordsResults['decideAppeal']>(ADMIN, 'records', 'decideAppeal', {
      recordId: r.id,
      outcome: 'uphold',
      answer: '队友和队长都确认那天不在现场',
    });
    expect(out.correction).toBeNull();
    expect(out.record).toMatchObject({
      state: 'rejected',
      appeal: { state: 'upheld', answer: '队友和队长都确认那天不在现场', decidedByName: expect.any(String) },
    });
    expect(await balanceOf(ANN)).toBe(before);
    expect((await s.ok<RecordsResults['appeals']>(ADMIN, 'records', 'appeals', {})).count).toBe(0);
    const [answer] = await inbox(ANN, 'record.appealDecided');
    expect(answer!.title).toBe('异议已处理：维持原决定');
    expect(answer!.body).toContain('12345');
    // The leader hears the outcome as well.
    const leaderNotes = await inbox(LEADER, 'record.appealNoted');
    expect(leaderNotes.map((x) => x.title)).toContain('街道处理了队员的服务时长异议');
    expect(leaderNotes.find((x) => x.title === '街道处理了队员的服务时长异议')!.body).toContain('维持原决定。说明：队友和队长都确认那天不在现场');
    // Decided once: a second decision is refused, and so is a second 异议, saying it was answered.
    expect(await s.call(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '改主意' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await s.call(ANN, 'records', 'appeal', { recordId: r.id, reason: '再提一次' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '这条记录的异议街道已经处理过了，每条记录只能提一次' },
    });
  });

  it('grants a rejected record: one correction, approved and credited once, the original kept as it was', async () => {
    const r = await rejected(ANN, 120);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '签到码扫不出来' });
    const before = await balanceOf(ANN);
    const decide = () =>
      s.call<RecordsResults['decideAppeal']>(
        ADMIN,
        'records',
        'decideAppeal',
        { recordId: r.id, outcome: 'grant', answer: '队长核实后同意重新记入' },
        'grant-once-1',
      );
    // The same request twice at once, and once more after: credited once.
    const [a, b] = await Promise.all([decide(), decide()]);
    const c = await decide();
    expect([a, b, c].filter((x) => !x.ok)).toEqual([]);
    const out = a.ok ? a.data : null;
    expect(out!.correction).toMatchObject({ state: 'approved', correctionOf: r.id, minutes: { minutes: 120 }, canAppeal: false });
    expect(out!.record).toMatchObject({ state: 'rejected', reason: '当天没有签到记录', appeal: { state: 'granted', correctionId: out!.correction!.id } });
    expect(await balanceOf(ANN)).toBe(before + 120);
    const [answer] = await inbox(ANN, 'record.appealDecided');
    expect(answer!.title).toBe('异议已处理：服务时长重新记入');
    expect(answer!.body).toContain('重新记入 2小时，时间币已存入您的账户');
    // No second "已通过" message for the correction: the answer says it.
    expect(await inbox(ANN, 'record.approved')).toHaveLength(0);
    // The leader is told once of the outcome, however often the decision was sent.
    const outcome = (await inbox(LEADER, 'record.appealNoted')).filter((x) => x.title === '街道处理了队员的服务时长异议');
    expect(outcome).toHaveLength(1);
    expect(outcome[0]!.body).toContain('重新记入 2小时');
    expect((await verifyLedger(s.world.store)).checks.filter((x) => !x.ok)).toEqual([]);
  });

  it('grants a reversed record within the day’s maximum, and refuses (leaving the 异议 open) when the day is full', async () => {
    const r = await recordFor(ANN, 360);
    await s.ok(LEADER, 'records', 'approve', { recordId: r.id });
    await s.ok(LEADER, 'records', 'reverse', { recordId: r.id, reason: '记错了人' });
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '没有记错，是我本人' });
    // Meanwhile the day filled up with another approved record.
    const other = await recordFor(ANN, 400);
    await s.ok(LEADER, 'records', 'approve', { recordId: other.id });
    const full = await s.call(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '核实无误' });
    expect(full).toMatchObject({ ok: false, error: { code: 'DAILY_LIMIT' } });
    expect((await s.ok<RecordsResults['appeals']>(ADMIN, 'records', 'appeals', {})).items.map((x) => x.id)).toEqual([r.id]);
    // Once the other record is reversed, the day has room again.
    await s.ok(LEADER, 'records', 'reverse', { recordId: other.id, reason: '重复登记' });
    const before = await balanceOf(ANN);
    const out = await s.ok<RecordsResults['decideAppeal']>(ADMIN, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '核实无误' });
    expect(out.record.state).toBe('reversed');
    expect(await balanceOf(ANN)).toBe(before + 360);
    expect((await verifyLedger(s.world.store)).checks.filter((x) => !x.ok)).toEqual([]);
  });

  it('is for street admins only', async () => {
    const r = await rejected(ANN);
    await s.ok(ANN, 'records', 'appeal', { recordId: r.id, reason: '我去了' });
    for (const who of [LEADER, ANN]) {
      expect(await s.call(who, 'records', 'decideAppeal', { recordId: r.id, outcome: 'grant', answer: '同意' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await s.call(who, 'records', 'appeals', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
