/**
 * Help requests through the real dispatcher over a real SQLite file, with a clock the test moves:
 * holds, acceptance and the logged contact, reports, confirmation and the credits it moves (exactly),
 * fewer and more minutes, cancelling and handing back before the start, the 72-hour queue, disputes
 * and their settlement, pool grants and eligibility, bad input that writes nothing, and one-tap help.
 * The ledger is verified after each part.
 */
import type {
  AlertDetail,
  AlertsResults,
  AlertView,
  HelpRequestView,
  HelpResults,
  InboxResults,
  RecordsResults,
  SeniorsResults,
} from '../../cloudfunctions/core/api';
import { POOL_ACCOUNT, issuanceAccountFor, personAccountId, type TransferDoc } from '../../cloudfunctions/core/domain/ledger';
import type { ServiceRecordDoc } from '../../cloudfunctions/core/domain/records';
import { sweepHelp } from '../../cloudfunctions/core/services/help';
import { openSeniorStreet, phoneLike, text, type SeniorStreet } from './seniors-fixtures';

const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;
const at = (s: SeniorStreet, iso: string, plusMinutes = 0) => {
  s.clock.now = new Date(Date.parse(iso) + plusMinutes * 60_000);
};
const inboxTitles = async (s: SeniorStreet, openid: string) =>
  (await s.ok<{ items: Array<{ title: string; body: string }> }>(openid, 'inbox', 'list', { limit: 50 })).items.map((m) => m.title);
const transfersOf = (s: SeniorStreet, helpId: string) =>
  (
    s.world.store.rawReader.prepare('SELECT id FROM transfers WHERE id LIKE ? OR id LIKE ? ORDER BY id').all(`%redeem:${helpId}%`, `%r_${helpId}`) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
const auditCount = (s: SeniorStreet, kind: string, actorId: string) =>
  (
    s.world.store.rawReader
      .prepare("SELECT count(*) AS n FROM audit WHERE json_extract(doc, '$.kind') = ? AND json_extract(doc, '$.actorId') = ?")
      .get(kind, actorId) as { n: number }
  ).n;

/** Accepts as `volunteer`, moves the clock past the start and reports `minutes`. */
async function serve(s: SeniorStreet, req: HelpRequestView, volunteer: string, minutes: number): Promise<HelpRequestView> {
  await s.ok(volunteer, 'help', 'accept', { requestId: req.id });
  if (s.clock.now.getTime() < Date.parse(req.startAt) + minutes * 60_000) at(s, req.startAt, minutes);
  return s.ok<HelpRequestView>(volunteer, 'help', 'reportDone', { requestId: req.id, minutes });
}

describe('the whole flow: a proxy asks, a volunteer serves, the proxy confirms', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('moves exactly the minutes served from the senior to the volunteer, once', async () => {
    const senior = await s.userId('demo-s01');
    const volunteer = await s.userId(v(4));
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 600, available: 480, held: 120 });

    // 沈小妹 asks for two hours of companionship for her mother, from her mother's credits.
    const req = await s.request('demo-f01', { seniorId: senior, note: '陪妈妈聊天' });
    expect(req).toMatchObject({
      state: 'open',
      // The proxy is on the senior side: plain words, no 接单.
      stateText: '等待志愿者答应来帮忙',
      funding: 'credits',
      held: { minutes: 120 },
      seniorName: '沈阿婆',
      createdViaText: '家属代理',
    });
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 600, available: 360, held: 240 });

    // Volunteers see category, time, 居委 and walking distance; never the address or a phone.
    const open = await s.ok<HelpResults['open']>(v(4), 'help', 'open', { near: { latitude: 31.2352, longitude: 121.4889 } });
    const mine = open.items.find((i) => i.id === req.id)!;
    expect(mine).toMatchObject({
      seniorName: '沈*婆',
      categoryName: '精神慰藉',
      committeeName: '新圆湾居委',
      timeText: '11月28日（周六）09:00–11:00',
      can: { accept: true },
    });
    expect(mine.distance).toMatchObject({ meters: 100 });
    expect(mine.distance!.text).toMatch(/^约 100 米，步行约 \d+ 分钟$/);
    expect(phoneLike(open)).toEqual([]);
    expect(text(open)).not.toContain('号楼');

    const accepted = await s.ok<HelpRequestView>(v(4), 'help', 'accept', { requestId: req.id });
    expect(accepted).toMatchObject({
      state: 'assigned',
      stateText: '刘芳已接单，11月28日 09:00 上门',
      volunteer: { name: '刘芳' },
      can: { openContact: true, handBack: true, reportDone: false },
    });
    expect(phoneLike(accepted)).toEqual([]);
    // Told in the senior side's words (接单 is the volunteers' word).
    expect(await inboxTitles(s, 'demo-f01')).toContain('有志愿者答应来帮忙');

    // The assigned volunteer opens the address and phone; the opening is logged.
    const contact = await s.ok<HelpResults['contact']>(v(4), 'help', 'contact', { requestId: req.id });
    expect(contact).toEqual({
      requestId: req.id,
      seniorName: '沈阿婆',
      address: '新圆湾花园 3 号楼 101 室',
      phone: '13800000200',
      others: [{ label: '家属（女儿）', name: '沈小妹', phone: '13800000300' }],
    });
    expect(auditCount(s, 'senior.contact.open', volunteer)).toBe(1);

    // Reporting before the start is refused; then the volunteer serves and reports.
    expect(await s.err(v(4), 'help', 'reportDone', { requestId: req.id, minutes: 120 })).toMatchObject({
      code: 'WRONG_STATE',
      message: '服务开始后才能报告完成',
    });
    // 我出发了: not a day early (help-timing.test.ts); two hours before the start the family can learn
    // the volunteer is on the way; a second tap changes nothing.
    expect(accepted.can.onTheWay).toBe(false);
    expect(await s.err('demo-f01', 'help', 'onTheWay', { requestId: req.id })).toMatchObject({ code: 'FORBIDDEN' });
    at(s, req.startAt, -60);
    const going = await s.ok<HelpRequestView>(v(4), 'help', 'onTheWay', { requestId: req.id });
    expect(going).toMatchObject({ stateText: '刘芳已出发，正在上门', can: { onTheWay: false } });
    expect(await inboxTitles(s, 'demo-f01')).toContain('志愿者在路上');
    expect((await s.ok<HelpRequestView>(v(4), 'help', 'onTheWay', { requestId: req.id })).steps!.filter((x) => x.action === 'onTheWay')).toHaveLength(1);
    at(s, req.startAt, 125);
    const reported = await s.ok<HelpRequestView>(v(4), 'help', 'reportDone', { requestId: req.id, minutes: 120, note: '聊了家常' });
    expect(reported).toMatchObject({ state: 'reported', stateText: '刘芳报告服务了 2小时，请确认' });
    expect(await inboxTitles(s, 'demo-f01')).toContain('请确认服务');
    expect(await s.err(v(4), 'help', 'confirm', { requestId: req.id })).toMatchObject({ code: 'FORBIDDEN' });

    const confirmed = await s.ok<HelpRequestView>('demo-f01', 'help', 'confirm', { requestId: req.id });
    expect(confirmed).toMatchObject({
      state: 'completed',
      stateText: '已完成：2小时 时间币已给刘芳',
      settlement: { how: 'confirm', minutes: { minutes: 120 }, byName: '沈小妹', viaText: '家属代理' },
    });
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 480, available: 360, held: 120 });
    expect(await s.money(personAccountId(volunteer))).toEqual({ balance: 120, available: 120, held: 0 });
    expect(transfersOf(s, req.id)).toEqual([`earn:r_${req.id}`, `post:redeem:${req.id}`, `redeem:${req.id}`]);

    // The volunteer's service record: approved, certified by whoever confirmed, credits earned once.
    const record = (await s.world.store.get<ServiceRecordDoc>('serviceRecords', `r_${req.id}`))!;
    expect(record).toMatchObject({
      volunteerId: volunteer,
      teamId: 'help',
      category: 'emotional',
      minutes: 120,
      state: 'approved',
      recorderId: await s.userId('demo-f01'),
      served: '沈*婆',
      place: '新圆湾居委（上门服务）',
    });
    const records = await s.ok<RecordsResults['mine']>(v(4), 'records', 'mine');
    expect(records.items.map((r) => r.id)).toContain(`r_${req.id}`);
    expect(await inboxTitles(s, v(4))).toContain('时间币已到账');

    // A second confirmation (another tap, or the social worker at the same time) changes nothing.
    expect(await s.ok<HelpRequestView>('demo-social', 'help', 'confirm', { requestId: req.id })).toMatchObject({ state: 'completed' });
    expect(await s.money(personAccountId(volunteer))).toEqual({ balance: 120, available: 120, held: 0 });
    expect(transfersOf(s, req.id)).toHaveLength(3);

    // The senior's history says who did what.
    const history = await s.ok<SeniorsResults['history']>('demo-s01', 'seniors', 'history', { limit: 6 });
    expect(history.items.slice(0, 5).map((h) => `${h.viaText}|${h.text}`)).toEqual([
      '家属代理|沈小妹（家属代理）确认服务完成，2小时 时间币给刘芳',
      '志愿者|刘芳（志愿者）报告完成，实际服务 2小时',
      '志愿者|刘芳（志愿者）已出发上门',
      '志愿者|刘芳（志愿者）接下了精神慰藉的求助',
      '家属代理|沈小妹（家属代理）发起求助：精神慰藉 2小时（用老人的时间币）',
    ]);
    const detail = await s.ok<HelpRequestView>('demo-s01', 'help', 'detail', { requestId: req.id });
    expect(detail.steps!.map((x) => x.action)).toEqual(['create', 'accept', 'onTheWay', 'report', 'confirm']);
    await s.verify();
  });

  it('volunteers who did not accept see neither the contact nor the request once taken', async () => {
    const senior = await s.userId('demo-s02');
    const req = await s.request('demo-social', { seniorId: senior, minutes: 60, startTime: '14:00', endTime: '15:00', date: s.day(1) });
    await s.ok(v(6), 'help', 'accept', { requestId: req.id });
    expect(await s.err(v(7), 'help', 'accept', { requestId: req.id })).toEqual({ code: 'ALREADY_TAKEN', message: '这个求助已经被其他志愿者接下了' });
    expect(await s.err(v(7), 'help', 'contact', { requestId: req.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err(v(7), 'help', 'detail', { requestId: req.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect((await s.ok<HelpResults['open']>(v(7), 'help', 'open')).items.map((i) => i.id)).not.toContain(req.id);
    // The assigned one's own lists carry no address or phone either.
    const assigned = await s.ok<HelpResults['assigned']>(v(6), 'help', 'assigned');
    expect(assigned.items.map((i) => i.id)).toContain(req.id);
    expect(phoneLike(assigned)).toEqual([]);
    expect(text(assigned)).not.toContain('号楼');
    expect(auditCount(s, 'senior.contact.open', await s.userId(v(7)))).toBe(0);
  });
});

describe('fewer or more minutes than held', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('fewer: the rest is released', async () => {
    const senior = await s.userId('demo-s01');
    const req = await s.request('demo-f01', { seniorId: senior });
    await serve(s, req, v(4), 90);
    const done = await s.ok<HelpRequestView>('demo-social', 'help', 'confirm', { requestId: req.id });
    expect(done.settlement).toMatchObject({ minutes: { minutes: 90 }, viaText: '社工代办' });
    expect(done.steps!.at(-1)!.text).toBe('居委社工小郑（社工代办）确认服务完成，1小时30分 时间币给刘芳，退回 30分');
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 510, available: 390, held: 120 });
    expect(await s.money(personAccountId(await s.userId(v(4))))).toMatchObject({ balance: 90 });
    expect(transfersOf(s, req.id)).toEqual([`earn:r_${req.id}`, `redeem:${req.id}`, `redeem:${req.id}:actual`, `void:redeem:${req.id}`]);
    await s.verify();
  });

  it('more: topped up from the senior’s credits', async () => {
    const senior = await s.userId('demo-s01');
    const req = await s.request('demo-f01', { seniorId: senior, minutes: 60, date: s.day(1) });
    await serve(s, req, v(6), 90);
    const done = await s.ok<HelpRequestView>('demo-f01', 'help', 'confirm', { requestId: req.id });
    expect(done.steps!.at(-1)!.text).toBe('沈小妹（家属代理）确认服务完成，1小时30分 时间币给杨丽华，另由老人的时间币补足 30分');
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 420, available: 300, held: 120 });
    expect(await s.money(personAccountId(await s.userId(v(6))))).toMatchObject({ balance: 90 });
    expect(transfersOf(s, req.id)).toEqual([`earn:r_${req.id}`, `post:redeem:${req.id}`, `redeem:${req.id}`, `redeem:${req.id}:extra`]);
    await s.verify();
  });

  it('more than the senior has: refused and nothing written; the pool pays only with the social worker', async () => {
    const senior = await s.userId('demo-s02'); // 240 minutes, no proxy; he uses the app himself
    const req = await s.request('demo-s02', { minutes: 240, startTime: '08:00', endTime: '13:00', date: s.day(1) });
    await serve(s, req, v(7), 300);
    const before = s.snapshot();
    expect(await s.err('demo-s02', 'help', 'confirm', { requestId: req.id })).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      message: '实际服务比先留出的多 1小时，但钱老伯只有 0小时 可用。可以请社工从街道公共时间补足，或对时长提出异议',
      details: { accountId: personAccountId(senior), availableMinutes: 0, neededMinutes: 60 },
    });
    expect(await s.err('demo-s02', 'help', 'confirm', { requestId: req.id, extraFrom: 'pool' })).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('用街道公共时间支付需要社工同意'),
    });
    expect(s.snapshot()).toBe(before);
    const pool = (await s.money(POOL_ACCOUNT)).balance;
    const done = await s.ok<HelpRequestView>('demo-social', 'help', 'confirm', { requestId: req.id, extraFrom: 'pool' });
    expect(done.state).toBe('completed');
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 0, available: 0, held: 0 });
    expect((await s.money(POOL_ACCOUNT)).balance).toBe(pool - 60);
    expect(await s.money(personAccountId(await s.userId(v(7))))).toMatchObject({ balance: 300 });
    await s.verify();
  });
});

describe('cancelling and handing back before the start', () => {
  let s: SeniorStreet;
  let senior: string;
  beforeAll(async () => {
    s = await openSeniorStreet();
    senior = await s.userId('demo-s01');
  });
  afterAll(() => s.close());

  it('cancelling an open request voids the hold; again is the same answer', async () => {
    const req = await s.request('demo-f01', { seniorId: senior });
    expect((await s.money(personAccountId(senior))).available).toBe(360);
    const cancelled = await s.ok<HelpRequestView>('demo-f01', 'help', 'cancel', { requestId: req.id, reason: '女儿自己来' });
    expect(cancelled).toMatchObject({ state: 'cancelled', stateText: '已取消（沈小妹）' });
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 600, available: 480, held: 120 });
    expect(transfersOf(s, req.id)).toEqual([`redeem:${req.id}`, `void:redeem:${req.id}`]);
    // Her mother hears it was cancelled for her (and by whom); the daughter who did it is not told.
    const told = async (openid: string) =>
      (await s.ok<InboxResults['list']>(openid, 'inbox', 'list', { limit: 100 })).items.filter(
        (m) => m.kind === 'help.withdrawn' && m.body.includes(req.categoryName),
      );
    expect((await told('demo-s01')).map((m) => m.body)).toEqual([expect.stringMatching(/^沈小妹.*取消了沈阿婆 .*，先留出的 2小时已还回来，不会有人上门了。$/)]);
    expect(await told('demo-f01')).toEqual([]);
    expect((await s.ok<HelpRequestView>('demo-f01', 'help', 'cancel', { requestId: req.id })).state).toBe('cancelled');
    expect(await s.err(v(4), 'help', 'accept', { requestId: req.id })).toMatchObject({ code: 'WRONG_STATE' });
  });

  it('a volunteer hands back before the start; another accepts; cancelling then tells the volunteer', async () => {
    const req = await s.request('demo-f01', { seniorId: senior });
    await s.ok(v(4), 'help', 'accept', { requestId: req.id });
    const back = await s.ok<HelpRequestView>(v(4), 'help', 'handBack', { requestId: req.id, reason: '临时有事' });
    expect(back).toMatchObject({ state: 'open', handedBackCount: 1 });
    expect(await inboxTitles(s, 'demo-f01')).toContain('志愿者来不了了');
    expect(await s.err(v(4), 'help', 'contact', { requestId: req.id })).toMatchObject({ code: 'FORBIDDEN' });
    await s.ok(v(6), 'help', 'accept', { requestId: req.id });
    await s.ok('demo-social', 'help', 'cancel', { requestId: req.id });
    expect(await inboxTitles(s, v(6))).toContain('求助已取消');
    expect((await s.money(personAccountId(senior))).held).toBe(120);
  });

  it('after the start neither cancelling nor handing back; the senior side may dispute instead', async () => {
    const req = await s.request('demo-f01', { seniorId: senior, date: s.day(2) });
    await s.ok(v(4), 'help', 'accept', { requestId: req.id });
    at(s, req.startAt, 1);
    const before = s.snapshot();
    expect(await s.err('demo-f01', 'help', 'cancel', { requestId: req.id })).toEqual({
      code: 'WRONG_STATE',
      message: '服务已经开始，不能取消；如有问题请提出异议',
      details: { state: 'assigned' },
    });
    expect(await s.err(v(4), 'help', 'handBack', { requestId: req.id })).toMatchObject({ code: 'WRONG_STATE' });
    expect(s.snapshot()).toBe(before);
    await s.ok('demo-f01', 'help', 'dispute', { requestId: req.id, reason: '志愿者没有来' });
    const settled = await s.ok<HelpRequestView>('demo-social', 'help', 'settle', { requestId: req.id, how: 'void', reason: '核实志愿者未到场' });
    expect(settled).toMatchObject({ state: 'voided', settlement: { how: 'void', reason: '核实志愿者未到场' } });
    expect((await s.money(personAccountId(senior))).held).toBe(120);
    await s.verify();
  });
});

describe('72 hours without confirmation, disputes and the social worker’s settlement', () => {
  let s: SeniorStreet;
  let senior: string;
  beforeAll(async () => {
    s = await openSeniorStreet();
    senior = await s.userId('demo-s01');
  });
  afterAll(() => s.close());

  it('goes to the social worker’s queue after 72 hours (the scheduler’s sweep), who settles part with the reason kept', async () => {
    const req = await s.request('demo-f01', { seniorId: senior });
    const reported = await serve(s, req, v(4), 120);
    const reportedAt = reported.report!.at;
    at(s, reportedAt, 71 * 60);
    expect(await sweepHelp(s.world.store, s.clock.now)).toMatchObject({ queued: 0 });
    expect((await s.ok<HelpResults['queue']>('demo-social', 'help', 'queue')).overdue).toHaveLength(0);
    at(s, reportedAt, 72 * 60);
    expect(await s.ok<HelpResults['sweep']>('demo-admin', 'help', 'sweep')).toMatchObject({ queued: 1 });
    expect(await s.ok<HelpResults['sweep']>('demo-admin', 'help', 'sweep')).toMatchObject({ queued: 0 });
    expect(await inboxTitles(s, 'demo-social')).toContain('待处理：服务未确认');
    expect(await inboxTitles(s, 'demo-f01')).toContain('服务已转社工处理');
    const queue = await s.ok<HelpResults['queue']>('demo-social', 'help', 'queue');
    expect(queue.overdue.map((r) => [r.id, r.queueReason])).toEqual([[req.id, 'unconfirmed']]);
    expect(queue.overdue[0]!.stateText).toBe('刘芳报告服务了 2小时，请确认；超过 72 小时未确认，已转社工处理');

    const settled = await s.ok<HelpRequestView>('demo-social', 'help', 'settle', {
      requestId: req.id,
      how: 'part',
      minutes: 60,
      reason: '电话核实只陪了一小时',
    });
    expect(settled).toMatchObject({
      state: 'completed',
      queued: false,
      settlement: { how: 'part', minutes: { minutes: 60 }, reason: '电话核实只陪了一小时', byName: '居委社工小郑' },
    });
    // (The seeded request of 09:30 that day found no volunteer: the sweep expired it and released its 120.)
    expect(await s.money(personAccountId(senior))).toEqual({ balance: 540, available: 540, held: 0 });
    expect(await s.money(personAccountId(await s.userId(v(4))))).toMatchObject({ balance: 60 });
    expect((await s.ok<HelpResults['queue']>('demo-social', 'help', 'queue')).overdue).toHaveLength(0);
    await s.verify();
  });

  it('a request never reported 72 hours after its window is queued too', async () => {
    const req = await s.request('demo-f01', { seniorId: senior, date: s.day(1) });
    await s.ok(v(6), 'help', 'accept', { requestId: req.id });
    at(s, req.endAt, 72 * 60);
    await sweepHelp(s.world.store, s.clock.now);
    const queue = await s.ok<HelpResults['queue']>('demo-social', 'help', 'queue');
    expect(queue.overdue.map((r) => [r.id, r.queueReason])).toEqual([[req.id, 'unreported']]);
    await s.ok('demo-social', 'help', 'settle', { requestId: req.id, how: 'all', reason: '老人电话确认已服务' });
    expect(await s.money(personAccountId(await s.userId(v(6))))).toMatchObject({ balance: 120 });
  });

  it('a dispute freezes the request until the social worker settles it', async () => {
    const req = await s.request('demo-f01', { seniorId: senior, date: s.day(1) });
    await serve(s, req, v(7), 120);
    const disputed = await s.ok<HelpRequestView>('demo-f01', 'help', 'dispute', { requestId: req.id, reason: '只待了半小时' });
    expect(disputed).toMatchObject({
      state: 'disputed',
      stateText: '有异议（只待了半小时），等待社工处理',
      dispute: { reason: '只待了半小时', byName: '沈小妹' },
    });
    expect(await inboxTitles(s, 'demo-social')).toContain('服务有异议');
    expect(await inboxTitles(s, v(7))).toContain('服务有异议');
    const before = s.snapshot();
    expect(await s.err('demo-f01', 'help', 'confirm', { requestId: req.id })).toMatchObject({
      code: 'WRONG_STATE',
      message: '这条求助已提出异议，等待社工处理，不能确认',
    });
    expect(await s.err('demo-f01', 'help', 'settle', { requestId: req.id, how: 'all', reason: '家属自己处理' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err('demo-social', 'help', 'settle', { requestId: req.id, how: 'part', minutes: 120, reason: '太多了' })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(s.snapshot()).toBe(before);
    const settled = await s.ok<HelpRequestView>('demo-social', 'help', 'settle', { requestId: req.id, how: 'part', minutes: 30, reason: '双方确认服务半小时' });
    expect(settled.settlement).toMatchObject({ how: 'part', minutes: { minutes: 30 }, reason: '双方确认服务半小时' });
    expect(settled.steps!.map((x) => x.action)).toEqual(['create', 'accept', 'report', 'dispute', 'settle']);
    // Settling again is the same answer; nothing moves twice.
    expect(
      (await s.ok<HelpRequestView>('demo-social', 'help', 'settle', { requestId: req.id, how: 'all', reason: '重复提交' })).settlement!.minutes.minutes,
    ).toBe(30);
    expect(await s.money(personAccountId(await s.userId(v(7))))).toMatchObject({ balance: 30 });
    await s.verify();
  });
});

describe('the pool, eligibility and bad input', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('an eligible senior without credits: the social worker approves a grant and the pool holds it', async () => {
    const queue = await s.ok<HelpResults['queue']>('demo-social', 'help', 'queue');
    const waiting = queue.grants.find((r) => r.seniorName === '顾福根')!;
    expect(waiting).toMatchObject({ state: 'awaiting_grant', funding: 'pool', can: { decideGrant: true } });
    expect((await s.ok<HelpResults['open']>(v(4), 'help', 'open')).items.map((i) => i.id)).not.toContain(waiting.id);
    expect(await s.err('demo-s04', 'help', 'decideGrant', { requestId: waiting.id, approve: true, reason: '自己批准' })).toMatchObject({ code: 'FORBIDDEN' });
    const approved = await s.ok<HelpRequestView>('demo-social', 'help', 'decideGrant', { requestId: waiting.id, approve: true, reason: '独居高龄，无时间币' });
    expect(approved).toMatchObject({ state: 'open', held: { minutes: 60 }, grant: { approved: true, reason: '独居高龄，无时间币' } });
    // Her own decision as the 居委's social worker, not something done for the senior (社工代办).
    expect(approved.steps!.at(-1)!.text).toBe('居委社工小郑（居委社工）批准公益池资助 1小时：独居高龄，无时间币');
    expect(await s.money(POOL_ACCOUNT)).toEqual({ balance: 1200, available: 1140, held: 60 });
    expect(await inboxTitles(s, 'demo-s04')).toContain('社工同意用街道公共时间');
    await serve(s, approved, v(9), 60);
    await s.ok('demo-s04', 'help', 'confirm', { requestId: waiting.id });
    expect(await s.money(POOL_ACCOUNT)).toEqual({ balance: 1140, available: 1140, held: 0 });
    expect(await s.money(personAccountId(await s.userId(v(9))))).toMatchObject({ balance: 60 });
    await s.verify();
  });

  it('a refused grant keeps its reason; nothing is held', async () => {
    const req = await s.request('demo-s04', { funding: 'pool', minutes: 60, startTime: '15:00', endTime: '16:00', date: s.day(1) });
    expect(req.state).toBe('awaiting_grant');
    const refused = await s.ok<HelpRequestView>('demo-social', 'help', 'decideGrant', { requestId: req.id, approve: false, reason: '本月公益池额度已用完' });
    expect(refused).toMatchObject({ state: 'declined', stateText: '公益池资助未获批准：本月公益池额度已用完' });
    expect(transfersOf(s, req.id)).toEqual([]);
  });

  it('an ineligible senior may not use the pool (or credits); special difficulty lowers the age', async () => {
    const young = await s.registerSenior('demo-social', { name: '赵阿姨', birthYear: 1964 });
    await s.credit(young.id, 120);
    const before = s.snapshot();
    const refused = await s.err('demo-social', 'help', 'create', {
      seniorId: young.id,
      category: 'daily',
      date: s.day(1),
      startTime: '09:00',
      endTime: '10:00',
      minutes: 60,
      funding: 'pool',
    });
    expect(refused).toEqual({
      code: 'NOT_ELIGIBLE',
      message: '赵阿姨今年 62 岁；年满 65 岁（特殊困难老人 60 岁）才能用时间币或公益池兑换服务',
      details: { age: 62, requiredAge: 65 },
    });
    expect(
      await s.err('demo-social', 'help', 'create', {
        seniorId: young.id,
        category: 'daily',
        date: s.day(1),
        startTime: '09:00',
        endTime: '10:00',
        minutes: 60,
        funding: 'credits',
      }),
    ).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect(s.snapshot()).toBe(before);
    await s.ok('demo-social', 'seniors', 'update', { seniorId: young.id, specialDifficulty: true });
    const ok = await s.request('demo-social', { seniorId: young.id, funding: 'pool', minutes: 60, startTime: '09:00', endTime: '10:00' });
    expect(ok).toMatchObject({ state: 'open', grant: { approved: true } });
  });

  it('more than the available credits: a clear error and nothing written', async () => {
    const senior = await s.userId('demo-s02');
    const before = s.snapshot();
    expect(
      await s.err('demo-s02', 'help', 'create', { category: 'escort', date: s.day(1), startTime: '08:00', endTime: '14:00', minutes: 300, funding: 'credits' }),
    ).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      message: '钱老伯的可用时间币是 4小时，本次需要 5小时。可以少约一些时间，或请社工申请用街道公共时间',
      details: { accountId: personAccountId(senior), availableMinutes: 240, neededMinutes: 300 },
    });
    expect(s.snapshot()).toBe(before);
  });

  it('other bad input is refused before anything is written', async () => {
    const before = s.snapshot();
    const base = { category: 'emotional', date: s.day(1), startTime: '09:00', endTime: '11:00', minutes: 60, funding: 'credits' };
    expect(await s.err('demo-s02', 'help', 'create', { ...base, note: '到了打 13800001111' })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('不要写电话号码'),
    });
    expect(await s.err('demo-s02', 'help', 'create', { ...base, minutes: 180 })).toMatchObject({ code: 'VALIDATION', message: '预计时长不能超过所选的时间段' });
    expect(await s.err('demo-s02', 'help', 'create', { ...base, date: s.day(-1) })).toMatchObject({
      code: 'VALIDATION',
      message: '开始时间已经过了，请重新选择',
    });
    expect(await s.err('demo-s02', 'help', 'create', { ...base, category: 'community' })).toMatchObject({
      code: 'VALIDATION',
      message: '请选择可以兑换的服务类别',
    });
    expect(await s.err('demo-s02', 'help', 'create', { ...base, endTime: '08:00' })).toMatchObject({ code: 'VALIDATION', message: '结束时间必须晚于开始时间' });
    expect(await s.err('demo-s02', 'help', 'create', { ...base, minutes: 0 })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.err(v(4), 'help', 'create', base)).toMatchObject({ code: 'FORBIDDEN' });
    expect(s.snapshot()).toBe(before);
  });

  it('confirming one’s own service, or accepting one’s own senior’s request, is refused', async () => {
    const senior = await s.userId('demo-s01');
    const req = await s.request('demo-f01', { seniorId: senior, minutes: 60, startTime: '16:00', endTime: '17:00', date: s.day(1) });
    // 沈小妹 is a volunteer too, but not for her own mother; and the request is not in her list.
    expect((await s.ok<HelpResults['open']>('demo-f01', 'help', 'open')).items.map((i) => i.id)).not.toContain(req.id);
    expect(await s.err('demo-f01', 'help', 'accept', { requestId: req.id })).toMatchObject({ code: 'FORBIDDEN', message: '不能接自己或自己代理的老人的求助' });
    // The social worker volunteers too: they may serve, but someone else confirms.
    await serve(s, req, 'demo-social', 60);
    const before = s.snapshot();
    expect(await s.err('demo-social', 'help', 'confirm', { requestId: req.id })).toEqual({
      code: 'FORBIDDEN',
      message: '不能确认自己提供的服务，请由老人、家属代理人或社工确认',
    });
    expect(await s.err('demo-social', 'help', 'settle', { requestId: req.id, how: 'all', reason: '自己处理' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(s.snapshot()).toBe(before);
    await s.ok('demo-f01', 'help', 'confirm', { requestId: req.id });
  });

  it('open requests whose time passed expire and release their holds', async () => {
    const senior = await s.userId('demo-s01');
    const req = await s.request('demo-f01', { seniorId: senior, minutes: 60, startTime: '18:00', endTime: '19:00', date: s.day(1) });
    // Held: this request and the seeded one of the first morning, which no volunteer took either.
    expect((await s.money(personAccountId(senior))).held).toBe(180);
    at(s, req.endAt, 1);
    // Three expire: these two and 赵阿姨's pool-funded request above, also never taken.
    expect((await sweepHelp(s.world.store, s.clock.now)).expired).toBe(3);
    expect((await s.ok<HelpRequestView>('demo-f01', 'help', 'detail', { requestId: req.id })).state).toBe('expired');
    expect((await s.money(personAccountId(senior))).held).toBe(0);
    expect(transfersOf(s, req.id)).toEqual([`redeem:${req.id}`, `void:redeem:${req.id}`]);
    expect(await inboxTitles(s, 'demo-f01')).toContain('求助已过期');
    await s.verify();
  });
});

describe('one-tap help (一键求助)', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('follows the chain to the social worker when the family has not subscribed; she is named as told, opens, handles and closes it', async () => {
    const alert = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
    expect(alert).toMatchObject({
      kindText: '一键求助',
      sourceText: '老人本人按下',
      state: 'open',
      seniorName: '沈阿婆',
      raisedByName: '沈阿婆',
      nobodyReached: false,
    });
    // The family link (沈小妹) is 未订阅, so the chain moved on at once; WeChat accepted the social worker's message.
    expect(alert.told.map((t) => [t.name, t.roleText, t.how])).toEqual([['居委社工小郑', '居委社工', 'wechat']]);
    expect(alert.chain.map((l) => [l.link, l.state])).toEqual([
      ['partner', 'passed'],
      ['socialWorker', 'active'],
      ['duty', 'waiting'],
      ['admin', 'waiting'],
    ]);
    expect(alert.next?.text).toMatch(/前仍无人回应，将通知街道值班$/);
    expect(await inboxTitles(s, 'demo-social')).toContain('一键求助：沈阿婆');
    // The family member still has it in the inbox, although WeChat could not reach her.
    expect(await inboxTitles(s, 'demo-f01')).toContain('一键求助：沈阿婆');

    // A second tap joins the open alert.
    s.advance(1);
    const again = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
    expect(again.id).toBe(alert.id);
    expect(again.steps.at(-1)!.kindText).toBe('再次发出警报');

    // The senior's page offers the numbers to call: family and emergency first.
    const calls = await s.ok<AlertsResults['callList']>('demo-s01', 'alerts', 'callList');
    expect(calls.contacts.map((c) => [c.kind, c.name, c.phone])).toEqual([
      ['family', '沈小妹', '13800000300'],
      ['emergencyService', '急救', '120'],
      ['emergencyService', '报警', '110'],
      ['socialWorker', '居委社工小郑', '13800000002'],
    ]);
    // Her daughter, acting for her, is offered her mother first and never her own number.
    const forDaughter = await s.ok<AlertsResults['callList']>('demo-f01', 'alerts', 'callList', { seniorId: await s.userId('demo-s01') });
    expect(forDaughter.contacts.map((c) => [c.kind, c.name])).toEqual([
      ['senior', '沈阿婆'],
      ['emergencyService', '急救'],
      ['emergencyService', '报警'],
      ['socialWorker', '居委社工小郑'],
    ]);
    const home = await s.ok<SeniorsResults['home']>('demo-f01', 'seniors', 'home');
    expect(home.openAlert?.id).toBe(alert.id);

    // The social worker opens it: seen (who, when), the senior's address and contacts, logged; each person's delivery.
    s.advance(2);
    const opened = await s.ok<AlertDetail>('demo-social', 'alerts', 'get', { alertId: alert.id });
    expect(opened.senior).toMatchObject({ name: '沈阿婆', address: '新圆湾花园 3 号楼 101 室', phone: '13800000200', emergencyContacts: [{ name: '沈小妹' }] });
    expect(opened.seenBy.map((x) => x.name)).toEqual(['居委社工小郑']);
    expect(opened.chain[0]!.people.map((p) => [p.name, p.deliveryText])).toEqual([['沈小妹', '没开微信提醒']]);
    // The senior's page must not let her think her daughter knows: the link passed her by unreached.
    expect(opened.notReached).toEqual([{ userId: await s.userId('demo-f01'), name: '沈小妹', roleText: expect.any(String) }]);
    expect(opened.told.map((t) => t.name)).toEqual(['居委社工小郑']);
    expect(opened.chain[1]!.people.map((p) => [p.name, p.deliveryText])).toEqual([['居委社工小郑', '已送达微信']]);
    expect(auditCount(s, 'senior.open', await s.userId('demo-social'))).toBe(1);
    // The senior sees her alert without the details block; her daughter, told as family, may act on it.
    const mine = await s.ok<AlertDetail>('demo-s01', 'alerts', 'get', { alertId: alert.id });
    expect(mine).toMatchObject({ senior: null, role: 'seniorSide', canHandle: false });
    const forHer = await s.ok<AlertDetail>('demo-f01', 'alerts', 'get', { alertId: alert.id });
    expect(forHer.role).toBe('recipient');
    // She is her mother's emergency contact; her own number is not among the calls offered to her.
    expect(forHer.senior?.emergencyContacts).toEqual([]);
    // Her daughter has opened it (from her inbox, without WeChat): she knows. The senior's side reads
    // her as told (已看到), no longer among those who were not reached; the chain shows her opening.
    const seenByDaughter = await s.ok<AlertView>('demo-s01', 'alerts', 'get', { alertId: alert.id });
    expect(seenByDaughter.notReached).toEqual([]);
    expect(seenByDaughter.told.find((t) => t.name === '沈小妹')).toMatchObject({ how: 'seen' });
    expect(seenByDaughter.chain[0]!.people.map((p) => [p.name, p.delivery, p.deliveryText])).toEqual([['沈小妹', 'seen', '已打开看过']]);
    // The senior looking at her own alert is not someone who was told.
    expect(seenByDaughter.told.map((t) => t.name)).not.toContain('沈阿婆');
    // Someone else may not open it.
    expect(await s.err(v(4), 'alerts', 'get', { alertId: alert.id })).toMatchObject({ code: 'FORBIDDEN' });

    // 我来处理: the chain stops; the senior side is told who.
    const acked = await s.ok<AlertView>('demo-social', 'alerts', 'acknowledge', { alertId: alert.id });
    expect(acked).toMatchObject({ acknowledgedByName: '居委社工小郑', next: { text: '居委社工小郑正在处理' } });
    expect(await inboxTitles(s, 'demo-s01')).toContain('居委社工小郑正在处理');
    s.advance(30);
    await s.ok('demo-admin', 'scheduler', 'run', {});
    expect((await s.ok<AlertDetail>('demo-social', 'alerts', 'get', { alertId: alert.id })).chain[2]!.state).toBe('waiting');

    // "Handled, she is safe" on a tap alone, with nothing done or said, is refused (and writes nothing).
    const untouched = s.snapshot();
    expect(await s.err('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'resolved' })).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/请先记下做了什么/),
      details: [{ path: 'note' }],
    });
    expect(await s.err('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'resolved', note: '   ' })).toMatchObject({ code: 'VALIDATION' });
    expect(s.snapshot()).toBe(untouched);
    await s.ok('demo-social', 'alerts', 'step', { alertId: alert.id, step: 'called', note: '电话接通，老人说头晕' });
    expect(await s.err('demo-s01', 'alerts', 'close', { alertId: alert.id, how: 'resolved' })).toMatchObject({ code: 'FORBIDDEN' });
    const closed = await s.ok<AlertView>('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'resolved', note: '已上门，老人无大碍' });
    expect(closed).toMatchObject({
      state: 'closed',
      closedByName: '居委社工小郑',
      closeHow: 'resolved',
      closeHowText: '已处理',
      closeNote: '已上门，老人无大碍',
      next: null,
    });
    expect(closed.steps.map((x) => [x.kindText, x.note])).toEqual([
      ['发出求助', '一键求助（老人本人按下）'],
      ['正在通知', '正在通知老伙伴和家属：沈小妹'],
      ['换人通知', '老伙伴和家属：消息都没有送到（没开微信提醒，或发送失败），接着通知下一位'],
      ['正在通知', '正在通知居委社工：居委社工小郑'],
      ['已通知', '微信通知已送达居委社工：居委社工小郑'],
      ['再次发出警报', '一键求助（再次）：老人本人按下'],
      ['已查看', ''],
      ['已查看', ''],
      ['我来处理', '居委社工小郑（居委社工）接手处理'],
      ['打了电话', '电话接通，老人说头晕'],
      ['已结束', '已处理：已上门，老人无大碍'],
    ]);
    expect((await s.ok<SeniorsResults['home']>('demo-s01', 'seniors', 'home')).openAlert).toBeNull();
    expect(await inboxTitles(s, 'demo-f01')).toContain('警报已结束：沈阿婆');

    // The next tap is a new alert; the senior may close it as a false alarm.
    const next = await s.ok<AlertView>('demo-f01', 'alerts', 'raise', { note: '妈妈电话没人接' });
    expect(next.id).not.toBe(alert.id);
    expect(next.sourceText).toBe('家属代按');
    expect((await s.ok<AlertView>('demo-s01', 'alerts', 'close', { alertId: next.id, how: 'false_alarm' })).closeHowText).toBe('误按，无需处理');
    const history = await s.ok<SeniorsResults['history']>('demo-s01', 'seniors', 'history', { limit: 3 });
    expect(history.items[0]!.text).toBe('沈阿婆（本人）结束了一键求助：误按，无需处理');
  });

  it('says a move up the chain is due, not a time already gone, when its time passed before the scheduler ran', async () => {
    const alert = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
    const due = alert.chain.find((l) => l.state === 'active')!;
    expect(alert.next?.text).toMatch(/前仍无人回应，将通知街道值班$/);
    const dueAt = Date.parse(due.dueAt!);
    s.clock.now = new Date(dueAt + 3 * 60_000);
    const later = await s.ok<AlertView>('demo-s01', 'alerts', 'get', { alertId: alert.id });
    expect(later.chain.map((l) => l.state)).toEqual(alert.chain.map((l) => l.state));
    expect(later.next?.text).toMatch(/前无人回应，马上通知街道值班$/);
    expect(later.next?.at).toBe(alert.next?.at);
    expect(due.link).toBe('socialWorker');
    // Long past it the scheduler is evidently not running: no promise of a move, but a call to make.
    s.clock.now = new Date(dueAt + 24 * 60 * 60_000);
    const stale = await s.ok<AlertView>('demo-social', 'alerts', 'get', { alertId: alert.id });
    expect(stale.chain.map((l) => l.state)).toEqual(alert.chain.map((l) => l.state));
    expect(stale.next?.text).toMatch(/^\d\d:\d\d 就该通知街道值班，到现在还没有发出，请直接打电话$/);
  });

  it('reaches the paired 老伙伴 volunteer first once the 老伙伴 feature pairs them', async () => {
    const senior = await s.userId('demo-s02');
    const partner = await s.userId(v(18));
    await s.world.store.transaction((tx) => tx.update('seniors', senior, { partnerId: partner }));
    await s.world.store.transaction((tx) =>
      tx.set('subscriptions', {
        _id: partner,
        templates: { alert: { accepts: 2, sends: 0, last: 'accept', answeredAt: s.clock.now.toISOString() } },
        quiet: null,
        updatedAt: s.clock.now.toISOString(),
      }),
    );
    const alert = await s.ok<AlertView>('demo-s02', 'alerts', 'raise', {});
    expect(alert.told.map((r) => [r.name, r.roleText])).toEqual([['何玉兰', '老伙伴']]);
    expect(alert.chain[0]).toMatchObject({ link: 'partner', state: 'active' });
    expect(await inboxTitles(s, v(18))).toContain('一键求助：钱老伯');
    const partnerList = await s.ok<AlertsResults['list']>(v(18), 'alerts', 'list', { state: 'open' });
    expect(partnerList.items.map((a) => a.id)).toEqual([alert.id]);
    const opened = await s.ok<AlertDetail>(v(18), 'alerts', 'get', { alertId: alert.id });
    expect(opened.senior?.address).toMatch(/号楼/);
    const calls = await s.ok<AlertsResults['callList']>('demo-s02', 'alerts', 'callList');
    expect(calls.contacts.at(-1)).toMatchObject({ kind: 'partner', label: '老伙伴', name: '何玉兰' });
    const closed = await s.ok<AlertView>(v(18), 'alerts', 'close', { alertId: alert.id, how: 'resolved', note: '上门看过，一切正常' });
    expect(closed.closedByName).toBe('何玉兰');
    const staffList = await s.ok<AlertsResults['list']>('demo-social', 'alerts', 'list', {});
    expect(staffList.items.map((a) => a.id)).toContain(alert.id);
  });

  it('a proxy opening the senior’s call list is logged; the senior’s own look is not', async () => {
    const f01 = await s.userId('demo-f01');
    const before = auditCount(s, 'senior.contacts.open', f01);
    await s.ok('demo-f01', 'alerts', 'callList');
    expect(auditCount(s, 'senior.contacts.open', f01)).toBe(before + 1);
    expect(auditCount(s, 'senior.contacts.open', await s.userId('demo-s01'))).toBe(0);
  });
});

it('transfer ids are the idempotency keys the ledger expects', async () => {
  const s = await openSeniorStreet();
  try {
    const req = await s.request('demo-f01', { seniorId: await s.userId('demo-s01') });
    const hold = (await s.world.store.get<TransferDoc>('transfers', `redeem:${req.id}`))!;
    expect(hold).toMatchObject({
      kind: 'redeem',
      phase: 'pending',
      debitAccountId: personAccountId(await s.userId('demo-s01')),
      creditAccountId: issuanceAccountFor(`redeem:${req.id}`),
      amount: 120,
      actorId: await s.userId('demo-f01'),
      refs: { helpRequestId: req.id },
    });
    expect(hold.memo).toBe('兑换：精神慰藉 11月28日（周六）09:00–11:00');
  } finally {
    await s.close();
  }
});

describe('one-tap help on the local runtime, where nothing reaches WeChat', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
    // As the local runtime's stand-in: it accepts every message, and none of them reaches WeChat.
    s.world.notifier.kind = 'local';
  });
  afterAll(() => s.close());

  it('says the message reached the app only, on the senior’s page, the chain, its steps and the outbox', async () => {
    const alert = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
    expect(alert.channel).toBe('local');
    expect(alert.told.map((t) => [t.name, t.how])).toEqual([['居委社工小郑', 'local']]);

    const opened = await s.ok<AlertDetail>('demo-social', 'alerts', 'get', { alertId: alert.id });
    // Her message reached no WeChat; that she opened the alert is what her line says now.
    expect(opened.chain[1]!.people.map((p) => [p.name, p.delivery, p.deliveryText])).toEqual([['居委社工小郑', 'seen', '已打开看过']]);
    // …and the senior's page: no longer only the in-app message, but seen.
    expect((await s.ok<AlertView>('demo-s01', 'alerts', 'get', { alertId: alert.id })).told.map((t) => [t.name, t.how])).toEqual([['居委社工小郑', 'seen']]);
    expect(opened.steps.find((st) => st.kind === 'notified')?.note).toBe('只发了站内消息（没有接入微信提醒），等对方回应居委社工：居委社工小郑');

    const outbox = await s.ok<InboxResults['outbox']>('demo-admin', 'inbox', 'outbox', { alertId: alert.id });
    expect(outbox.runtime).toBe('local');
    expect(outbox.items.filter((o) => o.state === 'sent').map((o) => [o.userName, o.stateText])).toEqual([['居委社工小郑', '本机演示，未发微信']]);

    // Nowhere does it claim WeChat delivered anything.
    for (const answer of [alert, opened, outbox, await s.ok('demo-f01', 'seniors', 'home')]) {
      expect(text(answer)).not.toMatch(/已送达微信|微信已送达|微信通知已送达/);
    }
  });
});

describe('the same request asked twice', () => {
  let s: SeniorStreet;
  let senior: string;
  beforeAll(async () => {
    s = await openSeniorStreet();
    senior = await s.userId('demo-s01');
  });
  afterAll(() => s.close());

  it('her daughter asking for what she already asked is refused with the first, and nothing more is held', async () => {
    const first = await s.request('demo-s01', { notDuplicate: undefined, date: s.day(2) });
    const held = await s.money(personAccountId(senior));
    // The same kind of help at an overlapping time, from her daughter's phone: a different requestId.
    const again = await s.err('demo-f01', 'help', 'create', {
      seniorId: senior,
      category: first.category,
      date: s.day(2),
      startTime: '10:00',
      endTime: '12:00',
      minutes: 60,
      funding: 'credits',
    });
    expect(again).toMatchObject({ code: 'DUPLICATE_HELP', details: { requestId: first.id } });
    expect(again.message).toMatch(
      /^沈阿婆在这个时间已经有一个“精神慰藉”的求助（.+），不用再发一次。要换时间，请先取消原来那个；确实要再请一位志愿者，可以再发一个。$/,
    );
    expect(await s.money(personAccountId(senior))).toEqual(held);
    const active = (await s.ok<HelpResults['requests']>('demo-f01', 'help', 'requests', { seniorId: senior, active: true })).items;
    expect(active.filter((r) => r.startAt.slice(0, 10) === first.startAt.slice(0, 10)).map((r) => r.id)).toEqual([first.id]);

    // Another kind of help at that time, or the same kind at another time, is a request of its own.
    const fresh = { seniorId: senior, date: s.day(2), notDuplicate: undefined };
    const other = await s.request('demo-f01', { ...fresh, category: 'daily', minutes: 60 });
    expect(other.id).not.toBe(first.id);
    const later = await s.request('demo-f01', { ...fresh, startTime: '14:00', endTime: '15:00', minutes: 60 });
    expect(later.id).not.toBe(first.id);
    // Two helpers for one job: she says so, and the second is made.
    const second = await s.request('demo-f01', { ...fresh, minutes: 60, notDuplicate: true });
    expect(second.id).not.toBe(first.id);

    // Once the first is cancelled, the same request may be asked again.
    await s.ok('demo-s01', 'help', 'cancel', { requestId: first.id });
    await s.ok('demo-s01', 'help', 'cancel', { requestId: second.id });
    const renewed = await s.request('demo-f01', { ...fresh, minutes: 60 });
    expect(renewed.state).toBe('open');
  });

  it('two phones asking the same at the same moment make one request', async () => {
    at(s, '2026-12-01T01:00:00.000Z');
    const data = { seniorId: senior, category: 'emotional', date: '2026-12-05', startTime: '09:00', endTime: '11:00', minutes: 60, funding: 'credits' };
    const answers = await Promise.all([s.call('demo-s01', 'help', 'create', data), s.call('demo-f01', 'help', 'create', data)]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(['DUPLICATE_HELP']);
  });
});
