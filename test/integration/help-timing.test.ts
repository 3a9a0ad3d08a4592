/**
 * When a volunteer may say 我出发了, and how many minutes they may report, over the real dispatcher
 * and a real SQLite file with a clock the test moves:
 * - 我出发了 only from ON_THE_WAY_HOURS_BEFORE hours before the start until the end (a day early the
 *   senior would be told "已出发，正在上门" for nothing); the view's can.onTheWay and onTheWayFrom agree;
 * - reported minutes never exceed the minutes since the start (the senior would pay for them), nor
 *   the policy's maxRecordMinutes;
 * - the senior's own words in the steps: no 解冻, "用自己的时间币".
 */
import type { HelpRequestView } from '../../cloudfunctions/core/api';
import { personAccountId } from '../../cloudfunctions/core/domain/ledger';
import { ON_THE_WAY_HOURS_BEFORE } from '../../cloudfunctions/core/domain/help';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;
/** Sets the clock to `iso` plus `plusMinutes`. */
const at = (s: SeniorStreet, iso: string, plusMinutes = 0) => {
  s.clock.now = new Date(Date.parse(iso) + plusMinutes * 60_000);
};
const inbox = async (s: SeniorStreet, openid: string) =>
  (await s.ok<{ items: Array<{ title: string; body: string }> }>(openid, 'inbox', 'list', { limit: 50 })).items;

describe('我出发了 only near the start', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('is refused a day early, with when it becomes possible, and the button is not offered', async () => {
    const senior = await s.userId('demo-s01');
    // Now: 11月27日 08:00; the visit: 11月28日 09:00–11:00.
    const req = await s.request('demo-f01', { seniorId: senior });
    const accepted = await s.ok<HelpRequestView>(v(4), 'help', 'accept', { requestId: req.id });
    expect(accepted.can.onTheWay).toBe(false);
    expect(accepted.onTheWayFrom).toBe('2026-11-27T23:00:00.000Z'); // 11月28日 07:00 in Shanghai

    const early = await s.err(v(4), 'help', 'onTheWay', { requestId: req.id });
    expect(early).toMatchObject({ code: 'WRONG_STATE', message: '还没到出发的时候：11月28日 07:00 起（上门前 2 小时）才能点“我出发了”' });
    // Nothing written, nobody told.
    const detail = await s.ok<HelpRequestView>(v(4), 'help', 'detail', { requestId: req.id });
    expect(detail.steps!.map((x) => x.action)).toEqual(['create', 'accept']);
    expect(detail.stateText).toBe('刘芳已接单，11月28日 09:00 上门');
    expect((await inbox(s, 'demo-f01')).map((m) => m.title)).not.toContain('志愿者在路上');

    // A minute before the window: still refused; at 07:00 the button is offered and works.
    at(s, req.startAt, -ON_THE_WAY_HOURS_BEFORE * 60 - 1);
    expect((await s.err(v(4), 'help', 'onTheWay', { requestId: req.id })).code).toBe('WRONG_STATE');
    expect((await s.ok<HelpRequestView>(v(4), 'help', 'detail', { requestId: req.id })).can.onTheWay).toBe(false);
    at(s, req.startAt, -ON_THE_WAY_HOURS_BEFORE * 60);
    const ready = await s.ok<HelpRequestView>(v(4), 'help', 'detail', { requestId: req.id });
    expect(ready.can.onTheWay).toBe(true);
    expect(ready.onTheWayFrom).toBeUndefined();
    const going = await s.ok<HelpRequestView>(v(4), 'help', 'onTheWay', { requestId: req.id });
    expect(going).toMatchObject({ stateText: '刘芳已出发，正在上门', can: { onTheWay: false } });
    expect((await inbox(s, 'demo-f01')).map((m) => m.title)).toContain('志愿者在路上');
    // Only the assigned volunteer sees when; the senior side never gets onTheWayFrom.
    expect((await s.ok<HelpRequestView>('demo-f01', 'help', 'detail', { requestId: req.id })).onTheWayFrom).toBeUndefined();
  });

  it('is offered during the visit and refused after its end', async () => {
    const senior = await s.userId('demo-s01');
    at(s, '2026-11-27T00:00:00.000Z');
    const req = await s.request('demo-f01', { seniorId: senior, date: s.day(2) });
    const accepted = await s.ok<HelpRequestView>(v(6), 'help', 'accept', { requestId: req.id });
    expect(accepted.can.onTheWay).toBe(false);
    at(s, req.startAt, 30);
    expect((await s.ok<HelpRequestView>(v(6), 'help', 'detail', { requestId: req.id })).can.onTheWay).toBe(true);
    // The senior's side is told only what is known: the time has come, not that someone is serving her.
    const waiting = (await s.ok<HelpRequestView>('demo-f01', 'help', 'detail', { requestId: req.id })).stateText;
    expect(waiting).toMatch(/^约定时间已到（.*），.+还没有说已出发$/);
    at(s, req.endAt);
    const late = await s.ok<HelpRequestView>(v(6), 'help', 'detail', { requestId: req.id });
    expect(late.can.onTheWay).toBe(false);
    expect(late.onTheWayFrom).toBeUndefined();
    expect(await s.err(v(6), 'help', 'onTheWay', { requestId: req.id })).toMatchObject({
      code: 'WRONG_STATE',
      message: '服务时间已经过了，不用再点“我出发了”',
    });
  });
});

describe('reported minutes are capped by the time since the start', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('refuses more minutes than have passed, writing nothing; the senior pays only what passed', async () => {
    const senior = await s.userId('demo-s01');
    const req = await s.request('demo-f01', { seniorId: senior });
    await s.ok(v(4), 'help', 'accept', { requestId: req.id });
    const before = await s.money(personAccountId(senior));

    // 45 minutes after the start, the volunteer claims three hours. Their page knows the most it may be.
    at(s, req.startAt, 45);
    expect((await s.ok<HelpRequestView>(v(4), 'help', 'detail', { requestId: req.id })).minutesSinceStart).toBe(45);
    expect((await s.ok<HelpRequestView>('demo-f01', 'help', 'detail', { requestId: req.id })).minutesSinceStart).toBeUndefined();
    const tooMany = await s.err(v(4), 'help', 'reportDone', { requestId: req.id, minutes: 180 });
    expect(tooMany).toMatchObject({
      code: 'VALIDATION',
      message: '服务开始到现在只有 45分，报告的时长不能比这更长；请按实际服务的时间填写',
      details: [{ path: 'minutes', message: '超过开始到现在的时间' }],
    });
    // Even the expected two hours is too many yet.
    expect((await s.err(v(4), 'help', 'reportDone', { requestId: req.id, minutes: 120 })).code).toBe('VALIDATION');
    const unchanged = await s.ok<HelpRequestView>(v(4), 'help', 'detail', { requestId: req.id });
    expect(unchanged).toMatchObject({ state: 'assigned', report: null });
    expect(unchanged.steps!.map((x) => x.action)).toEqual(['create', 'accept']);

    // Exactly what has passed is fine; confirmed, the senior pays 45 minutes, not more.
    const reported = await s.ok<HelpRequestView>(v(4), 'help', 'reportDone', { requestId: req.id, minutes: 45 });
    expect(reported).toMatchObject({ state: 'reported', report: { minutes: { minutes: 45 } } });
    await s.ok('demo-f01', 'help', 'confirm', { requestId: req.id });
    expect(await s.money(personAccountId(senior))).toEqual({ balance: before.balance - 45, available: before.available + 120 - 45, held: before.held - 120 });
    await s.verify();
  });

  it('still refuses more than the policy allows in one service, however long ago it started', async () => {
    const senior = await s.userId('demo-s01');
    at(s, '2026-11-27T00:00:00.000Z');
    const req = await s.request('demo-f01', { seniorId: senior, date: s.day(2) });
    await s.ok(v(6), 'help', 'accept', { requestId: req.id });
    at(s, req.startAt, 13 * 60);
    expect(await s.err(v(6), 'help', 'reportDone', { requestId: req.id, minutes: 750 })).toMatchObject({
      code: 'VALIDATION',
      message: '一次服务最多 12小时',
    });
    expect((await s.ok<HelpRequestView>(v(6), 'help', 'reportDone', { requestId: req.id, minutes: 120 })).state).toBe('reported');
  });
});

describe('the senior reads her own request in plain words', () => {
  let s: SeniorStreet;
  beforeAll(async () => {
    s = await openSeniorStreet();
  });
  afterAll(() => s.close());

  it('says 用自己的时间币 and 还回来, never 解冻 (nor the staff’s 预留, 退回, 接单)', async () => {
    const own = await s.request('demo-s01', {});
    const cancelled = await s.ok<HelpRequestView>('demo-s01', 'help', 'cancel', { requestId: own.id });
    const texts = cancelled.steps!.map((x) => x.text);
    expect(texts).toEqual(['沈阿婆（本人）发起求助：精神慰藉 2小时（用自己的时间币）', '沈阿婆（本人）取消了求助，先留出的 2小时已还回来']);
    expect(JSON.stringify(cancelled)).not.toContain('解冻');

    // Nobody takes it: it expires, and the steps and the message say the hours went back.
    const senior = await s.userId('demo-s01');
    const lonely = await s.request('demo-f01', { seniorId: senior });
    at(s, lonely.endAt, 1);
    await s.ok('demo-admin', 'help', 'sweep', {});
    const expired = await s.ok<HelpRequestView>('demo-s01', 'help', 'detail', { requestId: lonely.id });
    expect(expired.state).toBe('expired');
    expect(expired.steps!.at(-1)!.text).toBe('时间已过，没有志愿者答应，先留出的 2小时已还回来');
    expect(expired.stateText).toBe('已过期，没有志愿者答应');
    const told = (await inbox(s, 'demo-s01')).filter((m) => m.title === '求助已过期');
    expect(told.map((m) => m.body)).toEqual([expect.stringMatching(/：时间已过，没有志愿者答应，先留出的 2小时已还回来。需要的话请重新发起$/)]);
    // The social worker reads the same steps in the staff's words.
    const staffView = await s.ok<HelpRequestView>('demo-social', 'help', 'detail', { requestId: lonely.id });
    expect(staffView.steps!.at(-1)!.text).toBe('时间已过，无人接单，预留的 2小时已退回');
    expect(staffView.stateText).toBe('已过期，无人接单');
    expect(JSON.stringify(await inbox(s, 'demo-s01'))).not.toContain('解冻');
  });
});
