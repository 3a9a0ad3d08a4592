/**
 * Fuzzing every action of every function through the real HTTP server.
 *
 * Inputs come from `z.toJSONSchema` of each action's input schema (test/support/fuzz.ts generates
 * values from it, with ids taken from the seeded demo street's own answers so calls reach the
 * services), then mutated: wrong types, huge strings, unicode, extreme numbers, missing and extra
 * fields, prototype keys, nested junk; and whole requests broken: null or non-JSON bodies, wrong
 * content types, bad or reused requestIds, unknown functions and actions, bad tokens. Callers are
 * the demo street's guest, volunteer, leader, social worker, senior, family proxy, duty officer and
 * admin.
 *
 * Every answer must be: status < 500, exactly `{ok:true,data}` or `{ok:false,error:{code,message}}`
 * with a code from ERROR_CODES, the status that code maps to, a Chinese message, and no stack
 * trace, file path or SQL. Afterwards ledger:verify passes on the server's data folder.
 *
 * Deterministic from a seed (printed): FUZZ_SEED=<n> replays the same inputs (ids of the seeded
 * street differ per run; FUZZ_CONCURRENCY=1 also replays the same order). FUZZ_N sets the number of
 * calls (default 1500; `npm run fuzz` runs 20000).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CONTRACT, FUNCTION_NAMES, type ActionSpec } from '../../cloudfunctions/core/api';
import { ERROR_CODES } from '../../cloudfunctions/core/errors';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { PERMISSIONS } from '../../cloudfunctions/core/services/permissions';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { verifyLedger, formatReport } from '../../cloudfunctions/core/services/ledger-verify';
import { login, startTestServer, type TestServer } from '../support/server';
import { EXTREME_DATES, IdPool, generate, isDateField, junk, mutate, prng, randomText, withOwnKey, type JsonSchema, type Rng } from '../support/fuzz';

const N = Number(process.env.FUZZ_N ?? 1500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const CONCURRENCY = Math.max(1, Number(process.env.FUZZ_CONCURRENCY ?? 4));
jest.setTimeout(Math.max(120_000, N * 100));

const CALLERS = {
  guest: null, // a fresh devLogin: a WeChat user who never registered
  volunteer: 'demo-v09',
  leader: 'demo-v01',
  leader2: 'demo-v05',
  socialWorker: 'demo-social',
  senior: 'demo-s01',
  senior2: 'demo-s03',
  proxy: 'demo-f01',
  duty: 'demo-duty',
  admin: 'demo-admin',
} as const;
/** People registered for the run who may close their accounts (the demo callers keep theirs, so the run stays deep). */
const SPARES = ['spare1', 'spare2', 'spare3'] as const;
type Caller = keyof typeof CALLERS | (typeof SPARES)[number] | 'anonymous' | 'badToken';

interface Action {
  fn: string;
  action: string;
  spec: ActionSpec;
  schema: JsonSchema;
}

const ACTIONS: Action[] = FUNCTION_NAMES.flatMap((fn) =>
  Object.entries(CONTRACT[fn] as Record<string, ActionSpec>).map(([action, spec]) => ({
    fn,
    action,
    spec,
    schema: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  })),
);

interface Call {
  index: number;
  method?: string;
  caller: Caller;
  fn: string;
  action: string;
  mode: string;
  /** The raw body as sent. */
  body: string;
  contentType: string;
}

interface Failure {
  call: Call;
  status: number;
  problem: string;
  response: string;
}

const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));
const CHINESE = /[\u4e00-\u9fff]/;
/** Signs of an internal error escaping: a stack frame, a path of this machine, SQL or driver text. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|\/work\/|node_modules|\.ts:\d|\.js:\d|file:\/\//;
const SQL_LEAK =
  /SQLITE_|sqlite|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.*\bSET\b|no such (table|column)|syntax error|constraint failed|TypeError|ReferenceError|RangeError|Cannot read prop|undefined is not|is not a function/i;

function checkAnswer(status: number, text: string): string | null {
  if (status >= 500) return `status ${status}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object';
  const b = body as Record<string, unknown>;
  if (LEAK.test(text)) return 'a stack trace or path in the body';
  if (b.ok === true) {
    if (Object.keys(b).sort().join() !== 'data,ok') return `ok envelope has keys ${Object.keys(b).join(',')}`;
    if (status !== 200) return `ok with status ${status}`;
    return null;
  }
  if (b.ok !== false) return 'ok is neither true nor false';
  if (Object.keys(b).sort().join() !== 'error,ok') return `error envelope has keys ${Object.keys(b).join(',')}`;
  const error = b.error as Record<string, unknown> | null;
  if (!error || typeof error !== 'object') return 'error is not an object';
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length) return `error has extra keys ${extra.join(',')}`;
  if (typeof error.code !== 'string' || !KNOWN_CODES.has(error.code)) return `unknown code ${String(error.code)}`;
  if (typeof error.message !== 'string' || !CHINESE.test(error.message)) return `message without Chinese: ${String(error.message)}`;
  if (SQL_LEAK.test(error.message) || SQL_LEAK.test(JSON.stringify(error.details ?? ''))) return 'SQL or a JS error in the error';
  if (status !== ERROR_CODES[error.code as keyof typeof ERROR_CODES]) return `status ${status} for ${error.code}`;
  return null;
}

let server: TestServer;
const tokens = new Map<Caller, string>();
const ids = new IdPool();
const codes = new Map<string, number>();
const perAction = new Map<string, { ok: number; refused: number }>();
const failures: Failure[] = [];
let calls = 0;

async function send(call: Call): Promise<void> {
  const headers: Record<string, string> = { 'content-type': call.contentType };
  const token = call.caller === 'anonymous' ? undefined : call.caller === 'badToken' ? badToken(call.index) : tokens.get(call.caller);
  if (token) headers.authorization = token.startsWith('RAW ') ? token.slice(4) : `Bearer ${token}`;
  if (call.method && call.method !== 'POST') {
    // Other methods on the API path: the envelope too (fastify's own 404, 405 or 415 must not leak).
    const response = await fetch(`${server.url}/api/${encodeURIComponent(call.fn)}?${call.body.slice(0, 50)}`, { method: call.method, headers });
    const text = await response.text();
    calls++;
    const problem = checkAnswer(response.status, text);
    if (problem) failures.push({ call, status: response.status, problem, response: text.slice(0, 600) });
    return;
  }
  let status = 0;
  let text = '';
  try {
    const response = await fetch(`${server.url}/api/${encodeURIComponent(call.fn)}`, { method: 'POST', headers, body: call.body });
    status = response.status;
    text = await response.text();
  } catch (e) {
    failures.push({ call, status: 0, problem: `request failed: ${String(e)}`, response: '' });
    return;
  }
  calls++;
  const problem = checkAnswer(status, text);
  if (problem) {
    failures.push({ call, status, problem, response: text.slice(0, 600) });
    return;
  }
  const body = JSON.parse(text) as { ok: boolean; data?: unknown; error?: { code: string } };
  const code = body.ok ? 'ok' : body.error!.code;
  codes.set(code, (codes.get(code) ?? 0) + 1);
  const key = `${call.fn}.${call.action}`;
  const tally = perAction.get(key);
  if (tally) tally[body.ok ? 'ok' : 'refused']++;
  // Ids in answers feed later calls (a created request, an alert, a record).
  if (body.ok) ids.harvest(body.data);
}

/** A token that is not valid: malformed, tampered with, another key's, or a header that is not Bearer. */
function badToken(index: number): string {
  const real = tokens.get('admin')!;
  const [payload = '', signature = ''] = real.split('.');
  const variants = [
    'not-a-valid-token.0123456789',
    `${payload}.${signature.slice(0, -2)}AA`,
    `${Buffer.from(JSON.stringify({ sub: 'demo-admin', exp: 9e15, mode: 'dev' })).toString('base64url')}.${signature}`,
    `${Buffer.from('{"sub":').toString('base64url')}.${signature}`,
    `${payload}.${signature}.extra`,
    `${payload}`,
    `.${signature}`,
    '..........',
    'a'.repeat(3000),
    `RAW Basic ${Buffer.from('admin:admin').toString('base64')}`,
    'RAW Bearer',
    `RAW bearer ${real}`,
    `RAW Bearer  ${real}`,
    `RAW ${real}`,
    'RAW Bearer t\u00f6k\u00e9n-0123456789',
  ];
  return variants[index % variants.length]!;
}

/** requestIds used so far by each caller, to reuse some with another payload. */
const usedRequestIds: Array<{ caller: Caller; requestId: string }> = [];

function requestIdFor(rng: Rng, caller: Caller, index: number): string | undefined | unknown {
  const r = rng.next();
  if (r < 0.8) {
    const id = `fuzz-${SEED}-${index}`;
    usedRequestIds.push({ caller, requestId: id });
    return id;
  }
  if (r < 0.88 && usedRequestIds.length) return rng.pick(usedRequestIds).requestId; // reused: mine or someone else's
  if (r < 0.92) return undefined;
  return rng.pick(['short', 'x'.repeat(81), 'has space 123', 'ünïcödé-12345', '../../etc/passwd', 12345678, null, ['a'], { id: 1 }, '__proto__', '']);
}

/** Which demo callers hold each permission role (test/unit/permissions.test.ts walks the table itself). */
const HOLDERS: Record<string, Caller[]> = {
  guest: ['guest'],
  volunteer: ['volunteer', 'leader', 'leader2'],
  leader: ['leader', 'leader2'],
  senior: ['senior', 'senior2'],
  proxy: ['proxy'],
  socialWorker: ['socialWorker'],
  duty: ['duty', 'admin'],
  admin: ['admin'],
};

/** Mostly someone the permission table lets in, so calls get past the gate; sometimes anyone. */
function pickCaller(rng: Rng, target: Action): Caller {
  const r = rng.next();
  if (r < 0.03) return 'anonymous';
  if (r < 0.05) return 'badToken';
  const allowed = ((PERMISSIONS as unknown as Record<string, Record<string, readonly string[]>>)[target.fn]?.[target.action] ?? []).flatMap(
    (role) => HOLDERS[role] ?? [],
  );
  if (target.fn === 'account' && target.action === 'close' && r < 0.97) return rng.pick([...SPARES, 'guest']);
  if (allowed.length && r < 0.75) return rng.pick(allowed);
  return rng.pick(Object.keys(CALLERS) as Array<keyof typeof CALLERS>);
}

const json = (value: unknown) => JSON.stringify(value) ?? 'null';

/** One call: a valid input, a mutated one, or a broken request. */
function makeCall(rng: Rng, index: number, target: Action, validOnly = false, date?: string): Call {
  const caller = pickCaller(rng, target);
  const valid = generate(rng, target.schema, ids) as Record<string, unknown>;
  // The date sweep: every date field of the input on one extreme date.
  if (date) for (const [k, sub] of Object.entries(target.schema.properties ?? {})) if (isDateField(k, sub)) valid[k] = date;
  const r = validOnly ? 0 : rng.next();
  let mode: string;
  let data: unknown = valid;
  if (r < 0.4) {
    mode = 'valid';
  } else if (r < 0.85) {
    mode = 'mutated';
    const times = rng.int(1, 3);
    for (let i = 0; i < times; i++) data = mutate(rng, data, target.schema, ids);
  } else {
    mode = 'broken';
  }
  const event: Record<string, unknown> = { action: target.action, data };
  if (target.spec.mutation || rng.chance(0.1)) {
    const requestId = requestIdFor(rng, caller, index);
    if (requestId !== undefined) event.requestId = requestId;
  }
  let fn = target.fn;
  let body = json(event);
  let contentType = 'application/json';
  if (mode === 'broken') {
    const kind = rng.int(0, 17);
    mode = `broken:${kind}`;
    switch (kind) {
      case 0:
        body = 'null';
        break;
      case 1:
        body = json(rng.pick([[], 'text', 42, true, [event]]));
        break;
      case 2:
        body = body.slice(0, rng.int(0, body.length - 1)); // cut JSON
        break;
      case 3:
        body = '';
        break;
      case 4:
        contentType = rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']);
        break;
      case 5:
        body = json({ ...event, action: junk(rng, 1) });
        break;
      case 6:
        body = json({
          ...event,
          action: rng.pick([
            '__proto__',
            'constructor',
            'toString',
            'hasOwnProperty',
            'valueOf',
            '',
            ' ',
            'x'.repeat(65),
            target.action.toUpperCase(),
            `${target.action} `,
          ]),
        });
        break;
      case 7:
        body = json({ ...event, data: rng.pick([null, [], 'data', 0, [valid], true]) });
        break;
      case 8:
        body = json(withOwnKey({ ...event }, rng.pick(['__proto__', 'constructor', 'extra', 'openid', 'user']), { isAdmin: true, roles: ['admin'] }));
        break;
      case 9:
        body = `{"action":"${target.action}","data":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`;
        break;
      case 10:
        fn = rng.pick([
          'nope',
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'Account',
          `${target.fn}.${target.action}`,
          '..',
          '%2e%2e',
          'x'.repeat(rng.pick([rng.int(50, 100), 101, 3000])),
          '中文',
          ' ',
        ]);
        break;
      case 11:
        body = json({ data: valid });
        break;
      case 12: {
        // Deep nesting in data.
        let deep: unknown = 1;
        for (let i = 0; i < rng.pick([50, 500, 5000]); i++) deep = rng.chance(0.5) ? [deep] : { a: deep };
        body = json({ action: target.action, data: { ...(valid as object), deep }, requestId: `fuzz-deep-${SEED}-${index}` });
        break;
      }
      case 13:
        // Duplicate keys: the last one wins in JSON.parse.
        body = `{"action":"${target.action}","action":"${rng.pick(['x', target.action])}","data":${json(valid)},"data":${json(junk(rng, 0))}}`;
        break;
      case 14:
        body = json({ ...event, data: { ...(valid as object), [randomText(rng, 1, 10)]: junk(rng, 1) } });
        break;
      case 16:
        return {
          index,
          caller,
          fn: rng.chance(0.8) ? fn : 'nope',
          action: target.action,
          mode: 'method',
          method: rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']),
          body: `action=${target.action}`,
          contentType,
        };
      default:
        // A body just over the 1 MB limit.
        body = json({ ...event, data: { pad: 'x'.repeat(1024 * 1024 + 10) } });
    }
  }
  return { index, caller, fn, action: target.action, mode, body, contentType };
}

beforeAll(async () => {
  process.stdout.write(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${N} calls, concurrency ${CONCURRENCY}\n`);
  server = await startTestServer();
  for (const [caller, openid] of Object.entries(CALLERS)) {
    tokens.set(caller as Caller, (await login(server.url, openid ?? undefined)).token);
  }
  for (const [i, spare] of SPARES.entries()) {
    const { token } = await login(server.url);
    tokens.set(spare, token);
    const form = { name: '临时志愿者', phone: `1370000000${i}`, birthYear: 1980 + i, committeeId: 'c_linyin', consentVersion: PRIVACY_POLICY_VERSION };
    const response = await fetch(`${server.url}/api/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'register', data: form, requestId: `fuzz-spare-${i}-register` }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  }
  // Ids for the generator, from what the demo street answers to its own staff.
  const harvest: Array<[Caller, string, string, object]> = [
    ['admin', 'admin', 'listUsers', { limit: 100 }],
    ['admin', 'teams', 'list', {}],
    ['leader', 'teams', 'members', { teamId: 't_patrol' }],
    ['leader', 'records', 'team', { teamId: 't_patrol' }],
    ['admin', 'activities', 'list', { limit: 50 }],
    ['socialWorker', 'seniors', 'list', {}],
    ['socialWorker', 'help', 'queue', {}],
    ['volunteer', 'help', 'open', {}],
    ['socialWorker', 'partners', 'pairs', {}],
    ['socialWorker', 'partners', 'pendingContacts', {}],
    ['socialWorker', 'partners', 'volunteers', {}],
    ['socialWorker', 'alerts', 'list', {}],
    ['admin', 'timebank', 'pool', {}],
    ['admin', 'timebank', 'adjustments', {}],
    ['volunteer', 'inbox', 'list', {}],
    ['senior', 'seniors', 'proxies', {}],
    ['senior', 'help', 'requests', {}],
  ];
  for (const [caller, fn, action, data] of harvest) {
    const response = await fetch(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(caller)}` },
      body: JSON.stringify({ action, data }),
    });
    const body = (await response.json()) as { ok: boolean; data?: unknown };
    if (body.ok) ids.harvest(body.data);
  }
  for (const a of ACTIONS) perAction.set(`${a.fn}.${a.action}`, { ok: 0, refused: 0 });
});

afterAll(async () => {
  if (!server) return;
  await server.close();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

it('the oracle refuses what it must: a 5xx, a framework body, a stack, an unknown code, an English message', () => {
  expect(checkAnswer(200, '{"ok":true,"data":{"x":1}}')).toBeNull();
  expect(checkAnswer(404, '{"ok":false,"error":{"code":"NOT_FOUND","message":"找不到相关内容"}}')).toBeNull();
  expect(checkAnswer(500, '{"ok":false,"error":{"code":"INTERNAL","message":"系统出了点问题，请稍后再试"}}')).toMatch(/status 500/);
  expect(checkAnswer(414, '{"statusCode":414,"code":"FST_ERR_MAX_PARAM_LENGTH","error":"URI Too Long","message":"x"}')).toMatch(/neither/);
  expect(checkAnswer(400, '{"ok":false,"error":{"code":"NOPE","message":"错误"}}')).toMatch(/unknown code/);
  expect(checkAnswer(400, '{"ok":false,"error":{"code":"BAD_REQUEST","message":"Bad Request"}}')).toMatch(/Chinese/);
  expect(checkAnswer(400, '{"ok":false,"error":{"code":"BAD_REQUEST","message":"错误 at f (/work/main/x.ts:1:2)"}}')).toMatch(/stack/);
  expect(checkAnswer(400, '{"ok":false,"error":{"code":"BAD_REQUEST","message":"错误 SQLITE_CONSTRAINT"}}')).toMatch(/SQL/);
  expect(checkAnswer(409, '{"ok":false,"error":{"code":"BAD_REQUEST","message":"请求格式不正确"}}')).toMatch(/status 409/);
  expect(checkAnswer(200, '{"ok":true,"data":1,"extra":2}')).toMatch(/keys/);
});

it('derives a JSON Schema for every action of every function', () => {
  expect(ACTIONS.length).toBeGreaterThan(100);
  expect(new Set(ACTIONS.map((a) => a.fn))).toEqual(new Set(FUNCTION_NAMES));
  for (const a of ACTIONS) expect([`${a.fn}.${a.action}`, a.schema.type]).toEqual([`${a.fn}.${a.action}`, 'object']);
});

it('regressions found by fuzzing: a date in year 9999 is refused as VALIDATION, not INTERNAL (a day after it is no ISO date)', async () => {
  const ask = async (caller: Caller, fn: string, action: string, data: object, requestId?: string) => {
    const response = await fetch(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(caller)}` },
      body: JSON.stringify({ action, data, ...(requestId ? { requestId } : {}) }),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } };
  };
  const validation = { status: 400, body: { ok: false, error: { code: 'VALIDATION' } } };
  // Each of these answered 500 INTERNAL (RangeError: bad local date/time +010000-01 00:00).
  expect(await ask('leader', 'activities', 'list', { to: '9999-12-31' })).toMatchObject(validation);
  expect(await ask('admin', 'admin', 'report', { from: '9999-12-31', to: '9999-12-31' })).toMatchObject(validation);
  expect(await ask('admin', 'admin', 'reportStart', { from: '9999-12-31', to: '9999-12-31' }, `fuzz-regression-${SEED}-1`)).toMatchObject(validation);
  // And an activity in year 9999 was created.
  const activity = {
    teamId: 't_patrol',
    title: '远期活动',
    category: 'community',
    place: { name: '滨江步道', latitude: 31.2381, longitude: 121.4952 },
    startTime: '09:00',
    endTime: '10:00',
    capacity: 5,
  };
  expect(await ask('leader', 'activities', 'create', { ...activity, date: '9999-12-31' }, `fuzz-regression-${SEED}-2`)).toMatchObject(validation);
  expect(await ask('leader', 'activities', 'list', { from: '2100-12-31', to: '2100-12-31' })).toMatchObject({ status: 200, body: { ok: true } });
});

it(`every answer to ${N} fuzzed calls is the envelope: no 5xx, a known code, a Chinese message, no stack, path or SQL`, async () => {
  expect(ids.size).toBeGreaterThan(30);
  const rng = prng(SEED);
  // Each action once first with a schema-valid input, so every action is driven whatever N is; then at random.
  // Then each action with date fields once per extreme date (all its date fields on that date).
  const targets: Array<{ action: Action; validOnly: boolean; date?: string }> = ACTIONS.map((action) => ({ action, validOnly: true }));
  for (const action of ACTIONS) {
    if (!Object.entries(action.schema.properties ?? {}).some(([k, sub]) => isDateField(k, sub))) continue;
    for (const date of EXTREME_DATES) targets.push({ action, validOnly: true, date });
  }
  expect(targets.length).toBeLessThan(N);
  while (targets.length < N) targets.push({ action: rng.pick(ACTIONS), validOnly: false });
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const t = targets[index]!;
      await send(makeCall(rng, index, t.action, t.validOnly, t.date));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const summary = [...codes.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const neverOk = [...perAction.entries()].filter(([, t]) => t.ok === 0).map(([k]) => k);
  process.stdout.write(
    `fuzz: seed ${SEED}: ${calls} answers: ${summary}\nfuzz: ${perAction.size - neverOk.length}/${perAction.size} actions answered ok at least once\n`,
  );
  const report = failures
    .slice(0, 15)
    .map(
      (f) =>
        `#${f.call.index} ${f.call.caller} POST /api/${f.call.fn} (${f.call.action}, ${f.call.mode}, ${f.call.contentType})\n  body: ${f.call.body.slice(0, 400)}\n  → ${f.status} ${f.problem}: ${f.response}`,
    )
    .join('\n');
  expect({ seed: SEED, failures: failures.length, report }).toEqual({ seed: SEED, failures: 0, report: '' });
  expect(calls).toBe(N);
  // Every action was reached, and the generator gets most of them past validation to the services.
  for (const [key, t] of perAction) expect([key, t.ok + t.refused > 0]).toEqual([key, true]);
  expect(perAction.size - neverOk.length).toBeGreaterThan(perAction.size * 0.25);
});

it('ledger:verify passes on the fuzzed data folder', async () => {
  const store = openSqliteStore(path.join(server.dataDir, 'street.db'));
  try {
    const report = await verifyLedger(store);
    if (!report.ok) throw new Error(`seed ${SEED}:\n${formatReport(report)}`);
    expect(report.counts.accounts).toBeGreaterThan(0);
  } finally {
    await store.close();
  }
});
