/**
 * Activities benchmark (`npm run bench`; alone: `npx tsx bench/activities.ts`). Prints one JSON
 * object per line: {"name","value","unit","baseline"?,"ratio"?}.
 *
 * 1. Sign-ups per second over the real HTTP API (fastify → dispatcher → zod → one BEGIN IMMEDIATE
 *    transaction that reads the activity, the sign-up, the agenda, and writes them with the
 *    idempotency record), 32 requests in flight, each by a different volunteer, half of them landing
 *    on the waitlist; next to `GET /healthz` on the same server in the same run, same concurrency,
 *    the two interleaved in 3 rounds. The load client runs in its own process (bench/_load-client.ts)
 *    for every HTTP figure here.
 * 2. Activity list latency (p50, p99) over HTTP for a street with 2,000 activities and 10,000
 *    volunteers (and ~25,000 sign-ups), bulk-inserted through one store transaction: the street's
 *    first page, one team's month, and pages deep in the list by cursor; next to sequential
 *    `/healthz` latency on the same server.
 *
 * BENCH_SCALE (default 1) scales the number of sign-ups and of timed list requests.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSecrets, issueSessionToken, type Secrets } from '../cloudfunctions/core/crypto';
import { createActivity } from '../cloudfunctions/core/services/activities/shared';
import { deadlines, queuePatch, signupId, type ActivityDoc, type SignupDoc } from '../cloudfunctions/core/domain/activities';
import { roleSet, type RoleGrant } from '../cloudfunctions/core/domain/roles';
import { addDays, localDate, localToUtc } from '../cloudfunctions/core/domain/schedule';
import type { ActivitiesResults } from '../cloudfunctions/core/api';
import type { UserDoc } from '../cloudfunctions/core/domain/people';
import type { SqliteStore } from '../cloudfunctions/core/store/sqlite';
import { openDataDir } from '../server/data-dir';
import { startServer, type RunningServer } from '../server/serve';
import { emit, prng, SCALE } from './_figures';
import type { LoadJob, LoadResult } from './_load-client';

const execFileAsync = promisify(execFile);

const CONCURRENCY = 32;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const AT = new Date().toISOString();

function userDoc(id: string, name: string, roles: RoleGrant['role'][], teamId?: string): UserDoc {
  const grants: RoleGrant[] = roles.map((role) => ({ role, ...(role === 'leader' ? { teamId } : {}), grantedBy: 'bench', grantedAt: AT }));
  return {
    _id: id,
    name,
    phoneEnc: 'bench',
    phoneHash: `bench-${id}`,
    phoneMasked: '138****0000',
    birthYear: 1955 + (id.length % 40),
    committeeId: 'c_bench',
    elderMode: false,
    consent: { version: 'bench', at: AT },
    grants,
    roles: roleSet(grants),
    createdAt: AT,
    updatedAt: AT,
  };
}

async function post(url: string, token: string, body: object): Promise<{ status: number; json: { ok: boolean; data?: unknown; error?: { code: string } } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as never };
}

// ------------------------------------------------------------------ 1. sign-ups per second

/** Runs a load job in a child process (bench/_load-client.ts) and returns what it measured. */
async function loadInChild(root: string, job: LoadJob): Promise<LoadResult> {
  const file = path.join(root, `load-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(__dirname, '_load-client.ts'), file]);
    return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function signupThroughput(root: string): Promise<void> {
  const dataDir = path.join(root, 'signups');
  const people = Math.round(3000 * SCALE);
  const activities = Math.max(1, Math.round(people / 100));
  const { store, masterKey } = openDataDir(dataDir);
  const secrets = createSecrets(masterKey);
  await store.transaction(async (tx) => {
    for (let i = 0; i < people; i++) {
      await tx.create('users', userDoc(`u_bs${i}`, '压测志愿者', ['volunteer']));
      await tx.create('identities', { _id: `bench-s${i}`, userId: `u_bs${i}` });
    }
  });
  await store.close();

  let server: RunningServer | null = null;
  try {
    server = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      seedDemo: true,
      production: false,
      logLevel: 'silent',
      staticDir: path.join(dataDir, 'none'),
    });
    const url = server.url;
    const now = Date.now();
    const leader = issueSessionToken(secrets, 'demo-v01', now, 3600_000, 'development');
    const date = addDays(localDate(new Date()), 30);
    const ids: string[] = [];
    for (let k = 0; k < activities; k++) {
      const startTime = `${String(8 + (k % 10)).padStart(2, '0')}:00`;
      const created = await post(`${url}/api/activities`, leader, {
        action: 'create',
        requestId: `bench-create-${k}`,
        data: {
          teamId: 't_patrol',
          title: `压测活动 ${k + 1}`,
          category: 'community',
          place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
          date: addDays(date, Math.floor(k / 10)),
          startTime,
          endTime: `${String(9 + (k % 10)).padStart(2, '0')}:00`,
          capacity: 50,
        },
      });
      if (!created.json.ok) throw new Error(`create failed: ${JSON.stringify(created.json)}`);
      ids.push((created.json.data as ActivitiesResults['create']).activities[0]!.id);
    }
    const tokens = Array.from({ length: people }, (_, i) => issueSessionToken(secrets, `bench-s${i}`, now, 3600_000, 'development'));

    // The load client runs in its own process; /healthz and sign-ups interleave in rounds, each
    // round a fresh third of the volunteers, so a change in the machine's load touches both.
    const rounds = 3;
    const perRound = Math.floor(people / rounds);
    await loadInChild(root, { concurrency: CONCURRENCY, requests: Array.from({ length: 200 }, () => ({ url: `${url}/healthz` })) });
    const ratios: number[] = [];
    const signupLatencies: number[] = [];
    const healthLatencies: number[] = [];
    let signupOps = 0;
    let signupMs = 0;
    let healthOps = 0;
    let healthMs = 0;
    for (let r = 0; r < rounds; r += 1) {
      const health = await loadInChild(root, { concurrency: CONCURRENCY, requests: Array.from({ length: perRound }, () => ({ url: `${url}/healthz` })) });
      const signups = await loadInChild(root, {
        concurrency: CONCURRENCY,
        requests: Array.from({ length: perRound }, (_, k) => {
          const i = r * perRound + k;
          return {
            url: `${url}/api/activities`,
            token: tokens[i]!,
            body: { action: 'signup', requestId: `bench-signup-${i}`, data: { activityId: ids[i % ids.length] } },
          };
        }),
      });
      if (signups.failures) throw new Error(`${signups.failures} sign-ups failed`);
      ratios.push(perRound / signups.ms / (perRound / health.ms));
      signupLatencies.push(...signups.latencies);
      healthLatencies.push(...health.latencies);
      signupOps += perRound;
      signupMs += signups.ms;
      healthOps += perRound;
      healthMs += health.ms;
    }
    signupLatencies.sort((a, b) => a - b);
    healthLatencies.sort((a, b) => a - b);
    const sorted = [...ratios].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const signupRate = signupOps / (signupMs / 1000);
    const healthRate = healthOps / (healthMs / 1000);
    emit({
      name: 'activities.signup_http.throughput',
      value: signupRate,
      unit: `ops/s, client in its own process (ratio to /healthz, ${rounds} interleaved rounds: min ${sorted[0]!.toFixed(3)} median ${median.toFixed(3)} max ${sorted[sorted.length - 1]!.toFixed(3)})`,
      baseline: healthRate,
      ratio: median,
    });
    emit({ name: 'activities.signup_http.p50', value: percentile(signupLatencies, 50), unit: 'ms', baseline: percentile(healthLatencies, 50) });
    emit({ name: 'activities.signup_http.p99', value: percentile(signupLatencies, 99), unit: 'ms', baseline: percentile(healthLatencies, 99) });

    // Check what was measured: every activity holds exactly its capacity, the rest wait in order.
    const check = await post(`${url}/api/activities`, leader, { action: 'roster', data: { activityId: ids[0] } });
    const roster = check.json.data as ActivitiesResults['roster'];
    if (roster.counts.signed !== Math.min(50, Math.ceil(people / ids.length))) throw new Error(`roster mismatch: ${JSON.stringify(roster.counts)}`);
  } finally {
    await server?.close();
  }
}

// ------------------------------------------------------------------ 2. list latency on a big street

const VOLUNTEERS = 10_000;
const ACTIVITIES = 2_000;
const TEAMS = 20;

async function buildStreet(store: SqliteStore): Promise<{ today: string }> {
  const rand = prng(20261127);
  const today = localDate(new Date());
  const firstDay = addDays(today, -30);
  await store.transaction(async (tx) => {
    for (let t = 0; t < TEAMS; t++) {
      await tx.create('teams', {
        _id: `t_b${t}`,
        name: `第${t + 1}志愿服务队`,
        description: '压测队伍',
        order: t + 1,
        leaderIds: [`u_bv${t}`],
        joinPolicy: 'open',
        memberCount: 0,
        createdAt: AT,
      });
    }
    for (let i = 0; i < VOLUNTEERS; i++) {
      await tx.create('users', userDoc(`u_bv${i}`, '压测志愿者', i < TEAMS ? ['volunteer', 'leader'] : ['volunteer'], i < TEAMS ? `t_b${i}` : undefined));
      await tx.create('identities', { _id: `bench-v${i}`, userId: `u_bv${i}` });
    }
    for (let k = 0; k < ACTIVITIES; k++) {
      const date = addDays(firstDay, Math.floor(rand() * 180));
      const hour = 8 + Math.floor(rand() * 10);
      const startAt = localToUtc(date, `${String(hour).padStart(2, '0')}:00`).toISOString();
      const endAt = localToUtc(date, `${String(hour + 2).padStart(2, '0')}:00`).toISOString();
      const capacity = 10 + Math.floor(rand() * 20);
      const count = Math.floor(rand() * 26);
      const people = new Set<number>();
      while (people.size < count) people.add(Math.floor(rand() * VOLUNTEERS));
      const order = [...people].map((n) => `u_bv${n}`);
      const signed = order.slice(0, capacity);
      const waitlist = order.slice(capacity);
      const id = `a_b${String(k).padStart(5, '0')}`;
      const teamId = `t_b${k % TEAMS}`;
      const doc: ActivityDoc = {
        _id: id,
        teamId,
        title: `活动 ${k + 1}`,
        description: '压测活动',
        category: 'community',
        place: { name: '滨江步道', latitude: 31.2 + rand() / 50, longitude: 121.48 + rand() / 50 },
        date,
        startAt,
        endAt,
        capacity,
        signupCloseMinutes: 0,
        cancelCloseMinutes: 120,
        ...deadlines(startAt, 0, 120),
        membersOnly: false,
        minAge: null,
        geofenceRadiusM: null,
        status: rand() < 0.03 ? 'cancelled' : 'scheduled',
        cancelReason: null,
        seriesId: null,
        seriesIndex: null,
        seq: order.length,
        ...queuePatch(signed, waitlist),
        attendance: 'open',
        version: 1,
        createdBy: `u_bv${k % TEAMS}`,
        createdAt: AT,
        updatedAt: AT,
      };
      await createActivity(tx, doc);
      for (const [i, userId] of order.entries()) {
        const s: SignupDoc = {
          _id: signupId(id, userId),
          activityId: id,
          userId,
          teamId,
          state: i < capacity ? 'signed' : 'waitlisted',
          seq: i + 1,
          startAt,
          endAt,
          attendance: 'none',
          checkInAt: null,
          checkInBy: null,
          checkOutAt: null,
          checkOutBy: null,
          distanceM: null,
          servedMinutes: null,
          recordId: null,
          markedBy: null,
          signedUpAt: AT,
          promotedAt: null,
          cancelledAt: null,
          createdAt: AT,
          updatedAt: AT,
        };
        await tx.create('signups', s);
      }
    }
  });
  return { today };
}

async function listLatency(root: string): Promise<void> {
  const dataDir = path.join(root, 'street');
  const { store, masterKey } = openDataDir(dataDir);
  const secrets: Secrets = createSecrets(masterKey);
  const built = performance.now();
  const { today } = await buildStreet(store);
  const signups = await store.count('signups');
  process.stderr.write(
    `  built ${ACTIVITIES} activities, ${VOLUNTEERS} volunteers, ${signups} sign-ups in ${((performance.now() - built) / 1000).toFixed(1)} s\n`,
  );
  await store.close();

  let server: RunningServer | null = null;
  try {
    server = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      seedDemo: false,
      production: false,
      logLevel: 'silent',
      staticDir: path.join(dataDir, 'none'),
    });
    const url = server.url;
    const token = issueSessionToken(secrets, 'bench-v777', Date.now(), 3600_000, 'development');
    const list = async (data: object) => {
      const r = await post(`${url}/api/activities`, token, { action: 'list', data });
      if (!r.json.ok) throw new Error(`list failed: ${JSON.stringify(r.json)}`);
      return r.json.data as ActivitiesResults['list'];
    };

    // Cursors of every page of the street's upcoming list, for the deep-page requests.
    const cursors: string[] = [];
    let after: string | null = null;
    do {
      const page: ActivitiesResults['list'] = await list({ limit: 20, ...(after ? { after } : {}) });
      after = page.next;
      if (after) cursors.push(after);
    } while (after);

    const n = Math.round(400 * SCALE);
    const rand = prng(7);
    const month = (i: number) => ({ teamId: `t_b${i % TEAMS}`, from: addDays(today, (i % 4) * 30), to: addDays(today, (i % 4) * 30 + 30), limit: 20 });
    const cases: Array<[string, (i: number) => object]> = [
      ['first_page', () => ({ limit: 20 })],
      ['team_month', month],
      ['deep_page', () => ({ limit: 20, after: cursors[Math.floor(rand() * cursors.length)] })],
    ];
    // Every request is checked once here; the timed ones go from the load client in its own process.
    for (const [name, make] of cases) {
      const page = await list(make(0));
      if (page.items.length === 0 && name !== 'team_month') throw new Error(`${name}: empty page`);
    }
    const request = (data: object) => ({ url: `${url}/api/activities`, token, body: { action: 'list', data } });
    const healthJob = (count: number): LoadJob => ({ concurrency: 1, requests: Array.from({ length: count }, () => ({ url: `${url}/healthz` })) });
    await loadInChild(root, healthJob(100));
    for (const [, make] of cases) await loadInChild(root, { concurrency: 1, requests: Array.from({ length: 50 }, (_, i) => request(make(i))) });
    const health = await loadInChild(root, healthJob(n));
    for (const [name, make] of cases) {
      const timed = await loadInChild(root, { concurrency: 1, requests: Array.from({ length: n }, (_, i) => request(make(i))) });
      if (timed.failures) throw new Error(`${name}: ${timed.failures} list calls failed`);
      emit({ name: `activities.list_http.${name}.p50`, value: percentile(timed.latencies, 50), unit: 'ms', baseline: percentile(health.latencies, 50) });
      emit({ name: `activities.list_http.${name}.p99`, value: percentile(timed.latencies, 99), unit: 'ms', baseline: percentile(health.latencies, 99) });
    }
    emit({ name: 'activities.street.upcoming_pages', value: cursors.length + 1, unit: 'pages of 20' });
  } finally {
    await server?.close();
  }
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'activities-bench-'));
  try {
    await signupThroughput(root);
    await listLatency(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
