/**
 * Help requests on the CloudBase adapter, over the in-memory stand-in of the wx-server-sdk database:
 * transactions interleave (conflicts and retries really happen) and any query inside a transaction
 * is refused. Concurrent accepts leave one volunteer; concurrent confirmations move credits once;
 * the ledger verifies.
 */
import type { AlertView, Envelope, FunctionName, HelpRequestView } from '../../cloudfunctions/core/api';
import { availableOf, balanceOf, personAccountId, type AccountDoc } from '../../cloudfunctions/core/domain/ledger';
import { addDays, localDate } from '../../cloudfunctions/core/domain/schedule';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { sweepHelp } from '../../cloudfunctions/core/services/help';
import type { Store } from '../../cloudfunctions/core/store/port';
import { REGISTRY } from '../../cloudfunctions/registry';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import type { CloudbaseStandin } from '../support/cloudbase-standin';
import { openStandinStreet, type StandinStreet } from '../support/standin-street';
import { createFakeNotifier } from '../support/notifier-fake';

let street: StandinStreet;
let standin: CloudbaseStandin;
let store: Store;
let deps: RuntimeDeps;
const notifier = createFakeNotifier();
let seq = 0;
const clock = { now: new Date('2026-11-27T00:00:00.000Z') };

const call = <T>(openid: string, fn: FunctionName, action: string, data: object = {}, requestId = `hcb-${(seq++).toString(36).padStart(6, '0')}`) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId }, openid, deps) as Promise<Envelope<T>>;
async function ok<T>(openid: string, fn: FunctionName, action: string, data: object = {}): Promise<T> {
  const r = await call<T>(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;
const userId = async (openid: string) => (await store.get<{ _id: string; userId: string }>('identities', openid))!.userId;
const money = async (accountId: string) => {
  const a = await store.get<AccountDoc>('accounts', accountId);
  return a ? { balance: balanceOf(a), available: availableOf(a), held: a.debitsPending } : null;
};

beforeAll(async () => {
  street = await openStandinStreet({ seed: 5, deps: { notifier, now: () => clock.now } });
  ({ standin, store, deps } = street);
});

afterAll(() => street.close());

it('seeds the seniors, proxies and requests without a query inside any transaction', () => {
  expect(standin.engine.stats.refusedQueries).toBe(0);
});

it('12 volunteers accept at once: exactly one is assigned; two confirmations at once move the credits once', async () => {
  const senior = await userId('demo-s01');
  const tomorrow = addDays(localDate(clock.now), 1);
  const req = await ok<HelpRequestView>('demo-f01', 'help', 'create', {
    seniorId: senior,
    category: 'daily',
    date: tomorrow,
    startTime: '14:00',
    endTime: '16:00',
    minutes: 120,
    funding: 'credits',
  });
  const before = { conflicts: standin.engine.stats.conflicts, refused: standin.engine.stats.refusedQueries };

  const volunteers = [4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map(v);
  const results = await Promise.all(volunteers.map((p) => call<HelpRequestView>(p, 'help', 'accept', { requestId: req.id })));
  const winners = results.filter((r) => r.ok);
  expect(winners).toHaveLength(1);
  expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(11).fill('ALREADY_TAKEN'));
  const winner = volunteers[results.findIndex((r) => r.ok)]!;
  expect((await store.get<{ _id: string; volunteerId: string }>('helpRequests', req.id))!.volunteerId).toBe(await userId(winner));
  expect(standin.engine.stats.conflicts - before.conflicts).toBeGreaterThan(0);

  clock.now = new Date(Date.parse(req.startAt) + 120 * 60_000);
  await ok(winner, 'help', 'reportDone', { requestId: req.id, minutes: 120 });
  const confirms = await Promise.all([
    call<HelpRequestView>('demo-f01', 'help', 'confirm', { requestId: req.id }),
    call<HelpRequestView>('demo-social', 'help', 'confirm', { requestId: req.id }),
    call<HelpRequestView>('demo-f01', 'help', 'confirm', { requestId: req.id }),
  ]);
  expect(confirms.every((r) => r.ok && r.data.state === 'completed')).toBe(true);
  expect(await money(personAccountId(await userId(winner)))).toEqual({ balance: 120, available: 120, held: 0 });
  expect(await money(personAccountId(senior))).toMatchObject({ balance: 480 });
  expect(standin.engine.stats.refusedQueries - before.refused).toBe(0);

  // The sweep (queries outside, one transaction per request inside) also runs on CloudBase.
  clock.now = new Date(clock.now.getTime() + 4 * 86_400_000);
  const swept = await sweepHelp(store, clock.now);
  expect(swept.expired).toBe(2); // the two seeded requests: nobody took one, nobody approved the other
  expect(standin.engine.stats.refusedQueries - before.refused).toBe(0);

  const report = await verifyLedger(store);
  if (!report.ok) throw new Error(formatReport(report));
});

it('one-tap help and the proxy flow work on CloudBase too', async () => {
  // The chain, its delivery and its settling run on CloudBase too: queries outside, reads by id inside.
  const alert = await ok<AlertView>('demo-s03', 'alerts', 'raise', {});
  expect(alert.told.map((t) => t.name)).toEqual(['居委社工小郑']);
  expect(notifier.sent.map((r) => r.openid)).toContain('demo-social');
  const again = await Promise.all([call<{ id: string }>('demo-s03', 'alerts', 'raise', {}), call<{ id: string }>('demo-f02', 'alerts', 'raise', {})]);
  expect(again.map((r) => r.ok && r.data.id)).toEqual([alert.id, alert.id]);
  await ok('demo-social', 'alerts', 'get', { alertId: alert.id });
  await ok('demo-social', 'alerts', 'acknowledge', { alertId: alert.id });
  await ok('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'resolved', note: '电话接通，老人平安' });
  expect(standin.engine.stats.refusedQueries).toBe(0);
});
