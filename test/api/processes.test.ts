/**
 * The local runtime as real processes: two servers on one data folder stay consistent, and a
 * SIGTERM lets in-flight calls finish, so every answered change is on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { callApi, login, tempDataDir } from '../support/server';
import { spawnServer, type ServerProcess } from '../support/process';

const form = (phone: string, name = '并发测试') => ({ name, phone, birthYear: 1970, committeeId: 'c_linyin', consentVersion: PRIVACY_POLICY_VERSION });

describe('two server processes on one data folder', () => {
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    dataDir = tempDataDir('two');
    [a, b] = await Promise.all([spawnServer(dataDir), spawnServer(dataDir)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seed once, share one key: a token from one works on the other', async () => {
    const { token } = await login(a.url, 'demo-v01');
    const me = await callApi<{ profile: { name: string } }>(b.url, token, 'account', 'me');
    expect(me.body.ok && me.body.data.profile.name).toBe('王建国');
    const store = openSqliteStore(path.join(dataDir, 'street.db'));
    try {
      expect(await store.count('committees')).toBe(4);
      expect(await store.count('identities', { _id: 'demo-v01' })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('40 people registering one phone across both processes: exactly one succeeds', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const server = i % 2 ? a : b;
        const { token } = await login(server.url);
        return callApi(server.url, token, 'account', 'register', form('13500000099'), `two-proc-${i}-abcdef`);
      }),
    );
    expect(results.filter((r) => r.body.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.body.ok && r.body.error.code === 'CONFLICT')).toHaveLength(39);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM during a burst of registrations: every answered registration is on disk, exit code 0', async () => {
    const dataDir = tempDataDir('shutdown');
    const server = await spawnServer(dataDir);
    try {
      const tokens = await Promise.all(Array.from({ length: 60 }, () => login(server.url)));
      const calls = tokens.map(({ token }, i) =>
        callApi(server.url, token, 'account', 'register', form(`1510000${String(i).padStart(4, '0')}`, '关机测试'), `shutdown-${i}-abcdef`).catch(() => null),
      );
      await new Promise((r) => setTimeout(r, 5));
      const exitCode = server.stop('SIGTERM');
      const answers = await Promise.all(calls);
      expect(await exitCode).toBe(0);
      const answeredOk = answers.filter((r) => r?.body.ok).length;
      const store = openSqliteStore(path.join(dataDir, 'street.db'));
      try {
        const page = await store.find<{ _id: string; name: string }>('users', { where: { name: '关机测试' }, limit: 100 });
        // Nothing answered is lost; a call cut before its answer may or may not have committed.
        expect(page.items.length).toBeGreaterThanOrEqual(answeredOk);
        expect(await store.count('requests')).toBeGreaterThanOrEqual(answeredOk);
      } finally {
        await store.close();
      }
      expect(server.output()).toContain('SIGTERM: closing');
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
