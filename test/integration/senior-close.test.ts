/**
 * Closing a senior's record at the 居委 desk (services/senior-close.ts), on the demo street (real
 * SQLite, the dispatcher): what blocks it, that a refused close changes nothing, that nothing which
 * names her is left in any table once it is done, what stays without her name (ledger, the help
 * request's times and credits), her family losing the proxy, a scrub cut short and finished by the
 * scheduler, and a help request asked for while the record closes.
 */
import type { AlertView, HelpRequestView, SeniorsResults, TimebankResults } from '../../cloudfunctions/core/api';
import type { HelpRequestDoc } from '../../cloudfunctions/core/domain/help';
import type { PhotoDoc } from '../../cloudfunctions/core/domain/photos';
import type { SeniorDoc } from '../../cloudfunctions/core/domain/seniors';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { erasureJobId, eraseTraces, type ErasureJobDoc } from '../../cloudfunctions/core/services/senior-close';
import { seedDemoStreet } from '../../server/seed';
import { openWorld, type TestWorld } from '../support/context';
import { deskSeniorInput } from '../support/desk-senior';
import { pngImage } from '../support/images';

const clock = { now: new Date('2026-12-04T02:00:00.000Z') };
let world: TestWorld;
let seq = 0;
const rid = () => `senior-close-${String(seq++).padStart(4, '0')}`;

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: any } };
const call = <T>(openid: string, fn: string, action: string, data: object = {}, requestId: string | undefined = rid()) =>
  world.call<T>(openid, fn as never, action, data, requestId) as Promise<Result<T>>;
async function ok<T>(openid: string, fn: string, action: string, data: object = {}, requestId?: string): Promise<T> {
  const r = await call<T>(openid, fn, action, data, requestId ?? rid());
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const tables = () =>
  (world.store.rawReader.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>).map(
    (t) => t.name,
  );
const rowsOf = (table: string) => (world.store.rawReader.prepare(`SELECT * FROM "${table}"`).all() as object[]).map((r) => JSON.stringify(r));

const NAME = '钱桂英';
const SECRET_NOTE = '钥匙在门口地垫下面';
const FAMILY_PHONE = '13912345678';

/** A desk senior with credits, a daughter as proxy, a binding code, a finished alert, a cancelled help request and a photo. */
async function seniorWithAPast(): Promise<{ seniorId: string; photo: PhotoDoc }> {
  const seniorId = (await ok<SeniorsResults['register']>('demo-social', 'seniors', 'register', deskSeniorInput(NAME))).id;
  await ok('demo-admin', 'timebank', 'adjust', { accountId: `user:${seniorId}`, minutes: 120, reason: '测试：老人的时间币' });
  await ok('wx-daughter', 'account', 'register', {
    name: '钱小梅',
    phone: FAMILY_PHONE,
    birthYear: 1972,
    committeeId: 'c_xinyuanwan',
    consentVersion: PRIVACY_POLICY_VERSION,
  });
  await ok('demo-social', 'seniors', 'addProxy', { seniorId, phone: FAMILY_PHONE, relation: '女儿' });
  await ok('demo-social', 'seniors', 'issueBindCode', { seniorId });
  const alert = await ok<AlertView>('demo-social', 'alerts', 'raise', { seniorId, note: SECRET_NOTE });
  await ok('demo-social', 'alerts', 'close', { alertId: alert.id, how: 'false_alarm', note: `误按，${SECRET_NOTE}` });
  const help = await ok<HelpRequestView>('demo-social', 'help', 'create', {
    seniorId,
    category: 'daily',
    date: '2026-12-08',
    startTime: '14:00',
    endTime: '16:00',
    minutes: 60,
    funding: 'credits',
    note: SECRET_NOTE,
  });
  await ok('demo-social', 'help', 'cancel', { requestId: help.id, reason: `家属说${SECRET_NOTE}` });
  await ok('demo-social', 'seniors', 'setPhotoConsent', { seniorId, granted: true });
  const photo = await addPhotoOf(seniorId, 'ph_close_1');
  return { seniorId, photo };
}

/** A photo showing the senior, as activities.addPhoto leaves it (document, two files, the senior's photoIds). */
async function addPhotoOf(seniorId: string, id: string): Promise<PhotoDoc> {
  const files = world.deps.files!;
  const full = await files.put({ folder: 'photos', name: id, kind: 'png', body: pngImage() });
  const thumb = await files.put({ folder: 'photos', name: `${id}-thumb`, kind: 'png', body: pngImage(8, 8) });
  const at = clock.now.toISOString();
  const doc = {
    _id: id,
    target: 'activity',
    targetId: 'a_close',
    teamId: 't_patrol',
    role: 'photo',
    fileId: full.fileId,
    thumbFileId: thumb.fileId,
    width: 64,
    height: 48,
    bytes: full.bytes,
    seniorIds: [seniorId],
    minors: false,
    audience: 'staff',
    uploadedBy: 'demo-v01',
    createdAt: at,
    keepUntil: '2027-12-04T02:00:00.000Z',
  } as unknown as PhotoDoc;
  await world.store.transaction(async (tx) => {
    await tx.create('photos', doc);
    const senior = (await tx.get<SeniorDoc>('seniors', seniorId))!;
    await tx.update('seniors', seniorId, { photoIds: [...(senior.photoIds ?? []), id] });
  });
  return doc;
}

const daughterId = async () => (await world.store.get<{ _id: string; userId: string }>('identities', 'wx-daughter'))!.userId;

beforeEach(async () => {
  clock.now = new Date('2026-12-04T02:00:00.000Z');
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { activities: false });
});
afterEach(() => world.close());

it('closes a record: nothing that names her is left, the ledger stays whole and anonymous, her family is told', async () => {
  const { seniorId, photo } = await seniorWithAPast();
  const check = await ok<SeniorsResults['closeCheck']>('demo-social', 'seniors', 'closeCheck', { seniorId });
  expect(check).toMatchObject({ seniorId, name: NAME, available: { minutes: 120 }, blockers: [], canClose: true });
  expect(check.erases).toMatchObject({ helpRequests: 1, alerts: 1, photos: 1, proxies: 1, contacts: 0 });
  // Other people were told about her: her daughter (the proxy, the alert), the 居委 and the alarm chain.
  expect(check.erases.messages).toBeGreaterThanOrEqual(3);
  expect(check.erases.history).toBeGreaterThanOrEqual(6);
  const poolBefore = await ok<TimebankResults['pool']>('demo-admin', 'timebank', 'pool', {});

  // Credits left need the social worker's word; refused, nothing changes (the closing mark is lifted again).
  const snapshot = () =>
    tables()
      .filter((t) => t !== 'idempotency')
      .map((t) => rowsOf(t).join('\n'))
      .join('\n')
      .replace(/,\\"closing\\":null/g, '');
  const before = snapshot();
  expect(await call('demo-social', 'seniors', 'close', { seniorId, reason: 'deceased', confirm: true })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringContaining('2小时') },
  });
  expect(snapshot()).toBe(before);

  const closed = await ok<SeniorsResults['close']>(
    'demo-social',
    'seniors',
    'close',
    { seniorId, reason: 'deceased', confirm: true, leftover: 'donate' },
    'close-senior-1',
  );
  expect(closed).toEqual({
    seniorId,
    closedAt: clock.now.toISOString(),
    donated: { minutes: 120, display: '2小时' },
    erasure: { done: true, history: check.erases.history, helpRequests: 1, alerts: 1, contacts: 0, photos: 1, messages: check.erases.messages },
  });

  // Nothing in any table names her, her address, her contact, her phone or the note anyone wrote about her,
  // but the close's own notice to her family (inbox and WeChat) that her record is closed.
  const secrets = [NAME, '新圆湾花园 3 号楼', '张小红', '13900002222', '64001234', SECRET_NOTE];
  for (const table of tables()) {
    const mine = rowsOf(table).filter((r) => secrets.some((s) => r.includes(s)));
    const theCloseNotice = (r: string) => (table === 'messages' || table === 'outbox') && r.includes('代理随之解除');
    expect({ table, mine: mine.filter((r) => !theCloseNotice(r)) }).toEqual({ table, mine: [] });
  }
  // The others' messages about her stay where they were, saying what happened, and unsent WeChat notices with them go.
  const cleared = rowsOf('messages').filter((r) => r.includes('（老人档案已注销，内容已清除）'));
  expect(cleared).toHaveLength(check.erases.messages);
  const daughterUserId = await daughterId();
  expect(cleared.some((r) => r.includes(`\\"userId\\":\\"${daughterUserId}\\"`))).toBe(true);
  expect(await world.store.get('seniors', seniorId)).toBeNull();
  expect(await world.store.get('care', seniorId)).toBeNull();
  expect(await world.store.find('seniorLog', { where: { seniorId }, limit: 5 })).toMatchObject({ items: [] });
  expect(await world.store.get<UserDoc>('users', seniorId)).toMatchObject({
    name: '已注销用户',
    phoneEnc: '',
    roles: [],
    grants: [],
    closedAt: clock.now.toISOString(),
  });
  // The photo and its files are gone.
  expect(await world.store.get('photos', 'ph_close_1')).toBeNull();
  for (const fileId of [photo.fileId, photo.thumbFileId]) await expect(world.deps.files!.read(fileId)).rejects.toBeTruthy();

  // The help request stays as the record of a cancelled request: times and credits, no words.
  const [req] = (await world.store.find<any>('helpRequests', { where: { seniorId }, limit: 5 })).items;
  expect(req).toMatchObject({ state: 'cancelled', note: '', location: null, minutes: 60, cancel: { reason: null } });
  expect(req.steps.every((s: { text: string }) => !s.text.includes(NAME))).toBe(true);

  // The daughter is no longer her proxy, and was told.
  const daughter = (await world.store.get<UserDoc>('users', await daughterId()))!;
  expect(daughter.grants.some((g) => g.role === 'proxy')).toBe(false);
  expect(await ok<SeniorsResults['mine']>('wx-daughter', 'seniors', 'mine')).toMatchObject({ proxyFor: [] });
  const inbox = await world.store.find<{ _id: string; title: string; body: string }>('messages', { where: { userId: await daughterId() }, limit: 50 });
  expect(inbox.items.some((m) => m.title === '老人档案已注销' && m.body.includes('代理随之解除'))).toBe(true);

  // Lists that reach her past records still answer (the alert names 已注销用户, its note is gone).
  const alerts = await ok<{ items: AlertView[] }>('demo-social', 'alerts', 'list', { state: 'closed' });
  expect(alerts.items.find((a) => a.seniorId === seniorId)).toMatchObject({ seniorName: '已注销用户', note: '' });
  await ok('demo-duty', 'alerts', 'list', {});
  // Her old alert still opens for the 居委, naming nobody and showing no address or phone.
  const oldAlert = alerts.items.find((a) => a.seniorId === seniorId)!;
  expect(await ok('demo-social', 'alerts', 'get', { alertId: oldAlert.id })).toMatchObject({ seniorName: '已注销用户', note: '', senior: null, role: 'staff' });
  await ok('demo-social', 'help', 'queue', {});
  // The 居委's list no longer has her; a second close finds nothing, the same request gets its answer.
  const list = await ok<SeniorsResults['list']>('demo-social', 'seniors', 'list', { committeeId: 'c_xinyuanwan' });
  expect(list.items.some((s) => s.id === seniorId)).toBe(false);
  expect(await call('demo-social', 'seniors', 'close', { seniorId, reason: 'deceased', confirm: true, leftover: 'donate' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await call('demo-social', 'seniors', 'close', { seniorId, reason: 'deceased', confirm: true, leftover: 'donate' }, 'close-senior-1')).toEqual({
    ok: true,
    data: closed,
  });

  // Credits went to the pool; the ledger still adds up.
  const poolAfter = await ok<TimebankResults['pool']>('demo-admin', 'timebank', 'pool', {});
  expect(poolAfter.balance.balance.minutes - poolBefore.balance.balance.minutes).toBe(120);
  expect((await verifyLedger(world.store)).checks.filter((c) => !c.ok)).toEqual([]);
  // Audit: who closed it and why, with counts only.
  const audit = await world.store.find<{ _id: string; kind: string; actorId: string; detail: Record<string, unknown> }>('audit', {
    where: { subjectId: seniorId },
    limit: 100,
  });
  expect(audit.items.find((a) => a.kind === 'senior.close')).toMatchObject({ detail: { reason: 'deceased', donatedMinutes: 120, proxies: 1, photos: 1 } });
});

it('refuses while something is still going, and lists each thing in the social worker’s words', async () => {
  const { seniorId } = await seniorWithAPast();
  const help = await ok<HelpRequestView>('demo-social', 'help', 'create', {
    seniorId,
    category: 'daily',
    date: '2026-12-09',
    startTime: '09:00',
    endTime: '10:00',
    minutes: 60,
    funding: 'credits',
  });
  await ok('demo-social', 'alerts', 'raise', { seniorId });
  const check = await ok<SeniorsResults['closeCheck']>('demo-social', 'seniors', 'closeCheck', { seniorId });
  expect(check.canClose).toBe(false);
  expect(check.blockers.map((b) => b.kind).sort()).toEqual(['alertsOpen', 'helpActive', 'ledgerHold']);
  expect(check.blockers.find((b) => b.kind === 'helpActive')?.text).toBe('老人还有 1 条求助没有结束，请先取消或结算');
  expect(check.blockers.find((b) => b.kind === 'ledgerHold')?.text).toBe('老人有时间币已预留给进行中的求助，请等求助结束或取消后再注销');

  const refused = await call('demo-social', 'seniors', 'close', { seniorId, reason: 'movedAway', confirm: true, leftover: 'donate' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CLOSE_BLOCKED', details: { blockers: expect.any(Array) } } });
  // Nothing happened: she is still there, and acting for her works (no closing mark left behind).
  expect(await world.store.get('seniors', seniorId)).not.toBeNull();
  await ok('demo-social', 'help', 'cancel', { requestId: help.id });

  // A team leader made a senior: her own volunteer side speaks in the social worker's words.
  const leaderId = (await world.store.get<{ _id: string; userId: string }>('identities', 'demo-v01'))!.userId;
  await world.store.transaction((tx) => tx.update('users', leaderId, { birthYear: 1950 }));
  await ok('demo-social', 'seniors', 'register', {
    userId: leaderId,
    address: '新圆湾花园 9 号楼 101 室',
    livingAlone: false,
    specialDifficulty: false,
    emergencyContacts: [{ name: '王小军', relation: '儿子', phone: '13900003333' }],
    consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
  });
  const leaderCheck = await ok<SeniorsResults['closeCheck']>('demo-social', 'seniors', 'closeCheck', { seniorId: leaderId });
  expect(leaderCheck.blockers).toEqual([{ kind: 'role', count: 1, text: '老人自己是 1 个队伍的队长，请先请街道管理员更换队长' }]);

  // Other 居委's social workers and volunteers may not close or even check.
  expect(await call('demo-v01', 'seniors', 'closeCheck', { seniorId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const elsewhere = (await ok<SeniorsResults['register']>('demo-admin', 'seniors', 'register', deskSeniorInput('韦秀芳', 'c_linyin'))).id;
  expect(await call('demo-social', 'seniors', 'close', { seniorId: elsewhere, reason: 'movedAway', confirm: true })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
});

it('a scrub cut short (cloud storage down) says so, and the scheduler finishes it', async () => {
  const { seniorId } = await seniorWithAPast();
  const files = world.deps.files!;
  const remove = files.remove.bind(files);
  files.remove = async () => {
    throw new Error('storage unavailable');
  };
  const closed = await ok<SeniorsResults['close']>('demo-social', 'seniors', 'close', { seniorId, reason: 'request', confirm: true, leftover: 'donate' });
  files.remove = remove;
  // The record is closed and its history scrubbed; the photo's files are still to delete, and the answer does not say done.
  expect(closed.erasure).toMatchObject({ done: false, helpRequests: 1, photos: 1 });
  expect(await world.store.get('seniors', seniorId)).toBeNull();
  const job = (await world.store.get<ErasureJobDoc>('jobs', erasureJobId(seniorId)))!;
  expect(job).toMatchObject({ state: 'running', files: expect.arrayContaining([expect.any(String)]) });
  expect(job.files).toHaveLength(2);

  const run = await runScheduler({ store: world.store, files }, clock.now);
  expect(run.errors).toEqual([]);
  expect(run.erasures).toEqual({ finished: 1 });
  expect(await world.store.get<ErasureJobDoc>('jobs', erasureJobId(seniorId))).toMatchObject({ state: 'done', files: [] });
  for (const fileId of job.files) await expect(files.read(fileId)).rejects.toBeTruthy();
  // A second run has nothing left to do.
  expect((await runScheduler({ store: world.store, files }, clock.now)).erasures).toEqual({ finished: 0 });
});

it('a help request asked for while the record closes is refused, so none outlives her', async () => {
  const seniorId = (await ok<SeniorsResults['register']>('demo-social', 'seniors', 'register', deskSeniorInput('周阿婆'))).id;
  // The daughter's pool-funded request (no credits held anywhere) lands just after the close has
  // looked for her requests: the moment only the closing mark covers.
  const find = world.store.find.bind(world.store);
  let looks = 0;
  let asked: Result<HelpRequestView> | null = null;
  world.store.find = (async (collection: string, query: { where?: Record<string, unknown> }) => {
    const found = await find(collection as never, query as never);
    if (collection === 'helpRequests' && query.where?.seniorId === seniorId && ++looks === 2) {
      asked = await call<HelpRequestView>('demo-social', 'help', 'create', {
        seniorId,
        category: 'daily',
        date: '2026-12-10',
        startTime: '09:00',
        endTime: '10:00',
        minutes: 60,
        funding: 'pool',
      });
    }
    return found;
  }) as typeof world.store.find;
  const closing = await call<SeniorsResults['close']>('demo-social', 'seniors', 'close', { seniorId, reason: 'request', confirm: true });
  world.store.find = find;
  expect(looks).toBeGreaterThanOrEqual(2);
  expect(closing.ok).toBe(true);
  expect(asked).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '居委正在注销这位老人的档案，暂时不能办理' } });
  expect((await world.store.find<HelpRequestDoc>('helpRequests', { where: { seniorId }, limit: 5 })).items).toEqual([]);
});

it('two staff closing the same record at once: one closes it, the other is told it is gone; the credits move once', async () => {
  const { seniorId } = await seniorWithAPast();
  const poolBefore = await ok<TimebankResults['pool']>('demo-admin', 'timebank', 'pool', {});
  const results = await Promise.all(
    ['demo-social', 'demo-admin'].map((who) =>
      call<SeniorsResults['close']>(who, 'seniors', 'close', { seniorId, reason: 'movedAway', confirm: true, leftover: 'donate' }),
    ),
  );
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const poolAfter = await ok<TimebankResults['pool']>('demo-admin', 'timebank', 'pool', {});
  expect(poolAfter.balance.balance.minutes - poolBefore.balance.balance.minutes).toBe(120);
  expect((await verifyLedger(world.store)).checks.filter((c) => !c.ok)).toEqual([]);
});

it('a long table of kept answers is gone through across runs, each going on where the last stopped', async () => {
  const seniorId = 'u_0123456789abcdef0123';
  const at = clock.now.toISOString();
  await world.store.transaction(async (tx) => {
    const job: ErasureJobDoc = {
      _id: erasureJobId(seniorId),
      kind: 'seniorErasure',
      ownerId: 'erasure',
      seniorId,
      state: 'running',
      files: [],
      counts: { history: 0, helpRequests: 0, alerts: 0, contacts: 0, photos: 0, messages: 0 },
      closedBy: 'demo-social',
      createdAt: at,
      updatedAt: at,
      doneAt: null,
    };
    await tx.set('jobs', job);
  });
  // 260 answers, every fourth naming her (one only by an id that merely starts like hers).
  for (let i = 0; i < 260; i += 20) {
    await world.store.transaction(async (tx) => {
      for (let k = i; k < i + 20; k++) {
        const about = k % 4 === 0 ? seniorId : k === 5 ? `${seniorId}9` : 'u_someone_else';
        await tx.create('requests', { _id: `wx-${k}|help.create|r-${k}`, result: { seniorId: about }, createdAt: new Date(Date.parse(at) + k).toISOString() });
      }
    });
  }
  const naming = () =>
    (world.store.rawReader.prepare(`SELECT doc FROM "requests"`).all() as Array<{ doc: string }>).filter((r) => r.doc.includes(`"${seniorId}"`)).length;
  expect(naming()).toBe(65);
  let runs = 0;
  let job: ErasureJobDoc | null = null;
  do {
    runs += 1;
    // Seven looks a run: one for each kind of record (none here), then one page of kept answers.
    let asked = 0;
    job = await eraseTraces(world.store, world.deps.files, seniorId, clock.now, { timeLeft: () => (++asked <= 7 ? 1 : 0) });
    expect(runs).toBeLessThan(20);
  } while (job?.state !== 'done');
  expect(runs).toBeGreaterThan(2);
  expect(naming()).toBe(0);
  expect(await world.store.get('requests', 'wx-5|help.create|r-5')).not.toBeNull();
  expect(await world.store.get('requests', 'wx-1|help.create|r-1')).not.toBeNull();
});
