/**
 * The 老伙伴 programme and the scheduler on the CloudBase adapter, over the in-memory stand-in of
 * the wx-server-sdk database (transactions interleave and retry; a query inside a transaction is
 * refused), and the `scheduler` function's entry as its timer trigger calls it: pairing, contacts
 * and the alarm ladder run without a query inside any transaction, two timer runs at once alert
 * once, and a call from the mini-program cannot pose as the timer.
 */
import type { Envelope, FunctionName, AlertsResults, PartnersResults, SchedulerRunView } from '../../cloudfunctions/core/api';
import { generateMasterKey } from '../../cloudfunctions/core/crypto';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import type { Store } from '../../cloudfunctions/core/store/port';
import { REGISTRY } from '../../cloudfunctions/registry';
import type { CloudbaseStandin } from '../support/cloudbase-standin';
import { openStandinStreet, type StandinStreet } from '../support/standin-street';

// The entry imports wx-server-sdk: keep the real one (the stand-in rides on it) but let the test
// choose the WX context and hand the function the stand-in's database.
const wx = { openid: undefined as string | undefined, db: null as unknown };
jest.mock('wx-server-sdk', () => {
  const actual = jest.requireActual('wx-server-sdk');
  return {
    ...actual,
    init: (...args: unknown[]) => actual.init(...args),
    database: (...args: unknown[]) => (args.length === 0 && wx.db ? wx.db : actual.database(...args)),
    getWXContext: () => ({ OPENID: wx.openid }),
  };
});

let street: StandinStreet;
let standin: CloudbaseStandin;
let store: Store;
let deps: RuntimeDeps;
let seq = 0;
const T0 = Date.parse('2026-12-01T02:00:00.000Z');
const clock = { now: new Date(T0) };
const H = 3600_000;

const call = <T>(openid: string, fn: FunctionName, action: string, data: object = {}) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId: `scb-${(seq++).toString(36).padStart(6, '0')}` }, openid, deps) as Promise<Envelope<T>>;
async function ok<T>(openid: string, fn: FunctionName, action: string, data: object = {}): Promise<T> {
  const r = await call<T>(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const userId = async (openid: string) => (await store.get<{ _id: string; userId: string }>('identities', openid))!.userId;

beforeAll(async () => {
  street = await openStandinStreet({ seed: 11, deps: { now: () => clock.now } });
  ({ standin, store, deps } = street);
  wx.db = standin.db;
  process.env.DATA_KEY = generateMasterKey();
  // The CloudBase entries log JSON lines to the console, as they do in production.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(() => street.close());

it('pairs, logs contacts and runs the ladder without a query inside any transaction; two timer runs at once alert once', async () => {
  await ok('demo-admin', 'partners', 'setProgramme', { teamId: 't_partners' });
  await ok('demo-v05', 'partners', 'join', {
    estate: '新圆湾花园',
    building: '6 号楼',
    location: { latitude: 31.2366, longitude: 121.4893 },
    gender: 'male',
    dialects: ['上海话'],
    availability: ['weekend'],
  });
  const suggested = await ok<PartnersResults['suggest']>('demo-social', 'partners', 'suggest', { committeeId: 'c_xinyuanwan' });
  expect(suggested.suggestions.length).toBe(2);
  await ok('demo-social', 'partners', 'confirm', { pairs: suggested.suggestions.map((x) => ({ seniorId: x.seniorId, volunteerId: x.volunteerId })) });
  const [first, second] = suggested.suggestions.map((x) => x.seniorId) as [string, string];
  clock.now = new Date(T0 + 2 * H);
  const contact = await ok<PartnersResults['logContact']>('demo-v05', 'partners', 'logContact', { seniorId: first, channel: 'visit', outcome: 'ok' });
  await ok('demo-social', 'partners', 'approveContacts', { contactIds: [contact.id] });

  // The timer calls the function (no caller): the second senior was never contacted; 48 h on, both steps fire.
  const { main } = await import('../../cloudfunctions/scheduler/index');
  const timer = { Type: 'Timer', TriggerName: 'every15min', Time: new Date(T0 + 48 * H).toISOString() };
  // The entry takes the time from `new Date()`: fake the clock only (timers stay real for the stand-in).
  jest.useFakeTimers({
    now: T0 + 48 * H,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  let runs: Array<{ ok: boolean; data?: SchedulerRunView }>;
  try {
    wx.openid = undefined;
    runs = (await Promise.all([main(timer), main(timer)])) as typeof runs;
  } finally {
    jest.useRealTimers();
  }
  expect(runs.every((r) => r.ok)).toBe(true);
  const total = runs.reduce((sum, r) => sum + r.data!.partners.escalated, 0);
  expect(total).toBe(1);
  const alerts = await ok<AlertsResults['list']>('demo-social', 'alerts', 'list', { state: 'open' });
  expect(alerts.items.filter((a) => a.kind === 'overdue').map((a) => a.seniorId)).toEqual([second]);
  expect(standin.engine.stats.refusedQueries).toBe(0);
});

it('an event from the mini-program that looks like the timer is an ordinary call: only the admin may run it', async () => {
  const { main } = await import('../../cloudfunctions/scheduler/index');
  wx.openid = 'demo-v05';
  const forged = (await main({ Type: 'Timer', TriggerName: 'every15min', action: 'run', data: {}, requestId: 'forged-timer-01' })) as Envelope<unknown>;
  // The timer's keys are platform keys to the entry: dropped, leaving `run`, which a volunteer may not call.
  expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  wx.openid = 'demo-v05';
  const asVolunteer = (await main({ action: 'run', data: {}, requestId: 'volunteer-run-01' })) as Envelope<unknown>;
  expect(asVolunteer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  wx.openid = 'demo-admin';
  const asAdmin = (await main({ action: 'run', data: {}, requestId: 'admin-run-0001' })) as Envelope<SchedulerRunView>;
  expect(asAdmin.ok).toBe(true);
  expect(asAdmin.ok && asAdmin.data.errors).toEqual([]);
  wx.openid = undefined;
  // The run by hand is recorded in audit with the admin as actor.
  const audits = await store.find<{ _id: string; kind: string; actorId: string }>('audit', {
    where: { subjectId: 'scheduler' },
    orderBy: { field: 'at', direction: 'desc' },
    limit: 5,
  });
  expect(audits.items.map((a) => [a.kind, a.actorId])).toEqual([['scheduler.run', await userId('demo-admin')]]);
});
