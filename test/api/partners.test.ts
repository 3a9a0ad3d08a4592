/**
 * The 老伙伴 programme over the real HTTP server, on the demo street with its 老伙伴 seed (partner
 * volunteers, pairs, ten days of contacts, one unreachable senior) and the local scheduler on a
 * short interval: the partner's list is due-first and carries no address or phone, the scheduler
 * escalates the overdue senior by itself, a volunteer is refused a senior who is not theirs, and
 * the server stops cleanly with the interval running.
 */
import type { AlertsResults, PartnersResults, TimebankResults } from '../../cloudfunctions/core/api';
import { startServer, type RunningServer } from '../../server/serve';
import { callApi, login, newRequestId, tempDataDir } from '../support/server';
import fs from 'node:fs';
import path from 'node:path';

let server: RunningServer;
let dataDir: string;
const tokens: Record<string, string> = {};

/** A senior's address (…号楼 101 室), any demo phone number (all 1380000xxxx), any position. */
const SECRETS = /号楼 \d+ 室|1380000\d{4}|latitude|longitude|addressHint|"address":|"phone":|"phoneMasked":|"emergencyContacts":/;

async function ok<T>(who: string, fn: string, action: string, data: object = {}, mutation = false): Promise<T> {
  const r = await callApi<T>(server.url, tokens[who]!, fn, action, data, mutation ? newRequestId('partners') : undefined);
  if (!r.body.ok) throw new Error(`${fn}.${action} as ${who}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}

beforeAll(async () => {
  dataDir = tempDataDir('partners-api');
  server = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    seedDemo: true,
    production: false,
    logLevel: 'warn',
    staticDir: path.join(dataDir, 'no-static'),
    seedPartners: true,
    schedulerIntervalMs: 200,
  });
  for (const who of ['demo-v05', 'demo-v09', 'demo-v18', 'demo-v10', 'demo-v11', 'demo-social', 'demo-admin'])
    tokens[who] = (await login(server.url, who)).token;
});

afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('seeds partners and pairs; each partner sees their seniors due first, without address or phone', async () => {
  const lists: PartnersResults['mySeniors'][] = [];
  for (const who of ['demo-v05', 'demo-v09', 'demo-v18', 'demo-v10']) lists.push(await ok<PartnersResults['mySeniors']>(who, 'partners', 'mySeniors'));
  const all = lists.flatMap((l) => l.items);
  expect(all.length).toBeGreaterThanOrEqual(3);
  const order = { unreachable: 0, overdue: 1, due: 2, waiting: 3, contacted: 4, unpaired: 5 };
  for (const l of lists) {
    // Open alerts first, then unreachable, overdue, due, contacted.
    const ranks = l.items.map((i) => (i.openAlerts > 0 ? -1 : order[i.status]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(JSON.stringify(l)).not.toMatch(SECRETS);
  }
  expect(all.some((i) => i.status === 'overdue')).toBe(true);
  // Contacts approved in the seed earned the partners credits through the ledger.
  const balances = await Promise.all(['demo-v05', 'demo-v09', 'demo-v18', 'demo-v10'].map((who) => ok<TimebankResults['balance']>(who, 'timebank', 'balance')));
  expect(balances.some((b) => b.balance.minutes > 0)).toBe(true);
});

it('the local scheduler escalates the senior overdue for more than a day by itself, once', async () => {
  const overdue = async () =>
    (await ok<AlertsResults['list']>('demo-social', 'alerts', 'list', { state: 'open', limit: 100 })).items.filter((a) => a.kind === 'overdue');
  const deadline = Date.now() + 30_000;
  while ((await overdue()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const found = await overdue();
  expect(found.length).toBeGreaterThanOrEqual(1);
  // Several more ticks: alerts found stay, and no senior is ever alerted twice for being overdue
  // (a run may still be escalating other seniors when the first list is read, so the list may grow).
  await new Promise((r) => setTimeout(r, 700));
  const later = await overdue();
  expect(later.map((a) => a.id)).toEqual(expect.arrayContaining(found.map((a) => a.id)));
  const perSenior = new Map<string, number>();
  for (const a of later) perSenior.set(a.seniorId, (perSenior.get(a.seniorId) ?? 0) + 1);
  expect([...perSenior.values()].every((n) => n === 1)).toBe(true);
  const board = await ok<PartnersResults['coverage']>('demo-social', 'partners', 'coverage', {});
  expect(board.counts.overdue).toBeGreaterThanOrEqual(1);
  expect(board.counts.unpaired).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(board)).not.toMatch(SECRETS);
  // The seeded unreachable senior: an open alert with its first step done.
  const unreachable = (await ok<AlertsResults['list']>('demo-social', 'alerts', 'list', { state: 'open', limit: 100 })).items.find(
    (a) => a.kind === 'unreachable',
  )!;
  expect(unreachable.checklist.find((c) => c.step === 'call')!.doneAt).not.toBeNull();
});

it('refuses a volunteer a senior who is not theirs, with HTTP 403', async () => {
  const mine = await ok<PartnersResults['mySeniors']>('demo-v05', 'partners', 'mySeniors');
  const seniorId = mine.items[0]!.seniorId;
  for (const who of ['demo-v11', 'demo-v18']) {
    const r = await callApi(server.url, tokens[who]!, 'partners', 'card', { seniorId });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  const asPartner = await callApi<PartnersResults['card']>(server.url, tokens['demo-v05']!, 'partners', 'card', { seniorId });
  expect(asPartner.status).toBe(200);
  const run = await callApi(server.url, tokens['demo-v05']!, 'scheduler', 'run', {}, newRequestId('run'));
  expect(run.status).toBe(403);
});
