/**
 * The Files port (core/files): one contract run against the local adapter (DATA_DIR/files) and the
 * CloudBase adapter (over an in-memory stand-in of wx-server-sdk's storage calls,
 * test/support/cloud-files-fake.ts), then the local server's signed /files/ links over real HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { createCloudbaseFiles } from '../../cloudfunctions/core/files/cloudbase';
import { createLocalFiles } from '../../cloudfunctions/core/files/local';
import { MAX_FILE_BYTES, type Files } from '../../cloudfunctions/core/files/port';
import type { TeamsResults } from '../../cloudfunctions/core/api';
import { createFakeCloudFiles } from '../support/cloud-files-fake';
import pino from 'pino';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { buildApp } from '../../server/app';
import { callApi, login, startTestServer, tempDataDir, type TestServer } from '../support/server';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('服务记录').addRow(['志愿者', '时长']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const adapters: Array<[string, () => { files: Files; cleanup: () => void }]> = [
  [
    'local',
    () => {
      const dir = tempDataDir('files');
      return {
        files: createLocalFiles(dir, createSecrets(parseMasterKey(generateMasterKey()))),
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  ['cloudbase (storage stand-in)', () => ({ files: createCloudbaseFiles(createFakeCloudFiles()), cleanup: () => undefined })],
];

describe.each(adapters)('Files contract: %s', (_name, open) => {
  let files: Files;
  let cleanup: () => void;
  beforeEach(() => ({ files, cleanup } = open()));
  afterEach(() => cleanup());

  it('stores an xlsx and gives back the same bytes, a safe name and a link that expires', async () => {
    const body = await workbook();
    const stored = await files.put({ folder: 'exports', name: '护河巡林/志愿服务队 服务记录:11月', kind: 'xlsx', body });
    expect(stored).toMatchObject({ name: '护河巡林志愿服务队服务记录11月.xlsx', bytes: body.length, contentType: expect.stringContaining('spreadsheetml') });
    expect((await files.read(stored.fileId)).equals(body)).toBe(true);
    const before = Date.now();
    const link = await files.link(stored.fileId, 600);
    const after = Date.now();
    expect(link.url.length).toBeGreaterThan(10);
    // 600 s from the moment the link was made (bounded by the clock read around the call, no slack).
    expect(Date.parse(link.expiresAt)).toBeGreaterThanOrEqual(before + 600_000);
    expect(Date.parse(link.expiresAt)).toBeLessThanOrEqual(after + 600_000);
    // Two files of the same name are two files.
    const again = await files.put({ folder: 'exports', name: '护河巡林/志愿服务队 服务记录:11月', kind: 'xlsx', body });
    expect(again.fileId).not.toBe(stored.fileId);
  });

  it('checks the content, not the name: anything but an xlsx, an empty or an oversized body is refused', async () => {
    await expect(files.put({ folder: 'exports', name: 'a.xlsx', kind: 'xlsx', body: Buffer.from('<html>not a workbook</html>') })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: '文件内容不是 xlsx 格式',
    });
    await expect(files.put({ folder: 'exports', name: 'a.xlsx', kind: 'xlsx', body: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'VALIDATION' });
    const huge = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(MAX_FILE_BYTES)]);
    await expect(files.put({ folder: 'exports', name: 'a.xlsx', kind: 'xlsx', body: huge })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(files.put({ folder: '../etc', name: 'a.xlsx', kind: 'xlsx', body: await workbook() })).rejects.toThrow(/bad folder/);
  });

  it('says NOT_FOUND for a removed or unknown file, for reading and for a link', async () => {
    const stored = await files.put({ folder: 'exports', name: 'x', kind: 'xlsx', body: await workbook() });
    await files.remove(stored.fileId);
    await expect(files.read(stored.fileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(files.link(stored.fileId, 60)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

it('local ids cannot point outside the files folder', async () => {
  const dir = tempDataDir('files');
  const files = createLocalFiles(path.join(dir, 'files'), createSecrets(parseMasterKey(generateMasterKey())));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'x');
  for (const id of ['local:../secret.txt', 'local:exports/../../secret.txt', '/etc/passwd', 'local:exports/x.xlsx']) {
    await expect(files.read(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a local link opens its file until it expires, and not after', async () => {
  const dir = tempDataDir('files');
  let now = Date.parse('2026-12-01T02:00:00Z');
  const files = createLocalFiles(dir, createSecrets(parseMasterKey(generateMasterKey())), { now: () => new Date(now) });
  const stored = await files.put({ folder: 'exports', name: '台账', kind: 'xlsx', body: await workbook() });
  const link = new URL(`http://x${(await files.link(stored.fileId, 60)).url}`);
  const parts = { file: link.pathname.slice('/files/'.length), exp: link.searchParams.get('exp')!, sig: link.searchParams.get('sig')! };
  expect(files.open(parts, now + 59_000)).toMatchObject({ name: '台账.xlsx' });
  expect(files.open(parts, now + 61_000)).toBeNull();
  now += 61_000;
  expect(files.open(parts, now)).toBeNull();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the local server serves an export only through its signed, short-lived link', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.stop());

  it('exports as a leader, downloads the file, and refuses tampered links', async () => {
    const { token } = await login(server.url, 'demo-v01');
    const today = new Date().toISOString().slice(0, 10);
    const r = await callApi<TeamsResults['exportRecords']>(server.url, token, 'teams', 'exportRecords', { teamId: 't_patrol', from: '2026-01-01', to: today });
    if (!r.body.ok) throw new Error(r.body.error.message);
    const exported = r.body.data;
    expect(exported.url).toMatch(/^\/files\//);

    const response = await fetch(`${server.url}${exported.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(exported.filename)}`);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await response.arrayBuffer());
    expect(wb.getWorksheet('服务记录')!.getRow(1).getCell(1).value).toBe('序号');

    // A later expiry, another file, another key's signature, no signature, a path outside: 403.
    const link = new URL(`${server.url}${exported.url}`);
    const file = link.pathname.slice('/files/'.length);
    const exp = Number(link.searchParams.get('exp'));
    const sig = link.searchParams.get('sig')!;
    const forge = (f: string, e: number, s: string) => `/files/${f}?exp=${e}&sig=${encodeURIComponent(s)}`;
    const other = createSecrets(parseMasterKey(generateMasterKey()));
    for (const bad of [
      forge(file, exp + 3600_000, sig),
      forge(file.replace(/.{4}\.xlsx$/, '0000.xlsx'), exp, sig),
      forge(file, exp, other.sign(`file|local:${file}|${exp}`)),
      `/files/${file}?exp=${exp}`,
      forge('exports/..%2F..%2Fstreet.db', exp, sig),
    ]) {
      const refused = await fetch(`${server.url}${bad}`);
      expect([bad, refused.status]).toEqual([bad, 403]);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
  });
});

/**
 * One step of the HTTP test, named, so a stall (CI once hit jest's 60 s timeout here with no clue
 * which call hung) fails with the step's name instead of a bare timeout. A hang detector, not a speed check.
 */
async function step<T>(name: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stalled: ${name}`)), 15_000);
  });
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

it('over HTTP, a link opens its file until its expiry and is refused (403) once the clock passes it', async () => {
  // The server and the files share one injected clock, so expiry is tested without waiting.
  const dir = tempDataDir('files-http');
  let nowMs = Date.parse('2026-12-01T02:00:00Z');
  const now = () => new Date(nowMs);
  const secrets = createSecrets(parseMasterKey(generateMasterKey()));
  const files = createLocalFiles(path.join(dir, 'files'), secrets, { now });
  const store = openSqliteStore(path.join(dir, 'street.db'));
  const app = await step('buildApp', buildApp({ store, secrets, log: pino({ level: 'silent' }), production: false, now, files }));
  await step('listen', app.listen({ host: '127.0.0.1', port: 0 }));
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const body = await step('workbook', workbook());
    const stored = await step('put', files.put({ folder: 'exports', name: '护河巡林_服务记录', kind: 'xlsx', body }));
    const link = await step('link', files.link(stored.fileId, 60));
    expect(Date.parse(link.expiresAt)).toBe(nowMs + 60_000);

    nowMs += 59_000;
    const fresh = await step('fetch before expiry', fetch(`${base}${link.url}`));
    expect(fresh.status).toBe(200);
    expect(Buffer.from(await step('read the file', fresh.arrayBuffer())).equals(body)).toBe(true);
    expect(fresh.headers.get('content-disposition')).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent('护河巡林_服务记录.xlsx')}`,
    );

    nowMs += 2_000;
    const expired = await step('fetch after expiry', fetch(`${base}${link.url}`));
    expect(expired.status).toBe(403);
    expect(await step('read the refusal', expired.json())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '下载链接无效或已过期，请重新导出' },
    });
  } finally {
    await step('close the server', app.close());
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
