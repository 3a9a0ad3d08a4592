/** The local runtime over real HTTP: the envelope, status codes, identity and bad input. */
import path from 'node:path';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import type { MeResult, TeamsResults, AdminResults } from '../../cloudfunctions/core/api';
import { callApi, login, newRequestId, post, startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const registration = (phone: string) => ({
  name: '新用户',
  phone,
  birthYear: 1970,
  committeeId: 'c_binjiang',
  consentVersion: PRIVACY_POLICY_VERSION,
});

describe('health and identity', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, data: { status: 'ok', store: 'sqlite' } });
  });

  it('lists the seeded demo people for the dev login', async () => {
    const result = await post<{ people: Array<{ openid: string; name: string; roles: string[] }> }>(`${server.url}/api/auth`, { action: 'devPeople' });
    expect(result.body.ok).toBe(true);
    if (!result.body.ok) return;
    const people = result.body.data.people;
    expect(people.length).toBeGreaterThanOrEqual(30);
    expect(people.filter((p) => p.roles.includes('老人'))).toHaveLength(10);
    expect(people.find((p) => p.openid === 'demo-v01')).toMatchObject({ name: '王建国', roles: ['志愿者', '队长'] });
  });

  it('a new WeChat user is a guest until registered, then sees their profile', async () => {
    const { token } = await login(server.url);
    const before = await callApi<MeResult>(server.url, token, 'account', 'me');
    expect(before.body).toEqual({ ok: true, data: { registered: false, profile: null, roles: ['guest'] } });
    const registered = await callApi<MeResult>(server.url, token, 'account', 'register', registration('13600000001'), newRequestId());
    expect(registered.status).toBe(200);
    const after = await callApi<MeResult>(server.url, token, 'account', 'me');
    expect(after.body.ok && after.body.data.profile?.name).toBe('新用户');
  });

  it('refuses a missing token with 401', async () => {
    const result = await post(`${server.url}/api/account`, { action: 'me' });
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
  });

  it('refuses a forged token with 401', async () => {
    const { token } = await login(server.url, 'demo-v04');
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sub: 'demo-admin', exp: Date.now() + 1e6 })).toString('base64url')}.${signature}`;
    const result = await callApi(server.url, forged, 'admin', 'listUsers');
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('an id in data never decides who the caller is', async () => {
    const { token } = await login(server.url, 'demo-v04');
    const result = await callApi(server.url, token, 'admin', 'listUsers', { openid: 'demo-admin' } as object);
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('bad input gets the envelope, the right status and no stack trace', () => {
  let token: string;
  beforeAll(async () => {
    token = (await login(server.url, 'demo-v04')).token;
  });

  const expectClean = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(text).not.toContain('stack');
  };

  it('malformed JSON → 400 BAD_REQUEST', async () => {
    const result = await post(`${server.url}/api/account`, '{"action": "me",', token, true);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' } });
    expectClean(result.body);
  });

  it('unknown function → 404 UNKNOWN_FUNCTION', async () => {
    const result = await callApi(server.url, token, 'nope', 'me');
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
  });

  it('unknown action → 404 UNKNOWN_ACTION, also for inherited names', async () => {
    for (const action of ['nope', 'toString', '__proto__', 'constructor']) {
      const result = await callApi(server.url, token, 'account', action);
      expect(result.status).toBe(404);
      expect(result.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    }
  });

  it('a body over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ action: 'me', data: { pad: 'x'.repeat(1024 * 1024 + 10) } });
    const result = await post(`${server.url}/api/account`, big, token, true);
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('an event that is not an object of the right shape → 400', async () => {
    for (const body of [[1, 2], 'me', { action: 5 }, { action: 'me', extra: 1 }, { action: 'me', data: [] }]) {
      const result = await post(`${server.url}/api/account`, body, token);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('wrong types and extra fields → 400 VALIDATION with details, nothing written', async () => {
    const { token: guest } = await login(server.url);
    const wrong = await callApi(server.url, guest, 'account', 'register', { ...registration('13600000002'), birthYear: 'old' }, newRequestId());
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'birthYear' }] } });
    const extra = await callApi(server.url, guest, 'account', 'register', { ...registration('13600000002'), role: 'admin' }, newRequestId());
    expect(extra.status).toBe(400);
    const me = await callApi<MeResult>(server.url, guest, 'account', 'me');
    expect(me.body.ok && me.body.data.registered).toBe(false);
  });

  it('a mutation without requestId → 400', async () => {
    const result = await callApi(server.url, token, 'account', 'updateProfile', { elderMode: true });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('unknown paths → 404 envelope', async () => {
    const response = await fetch(`${server.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('roles over HTTP', () => {
  it('the admin lists people with masked phones only, paged by cursor', async () => {
    const { token } = await login(server.url, 'demo-admin');
    const seen = new Set<string>();
    let after: string | null | undefined;
    do {
      const page = await callApi<AdminResults['listUsers']>(server.url, token, 'admin', 'listUsers', { limit: 7, ...(after ? { after } : {}) });
      expect(page.body.ok).toBe(true);
      if (!page.body.ok) return;
      for (const item of page.body.data.items) {
        expect(item.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
        expect(JSON.stringify(item)).not.toMatch(/1380000\d{4}/);
        seen.add(item.id);
      }
      after = page.body.data.next;
    } while (after);
    expect(seen.size).toBeGreaterThanOrEqual(32);
  });

  it('the admin appoints and removes a leader; the team shows it; it is audited', async () => {
    const { token } = await login(server.url, 'demo-admin');
    const people = await callApi<AdminResults['listUsers']>(server.url, token, 'admin', 'listUsers', { limit: 100 });
    const liu = people.body.ok ? people.body.data.items.find((u) => u.name === '刘芳') : undefined;
    expect(liu).toBeDefined();
    const grant = await callApi(server.url, token, 'admin', 'grantRole', { userId: liu!.id, role: 'leader', teamId: 't_paws' }, newRequestId());
    expect(grant.status).toBe(200);
    const teams = await callApi<TeamsResults['list']>(server.url, token, 'teams', 'list');
    expect(teams.body.ok && teams.body.data.items.find((t) => t.id === 't_paws')?.leaderNames).toEqual(['李秀英', '刘芳']);
    const { token: liuToken } = await login(server.url, 'demo-v04');
    const me = await callApi<MeResult>(server.url, liuToken, 'account', 'me');
    expect(me.body.ok && me.body.data.roles).toContain('leader');
    await callApi(server.url, token, 'admin', 'revokeRole', { userId: liu!.id, role: 'leader', teamId: 't_paws' }, newRequestId());
    const after = await callApi<TeamsResults['list']>(server.url, token, 'teams', 'list');
    expect(after.body.ok && after.body.data.items.find((t) => t.id === 't_paws')?.leaderNames).toEqual(['李秀英']);
  });

  it('appointing a social worker puts them at the desk of their 居委, and removing takes them off', async () => {
    const { token } = await login(server.url, 'demo-admin');
    const people = await callApi<AdminResults['listUsers']>(server.url, token, 'admin', 'listUsers', { limit: 100 });
    const zhao = people.body.ok ? people.body.data.items.find((u) => u.name === '赵明') : undefined;
    expect(zhao).toBeDefined();
    const deskOf = async () => {
      const store = openSqliteStore(path.join(server.dataDir, 'street.db'));
      try {
        return (await store.get<{ _id: string; socialWorkerIds: string[] }>('desks', 'c_linyin'))?.socialWorkerIds ?? [];
      } finally {
        await store.close();
      }
    };
    await callApi(server.url, token, 'admin', 'grantRole', { userId: zhao!.id, role: 'socialWorker', committeeId: 'c_linyin' }, newRequestId());
    expect(await deskOf()).toContain(zhao!.id);
    await callApi(server.url, token, 'admin', 'revokeRole', { userId: zhao!.id, role: 'socialWorker', committeeId: 'c_linyin' }, newRequestId());
    expect(await deskOf()).not.toContain(zhao!.id);
  });

  it('a leader grant needs a team', async () => {
    const { token } = await login(server.url, 'demo-admin');
    const result = await callApi(server.url, token, 'admin', 'grantRole', { userId: 'u_x', role: 'leader' }, newRequestId());
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请选择队伍' } });
  });

  it('50 concurrent calls with one requestId change the profile once and answer alike', async () => {
    const { token } = await login(server.url, 'demo-v06');
    const requestId = newRequestId('same');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => callApi<MeResult>(server.url, token, 'account', 'updateProfile', { elderMode: true }, requestId)),
    );
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results[0]!.body.ok).toBe(true);
  });
});

describe('production mode', () => {
  it('has no dev login', async () => {
    const prod = await startTestServer({ production: true, seedDemo: false });
    try {
      const result = await post(`${prod.url}/api/auth`, { action: 'devLogin', data: {} });
      expect(result.status).toBe(404);
      expect(result.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
    } finally {
      await prod.stop();
    }
  });
});
