/**
 * The production rehearsal's driver (test/production/rehearsal.test.ts builds it with esbuild and runs
 * it under plain `node`, not jest): it loads every BUILT function bundle (`buildFunction`'s output, in REHEARSAL_BUNDLES: the
 * same bundles as cloudfunctions/<fn>/index.js, with template ids in their notifications.json) exactly as CloudBase's Node runtime would, with the real
 * wx-server-sdk whose request layer answers from the CloudBase stand-in, and drives a whole journey
 * through `exports.main` of those bundles:
 *
 *   a fresh environment with no collection → setup (wrong secret, then right) → the first volunteer
 *   registers and claims admin → a leader is appointed → a volunteer joins the patrol, signs up,
 *   checks in and out with the code → the leader approves the hours (a subscription message to the
 *   volunteer; a team application sends one to its leader) → the volunteer donates to the
 *   pool, the admin grants a senior credits → the senior's help request is paid in credits → the
 *   leader's xlsx export returns a file id whose content opens with exceljs → a photo uploaded into
 *   uploads/ is checked and stored without its GPS → the timer runs the
 *   scheduler → ledger:verify on the stand-in's data passes.
 *
 * What the platform would supply is supplied the way the platform does it:
 * - the caller: wx-server-sdk's getWXContext reads WX_CONTEXT_KEYS / WX_OPENID from the process
 *   environment, which CloudBase sets per invocation; the driver sets them before each call;
 * - the environment: cloud.init({ env: DYNAMIC_CURRENT_ENV }) resolves TCB_ENV;
 * - events: with the platform keys beside the payload (see PLATFORM_KEYS below);
 * - cloud storage: the wx-server-sdk file calls (uploadFile, getTempFileURL, downloadFile,
 *   deleteFile) answered from memory (test/support/cloud-files-fake.ts), since the stand-in models
 *   the database only;
 * - cloud calls: `cloud.openapi.subscribeMessage.send` records each subscription message
 *   (test/support/cloudbase-standin/openapi.ts); the bundles it loads (REHEARSAL_BUNDLES) were built
 *   with template ids set, as an operator's notifications.json has them;
 * - the clock: shifted (Date is replaced by a subclass that adds an offset), so the activity and
 *   the help request happen at their times; time keeps running.
 *
 * It prints one JSON line: { steps: [...], ok: boolean, failure?: string }. The jest side asserts on it.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { createCloudbaseStandin, createFakeOpenapi } from '../support/cloudbase-standin';
import { createFakeCloudFiles } from '../support/cloud-files-fake';
import { cameraJpeg } from '../support/images';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import { verifyLedger, formatReport } from '../../cloudfunctions/core/services/ledger-verify';

const ROOT = process.env.REHEARSAL_ROOT ?? path.resolve(__dirname, '../../..');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

// ---- the clock --------------------------------------------------------------------------------
const RealDate = Date;
let offsetMs = 0;
class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string]));
  }
  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = ShiftedDate as DateConstructor;
const setClock = (iso: string) => {
  offsetMs = RealDate.parse(iso) - RealDate.now();
};

// ---- the platform -----------------------------------------------------------------------------
process.env.TCB_ENV = 'rehearsal-env';
const standin = createCloudbaseStandin({ collections: [], seed: 9, env: process.env.TCB_ENV });
process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
process.env.WX_APPID = 'wx-rehearsal-app';
process.env.DATA_KEY = process.env.DATA_KEY ?? 'ZmFrZS1idXQtdmFsaWQta2V5LWZvci10ZXN0cy0wMTI='; // replaced by the jest side
const SECRET = process.env.SETUP_SECRET!;

const storage = createFakeCloudFiles(process.env.TCB_ENV);
const files = storage.files;
const cloud = requireFromRoot('wx-server-sdk') as Record<string, unknown>;
Object.assign(cloud, {
  uploadFile: storage.uploadFile,
  getTempFileURL: storage.getTempFileURL,
  downloadFile: storage.downloadFile,
  deleteFile: storage.deleteFile,
});
const wechat = createFakeOpenapi();
Object.assign(cloud, { openapi: wechat.openapi });
const sendsTo = (openid: string, templateId: string) => wechat.sent.filter((m) => m.touser === openid && m.templateId === templateId);

type Main = (event: unknown, context?: unknown) => Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
const FUNCTIONS = (process.env.REHEARSAL_FUNCTIONS ?? '').split(',').filter(Boolean);
const BUNDLES = process.env.REHEARSAL_BUNDLES ?? path.join(ROOT, 'cloudfunctions');
const mains = new Map<string, Main>();
for (const fn of FUNCTIONS) {
  const bundle = requireFromRoot(path.join(BUNDLES, fn, 'index.js')) as { main?: Main };
  if (typeof bundle.main !== 'function') throw new Error(`${BUNDLES}/${fn}/index.js has no exports.main`);
  mains.set(fn, bundle.main);
}

/**
 * Platform keys CloudBase puts beside the payload:
 * - `userInfo: { appId, openId }`, injected into every wx.cloud.callFunction event (WeChat's
 *   invokeCloudFunction documentation shows the resulting event as `{"userInfo":{"appId":...}}`);
 * - `tcbContext: {}`, as logged by CloudBase users in public mini-program repositories.
 * The openId here is deliberately someone else's: identity must come from the WX context only.
 */
const PLATFORM_KEYS = (spoofedOpenId: string) => ({ userInfo: { appId: 'wx-rehearsal-app', openId: spoofedOpenId }, tcbContext: {} });
/** A context object as the Node runtime passes it (second argument of main). */
const CONTEXT = { callbackWaitsForEmptyEventLoop: false, memory_limit_in_mb: 256, time_limit_in_ms: 20000, request_id: 'rehearsal' };

let seq = 0;
async function invoke(openid: string | null, fn: string, action: string, data: object = {}, extra: object = {}) {
  const main = mains.get(fn);
  if (!main) throw new Error(`function ${fn} was not loaded`);
  if (openid) process.env.WX_OPENID = openid;
  else delete process.env.WX_OPENID;
  const event = { action, data, requestId: `rehearsal-${(seq++).toString(36).padStart(6, '0')}`, ...PLATFORM_KEYS('o-spoofed-admin'), ...extra };
  return main(event, CONTEXT);
}
async function ok(openid: string | null, fn: string, action: string, data: object = {}) {
  const r = await invoke(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
}

const steps: Array<{ step: string; detail?: unknown }> = [];
const step = (name: string, detail?: unknown) => steps.push({ step: name, detail });

/** Shanghai's calendar date of a moment, and a moment from a Shanghai date and time. */
const shanghaiDate = (ms: number) => new RealDate(ms + 8 * 3600_000).toISOString().slice(0, 10);
const shanghai = (date: string, time: string) => new RealDate(`${date}T${time}:00+08:00`).toISOString();

async function journey(): Promise<void> {
  const A = 'o-admin-1';
  const B = 'o-leader-1';
  const C = 'o-volunteer-1';

  // Every function answers an event with platform keys (no BAD_REQUEST), before setup as NOT_SET_UP.
  for (const fn of FUNCTIONS) {
    const r = await invoke(C, fn, 'noSuchAction');
    step(`event shape ${fn}`, r.ok ? 'ok' : r.error!.code);
  }
  step('before setup', (await invoke(C, 'account', 'options')).error?.code);

  // Setup, as the operator runs it from the CLI: the wrong secret first.
  const wrong = await mains.get('setup')!({ action: 'run', data: { secret: 'not-the-secret-0000' } }, CONTEXT);
  step('setup wrong secret', { code: wrong.error?.code, collections: standin.engine.collectionNames().length });
  const setup = await mains.get('setup')!({ action: 'run', data: { secret: SECRET } }, CONTEXT);
  if (!setup.ok) throw new Error(`setup: ${setup.error?.code} ${setup.error?.message}`);
  step('setup', { collections: setup.data.collectionsCreated.length, committees: setup.data.committees.created, teams: setup.data.teams.created });
  const again = await mains.get('setup')!({ action: 'run', data: { secret: SECRET } }, CONTEXT);
  step('setup again', { changed: again.data?.changed });

  const register = (openid: string, name: string, phone: string, birthYear: number) =>
    ok(openid, 'account', 'register', { name, phone, birthYear, committeeId: 'c_binjiang', consentVersion: process.env.PRIVACY_POLICY_VERSION });
  const meA = await register(A, '街道李主任', '13800009001', 1978);
  const meB = await register(B, '队长周师傅', '13800009002', 1962);
  const meC = await register(C, '志愿者陈阿姨', '13800009003', 1960);
  step('registered', [meA.profile.id, meB.profile.id, meC.profile.id].every(Boolean));

  const claim = await ok(A, 'setup', 'claimAdmin', { secret: SECRET });
  step('claim admin', claim.roles);
  const second = await invoke(B, 'setup', 'claimAdmin', { secret: SECRET });
  step('second claim', second.error?.code);
  // The spoofed openId in userInfo is the admin's: the caller is still C, who is not an admin.
  const spoof = await invoke(C, 'admin', 'listUsers', { limit: 5 }, { userInfo: { appId: 'wx-rehearsal-app', openId: A } });
  step('spoofed userInfo', spoof.error?.code);

  await ok(A, 'admin', 'grantRole', { userId: meB.profile.id, role: 'leader', teamId: 't_patrol' });
  const joined = await ok(C, 'teams', 'join', { teamId: 't_patrol' });
  step('joined', joined.state);

  // Subscription messages: the leader accepts 入队申请通知, the volunteer 服务时长审核结果 (as the app
  // asks at a tap). A team that takes members on approval tells its leader of an application.
  await ok(B, 'inbox', 'answerSubscriptions', { answers: { team: 'accept' }, context: '队长工作台' });
  await ok(C, 'inbox', 'answerSubscriptions', { answers: { hours: 'accept', activity: 'accept' }, context: '报名活动' });
  await ok(A, 'admin', 'grantRole', { userId: meB.profile.id, role: 'leader', teamId: 't_partners' });
  const applied = await ok(C, 'teams', 'join', { teamId: 't_partners', note: '想结对照顾独居老人' });
  step('team application', {
    state: applied.state,
    sends: sendsTo(B, 'rehearsal-team').map((m) => ({ page: m.page, status: m.data.phrase2?.value, lang: m.lang, state: m.miniprogramState })),
  });

  // An activity tomorrow, 09:00–11:00 Shanghai time.
  const day = shanghaiDate(RealDate.now() + offsetMs + 86_400_000);
  const created = await ok(B, 'activities', 'create', {
    teamId: 't_patrol',
    title: '周末巡河护林',
    category: 'health',
    place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
    date: day,
    startTime: '09:00',
    endTime: '11:00',
    capacity: 10,
  });
  const activityId = created.activities[0].id as string;
  const signed = await ok(C, 'activities', 'signup', { activityId });
  step('signed up', signed.state ?? signed.signup?.state ?? 'ok');

  setClock(shanghai(day, '08:55'));
  const code = await ok(B, 'activities', 'checkinCode', { activityId });
  const inResult = await ok(C, 'activities', 'checkIn', { activityId, token: code.code });
  setClock(shanghai(day, '11:00'));
  const code2 = await ok(B, 'activities', 'checkinCode', { activityId });
  const outResult = await ok(C, 'activities', 'checkOut', { activityId, token: code2.token });
  step('attendance', { in: inResult.attendance, out: outResult.attendance, minutes: outResult.servedMinutes });
  const approved = await ok(B, 'records', 'approve', { recordId: outResult.recordId });
  step('approved', approved.state ?? approved.record?.state);
  step(
    'hours message',
    sendsTo(C, 'rehearsal-hours').map((m) => ({ page: m.page, status: m.data.phrase2?.value })),
  );
  const earned = await ok(C, 'timebank', 'balance');
  step('volunteer balance', earned.balance?.minutes ?? earned.balance);

  // The volunteer gives an hour to the pool; the admin grants it to a senior; she spends it on help.
  await ok(C, 'timebank', 'donate', { minutes: 60, note: '给老人用' });
  const senior = await ok(A, 'seniors', 'register', {
    name: '顾阿婆',
    birthYear: 1940,
    committeeId: 'c_binjiang',
    address: '滨江苑 3 号楼 402 室',
    estateId: 'e_bj_court',
    livingAlone: true,
    specialDifficulty: false,
    emergencyContacts: [{ name: '顾小明', relation: '儿子', phone: '13900009004' }],
    consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
  });
  const seniorId = senior.id as string;
  await ok(A, 'timebank', 'grant', { toUserId: seniorId, minutes: 60, reason: '公益池资助独居老人' });
  const helpDay = shanghaiDate(RealDate.now() + offsetMs + 86_400_000);
  const request = await ok(A, 'help', 'create', {
    seniorId,
    category: 'daily',
    date: helpDay,
    startTime: '14:00',
    endTime: '15:00',
    minutes: 60,
    funding: 'credits',
  });
  await ok(C, 'help', 'accept', { requestId: request.id });
  setClock(shanghai(helpDay, '15:05'));
  await ok(C, 'help', 'reportDone', { requestId: request.id, minutes: 60 });
  const confirmed = await ok(A, 'help', 'confirm', { requestId: request.id });
  step('help paid', { state: confirmed.state, volunteer: (await ok(C, 'timebank', 'balance')).balance });

  // The leader's xlsx export: a file id; its content is read back from storage by the jest side.
  const exported = await ok(B, 'teams', 'exportRecords', { teamId: 't_patrol', from: day, to: day });
  const fileId = exported.fileId as string;
  const bytes = files.get(fileId);
  step('export', { fileId, rows: exported.rows, bytes: bytes?.length ?? 0, hasUrl: typeof exported.url === 'string' && exported.url.length > 0 });
  if (bytes) step('export file', bytes.toString('base64'));

  // A photo as WeChat sends it: the client uploads straight into uploads/ (a camera JPEG with GPS),
  // then the activities bundle checks it, loading jpeg-js/pngjs/exifr the way CloudBase installs them.
  const upload = await storage.uploadFile({ cloudPath: 'uploads/rehearsal-photo.jpg', fileContent: cameraJpeg({ orientation: 6 }) });
  const photo = await ok(B, 'activities', 'addPhoto', { target: 'activity', targetId: activityId, role: 'photo', fileId: upload.fileID });
  const stored = [...files.keys()].find((id) => id.includes('/photos/') && !id.includes('thumb'));
  step('photo', { audience: photo.audience, width: photo.width, height: photo.height, uploadGone: !files.has(upload.fileID), stored: !!stored });
  if (stored) step('photo file', files.get(stored)!.toString('base64'));

  // The timer trigger, with the keys a timer event carries, and no WeChat caller (CloudBase sets none).
  delete process.env.WX_OPENID;
  const timer = await mains.get('scheduler')!({ Type: 'Timer', TriggerName: 'every5min', Time: new Date().toISOString(), Message: '' }, CONTEXT);
  step('timer', { ok: timer.ok, errors: timer.data?.errors ?? timer.error });
  step('timer notifications', timer.data?.notifications);
  step('sends', wechat.sent.length);

  const report = await verifyLedger(createCloudbaseStore(standin.db as CloudbaseDatabase));
  step('ledger verify', { ok: report.ok, counts: report.counts, text: report.ok ? '' : formatReport(report) });
  step('stand-in', { refusedQueries: standin.engine.stats.refusedQueries, openTransactions: standin.engine.openTransactions() });
}

journey().then(
  () => process.stdout.write(`${JSON.stringify({ ok: true, steps })}\n`),
  (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: false, failure: e instanceof Error ? e.stack : String(e), steps })}\n`);
    process.exitCode = 1;
  },
);
