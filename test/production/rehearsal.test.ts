/**
 * Production rehearsal: every function as CloudBase would run it. The bundles are built
 * with `npm run build:functions`'s own code, then a driver (test/production/driver.ts, bundled with
 * esbuild) runs under plain `node` — not jest, whose module transform differs from Node's — loads
 * each bundle's `exports.main`, and drives a whole journey through them over the CloudBase stand-in:
 * from an environment with no collection at all, through setup, registration, the first admin, an
 * activity with check-in and approved hours, credits from the pool paying a senior's help request,
 * the xlsx export as a file in cloud storage, the timer trigger, to ledger:verify on the stand-in's
 * data. What the driver fakes and why is said at its top.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import exifr from 'exifr';
import { buildFunction, functionNames } from '../../scripts/build-functions';
import { generateMasterKey } from '../../cloudfunctions/core/crypto';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'node_modules', '.cache', 'street-rehearsal');
const SECRET = 'rehearsal-setup-secret-0123456789';

interface Report {
  ok: boolean;
  failure?: string;
  steps: Array<{ step: string; detail?: any }>;
}

function runNode(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let report: Report;
const detail = (name: string) => {
  const found = report.steps.find((s) => s.step === name);
  if (!found) throw new Error(`the journey never reached "${name}"; it stopped with:\n${report.failure ?? '(no failure)'}`);
  return found.detail;
};

/** Loads every bundle under plain Node (as CloudBase's runtime does) and checks that it exports main. */
async function loadEachUnderNode(dir: string, names: string[]): Promise<string> {
  const script = `for (const fn of ${JSON.stringify(names)}) { const m = require(${JSON.stringify(dir)} + '/' + fn + '/index.js'); if (typeof m.main !== 'function') throw new Error(fn + ': no exports.main'); } console.log('loaded');`;
  const file = path.join(OUT, 'load-bundles.js');
  fs.writeFileSync(file, script);
  const { code, stdout, stderr } = await runNode(file, { DATA_KEY: generateMasterKey() });
  return code === 0 ? stdout.trim() : `exit ${code}: ${stderr.slice(-1000)}`;
}

let loadedInPlace: string;

beforeAll(async () => {
  const names = functionNames();
  fs.mkdirSync(OUT, { recursive: true });
  // The deployable folders themselves, as npm run build:functions leaves them: each loads under plain Node.
  for (const name of names) await buildFunction(name);
  loadedInPlace = await loadEachUnderNode(path.join(ROOT, 'cloudfunctions'), names);
  // The journey runs on the same bundles built with template ids set (notifications.json has none
  // until an operator picks the templates), into a folder of their own.
  const bundles = path.join(OUT, 'functions');
  const real = JSON.parse(fs.readFileSync(path.join(ROOT, 'notifications.json'), 'utf8')) as { templates: Record<string, { templateId: string }> };
  for (const [key, t] of Object.entries(real.templates)) t.templateId = `rehearsal-${key}`;
  const notifications = path.join(OUT, 'notifications.json');
  fs.writeFileSync(notifications, JSON.stringify(real, null, 2));
  for (const name of names) await buildFunction(name, { outDir: path.join(bundles, name), notifications });
  const driver = path.join(OUT, 'driver.js');
  await build({
    entryPoints: [path.join(__dirname, 'driver.ts')],
    outfile: driver,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    // The same instances the function bundles load: the stand-in must ride on their wx-server-sdk.
    external: ['wx-server-sdk', '@cloudbase/database', 'bson', 'better-sqlite3', 'exceljs'],
    // Any script the driver reaches runs its CLI only when it is the main module; inside this bundle it is a library.
    define: { 'require.main': 'undefined' },
    logLevel: 'error',
  });
  const { code, stdout, stderr } = await runNode(driver, {
    REHEARSAL_ROOT: ROOT,
    REHEARSAL_FUNCTIONS: names.join(','),
    REHEARSAL_BUNDLES: bundles,
    DATA_KEY: generateMasterKey(),
    SETUP_SECRET: SECRET,
    PRIVACY_POLICY_VERSION,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    report = JSON.parse(line) as Report;
  } catch {
    throw new Error(`the driver printed no report (exit ${code}):\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`);
  }
}, 240_000);

it('runs the whole journey through the built bundles under plain Node', () => {
  expect(report.failure ?? null).toBeNull();
  expect(report.ok).toBe(true);
});

it('every deployable bundle loads under plain Node with its exports.main', () => {
  expect(loadedInPlace).toBe('loaded');
});

it('sends subscription messages through cloud.openapi: a team application to its leader, approved hours to the volunteer', () => {
  expect(detail('team application')).toEqual({
    state: 'pending',
    sends: [{ page: '/packages/leader/roster/index?teamId=t_partners', status: '待审核', lang: 'zh_CN', state: 'formal' }],
  });
  expect(detail('hours message')).toEqual([{ page: '/packages/timebank/home/index', status: '已通过' }]);
  // The timer found nothing left to send: every message went out with the call that wrote it.
  expect(detail('timer notifications')).toEqual({ tried: 0 });
  expect(detail('sends')).toBeGreaterThanOrEqual(2);
});

it('every function takes an event carrying userInfo and tcbContext (no BAD_REQUEST)', () => {
  for (const fn of functionNames()) expect([fn, detail(`event shape ${fn}`)]).toEqual([fn, 'UNKNOWN_ACTION']);
});

it('a fresh environment says NOT_SET_UP; a wrong secret creates nothing; setup creates every collection once', () => {
  expect(detail('before setup')).toBe('NOT_SET_UP');
  expect(detail('setup wrong secret')).toEqual({ code: 'SETUP_FORBIDDEN', collections: 0 });
  expect(detail('setup')).toEqual({
    collections: COLLECTION_NAMES.length,
    committees: ['c_xinyuanwan', 'c_binjiang', 'c_linyin', 'c_chunxiao'],
    teams: ['t_patrol', 't_paws', 't_waterfront', 't_partners'],
  });
  expect(detail('setup again')).toEqual({ changed: false });
});

it('the first admin is claimed once, and identity never comes from the event', () => {
  expect(detail('claim admin')).toContain('admin');
  expect(detail('second claim')).toBe('ADMIN_ALREADY_CLAIMED');
  expect(detail('spoofed userInfo')).toBe('FORBIDDEN');
});

it('hours served become credits, and credits pay for a senior’s help', () => {
  expect(detail('attendance')).toEqual({ in: 'in', out: 'out', minutes: 120 });
  expect(detail('volunteer balance')).toBe(120);
  expect(detail('help paid')).toMatchObject({ state: 'completed' });
});

it('the xlsx export is a file in cloud storage that opens with exceljs', async () => {
  const exported = detail('export');
  expect(exported).toMatchObject({ rows: 1, hasUrl: true });
  expect(exported.fileId).toMatch(/^cloud:\/\//);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(detail('export file') as string, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('服务记录')!;
  expect(sheet.getRow(2).getCell(3).value).toBe('志愿者陈阿姨');
  expect(sheet.getRow(2).getCell(9).value).toBe(120);
});

it('a photo uploaded straight to cloud storage is checked by the bundle: stored upright without GPS, the upload deleted', async () => {
  expect(detail('photo')).toEqual({ audience: 'public', width: 40, height: 80, uploadGone: true, stored: true });
  const stored = Buffer.from(detail('photo file') as string, 'base64');
  expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.gps(stored)).toBeUndefined();
});

it('the timer trigger runs the scheduler, and the ledger on the stand-in’s data verifies', () => {
  expect(detail('timer')).toEqual({ ok: true, errors: [] });
  expect(detail('ledger verify')).toMatchObject({ ok: true, text: '' });
  expect(detail('stand-in')).toEqual({ refusedQueries: 0, openTransactions: 0 });
});
