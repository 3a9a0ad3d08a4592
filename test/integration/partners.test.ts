/**
 * The 老伙伴 programme over a real SQLite store and the dispatcher, on the demo street with a clock
 * the test moves: partner volunteers, pairing decided by the social worker (and found by one-tap
 * help), contacts that become service records approved in bulk with credits through the ledger,
 * the alarm ladder run by the scheduler on a simulated clock, and privacy.
 */
import type { AlertsResults, InboxResults, PartnersResults, SchedulerResults, SeniorsResults } from '../../cloudfunctions/core/api';
import { personAccountId } from '../../cloudfunctions/core/domain/ledger';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import type { SeniorDoc } from '../../cloudfunctions/core/domain/seniors';
import { v } from '../support/activities';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const H = 3600_000;
const T0 = '2026-12-01T02:00:00.000Z';

let s: SeniorStreet;
const id: Record<string, string> = {};

/** Volunteers who become partners, with a home near the demo estates. */
const PARTNERS = {
  [v(5)]: { estate: '新圆湾花园', building: '6 号楼', location: { latitude: 31.2366, longitude: 121.4893 }, gender: 'male', dialects: ['上海话'] },
  [v(9)]: { estate: '新圆湾花园', building: '11 号楼', location: { latitude: 31.2352, longitude: 121.4905 }, gender: 'male', dialects: [] },
  [v(18)]: { estate: '滨江苑', building: '2 号楼', location: { latitude: 31.2375, longitude: 121.491 }, gender: 'female', dialects: ['上海话'] },
} as const;

const runAt = (hours: number) => runScheduler({ store: s.world.store, notifier: s.world.notifier }, new Date(Date.parse(T0) + hours * H));
const setClock = (hours: number) => {
  s.clock.now = new Date(Date.parse(T0) + hours * H);
};

async function messages(openid: string): Promise<InboxResults['list']['items']> {
  return (await s.ok<InboxResults['list']>(openid, 'inbox', 'list', { limit: 100 })).items;
}

async function pair(seniorOpenid: string, volunteerOpenid: string, replace = false): Promise<PartnersResults['confirm']['pairs'][number]> {
  const r = await s.ok<PartnersResults['confirm']>('demo-social', 'partners', 'confirm', {
    pairs: [{ seniorId: id[seniorOpenid], volunteerId: id[volunteerOpenid] }],
    replace,
  });
  return r.pairs[0]!;
}

beforeAll(async () => {
  s = await openSeniorStreet(T0);
  for (const o of ['demo-s01', 'demo-s02', 'demo-s03', 'demo-s04', 'demo-s09', 'demo-f01', v(5), v(9), v(11), v(18)]) id[o] = await s.userId(o);
  await s.ok('demo-admin', 'partners', 'setProgramme', { teamId: 't_partners' });
  for (const o of [v(9), v(18)]) {
    await s.ok(o, 'teams', 'join', { teamId: 't_partners' });
    await s.ok(v(5), 'teams', 'decide', { teamId: 't_partners', userId: id[o], approve: true });
  }
  for (const [o, p] of Object.entries(PARTNERS)) {
    await s.ok(o, 'partners', 'join', { ...p, dialects: [...p.dialects], availability: ['weekdayMorning'] });
  }
});

afterAll(() => s.close());

describe('partner volunteers', () => {
  it('join with capacity 5 by default; only members of the 老伙伴 team may join', async () => {
    const me = await s.ok<PartnersResults['profile']>(v(9), 'partners', 'profile');
    expect(me).toMatchObject({
      capacity: 5,
      load: 0,
      estate: '新圆湾花园',
      building: '11 号楼',
      gender: 'male',
      hasLocation: true,
      availabilityText: '工作日上午',
      state: 'active',
    });
    expect(await s.err(v(11), 'partners', 'join', { estate: '春晓小区', gender: 'female', dialects: [], availability: ['weekend'] })).toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
    // The stored position is coarse (about 100 m); the social worker's list shows estate and building only.
    const stored = await s.world.store.get<{ _id: string; location: { latitude: number; longitude: number } }>('partners', id[v(9)]!);
    expect(stored!.location).toEqual({ latitude: 31.235, longitude: 121.491 });
    const list = await s.ok<PartnersResults['volunteers']>('demo-social', 'partners', 'volunteers', {});
    expect(list.items.map((p) => p.name).sort()).toEqual(['何玉兰', '周国平', '陈志强'].sort());
    expect(JSON.stringify(list)).not.toMatch(/latitude|longitude|31\.23|121\.4|1380000/);
  });
});

describe('pairing', () => {
  it('suggests an optimal, explained assignment that the social worker confirms; one-tap help then tells the partner', async () => {
    await s.ok('demo-social', 'partners', 'seniorPrefs', { seniorId: id['demo-s01'], genderPreference: 'female', dialects: ['上海话'] });
    const suggested = await s.ok<PartnersResults['suggest']>('demo-social', 'partners', 'suggest', { committeeId: 'c_xinyuanwan' });
    // 新圆湾's seniors living alone (沈阿婆, 钱老伯; 邹玉梅 does not live alone).
    expect(suggested.seniors).toBe(2);
    expect(suggested.suggestions.map((x) => x.seniorName).sort()).toEqual(['沈阿婆', '钱老伯'].sort());
    const forS01 = suggested.suggestions.find((x) => x.seniorId === id['demo-s01'])!;
    // 沈阿婆 wants a woman who speaks Shanghainese: 何玉兰 of 滨江 (another 居委) is the best fit.
    expect(forS01.volunteerName).toBe('何玉兰');
    expect(forS01.reasons).toEqual(expect.arrayContaining(['不同居委', '符合希望的女性伙伴', '都会说上海话']));
    expect(forS01.reasons[0]).toMatch(/^相距约 \d+ 米$/);
    expect(suggested.totalCost).toBe(suggested.suggestions.reduce((sum, x) => sum + x.cost, 0));
    // Deterministic: asking again gives the same suggestions.
    expect(await s.ok('demo-social', 'partners', 'suggest', { committeeId: 'c_xinyuanwan' })).toEqual(suggested);

    const confirmed = await s.ok<PartnersResults['confirm']>('demo-social', 'partners', 'confirm', {
      pairs: suggested.suggestions.map((x) => ({ seniorId: x.seniorId, volunteerId: x.volunteerId })),
    });
    expect(confirmed.pairs.every((p) => p.state === 'active')).toBe(true);
    const senior = await s.world.store.get<SeniorDoc>('seniors', id['demo-s01']!);
    expect(senior!.partnerId).toBe(id[v(18)]);
    expect((await messages(v(18))).some((m) => m.title === '新结对：沈阿婆')).toBe(true);
    // Confirming the same pair again changes nothing; a different partner needs "replace".
    expect((await pair('demo-s01', v(18))).id).toBe(confirmed.pairs.find((p) => p.seniorId === id['demo-s01'])!.id);
    expect(await s.err('demo-social', 'partners', 'confirm', { pairs: [{ seniorId: id['demo-s01'], volunteerId: id[v(5)] }] })).toMatchObject({
      code: 'CONFLICT',
    });
    // Nothing left to pair in 新圆湾.
    expect((await s.ok<PartnersResults['suggest']>('demo-social', 'partners', 'suggest', { committeeId: 'c_xinyuanwan' })).suggestions).toEqual([]);

    // The senior presses one-tap help (services/alerts.ts): the partner is the first link of the chain
    // (with the family); not subscribed on WeChat, so the chain moves on to the social worker at once.
    const alert = await s.ok<AlertsResults['raise']>('demo-s01', 'alerts', 'raise', {});
    expect(alert.chain[0]!.people.map((p) => p.name)).toEqual(['何玉兰', '沈小妹']);
    expect(alert.told.map((r) => [r.name, r.roleText])).toEqual([['居委社工小郑', '居委社工']]);
    expect((await messages(v(18))).some((m) => m.title === '一键求助：沈阿婆')).toBe(true);
    await s.ok('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'false_alarm' });
  });

  it('never exceeds a capacity; a rejected pair is not suggested again; ending a pair keeps its history', async () => {
    await s.ok(v(9), 'partners', 'join', { ...PARTNERS[v(9)], dialects: [], availability: ['weekend'], capacity: 1 });
    expect((await s.ok<PartnersResults['mySeniors']>(v(9), 'partners', 'mySeniors')).items).toEqual([]);
    await pair('demo-s04', v(9));
    expect(await s.err('demo-social', 'partners', 'confirm', { pairs: [{ seniorId: id['demo-s03'], volunteerId: id[v(9)] }] })).toMatchObject({
      code: 'CAPACITY_FULL',
    });
    // Two seniors for one volunteer in one call respect the capacity too, and the refused call wrote nothing.
    const snapshot = s.snapshot();
    expect(
      await s.err('demo-social', 'partners', 'confirm', {
        pairs: [
          { seniorId: id['demo-s03'], volunteerId: id[v(5)] },
          { seniorId: await s.userId('demo-s10'), volunteerId: id[v(9)] },
        ],
      }),
    ).toMatchObject({ code: 'CAPACITY_FULL' });
    expect(s.snapshot()).toBe(snapshot);
    await s.ok(v(9), 'partners', 'join', { ...PARTNERS[v(9)], dialects: [], availability: ['weekend'], capacity: 5 });

    // 滨江: 陆桂珍 (s03), 顾福根 (s04), 彭家宝 (s10) live alone.
    const before = await s.ok<PartnersResults['suggest']>('demo-social', 'partners', 'suggest', { committeeId: 'c_binjiang' });
    const first = before.suggestions[0]!;
    await s.ok('demo-social', 'partners', 'reject', { seniorId: first.seniorId, volunteerId: first.volunteerId, reason: '两人以前有矛盾' });
    const after = await s.ok<PartnersResults['suggest']>('demo-social', 'partners', 'suggest', { committeeId: 'c_binjiang' });
    expect(after.suggestions.find((x) => x.seniorId === first.seniorId)?.volunteerId).not.toBe(first.volunteerId);
    const candidates = await s.ok<PartnersResults['candidates']>('demo-social', 'partners', 'candidates', { seniorId: first.seniorId });
    expect(candidates.items.map((c) => c.volunteerId)).not.toContain(first.volunteerId);
    expect(candidates.items.map((c) => c.rank)).toEqual(candidates.items.map((_, i) => i + 1));

    const made = await pair('demo-s03', v(5));
    const ended = await s.ok<PartnersResults['end']>('demo-social', 'partners', 'end', { pairId: made.id, reason: '老人搬去女儿家住' });
    expect(ended).toMatchObject({ state: 'ended', endReason: '老人搬去女儿家住', endedByName: '居委社工小郑' });
    expect((await s.world.store.get<SeniorDoc>('seniors', id['demo-s03']!))!.partnerId).toBeNull();
    const history = await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { seniorId: id['demo-s03'] });
    expect(history.items.map((p) => [p.volunteerName, p.state])).toEqual([['陈志强', 'ended']]);
    // Ending it again changes nothing.
    expect(await s.ok('demo-social', 'partners', 'end', { pairId: made.id, reason: '再结束一次' })).toMatchObject({
      state: 'ended',
      endReason: '老人搬去女儿家住',
    });
  });

  it('only the social worker of the senior’s 居委 pairs', async () => {
    expect(await s.err('demo-social', 'partners', 'confirm', { pairs: [{ seniorId: await s.userId('demo-s05'), volunteerId: id[v(5)] }] })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await s.err(v(5), 'partners', 'suggest', {})).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('contacts and their credits', () => {
  it('become pending service records that the social worker approves in bulk, credited once through the ledger', async () => {
    setClock(1);
    const a = await s.ok<PartnersResults['logContact']>(v(18), 'partners', 'logContact', {
      seniorId: id['demo-s01'],
      channel: 'visit',
      outcome: 'ok',
      needs: ['shopping'],
      followUp: '下周帮忙买米',
    });
    const b = await s.ok<PartnersResults['logContact']>(v(18), 'partners', 'logContact', {
      seniorId: id['demo-s01'],
      channel: 'phone',
      outcome: 'worried',
      note: '说膝盖疼',
      minutes: 15,
    });
    expect(a).toMatchObject({
      channelText: '上门',
      outcomeText: '好',
      needsText: ['买菜购物'],
      hasFollowUp: true,
      hasNote: false,
      recordState: 'pending',
      minutes: { minutes: 30 },
    });
    // The answer (kept with the request for retries) carries the sealed texts only as flags.
    expect(a).not.toHaveProperty('followUp');
    expect(b.minutes!.minutes).toBe(15);
    // 有点担心 tells the social worker.
    expect((await messages('demo-social')).some((m) => m.title === '需要关注：沈阿婆')).toBe(true);
    // The note is sealed at rest.
    expect(JSON.stringify(await s.world.store.get('contacts', b.id))).not.toContain('膝盖');

    const pending = await s.ok<PartnersResults['pendingContacts']>('demo-social', 'partners', 'pendingContacts', {});
    expect(pending.items.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const before = (await s.money(personAccountId(id[v(18)]!))).balance;
    const approved = await s.ok<PartnersResults['approveContacts']>('demo-social', 'partners', 'approveContacts', { contactIds: [a.id, b.id] });
    expect(approved.approved).toBe(2);
    expect((await s.money(personAccountId(id[v(18)]!))).balance).toBe(before + 45);
    // Approving again (a new request) credits nothing more.
    expect((await s.ok<PartnersResults['approveContacts']>('demo-social', 'partners', 'approveContacts', { contactIds: [a.id] })).approved).toBe(0);
    expect((await s.money(personAccountId(id[v(18)]!))).balance).toBe(before + 45);
    const record = await s.world.store.get<{ _id: string; state: string; teamId: string; transferId: string; served: string; place: string }>(
      'serviceRecords',
      a.recordId!,
    );
    expect(record).toMatchObject({ state: 'approved', teamId: 't_partners', transferId: `earn:${a.recordId}`, served: '独居老人 1 位' });
    await s.verify();
    // The volunteer cannot approve; a contact of someone else's senior cannot be logged.
    expect(await s.err(v(18), 'partners', 'approveContacts', { contactIds: [a.id] })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err(v(5), 'partners', 'logContact', { seniorId: id['demo-s01'], channel: 'phone', outcome: 'ok' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('are sent back (rejectContact) with an answer a retry gets again, the sealed note only as a flag', async () => {
    setClock(2);
    const c = await s.ok<PartnersResults['logContact']>(v(18), 'partners', 'logContact', {
      seniorId: id['demo-s01'],
      channel: 'phone',
      outcome: 'worried',
      note: '说腰疼得厉害',
      minutes: 20,
    });
    // s.ok sends every mutation twice under one requestId and fails if the answers differ.
    const rejected = await s.ok<PartnersResults['rejectContact']>('demo-social', 'partners', 'rejectContact', {
      contactId: c.id,
      reason: '电话时长请按实际填写',
    });
    expect(rejected).toMatchObject({ id: c.id, recordState: 'rejected', hasNote: true });
    expect(rejected).not.toHaveProperty('note');
    const kept = s.world.store.rawReader.prepare(`SELECT doc FROM "requests" WHERE id LIKE '%partners.rejectContact%'`).all() as Array<{ doc: string }>;
    expect(kept).toHaveLength(1);
    expect(kept[0]!.doc).not.toContain('腰疼');
    expect((await s.world.store.get<{ _id: string; state: string }>('serviceRecords', c.recordId!))!.state).toBe('rejected');
  });
});

describe('the alarm ladder on a simulated clock', () => {
  it('reminds the volunteer when overdue, alerts the social worker 24 h later, closes when contacted, and alerts nothing twice', async () => {
    setClock(100);
    const made = await pair('demo-s09', v(9)); // paired at T0+100 h: first contact due 24 h later
    expect(made.state).toBe('active');
    const dueMessages = async () => (await messages(v(9))).filter((m) => m.title === '该联系邹玉梅了').length;
    const overdueAlerts = async () =>
      (await s.ok<AlertsResults['list']>('demo-social', 'alerts', 'list', { limit: 100 })).items.filter(
        (x) => x.kind === 'overdue' && x.seniorId === id['demo-s09'],
      );

    await runAt(123);
    expect(await dueMessages()).toBe(0);
    await runAt(124);
    expect(await dueMessages()).toBe(1);
    expect((await messages(v(9))).find((m) => m.title === '该联系邹玉梅了')!.body).toContain('结对后还没有联系上过');
    setClock(124);
    const mine = await s.ok<PartnersResults['mySeniors']>(v(9), 'partners', 'mySeniors');
    expect(mine.items.find((x) => x.name === '邹玉梅')).toMatchObject({ status: 'overdue', statusText: '逾期未联系' });
    expect(mine.items[0]!.status).toBe('overdue');
    // Runs later the same day remind nobody again (the second of two runs at one moment finds nothing at all).
    await runAt(130);
    expect((await runAt(130)).partners).toMatchObject({ reminded: 0, escalated: 0 });
    expect(await dueMessages()).toBe(1);
    expect(await overdueAlerts()).toEqual([]);

    expect((await runAt(148)).partners.escalated).toBeGreaterThanOrEqual(1);
    const alerts = await overdueAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kindText: '逾期未联系', state: 'open', seniorName: '邹玉梅' });
    expect((await messages('demo-social')).filter((m) => m.title === '逾期未联系：邹玉梅')).toHaveLength(1);
    // Run again, and twice at the same moment: still one alert, one message.
    await runAt(149);
    await Promise.all([runAt(150), runAt(150)]);
    expect(await overdueAlerts()).toHaveLength(1);
    expect((await messages('demo-social')).filter((m) => m.title === '逾期未联系：邹玉梅')).toHaveLength(1);

    // The partner calls: the alert closes, a new period starts, nothing is due.
    setClock(151);
    await s.ok(v(9), 'partners', 'logContact', { seniorId: id['demo-s09'], channel: 'phone', outcome: 'ok' });
    const closed = (await overdueAlerts())[0]!;
    expect(closed).toMatchObject({ state: 'closed', closedByName: '周国平', closeHow: 'resolved' });
    expect((await messages('demo-social')).filter((m) => m.title === '已联系上：邹玉梅')).toHaveLength(1);
    await runAt(152);
    expect(await dueMessages()).toBe(1);
    // The next period (84 h later) reminds again, once.
    await runAt(151 + 84);
    expect(await dueMessages()).toBe(2);
    await runAt(151 + 85);
    expect(await dueMessages()).toBe(2);
    setClock(236);
    await s.ok(v(9), 'partners', 'logContact', { seniorId: id['demo-s09'], channel: 'visit', outcome: 'ok' });
  });

  it('联系不上 alerts the social worker, the family and the emergency contacts’ record at once, with the steps; reminds once', async () => {
    setClock(300);
    const contact = await s.ok<PartnersResults['logContact']>(v(18), 'partners', 'logContact', {
      seniorId: id['demo-s01'],
      channel: 'phone',
      outcome: 'unreachable',
      note: '连打三次无人接',
    });
    expect(contact.recordState).toBe('none');
    expect(contact.alertId).toBeTruthy();
    const inbox = await s.ok<AlertsResults['list']>('demo-social', 'alerts', 'list', { state: 'open' });
    const alert = inbox.items.find((x) => x.id === contact.alertId)!;
    // 沈阿婆 had an open 逾期未联系 alert (the ladder, above): 联系不上 joins it and, graver, takes it over.
    expect(alert).toMatchObject({ kind: 'unreachable', kindText: '联系不上', sourceText: '老伙伴发现', state: 'open', raisedByName: '何玉兰' });
    expect(alert.steps.find((x) => x.kind === 'repeat')).toMatchObject({
      kindText: '再次发出警报',
      note: '联系不上：电话：连打三次无人接',
      at: s.clock.now.toISOString(),
    });
    expect(alert.checklist.map((c) => [c.label, c.doneAt])).toEqual([
      ['再打电话', null],
      ['上门敲门', null],
      ['询问楼组长或邻居', null],
      ['拨打 110 / 120', null],
    ]);
    expect((await messages('demo-social')).some((m) => m.title === '联系不上：沈阿婆')).toBe(true);
    // The coverage board says so in red, first: never 已联系 for a senior nobody reached.
    const board = await s.ok<PartnersResults['coverage']>('demo-social', 'partners', 'coverage', {});
    expect(board.items[0]).toMatchObject({ seniorId: id['demo-s01'], status: 'unreachable', statusText: '联系不上' });
    expect(board.counts.unreachable).toBe(1);
    // The family proxy (沈小妹) is told too.
    expect((await messages('demo-f01')).some((m) => m.title === '联系不上：沈阿婆')).toBe(true);
    // The social worker opens it: emergency contacts, logged in audit, recorded as seen.
    const opened = await s.ok<AlertsResults['get']>('demo-social', 'alerts', 'get', { alertId: alert.id });
    expect(opened.senior!.emergencyContacts).toEqual([{ name: '沈小妹', relation: '女儿', phone: '13800000300' }]);
    expect(opened.seenBy.map((x) => x.name)).toEqual(['居委社工小郑']);
    const audits = s.world.store.rawReader.prepare(`SELECT doc FROM "audit"`).all() as Array<{ doc: string }>;
    expect(audits.map((r) => JSON.parse(r.doc)).filter((a) => a.kind === 'senior.open' && a.detail?.alertId === alert.id)).toHaveLength(1);
    // The partner sees the address to knock, but not the emergency contacts.
    expect((await s.ok<AlertsResults['get']>(v(18), 'alerts', 'get', { alertId: alert.id })).senior!.emergencyContacts).toBeNull();

    setClock(300.2);
    await s.ok(v(18), 'alerts', 'step', { alertId: alert.id, step: 'call', note: '又打了两次' });
    setClock(300.4);
    await s.ok(v(18), 'alerts', 'step', { alertId: alert.id, step: 'knock', note: '敲门无人应' });
    const again = await s.ok<AlertsResults['step']>(v(18), 'alerts', 'step', { alertId: alert.id, step: 'knock', note: '再敲一次' });
    expect(again.checklist.filter((c) => c.doneAt).map((c) => [c.step, c.doneAt, c.doneByName])).toEqual([
      ['call', new Date(Date.parse(T0) + 300.2 * H).toISOString(), '何玉兰'],
      ['knock', new Date(Date.parse(T0) + 300.4 * H).toISOString(), '何玉兰'],
    ]);
    // The alert has been open since the overdue period began (days ago): one reminder at the next run, never two.
    expect((await runAt(300.9)).partners.alertReminders).toBe(1);
    expect((await runAt(301)).partners.alertReminders).toBe(0);
    expect((await runAt(302)).partners.alertReminders).toBe(0);
    setClock(301.5);
    await s.ok('demo-social', 'alerts', 'step', { alertId: alert.id, step: 'building', note: '楼组长说老人去女儿家了' });
    const closed = await s.ok<AlertsResults['close']>('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'resolved', note: '老人在女儿家，平安' });
    expect(closed).toMatchObject({ state: 'closed', closedByName: '居委社工小郑', closeHowText: '已处理', closeNote: '老人在女儿家，平安' });
    expect(await s.err(v(18), 'alerts', 'step', { alertId: alert.id, step: 'emergency', note: '晚了' })).toMatchObject({ code: 'WRONG_STATE' });
    expect(closed.steps.map((x) => x.kind)).toEqual([
      // Each link's messages written (notifying), then what WeChat confirmed delivered (notified).
      'raised',
      'notifying',
      'escalated',
      'notifying',
      'notified',
      'escalated',
      'notifying',
      'notified',
      'escalated',
      'escalated',
      'escalated',
      'repeat',
      'seen',
      'seen',
      'called',
      'visited',
      'notifying',
      'note',
      'closed',
    ]);
  });

  it('紧急 alerts at once', async () => {
    setClock(320);
    const contact = await s.ok<PartnersResults['logContact']>(v(18), 'partners', 'logContact', {
      seniorId: id['demo-s01'],
      channel: 'visit',
      outcome: 'emergency',
      note: '摔倒在地，已扶起',
    });
    const alert = (await s.ok<AlertsResults['list']>('demo-social', 'alerts', 'list', { state: 'open' })).items.find((x) => x.id === contact.alertId)!;
    expect(alert).toMatchObject({ kind: 'emergency', kindText: '紧急情况', raisedAt: s.clock.now.toISOString() });
    expect((await messages('demo-social')).some((m) => m.title === '紧急情况：沈阿婆')).toBe(true);
    // The senior was reached: the schedule restarts, and the visit counts as service.
    expect(contact.recordState).toBe('pending');
    await s.ok('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'escalated', note: '已送医' });
  });

  it('a weather alert makes contacts daily while it lasts', async () => {
    setClock(350); // 沈阿婆 was last reached at 320
    const status = async () => (await s.ok<PartnersResults['mySeniors']>(v(18), 'partners', 'mySeniors')).items.find((x) => x.seniorId === id['demo-s01'])!;
    expect((await status()).status).not.toBe('overdue');
    const on = await s.ok<PartnersResults['weather']>('demo-admin', 'partners', 'weather', { on: true, kind: 'heat', days: 3, note: '高温橙色预警' });
    expect(on.weather).toMatchObject({ on: true, kindText: '高温' });
    expect(await status()).toMatchObject({ status: 'overdue', weather: true });
    const run = await runAt(350);
    expect(run.partners.reminded).toBeGreaterThanOrEqual(1);
    await s.ok('demo-admin', 'partners', 'weather', { on: false });
    expect((await status()).status).not.toBe('overdue');
    expect(await s.err(v(18), 'partners', 'weather', { on: false })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the coverage board shows every senior of the 居委 as contacted, due, overdue or unpaired', async () => {
    setClock(360);
    const board = await s.ok<PartnersResults['coverage']>('demo-social', 'partners', 'coverage', { committeeId: 'c_xinyuanwan' });
    expect(board.items).toHaveLength(3);
    const total = board.counts.contacted + board.counts.due + board.counts.overdue + board.counts.unpaired;
    expect(total).toBe(3);
    const statuses = board.items.map((x) => x.status);
    expect(
      [...statuses].sort((a, b) => ['overdue', 'due', 'contacted', 'unpaired'].indexOf(a) - ['overdue', 'due', 'contacted', 'unpaired'].indexOf(b)),
    ).toEqual(statuses);
    const overdueOnly = await s.ok<PartnersResults['coverage']>('demo-social', 'partners', 'coverage', { committeeId: 'c_xinyuanwan', status: 'overdue' });
    expect(overdueOnly.items.every((x) => x.status === 'overdue')).toBe(true);
    expect(await s.err('demo-social', 'partners', 'coverage', { committeeId: 'c_linyin' })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('privacy', () => {
  // A senior's address (…3 号楼 101 室), any phone, any position. A volunteer's estate and building may show.
  const SECRETS = /号楼 \d+ 室|1380000\d{4}|1392\d{7}|13988887777|latitude|longitude|addressHint|"address":|"phone":|"phoneMasked":|"emergencyContacts":/;

  it('a volunteer cannot read a senior who is not theirs', async () => {
    // 何玉兰 looks after 沈阿婆; 钱老伯 is someone else's, 陆桂珍 nobody's.
    for (const senior of ['demo-s02', 'demo-s03']) {
      for (const [action, data] of [
        ['card', {}],
        ['reveal', { field: 'address' }],
        ['reveal', { field: 'phone' }],
        ['contacts', {}],
      ] as const) {
        expect(await s.err(v(18), 'partners', action, { seniorId: id[senior], ...data })).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    expect(await s.err(v(11), 'partners', 'card', { seniorId: id['demo-s01'] })).toMatchObject({ code: 'FORBIDDEN' });
    const someoneElses = (await s.ok<AlertsResults['list']>('demo-social', 'alerts', 'list', {})).items.find((a) => a.seniorId === id['demo-s09'])!;
    expect(await s.err(v(18), 'alerts', 'get', { alertId: someoneElses.id })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the partner opens the address on the card, and the opening is logged', async () => {
    const cardView = await s.ok<PartnersResults['card']>(v(18), 'partners', 'card', { seniorId: id['demo-s01'] });
    expect(cardView).toMatchObject({ name: '沈阿婆', as: 'partner', partner: { name: '何玉兰' } });
    expect(JSON.stringify(cardView)).not.toMatch(/号楼|1380000/);
    const auditCount = () =>
      (s.world.store.rawReader.prepare(`SELECT count(*) AS n FROM "audit" WHERE json_extract(doc, '$.kind') = 'senior.address.open'`).get() as { n: number }).n;
    const before = auditCount();
    const address = await s.ok<PartnersResults['reveal']>(v(18), 'partners', 'reveal', { seniorId: id['demo-s01'], field: 'address' });
    expect(address.address).toMatch(/新圆湾花园 3 号楼/);
    expect(auditCount()).toBe(before + 1);
  });

  it('lists never carry an address, a phone or a position', async () => {
    const lists: unknown[] = [
      await s.ok(v(18), 'partners', 'mySeniors'),
      await s.ok(v(18), 'alerts', 'list', {}),
      await s.ok(v(18), 'partners', 'pairs', {}),
      await s.ok(v(18), 'partners', 'contacts', { seniorId: id['demo-s01'] }),
      await s.ok('demo-social', 'partners', 'coverage', {}),
      await s.ok('demo-social', 'alerts', 'list', {}),
      await s.ok('demo-social', 'partners', 'pairs', {}),
      await s.ok('demo-social', 'partners', 'volunteers', {}),
      await s.ok('demo-social', 'partners', 'pendingContacts', {}),
      await s.ok('demo-social', 'partners', 'suggest', {}),
      await s.ok('demo-social', 'partners', 'candidates', { seniorId: id['demo-s03'] }),
    ];
    for (const list of lists) expect(JSON.stringify(list)).not.toMatch(SECRETS);
  });
});

describe('the scheduler function', () => {
  it('runs by hand for the admin only, and reports what it did', async () => {
    setClock(400);
    const r = await s.ok<SchedulerResults['run']>('demo-admin', 'scheduler', 'run', {});
    expect(r.errors).toEqual([]);
    expect(r.activities).not.toBeNull();
    expect(r.help).not.toBeNull();
    expect(await s.err('demo-social', 'scheduler', 'run', {})).toMatchObject({ code: 'FORBIDDEN' });
    const second = await s.ok<SchedulerResults['run']>('demo-admin', 'scheduler', 'run', {});
    expect(second.partners).toMatchObject({ reminded: 0, escalated: 0, alertReminders: 0 });
  });
});

describe('the home point from the street’s estates (partners.estates, partners.join)', () => {
  const auditRows = (kind: string, subjectId: string) =>
    s.world.store.rawReader
      .prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.kind') = ? AND json_extract(doc, '$.subjectId') = ?")
      .all(kind, subjectId)
      .map((r) => JSON.parse((r as { doc: string }).doc) as { actorId: string; detail: Record<string, unknown> });
  const partnerDoc = (userId: string) =>
    s.world.store.get<{ _id: string; estate: string; estateId?: string | null; location: unknown; locationFrom?: string }>('partners', userId);
  const JOIN = { building: '3 号楼', gender: 'female', dialects: ['上海话'], availability: ['weekend'] } as const;
  let newcomer = '';

  beforeAll(async () => {
    // 孙美玲 of 春晓 joins the 老伙伴 team (approved by its leader) and has no profile yet.
    newcomer = await s.userId(v(12));
    await s.ok(v(12), 'teams', 'join', { teamId: 't_partners' });
    await s.ok(v(5), 'teams', 'decide', { teamId: 't_partners', userId: newcomer, approve: true });
  });

  it('lists the estates of every 居委 with their 居委, never a coordinate', async () => {
    const list = await s.ok<PartnersResults['estates']>(v(12), 'partners', 'estates');
    expect(list.items.length).toBeGreaterThanOrEqual(8);
    expect(list.items[0]).toEqual({ id: 'e_xyw_garden', name: '新圆湾花园', committeeId: 'c_xinyuanwan', committeeName: '新圆湾居委' });
    expect(list.items.map((e) => e.committeeName)).toEqual(expect.arrayContaining(['滨江居委', '林荫居委', '春晓居委']));
    expect(JSON.stringify(list)).not.toMatch(/latitude|longitude|31\.2|121\.4/);
  });

  it('a volunteer joining by estate gets the estate’s point, rounded; others see estate and building only', async () => {
    const view = await s.ok<PartnersResults['join']>(v(12), 'partners', 'join', {
      ...JOIN,
      estateId: 'e_cx_court',
      dialects: [...JOIN.dialects],
      availability: [...JOIN.availability],
    });
    expect(view).toMatchObject({ estate: '春晓苑', estateId: 'e_cx_court', building: '3 号楼', hasLocation: true, locationFrom: 'estate' });
    expect(JSON.stringify(view)).not.toMatch(/latitude|longitude/);
    // Stored: the estate's point (31.2426, 121.4902) kept to about 100 m.
    expect(await partnerDoc(newcomer)).toMatchObject({
      estate: '春晓苑',
      estateId: 'e_cx_court',
      location: { latitude: 31.243, longitude: 121.49 },
      locationFrom: 'estate',
    });
    const listed = (await s.ok<PartnersResults['volunteers']>('demo-social', 'partners', 'volunteers', { limit: 50 })).items.find(
      (p) => p.userId === newcomer,
    )!;
    expect(listed).toMatchObject({ estate: '春晓苑', building: '3 号楼' });
    expect(JSON.stringify(listed)).not.toMatch(/latitude|longitude|31\.2|121\.4|hasLocation|locationFrom/);
  });

  it('refuses an unknown estate or none at all with VALIDATION, writing nothing', async () => {
    const before = s.snapshot();
    const unknown = await s.err(v(12), 'partners', 'join', { ...JOIN, estateId: 'e_nowhere', dialects: ['上海话'], availability: ['weekend'] });
    expect(unknown).toMatchObject({ code: 'VALIDATION', message: '请从列表里选择居住的小区', details: [{ path: 'estateId' }] });
    const none = await s.err(v(12), 'partners', 'join', { ...JOIN, dialects: ['上海话'], availability: ['weekend'] });
    expect(none).toMatchObject({ code: 'VALIDATION', message: '请选择居住的小区' });
    expect(s.snapshot()).toBe(before);
  });

  it('a map pick is kept while the estate stays; another estate replaces it; a typed estate has no point', async () => {
    // weapp: the volunteer also picks a point on the map in the same estate.
    await s.ok(v(12), 'partners', 'join', {
      ...JOIN,
      estateId: 'e_cx_court',
      location: { latitude: 31.24251, longitude: 121.49104 },
      dialects: ['上海话'],
      availability: ['weekend'],
    });
    expect(await partnerDoc(newcomer)).toMatchObject({ location: { latitude: 31.243, longitude: 121.491 }, locationFrom: 'map' });
    // Saving the form again (same estate, no new pick) keeps that finer point.
    await s.ok(v(12), 'partners', 'join', { ...JOIN, estateId: 'e_cx_court', dialects: ['上海话'], availability: ['weekend', 'weekdayMorning'] });
    expect(await partnerDoc(newcomer)).toMatchObject({ location: { latitude: 31.243, longitude: 121.491 }, locationFrom: 'map' });
    // Moving to another estate replaces the old point with that estate's.
    await s.ok(v(12), 'partners', 'join', { ...JOIN, estateId: 'e_cx_estate', dialects: ['上海话'], availability: ['weekend'] });
    expect(await partnerDoc(newcomer)).toMatchObject({ estate: '春晓小区', location: { latitude: 31.241, longitude: 121.492 }, locationFrom: 'estate' });
    // An estate outside the list, typed: no point is kept (an old one would be wrong).
    const typed = await s.ok<PartnersResults['join']>(v(12), 'partners', 'join', {
      ...JOIN,
      estate: '外街小区',
      dialects: ['上海话'],
      availability: ['weekend'],
    });
    expect(typed).toMatchObject({ estate: '外街小区', estateId: null, hasLocation: false, locationFrom: null });
    expect(await partnerDoc(newcomer)).toMatchObject({ location: null, estateId: null });
    // Back to the list for the rest of the tests.
    await s.ok(v(12), 'partners', 'join', { ...JOIN, estateId: 'e_cx_court', dialects: ['上海话'], availability: ['weekend'] });
  });

  it('is idempotent on the requestId', async () => {
    const first = await s.ok<PartnersResults['join']>(
      v(12),
      'partners',
      'join',
      { ...JOIN, estateId: 'e_cx_estate', dialects: ['上海话'], availability: ['weekend'] },
      'join-estate-once-0001',
    );
    const snapshot = s.snapshot();
    const again = await s.ok<PartnersResults['join']>(
      v(12),
      'partners',
      'join',
      { ...JOIN, estateId: 'e_cx_estate', dialects: ['上海话'], availability: ['weekend'] },
      'join-estate-once-0001',
    );
    expect(again).toEqual(first);
    expect(s.snapshot()).toBe(snapshot);
  });

  describe('the senior’s wishes (partners.seniorPrefs)', () => {
    it('the 居委 social worker records them, audited; suggestions use them', async () => {
      const senior = id['demo-s03']!;
      const before = auditRows('partner.prefs', senior).length;
      const r = await s.ok<PartnersResults['seniorPrefs']>(
        'demo-social',
        'partners',
        'seniorPrefs',
        { seniorId: senior, genderPreference: 'male', dialects: ['上海话', '宁波话'] },
        'prefs-s03-once-0001',
      );
      expect(r).toEqual({ seniorId: senior, genderPreference: 'male', dialects: ['上海话', '宁波话'] });
      const card = await s.ok<PartnersResults['card']>('demo-social', 'partners', 'card', { seniorId: senior });
      expect(card).toMatchObject({ genderPreference: 'male', dialects: ['上海话', '宁波话'] });
      const rows = auditRows('partner.prefs', senior);
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ actorId: await s.userId('demo-social'), detail: { genderPreference: 'male', dialects: ['上海话', '宁波话'] } });
      // The same request again changes nothing and audits nothing more.
      const snapshot = s.snapshot();
      expect(
        await s.ok(
          'demo-social',
          'partners',
          'seniorPrefs',
          { seniorId: senior, genderPreference: 'male', dialects: ['上海话', '宁波话'] },
          'prefs-s03-once-0001',
        ),
      ).toEqual(r);
      expect(s.snapshot()).toBe(snapshot);
      // Candidates now say whether the wishes are met.
      const candidates = await s.ok<PartnersResults['candidates']>('demo-social', 'partners', 'candidates', { seniorId: senior });
      expect(candidates.items.find((c) => c.volunteerId === newcomer)?.reasons).toContain('性别偏好未满足');
    });

    it('an active pair says which of the senior’s wishes, recorded after it was made, it does not meet (staff only)', async () => {
      const pairs = await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { state: 'active', limit: 100 });
      const pair = pairs.items[0]!;
      const partner = (await s.world.store.get<{ _id: string; gender: 'female' | 'male'; dialects: string[] }>('partners', pair.volunteerId))!;
      const other = partner.gender === 'female' ? 'male' : 'female';
      const unmetOf = async () =>
        (await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { state: 'active', limit: 100 })).items.find((p) => p.id === pair.id)!.unmet;

      await s.ok('demo-social', 'partners', 'seniorPrefs', { seniorId: pair.seniorId, genderPreference: other, dialects: ['温州话'] });
      expect(await unmetOf()).toEqual([`老人希望${other === 'female' ? '女性' : '男性'}老伙伴`, '老人希望会说温州话']);
      // The volunteer's own list is not told.
      const openid = (await s.world.store.find<{ _id: string }>('identities', { where: { userId: pair.volunteerId }, limit: 1 })).items[0]!._id;
      const own = await s.ok<PartnersResults['pairs']>(openid, 'partners', 'pairs', {});
      expect(own.items.find((p) => p.id === pair.id)?.unmet).toBeNull();

      await s.ok('demo-social', 'partners', 'seniorPrefs', {
        seniorId: pair.seniorId,
        genderPreference: partner.gender,
        dialects: partner.dialects.slice(0, 1),
      });
      expect(await unmetOf()).toEqual([]);
    });

    it('refuses a volunteer, a social worker of another 居委 and bad input, writing nothing', async () => {
      const before = s.snapshot();
      const linyin = await s.userId('demo-s05');
      expect(await s.err(v(12), 'partners', 'seniorPrefs', { seniorId: id['demo-s03'], genderPreference: null, dialects: [] })).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await s.err('demo-social', 'partners', 'seniorPrefs', { seniorId: linyin, genderPreference: null, dialects: [] })).toMatchObject({
        code: 'FORBIDDEN',
        message: '只能为本居委的老人登记',
      });
      expect(await s.err('demo-social', 'partners', 'seniorPrefs', { seniorId: id['demo-s03'], genderPreference: 'any', dialects: [] })).toMatchObject({
        code: 'VALIDATION',
        message: '请选择性别',
      });
      expect(await s.err('demo-social', 'partners', 'seniorPrefs', { seniorId: id['demo-s03'], genderPreference: null, dialects: ['沪'] })).toMatchObject({
        code: 'VALIDATION',
        message: '方言名称至少 2 个字',
      });
      expect(s.snapshot()).toBe(before);
    });
  });

  it('a senior’s pairs, ended ones included, say who, from when, until when and why', async () => {
    const history = await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { seniorId: id['demo-s03'], state: 'ended' });
    expect(history.items.length).toBeGreaterThanOrEqual(1);
    for (const p of history.items) {
      expect(p).toMatchObject({ state: 'ended', seniorName: '陆桂珍', endedByName: expect.any(String), endReason: expect.any(String) });
      expect(Date.parse(p.endedAt!)).toBeGreaterThanOrEqual(Date.parse(p.createdAt));
    }
    expect(history.items.map((p) => p.endReason)).toContain('老人搬去女儿家住');
    // Only the 居委's staff read a senior's pair history.
    expect(await s.err(v(12), 'partners', 'pairs', { seniorId: id['demo-s03'] })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('staff correcting a paired senior’s point: pairing uses the new one, and the partner is told', async () => {
    // 沈阿婆 (demo-s01) is paired with 何玉兰 (v18, 滨江苑 2 号楼).
    const senior = id['demo-s01']!;
    const distanceTo = async (name: string) =>
      (await s.ok<PartnersResults['candidates']>('demo-social', 'partners', 'candidates', { seniorId: senior, limit: 50 })).items.find(
        (c) => c.volunteerName === name,
      )?.distanceM;
    const before = await distanceTo('陈志强');
    expect(before).toBeLessThan(300);
    const moved = await s.ok<SeniorsResults['relocate']>('demo-social', 'seniors', 'relocate', {
      seniorId: senior,
      estateId: 'e_bj_court',
      reason: '登记时小区选错了',
    });
    expect(moved).toMatchObject({ changed: ['位置'], hasLocation: true, estateId: 'e_bj_court', partner: { name: '何玉兰' } });
    // 滨江苑 (31.2398, 121.496) to 何玉兰's point (31.2375, 121.491, kept as 31.238, 121.491): about 500 m.
    expect(moved.partner!.distanceM).toBeGreaterThan(300);
    expect(moved.partner!.distanceM).toBeLessThan(700);
    expect((await s.world.store.get<SeniorDoc>('seniors', senior))!.location).toEqual({ latitude: 31.24, longitude: 121.496 });
    expect((await messages(v(18))).some((m) => m.title === '沈阿婆的位置已更正')).toBe(true);
    // Candidates (pairing) now measure from the new point: 陈志强 lives in 新圆湾花园, now farther away.
    expect(await distanceTo('陈志强')).toBeGreaterThan(before! + 300);
  });
});

describe('ending a pair: may the two be suggested again? (partners.end suggestAgain, exclusions, allowAgain)', () => {
  const auditRows = (kind: string, subjectId: string) =>
    s.world.store.rawReader
      .prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.kind') = ? AND json_extract(doc, '$.subjectId') = ?")
      .all(kind, subjectId)
      .map((r) => JSON.parse((r as { doc: string }).doc) as { actorId: string; detail: Record<string, unknown> });
  const suggestedFor = async (seniorId: string) =>
    (await s.ok<PartnersResults['suggest']>('demo-social', 'partners', 'suggest', { committeeId: 'c_xinyuanwan' })).suggestions.find(
      (x) => x.seniorId === seniorId,
    )?.volunteerId;
  const candidateIds = async (seniorId: string) =>
    (await s.ok<PartnersResults['candidates']>('demo-social', 'partners', 'candidates', { seniorId, limit: 50 })).items.map((c) => c.volunteerId);
  let senior = '';
  let volunteer = '';

  beforeAll(async () => {
    // 钱老伯 (demo-s02, 新圆湾) was paired by the first pairing test.
    senior = id['demo-s02']!;
    const current = (await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { seniorId: senior, state: 'active' })).items[0]!;
    volunteer = current.volunteerId;
  });

  it('“may again”: the same pair is the next suggestion, nothing is excluded, and the choice is audited', async () => {
    const current = (await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { seniorId: senior, state: 'active' })).items[0]!;
    const ended = await s.ok<PartnersResults['end']>('demo-social', 'partners', 'end', {
      pairId: current.id,
      reason: '老伙伴出门旅游一个月',
      suggestAgain: true,
    });
    expect(ended).toMatchObject({ state: 'ended', excluded: false });
    expect(await suggestedFor(senior)).toBe(volunteer);
    expect((await s.ok<PartnersResults['exclusions']>('demo-social', 'partners', 'exclusions', { seniorId: senior })).items).toEqual([]);
    expect(auditRows('partner.end', senior).find((a) => a.detail.pairId === current.id)).toMatchObject({
      detail: { volunteerId: volunteer, reason: '老伙伴出门旅游一个月', suggestAgain: true },
    });
  });

  it('“not again” (the default): the pair is left out of the next suggestion and the candidates, with the reason kept; idempotent', async () => {
    const again = await pair('demo-s02', nameToOpenid(volunteer));
    const data = { pairId: again.id, reason: '两人性格不合，老人不愿再联系' };
    const ended = await s.ok<PartnersResults['end']>('demo-social', 'partners', 'end', data, 'end-not-again-0001');
    expect(ended).toMatchObject({ state: 'ended', endReason: '两人性格不合，老人不愿再联系', excluded: true });
    // The same request again: the first answer, nothing written.
    const snapshot = s.snapshot();
    expect(await s.ok('demo-social', 'partners', 'end', data, 'end-not-again-0001')).toEqual(ended);
    expect(s.snapshot()).toBe(snapshot);

    const next = await suggestedFor(senior);
    expect(next).toBeDefined();
    expect(next).not.toBe(volunteer);
    expect(await candidateIds(senior)).not.toContain(volunteer);
    // Staff read why, who and when; the pair history marks it.
    const list = await s.ok<PartnersResults['exclusions']>('demo-social', 'partners', 'exclusions', { seniorId: senior });
    expect(list.items).toEqual([
      expect.objectContaining({
        volunteerId: volunteer,
        from: 'end',
        fromText: '结束结对时选择不再推荐',
        reason: '两人性格不合，老人不愿再联系',
        pairId: again.id,
        byName: '居委社工小郑',
      }),
    ]);
    const history = await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { seniorId: senior });
    expect(history.items.filter((p) => p.volunteerId === volunteer).map((p) => p.excluded)).toEqual([true, true]);
    const audits = auditRows('partner.end', senior);
    expect(audits).toHaveLength(2);
    // (The clock stands still here: find the row by its pair, not by its order.)
    expect(audits.find((a) => a.detail.pairId === again.id)).toMatchObject({ actorId: await s.userId('demo-social'), detail: { suggestAgain: false } });
    const log = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId: senior });
    expect(log.items[0]).toMatchObject({ kind: 'partner.end', text: expect.stringContaining('以后不再推荐') });
    // The volunteer's own list of pairs does not say they are kept out.
    const own = await s.ok<PartnersResults['pairs']>(nameToOpenid(volunteer), 'partners', 'pairs', { state: 'ended' });
    expect(own.items.find((p) => p.id === again.id)).toMatchObject({ excluded: null });
  });

  it('a suggestion not taken is listed too, with its reason', async () => {
    // 彭家宝 (demo-s10, 滨江) and 孙美玲 (v12, 春晓).
    const peng = await s.userId('demo-s10');
    const sun = await s.userId(v(12));
    await s.ok('demo-social', 'partners', 'reject', { seniorId: peng, volunteerId: sun, reason: '老人想要住得更近的' });
    const list = await s.ok<PartnersResults['exclusions']>('demo-social', 'partners', 'exclusions', { seniorId: peng });
    expect(list).toMatchObject({ seniorName: '彭家宝' });
    expect(list.items.find((x) => x.volunteerId === sun)).toMatchObject({
      volunteerName: '孙美玲',
      from: 'reject',
      fromText: '不采用这条结对建议',
      reason: '老人想要住得更近的',
      pairId: null,
      byName: '居委社工小郑',
    });
    expect(await candidateIds(peng)).not.toContain(sun);
  });

  it('refuses a volunteer and a social worker of another 居委, writing nothing', async () => {
    // A 林荫 pair, made by the admin.
    const linyin = await s.userId('demo-s05');
    const made = (await s.ok<PartnersResults['confirm']>('demo-admin', 'partners', 'confirm', { pairs: [{ seniorId: linyin, volunteerId: id[v(9)] }] }))
      .pairs[0]!;
    const before = s.snapshot();
    expect(await s.err(v(9), 'partners', 'allowAgain', { seniorId: senior, volunteerId: volunteer })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err(v(9), 'partners', 'exclusions', { seniorId: senior })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err(v(9), 'partners', 'end', { pairId: made.id, reason: '不想结对了' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err('demo-social', 'partners', 'end', { pairId: made.id, reason: '试试别的居委' })).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能调整本居委老人的结对',
    });
    expect(await s.err('demo-social', 'partners', 'allowAgain', { seniorId: linyin, volunteerId: id[v(9)] })).toMatchObject({
      code: 'FORBIDDEN',
      message: '只能调整本居委老人的结对',
    });
    expect(await s.err('demo-social', 'partners', 'exclusions', { seniorId: linyin })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await s.err('demo-social', 'partners', 'end', { pairId: made.id, reason: '好', suggestAgain: false })).toMatchObject({
      code: 'VALIDATION',
      message: '请填写原因（至少 2 个字）',
    });
    expect(await s.err('demo-social', 'partners', 'end', { pairId: made.id, reason: '两人不合', suggestAgain: 'no' })).toMatchObject({
      code: 'VALIDATION',
      message: '请选择以后是否还可以推荐这位老伙伴',
    });
    expect(await s.err('demo-social', 'partners', 'allowAgain', { seniorId: senior, volunteerId: volunteer, reason: '电话 13800001111 同意' })).toMatchObject({
      code: 'VALIDATION',
    });
    expect(s.snapshot()).toBe(before);
    // The admin ends it (may again) and the test street is as before.
    expect(await s.ok('demo-admin', 'partners', 'end', { pairId: made.id, reason: '测试结束', suggestAgain: true })).toMatchObject({
      state: 'ended',
      excluded: false,
    });
  });

  it('staff undo the exclusion: the pair comes back in suggestions; audited with what was undone; idempotent', async () => {
    const data = { seniorId: senior, volunteerId: volunteer, reason: '两人已和好，老人想再请他照看' };
    const r = await s.ok<PartnersResults['allowAgain']>('demo-social', 'partners', 'allowAgain', data, 'allow-again-0001');
    expect(r).toMatchObject({ seniorId: senior, volunteerId: volunteer, changed: true, excluded: 0 });
    const snapshot = s.snapshot();
    expect(await s.ok('demo-social', 'partners', 'allowAgain', data, 'allow-again-0001')).toEqual(r);
    expect(s.snapshot()).toBe(snapshot);

    expect(await suggestedFor(senior)).toBe(volunteer);
    expect(await candidateIds(senior)).toContain(volunteer);
    expect((await s.ok<PartnersResults['exclusions']>('demo-social', 'partners', 'exclusions', { seniorId: senior })).items).toEqual([]);
    const history = await s.ok<PartnersResults['pairs']>('demo-social', 'partners', 'pairs', { seniorId: senior });
    expect(history.items.filter((p) => p.volunteerId === volunteer).map((p) => p.excluded)).toEqual([false, false]);
    const rows = auditRows('partner.allowAgain', senior);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: await s.userId('demo-social'),
      detail: { volunteerId: volunteer, reason: '两人已和好，老人想再请他照看', was: { from: 'end', reason: '两人性格不合，老人不愿再联系' } },
    });
    const log = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId: senior });
    expect(log.items[0]).toMatchObject({ kind: 'partner.allowAgain', text: expect.stringContaining('撤销了“不再推荐老伙伴') });
    // Undoing it again (a new request) changes nothing and audits nothing (only the request is kept).
    const quiet = s.snapshot(['requests']);
    expect(await s.ok('demo-social', 'partners', 'allowAgain', { seniorId: senior, volunteerId: volunteer })).toMatchObject({ changed: false });
    expect(s.snapshot(['requests'])).toBe(quiet);
  });
});

/** The openid of a partner volunteer of this file, from their user id. */
function nameToOpenid(userId: string): string {
  const found = Object.entries(id).find(([, x]) => x === userId);
  if (!found) throw new Error(`no openid for ${userId}`);
  return found[0];
}
