/**
 * Over real HTTP: two server PROCESSES on one data folder. Inviting by a typed
 * number answers the same (status and body shape) whether or not it is registered, and the one
 * persisted limiter holds across both processes, also when the calls come at once.
 */
import fs from 'node:fs';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { PHONE_LOOKUP } from '../../cloudfunctions/core/domain/rate-limit';
import { callApi, login, newRequestId, tempDataDir } from '../support/server';
import { spawnServer, type ServerProcess } from '../support/process';

let dataDir: string;
let servers: ServerProcess[] = [];
const url = (i: number) => servers[i % servers.length]!.url;
const N = PHONE_LOOKUP.limit;

beforeAll(async () => {
  dataDir = tempDataDir('phone-lookup-http');
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '1' }));
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '0' }));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
async function person(name: string) {
  const n = seq++;
  const { token } = await login(url(n), `lookup-${process.pid}-${n}`);
  const phone = `1371${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;
  const r = await callApi<{ profile: { id: string } }>(
    url(n),
    token,
    'account',
    'register',
    { name, phone, birthYear: 1965, committeeId: 'c_xinyuanwan', consentVersion: PRIVACY_POLICY_VERSION },
    newRequestId('register'),
  );
  if (!r.body.ok) throw new Error(r.body.error.code);
  return { token, phone, userId: r.body.data.profile.id };
}

const blank = (v: Record<string, unknown>) => ({
  ...v,
  id: typeof v.id,
  createdAt: typeof v.createdAt,
  otherPhoneMasked: typeof v.otherPhoneMasked,
  phoneMasked: typeof v.phoneMasked,
});

it('answers a registered and an unregistered number alike, on either process', async () => {
  const asker = await person('问询子');
  const relative = await person('亲属丑');
  const known = await callApi<Record<string, unknown>>(
    url(0),
    asker.token,
    'timebank',
    'proposeLink',
    { phone: relative.phone, relation: '女儿' },
    newRequestId('link'),
  );
  const unknown = await callApi<Record<string, unknown>>(
    url(1),
    asker.token,
    'timebank',
    'proposeLink',
    { phone: '13299990000', relation: '女儿' },
    newRequestId('link'),
  );
  expect(known.status).toBe(200);
  expect(unknown.status).toBe(known.status);
  if (!known.body.ok || !unknown.body.ok) throw new Error('refused');
  expect(blank(known.body.data)).toEqual(blank(unknown.body.data));
  expect(JSON.stringify(known.body)).not.toContain(relative.userId);
  expect(JSON.stringify(known.body)).not.toContain('亲属');

  const proxyKnown = await callApi<Record<string, unknown>>(
    url(0),
    asker.token,
    'seniors',
    'requestProxy',
    { seniorPhone: '13800000200', relation: '女儿' },
    newRequestId('proxy'),
  );
  const proxyUnknown = await callApi<Record<string, unknown>>(
    url(1),
    asker.token,
    'seniors',
    'requestProxy',
    { seniorPhone: '13299990001', relation: '女儿' },
    newRequestId('proxy'),
  );
  expect(proxyUnknown.status).toBe(proxyKnown.status);
  if (!proxyKnown.body.ok || !proxyUnknown.body.ok) throw new Error('refused');
  expect(blank(proxyKnown.body.data)).toEqual(blank(proxyUnknown.body.data));
  expect(JSON.stringify(proxyKnown.body)).not.toContain('沈阿婆');
});

it(`lets at most ${N} lookups through per caller across two processes, also when ${N * 3} come at once`, async () => {
  const asker = await person('试号寅');
  const burst = await Promise.all(
    Array.from({ length: N * 3 }, (_, i) =>
      callApi(url(i), asker.token, 'timebank', 'proposeLink', { phone: `1320000${String(i).padStart(4, '0')}`, relation: '亲戚' }, newRequestId('burst')),
    ),
  );
  const passed = burst.filter((r) => r.body.ok).length;
  expect(passed).toBeLessThanOrEqual(N);
  for (const r of burst.filter((x) => !x.body.ok)) {
    // Refused by the limiter (429), or told to retry when the two processes met on the file lock.
    expect(['RATE_LIMITED', 'BUSY']).toContain((r.body as { error: { code: string } }).error.code);
    if ((r.body as { error: { code: string } }).error.code === 'RATE_LIMITED') expect(r.status).toBe(429);
  }
  let more = 0;
  for (let i = 0; i < N + 1; i++) {
    const r = await callApi(
      url(i),
      asker.token,
      'seniors',
      'requestProxy',
      { seniorPhone: `1310000${String(i).padStart(4, '0')}`, relation: '亲戚' },
      newRequestId('fill'),
    );
    if (r.body.ok) more++;
    else expect(r.body.error.code).toBe('RATE_LIMITED');
  }
  expect(passed + more).toBe(N);
  const last = await callApi(url(1), asker.token, 'timebank', 'proposeLink', { phone: '13100009999', relation: '亲戚' }, newRequestId('last'));
  expect(last.status).toBe(429);
  expect(last.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/以后再试/) } });
});
