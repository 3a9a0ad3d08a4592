/**
 * A 老伙伴 who could not reach her senior (联系不上 raised an alert up the chain) and then reaches her:
 * the alert ends, everyone it reached hears she was found, the chain stops climbing, and the lists
 * date the failed try with its own time, not with the last contact that reached her.
 */
import type { AlertsResults, InboxResults, PartnersResults } from '../../cloudfunctions/core/api';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { v } from '../support/activities';
import { becomePartner } from '../support/partners';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const T0 = '2026-12-04T01:00:00.000Z';
const MIN = 60_000;
let s: SeniorStreet;
let seniorId: string;

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * MIN);
const inbox = async (openid: string) => (await s.ok<InboxResults['list']>(openid, 'inbox', 'list', { limit: 100 })).items;
const alertOf = (alertId: string) => s.ok<AlertsResults['get']>('demo-social', 'alerts', 'get', { alertId });
const mine = async () => (await s.ok<PartnersResults['mySeniors']>(v(18), 'partners', 'mySeniors')).items.find((x) => x.seniorId === seniorId)!;
const log = (outcome: 'ok' | 'worried' | 'unreachable', extra: object = {}) =>
  s.ok<PartnersResults['logContact']>(v(18), 'partners', 'logContact', { seniorId, channel: 'phone', outcome, ...extra });

beforeEach(async () => {
  s = await openSeniorStreet(T0);
  await becomePartner(s.ok, v(18), await s.userId(v(18)));
  seniorId = (await s.registerSenior('demo-social', { name: '顾阿婆' })).id;
  await s.ok('demo-social', 'partners', 'confirm', { pairs: [{ seniorId, volunteerId: await s.userId(v(18)) }] });
});
afterEach(() => s.close());

it('reaching her ends the 联系不上 alert: everyone it reached is told, the chain climbs no further', async () => {
  s.clock.now = at(0);
  expect((await log('ok')).endedAlerts).toBe(0);
  s.clock.now = at(60);
  const failed = await log('unreachable', { note: '打了三次没人接' });
  const raised = await alertOf(failed.alertId!);
  expect(raised).toMatchObject({ state: 'open', kind: 'unreachable' });
  expect(await mine()).toMatchObject({
    status: 'unreachable',
    lastOutcome: 'unreachable',
    lastTriedAt: at(60).toISOString(),
    lastContactAt: at(0).toISOString(),
  });

  s.clock.now = at(75);
  const found = await log('ok', { channel: 'visit' });
  expect(found.endedAlerts).toBe(1);
  const ended = await alertOf(failed.alertId!);
  expect(ended).toMatchObject({ state: 'closed', closeHowText: '已处理', closeNote: '老伙伴何玉兰已联系上老人（好）' });
  // The social workers it reached hear she was found.
  expect((await inbox('demo-social')).filter((m) => m.title === '已联系上：顾阿婆')).toHaveLength(1);
  // The chain climbs no further: the scheduler's runs past every link's wait escalate nothing.
  const before = ended.steps.length;
  for (const minutes of [120, 240, 600]) await runScheduler({ store: s.world.store, notifier: s.world.notifier }, at(minutes));
  expect((await alertOf(failed.alertId!)).steps).toHaveLength(before);
  expect(await mine()).toMatchObject({ status: 'contacted', lastOutcome: 'ok', lastContactAt: at(75).toISOString(), openAlerts: 0 });
  // A retry of the request answers the same, and ends nothing twice.
  expect(await s.ok(v(18), 'partners', 'logContact', { seniorId, channel: 'visit', outcome: 'ok' }, 'reach-again')).toMatchObject({ endedAlerts: 0 });
});

it('a contact logged late for a time before the alert, or one that did not reach her, leaves the alert open', async () => {
  s.clock.now = at(60);
  const failed = await log('unreachable');
  s.clock.now = at(70);
  // Logged now, for 30 minutes before the alert: she was fine then, which says nothing about now.
  expect((await log('ok', { at: at(30).toISOString() })).endedAlerts).toBe(0);
  expect(await log('unreachable')).toMatchObject({ endedAlerts: 0 });
  expect(await alertOf(failed.alertId!)).toMatchObject({ state: 'open' });
  // The list still says the latest try failed, dated with that try, and the last that reached her apart.
  expect(await mine()).toMatchObject({ status: 'unreachable', lastTriedAt: at(70).toISOString(), lastContactAt: at(30).toISOString() });
});

it('a senior just paired is 待首次联系 (never 已联系) until someone reaches her; the board lists only the programme’s seniors', async () => {
  s.clock.now = at(10);
  expect(await mine()).toMatchObject({ status: 'waiting', statusText: '待首次联系', lastContactAt: null, dueAt: expect.any(String) });
  const board = async () => s.ok<PartnersResults['coverage']>('demo-social', 'partners', 'coverage', {});
  const before = await board();
  expect(before.items.find((x) => x.seniorId === seniorId)).toMatchObject({ status: 'waiting' });
  // A try that finds nobody is not a first contact either.
  await log('unreachable');
  expect(await mine()).toMatchObject({ status: 'unreachable' });
  await log('ok');
  expect(await mine()).toMatchObject({ status: 'contacted', statusText: '已联系' });

  // Someone who does not live alone and has no partner is not the programme's: not on the board, not counted.
  const notAlone = (await s.registerSenior('demo-social', { name: '住在儿子家的阿婆', livingAlone: false })).id;
  const after = await board();
  expect(after.items.some((x) => x.seniorId === notAlone)).toBe(false);
  expect(after.counts.unpaired).toBe(before.counts.unpaired);
});

it('the 老伙伴 who raised 联系不上 hears who took it over and that it ended (the close dialog promises it)', async () => {
  s.clock.now = at(60);
  const failed = await log('unreachable', { note: '打了三次没人接' });
  s.clock.now = at(70);
  await s.ok('demo-social', 'alerts', 'acknowledge', { alertId: failed.alertId! });
  s.clock.now = at(90);
  await s.ok('demo-social', 'alerts', 'close', { alertId: failed.alertId!, how: 'resolved', note: '已上门，老人在家' });
  const told = (await inbox(v(18))).filter((m) => m.kind === 'alert.acknowledged' || m.kind === 'alert.closed');
  expect(told.map((m) => m.kind).sort()).toEqual(['alert.acknowledged', 'alert.closed']);
  expect(told.find((m) => m.kind === 'alert.closed')!.body).toContain('已处理');
  // Whoever closed it is not told of their own close.
  expect((await inbox('demo-social')).filter((m) => m.kind === 'alert.closed')).toHaveLength(0);
});

it('a link passed on and then taken by one of its people says who took it, and so does the link being told', async () => {
  s.clock.now = at(60);
  const failed = await log('unreachable');
  // Nobody at the 居委 answers within the wait: the chain moves on to the next link.
  await runScheduler({ store: s.world.store, notifier: s.world.notifier }, at(95));
  const moved = await alertOf(failed.alertId!);
  expect(moved.chain.find((l) => l.link === 'socialWorker')).toMatchObject({ state: 'passed', stateText: '没有人接手，已通知下一位' });
  const next = moved.chain.find((l) => l.state === 'active')!;
  expect(next.link).not.toBe('socialWorker');
  s.clock.now = at(100);
  await s.ok('demo-social', 'alerts', 'acknowledge', { alertId: failed.alertId! });
  const taken = await alertOf(failed.alertId!);
  const name = (await s.ok<{ profile: { name: string } }>('demo-social', 'account', 'me')).profile.name;
  for (const link of ['socialWorker', next.link]) {
    expect(taken.chain.find((l) => l.link === link)).toMatchObject({ state: 'acknowledged', stateText: `已由${name}接手处理` });
  }
  expect(taken.chain.map((l) => l.stateText).join()).not.toContain('已有人处理');
});
