/**
 * 志愿服务记录证明 over real HTTP on the demo street: apply → accept → issue → 公示 → final, and
 * verification by anyone (genuine / void / unknown, rate-limited for wrong codes). Reversing a
 * certified record voids the proof; bad input is refused with nothing written.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { CertificateSummary, CertificateView, CertificatesResults } from '../../cloudfunctions/core/api';
import type { CertificateDoc } from '../../cloudfunctions/core/domain/certificates';
import type { SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { createSecrets, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { KEY_FILE } from '../../server/data-dir';
import { callApi, login, newRequestId, startSeededApp, type SeededApp, type HttpResult } from '../support/server';

const run = promisify(execFile);

let dataDir: string;
let store: SqliteStore;
let url: string;
const clock = { now: new Date('2026-11-27T02:00:00.000Z') };
const tokens = new Map<string, string>();

const LEADER = 'demo-v01'; // leads t_patrol (护河巡林志愿服务队)
const MEMBER = 'demo-v04'; // 刘芳, a member of t_patrol
const OTHER = 'demo-v09';
const ADMIN = 'demo-admin';

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp({ label: 'certificates-http', now: () => clock.now });
  ({ url, store, dataDir } = app);
}, 60_000);

afterAll(() => app.stop());

async function send<T = any>(openid: string, fn: string, action: string, data: object = {}, mutation = true): Promise<HttpResult<T>> {
  if (!tokens.has(openid)) tokens.set(openid, (await login(url, openid)).token);
  return callApi<T>(url, tokens.get(openid)!, fn, action, data, mutation ? newRequestId(action) : undefined);
}
async function ok<T = any>(openid: string, fn: string, action: string, data: object = {}, mutation = true): Promise<T> {
  const r = await send<T>(openid, fn, action, data, mutation);
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}
async function refusal(openid: string, fn: string, action: string, data: object, mutation = true) {
  const r = await send(openid, fn, action, data, mutation);
  if (r.body.ok) throw new Error(`${fn}.${action} was not refused`);
  return r.body.error;
}

/** A transparent PNG seal: a red ring on nothing, as an issuer would upload. */
function sealPng(): Buffer {
  const size = 200;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      const i = (y * size + x) * 4;
      const ink = r > 80 && r < 96;
      png.data[i] = 200;
      png.data[i + 1] = 30;
      png.data[i + 2] = 30;
      png.data[i + 3] = ink ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

/** Downloads a proof's PDF into a fresh folder; answers the file, its text and how many images pdfimages lists. */
async function fetchDocument(openid: string, certificateId: string) {
  const doc = await ok<CertificatesResults['document']>(openid, 'certificates', 'document', { certificateId }, false);
  const response = await fetch(doc.url.startsWith('http') ? doc.url : `${url}${doc.url}`);
  expect(response.status).toBe(200);
  const dir = fs.mkdtempSync(path.join(dataDir, 'doc-'));
  const file = path.join(dir, 'proof.pdf');
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
  // pdfimages -list: two header lines, then one line per image (an alpha channel is its own "smask" line).
  const list = (await run('pdfimages', ['-list', file])).stdout.trim().split('\n').slice(2);
  return { doc, file, text, images: list.length, lines: list };
}

const memberId = async () => (await ok<{ profile: { id: string } }>(MEMBER, 'account', 'me', {}, false)).profile.id;
const certificatesOf = async (applicantId: string) => (await store.find<CertificateDoc>('certificates', { where: { applicantId }, limit: 100 })).items;

/** A record of the member in the patrol, written by the leader; approved unless told otherwise. */
async function record(date: string, minutes: number, approve = true): Promise<string> {
  const r = await ok<{ id: string }>(LEADER, 'records', 'create', {
    volunteerId: await memberId(),
    teamId: 't_patrol',
    category: 'community',
    date,
    place: '滨江岸线',
    content: '巡河巡林',
    minutes,
  });
  if (approve) await ok(LEADER, 'records', 'approve', { recordId: r.id });
  return r.id;
}

let approvedId: string;
let issued: CertificateView;
/** The first request, accepted by the leader before the issuer block was set up. */
let accepted: string;

it('refuses a period with no approved hours and writes nothing', async () => {
  const before = await certificatesOf(await memberId());
  const error = await refusal(MEMBER, 'certificates', 'apply', { scope: 'team', teamId: 't_patrol', from: '2019-01-01', to: '2019-12-31' });
  expect(error).toMatchObject({ code: 'VALIDATION' });
  expect(error.message).toContain('没有已审核通过的服务记录');
  expect(await certificatesOf(await memberId())).toHaveLength(before.length);
});

it('refuses a 居民身份证 number with a wrong check digit or a birth date not yet come, at the number, and writes nothing', async () => {
  const before = await certificatesOf(await memberId());
  const period = { scope: 'team', teamId: 't_patrol', from: '2026-11-01', to: '2026-11-30' };
  // 310101196803150021 is right; a typo in the last digit is caught before anything is written.
  const wrong = await send(MEMBER, 'certificates', 'apply', { ...period, identity: { type: 'idCard', number: '310101196803150022', consent: true } });
  expect(wrong.body).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: '身份证号最后一位不对，请核对', details: [{ path: 'identity.number', message: '身份证号最后一位不对，请核对' }] },
  });
  // Right check digit, but born after the day of the application (the test clock: 2026-11-27).
  const unborn = await refusal(MEMBER, 'certificates', 'apply', { ...period, identity: { type: 'idCard', number: '31010120270101123X', consent: true } });
  expect(unborn).toMatchObject({ code: 'VALIDATION', message: '身份证号中的出生日期（第 7 到 14 位）不对，请核对' });
  expect(await certificatesOf(await memberId())).toHaveLength(before.length);
});

it('applies: one request for the patrol, with the pending record left out and said so', async () => {
  approvedId = await record('2026-11-20', 150);
  await record('2026-11-21', 60, false);
  const applied = await ok<CertificatesResults['apply']>(MEMBER, 'certificates', 'apply', {
    scope: 'team',
    teamId: 't_patrol',
    from: '2026-11-01',
    to: '2026-11-30',
    identity: { type: 'idCard', number: '31010419800101128x', consent: true },
    remarks: '学校评优',
  });
  expect(applied.volunteerNo).toMatch(/^310000-demo-\d{4}-\d{6}$/);
  expect(applied.items).toHaveLength(1);
  // The demo street's own history adds the member's patrol activities of November.
  expect(applied.items[0]).toMatchObject({ state: 'requested', stateText: '待受理', issuerName: '护河巡林志愿服务队', number: null });
  expect(applied.items[0]!.minutes).toBeGreaterThanOrEqual(150);
  // The identity number is stored encrypted and masked, never in plain text.
  const stored = (await certificatesOf(await memberId())).find((c) => c._id === applied.items[0]!.id)!;
  expect(JSON.stringify(stored)).not.toContain('31010419800101128');
  expect(stored.identity).toMatchObject({ type: 'idCard', numberMasked: '**************128X' });
  expect(stored.excluded).toEqual([expect.objectContaining({ reason: 'pending', label: '尚未审核', minutes: 60 })]);
});

it('lets only the issuer decide, and only in order', async () => {
  const queue = await ok<CertificatesResults['queue']>(LEADER, 'certificates', 'queue', {}, false);
  const mine = queue.items.find((c: CertificateSummary) => c.applicantName === '刘芳')!;
  expect(mine).toBeDefined();
  expect(await refusal(OTHER, 'certificates', 'queue', {}, false)).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refusal(OTHER, 'certificates', 'decide', { certificateId: mine.id, accept: true })).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refusal(LEADER, 'certificates', 'issue', { certificateId: mine.id })).toMatchObject({ code: 'WRONG_STATE', message: '请先受理这份申请' });
  expect(await refusal(LEADER, 'certificates', 'decide', { certificateId: mine.id, accept: false })).toMatchObject({ code: 'VALIDATION' });
  expect(await ok(LEADER, 'certificates', 'decide', { certificateId: mine.id, accept: true })).toMatchObject({ state: 'accepted' });
  accepted = mine.id;
});

it('refuses to issue while the issuer has no seal and no contact number, says what to set up, and keeps the request queued', async () => {
  // Nothing set up by the admin yet: the issuer is told what is missing, and offered no 出具.
  const before = await ok<CertificateView>(LEADER, 'certificates', 'detail', { certificateId: accepted }, false);
  expect(before.issuerWarnings).toEqual([
    expect.stringContaining('还没有上传电子印章，暂时不能出具'),
    expect.stringContaining('还没有设置联系电话，暂时不能出具'),
  ]);
  expect(before.can.issue).toBe(false);
  // The holder is not shown the issuer's to-do list.
  expect((await ok<CertificateView>(MEMBER, 'certificates', 'detail', { certificateId: accepted }, false)).issuerWarnings).toEqual([]);
  const error = await refusal(LEADER, 'certificates', 'issue', { certificateId: accepted });
  expect(error).toMatchObject({
    code: 'WRONG_STATE',
    message: '还不能出具：出具单位还没有电子印章和联系电话。请街道管理员先在“我的 → 街道管理 → 证明出具设置”中上传电子印章、填写联系电话，再出具。',
  });
  // Nothing issued and no number drawn: still accepted, in the issuer's queue.
  const after = (await certificatesOf(await memberId())).find((c) => c._id === accepted)!;
  expect(after).toMatchObject({ state: 'accepted', number: null, code: null, issuedAt: null });
  expect(await store.get('sequences', 'proof:team:t_patrol:2026')).toBeNull();
  const queue = await ok<CertificatesResults['queue']>(LEADER, 'certificates', 'queue', {}, false);
  expect(queue.items.map((c) => c.id)).toContain(accepted);
});

it('lets only the street admin set the issuer block: the organisation phone and a PNG seal checked by its bytes', async () => {
  const seal = sealPng().toString('base64');
  expect(await refusal(LEADER, 'certificates', 'setIssuer', { phone: '021-12345678', sealPngBase64: seal })).toMatchObject({ code: 'FORBIDDEN' });
  expect(await refusal(LEADER, 'certificates', 'issuerSettings', {}, false)).toMatchObject({ code: 'FORBIDDEN' });
  // A JPEG (or anything) named as the seal is refused by its content, and nothing is kept.
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');
  expect(await refusal(ADMIN, 'certificates', 'setIssuer', { sealPngBase64: jpeg })).toMatchObject({ code: 'VALIDATION' });
  expect(await refusal(ADMIN, 'certificates', 'setIssuer', { phone: '请拨打' })).toMatchObject({ code: 'VALIDATION' });
  expect(await ok(ADMIN, 'certificates', 'issuerSettings', {}, false)).toMatchObject({ phone: null, seal: null, effective: { sealed: false } });
  expect(fs.existsSync(path.join(dataDir, 'files', 'seals'))).toBe(false);

  const set = await ok<CertificatesResults['setIssuer']>(ADMIN, 'certificates', 'setIssuer', { phone: '021-12345678', sealPngBase64: seal });
  expect(set).toMatchObject({ issuerKey: null, phone: '021-12345678', effective: { phone: '021-12345678', sealed: true } });
  const preview = await fetch(set.seal!.url.startsWith('http') ? set.seal!.url : `${url}${set.seal!.url}`);
  expect(preview.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await preview.arrayBuffer()).equals(sealPng())).toBe(true);
  // A retried upload (same requestId) answers the first result and leaves no second file behind.
  const pngsIn = () => fs.readdirSync(path.join(dataDir, 'files', 'seals')).filter((f) => f.endsWith('.png'));
  const before = pngsIn().length;
  if (!tokens.has(ADMIN)) tokens.set(ADMIN, (await login(url, ADMIN)).token);
  const requestId = newRequestId('setIssuer');
  const first = await callApi<CertificatesResults['setIssuer']>(url, tokens.get(ADMIN)!, 'certificates', 'setIssuer', { sealPngBase64: seal }, requestId);
  const retried = await callApi<CertificatesResults['setIssuer']>(url, tokens.get(ADMIN)!, 'certificates', 'setIssuer', { sealPngBase64: seal }, requestId);
  expect(first.body.ok && retried.body.ok).toBe(true);
  if (first.body.ok && retried.body.ok) expect(retried.body.data.seal?.fileId).toBe(first.body.data.seal?.fileId);
  expect(pngsIn()).toHaveLength(before + 1);
  // One team may have its own number; the street's seal still applies to it.
  expect(await ok(ADMIN, 'certificates', 'setIssuer', { issuerKey: 'team:t_patrol', phone: '021-87654321' })).toMatchObject({
    phone: '021-87654321',
    seal: null,
    effective: { phone: '021-87654321', sealed: true },
  });
});

it("issues once the seal and the number are set: the team's own number and the street's seal, numbered per issuer and year", async () => {
  expect((await ok<CertificateView>(LEADER, 'certificates', 'detail', { certificateId: accepted }, false)).can.issue).toBe(true);
  issued = await ok<CertificateView>(LEADER, 'certificates', 'issue', { certificateId: accepted });
  expect(issued).toMatchObject({
    state: 'issued',
    standing: 'publicising',
    stateText: '公示中',
    number: '护河巡林-2026-000001',
    identity: { typeText: '居民身份证', numberMasked: '**************128X' },
    // The organisation's number (the team's own) and the street's seal, never a blank.
    issuer: { name: '护河巡林志愿服务队', handler: expect.any(String), contact: '021-87654321' },
    sealed: true,
    issuerWarnings: [],
  });
  // A record written by hand is listed under its category, an activity's under its title; the lines add up.
  expect(issued.lines).toContainEqual({ title: '社区志愿服务（巡河护林、文明养宠等）', minutes: 150, records: 1, hoursText: '2小时30分' });
  expect(issued.lines.reduce((sum, l) => sum + l.minutes, 0)).toBe(issued.minutes);
  expect(issued.verificationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);
  // Issuing again answers the same proof; no second number is drawn.
  expect(await ok(LEADER, 'certificates', 'issue', { certificateId: accepted })).toMatchObject({ number: '护河巡林-2026-000001' });
});

it('makes an A4 PDF whose Chinese really prints, whose text reads back and whose QR decodes to the verify page', async () => {
  expect(await refusal(OTHER, 'certificates', 'document', { certificateId: issued.id }, false)).toMatchObject({ code: 'FORBIDDEN' });
  const doc = await ok<{ url: string; name: string }>(MEMBER, 'certificates', 'document', { certificateId: issued.id }, false);
  expect(doc.name).toBe(`志愿服务记录证明-${issued.number}.pdf`);
  const response = await fetch(doc.url.startsWith('http') ? doc.url : `${url}${doc.url}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());
  const dir = fs.mkdtempSync(path.join(dataDir, 'pdf-'));
  const file = path.join(dir, 'proof.pdf');
  fs.writeFileSync(file, pdf);

  // Text extraction finds the name, the masked identity number, the hours and the numbers.
  const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
  for (const expected of ['志愿服务记录证明', '刘芳', '**************128X', issued.hoursText, issued.number!, issued.volunteerNo, issued.verificationCode!]) {
    expect(text).toContain(expected);
  }
  expect(text).not.toContain('31010419800101128');
  // The period in words, as the date of issue is (it was printed 2026-11-01 至 2026-11-30).
  expect(text).toMatch(/2026年11月1日\s*至\s*2026年11月30日/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  // Issued with the seal and the organisation's number: nothing on the page says it lacks them.
  expect(text).not.toContain('未加盖电子印章');
  expect(text).toContain('021-87654321');
  const info = (await run('pdfinfo', [file])).stdout;
  expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  expect(info).toMatch(/Pages:\s+1\b/);

  // Rendered by poppler, the name has ink where it is drawn (not blank boxes or nothing).
  const bbox = (await run('pdftotext', ['-bbox', file, '-'])).stdout;
  // The line reads 姓名：刘芳 (one word for poppler, full-width characters): the name is its last two fifths.
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">姓名：刘芳<\/word>/.exec(bbox);
  expect(word).not.toBeNull();
  await run('pdftoppm', ['-r', '72', '-png', '-singlefile', file, path.join(dir, 'page')]);
  const page = PNG.sync.read(fs.readFileSync(path.join(dir, 'page.png')));
  const [wx0, y0, x1, y1] = word!.slice(1).map(Number) as [number, number, number, number];
  const x0 = wx0 + ((x1 - wx0) * 3) / 5;
  let dark = 0;
  let total = 0;
  for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
    for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
      const i = (y * page.width + x) * 4;
      total += 1;
      if (page.data[i]! < 128 && page.data[i + 1]! < 128 && page.data[i + 2]! < 128) dark += 1;
    }
  }
  // Two drawn glyphs cover part of their box; a missing glyph (a blank or an empty box outline) covers almost none.
  expect(dark / total).toBeGreaterThan(0.08);

  // The embedded QR image decodes to the verify page of this proof's code, on this server's own
  // address (the test listens on a port picked at random, not the default one).
  await run('pdfimages', ['-png', file, path.join(dir, 'img')]);
  const images = fs.readdirSync(dir).filter((f) => f.startsWith('img') && f.endsWith('.png'));
  expect(images.length).toBeGreaterThanOrEqual(1);
  const decoded = images
    .map((f) => PNG.sync.read(fs.readFileSync(path.join(dir, f))))
    .map((png) => jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null)
    .find((d) => d !== null);
  expect(decoded).toBe(`${url}/verify/${encodeURIComponent(issued.verificationCode!)}`);
  const verifyPage = await fetch(decoded!);
  expect(verifyPage.status).toBe(200);
  expect(await verifyPage.text()).toContain('真实有效');
});

it('shows the proof to its holder and its issuer only, and audits every reading of the identity', async () => {
  const auditsBefore = (await store.find('audit', { where: { kind: 'certificate.identity.read' }, limit: 100 })).items.length;
  expect(await ok(MEMBER, 'certificates', 'detail', { certificateId: issued.id }, false)).toMatchObject({ number: issued.number });
  expect(await refusal(OTHER, 'certificates', 'detail', { certificateId: issued.id }, false)).toMatchObject({ code: 'FORBIDDEN' });
  const auditsAfter = (await store.find('audit', { where: { kind: 'certificate.identity.read' }, limit: 100 })).items.length;
  expect(auditsAfter).toBe(auditsBefore + 1);
});

it('verifies for anyone with the code, however it is typed, and tells a forged or cut code from a genuine one', async () => {
  const answer = await ok('guest-verifier', 'certificates', 'verify', { code: ` ${issued.verificationCode!.toLowerCase().replace(/-/g, ' ')} ` }, false);
  expect(answer).toEqual({
    result: 'genuine',
    number: '护河巡林-2026-000001',
    issuerName: '护河巡林志愿服务队',
    from: '2026-11-01',
    to: '2026-11-30',
    hoursText: issued.hoursText,
    maskedName: '刘*',
    voidedAt: null,
  });
  const plain = issued.verificationCode!.replace(/-/g, '');
  const forged = plain.slice(0, 3) + (plain[3] === 'A' ? 'B' : 'A') + plain.slice(4);
  expect(await ok('guest-verifier', 'certificates', 'verify', { code: forged }, false)).toEqual({ result: 'unknown' });
  expect(await ok('guest-verifier', 'certificates', 'verify', { code: plain.slice(0, 12) }, false)).toEqual({ result: 'unknown' });
});

it('lists the proof on the 公示 list while it is publicised, then it is final', async () => {
  const listed = await ok<CertificatesResults['publicity']>(OTHER, 'certificates', 'publicity', {}, false);
  expect(listed.items).toContainEqual(expect.objectContaining({ number: issued.number, maskedName: '刘*', hoursText: issued.hoursText }));
  expect(JSON.stringify(listed)).not.toContain('刘芳');
  clock.now = new Date(clock.now.getTime() + 8 * 86_400_000);
  expect((await ok<CertificatesResults['publicity']>(OTHER, 'certificates', 'publicity', {}, false)).items.map((i) => i.number)).not.toContain(issued.number);
  expect(await ok(MEMBER, 'certificates', 'detail', { certificateId: issued.id }, false)).toMatchObject({ standing: 'final', stateText: '已生效' });
});

it('keeps one stored PDF per version of a proof: the same file again, a new one (and the old removed) once it is void', async () => {
  const first = await ok<CertificatesResults['document']>(MEMBER, 'certificates', 'document', { certificateId: issued.id }, false);
  const again = await ok<CertificatesResults['document']>(LEADER, 'certificates', 'document', { certificateId: issued.id }, false);
  expect(again.fileId).toBe(first.fileId);
  await ok(LEADER, 'records', 'reverse', { recordId: approvedId, reason: '日期登记错误' });
  const voided = await fetchDocument(MEMBER, issued.id);
  expect(voided.doc.fileId).not.toBe(first.fileId);
  expect(voided.text).toContain('作废：其中的服务记录已被更正');
  const stored = await app.files.read(voided.doc.fileId);
  expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
  await expect(app.files.read(first.fileId)).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });
  // Only the current version is left in the folder.
  const pdfs = fs.readdirSync(path.join(dataDir, 'files', 'certificates')).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
});

it('voids the proof when a certified record is reversed, and verification says so with the date', async () => {
  const answer = await ok('guest-verifier-2', 'certificates', 'verify', { code: issued.verificationCode }, false);
  expect(answer).toMatchObject({ result: 'void', number: issued.number, voidedAt: clock.now.toISOString() });
  expect(await ok(MEMBER, 'certificates', 'detail', { certificateId: issued.id }, false)).toMatchObject({ standing: 'void', stateText: '已作废' });
});

it('refuses verification after 20 wrong codes from one caller, and not for another caller', async () => {
  const caller = 'guest-guesser';
  for (let i = 0; i < 20; i++) {
    expect(await ok(caller, 'certificates', 'verify', { code: `WRONG-${i}` }, false)).toEqual({ result: 'unknown' });
  }
  expect(await refusal(caller, 'certificates', 'verify', { code: 'WRONG-21' }, false)).toMatchObject({ code: 'RATE_LIMITED' });
  // Another caller is not affected.
  expect(await ok('guest-other', 'certificates', 'verify', { code: issued.verificationCode }, false)).toMatchObject({ result: 'void' });
});

it('re-issues a void proof in one tap of its issuer, over the records approved now, once', async () => {
  expect(await refusal(MEMBER, 'certificates', 'reissue', { certificateId: issued.id })).toMatchObject({ code: 'FORBIDDEN' });
  const corrected = await ok<CertificateView>(LEADER, 'certificates', 'reissue', { certificateId: issued.id });
  expect(corrected).toMatchObject({ state: 'issued', standing: 'publicising', number: '护河巡林-2026-000002', replaces: issued.id, replacedBy: null });
  // The reversed record is gone from the corrected proof.
  expect(corrected.minutes).toBe(issued.minutes - 150);
  expect(corrected.lines.map((l) => l.title)).not.toContain('社区志愿服务（巡河护林、文明养宠等）');
  expect(await ok(LEADER, 'certificates', 'reissue', { certificateId: issued.id })).toMatchObject({ id: corrected.id, number: corrected.number });
  expect(await ok(MEMBER, 'certificates', 'detail', { certificateId: issued.id }, false)).toMatchObject({ standing: 'void', replacedBy: corrected.id });
  expect(await ok('guest-verifier-3', 'certificates', 'verify', { code: corrected.verificationCode }, false)).toMatchObject({
    result: 'genuine',
    number: corrected.number,
  });
  // The holder was told at each step, in the inbox.
  const inbox = await ok<{ items: Array<{ title: string }> }>(MEMBER, 'inbox', 'list', {}, false);
  expect(inbox.items.map((m) => m.title)).toEqual(expect.arrayContaining(['志愿服务记录证明已出具', '志愿服务记录证明已作废']));
});

it('numbers the next proof of the same issuer and year one more', async () => {
  await record('2026-12-01', 90);
  const applied = await ok<CertificatesResults['apply']>(MEMBER, 'certificates', 'apply', {
    scope: 'team',
    teamId: 't_patrol',
    from: '2026-12-01',
    to: '2026-12-31',
  });
  const id = applied.items[0]!.id;
  await ok(ADMIN, 'certificates', 'decide', { certificateId: id, accept: true });
  expect(await ok(ADMIN, 'certificates', 'issue', { certificateId: id })).toMatchObject({
    number: '护河巡林-2026-000003',
    hoursText: '1小时30分',
    // Not asked again: the identity given with the first application is reused.
    identity: { typeText: '居民身份证', numberMasked: '**************128X' },
    // The organisation's number (the team's own) and the street's seal, not the handler's phone.
    issuer: { contact: '021-87654321', handler: expect.any(String) },
    sealed: true,
    issuerWarnings: [],
  });
  // The sealed document embeds the seal beside the QR, and prints the organisation's number.
  const sealed = await fetchDocument(MEMBER, id);
  expect(sealed.text).toContain('021-87654321');
  expect(sealed.text).not.toContain('未加盖电子印章');
  // The QR, the seal and the seal's alpha mask; the seal at its own 200 × 200 px.
  expect(sealed.images).toBeGreaterThanOrEqual(3);
  expect(sealed.lines.some((l) => /\b200\s+200\b/.test(l))).toBe(true);
});

it('asks for a guardian when the identity number shows a minor, and writes nothing without one', async () => {
  const minor = { type: 'idCard', number: '110101201005011234', consent: true };
  const before = await certificatesOf(await memberId());
  const period = { scope: 'team', teamId: 't_patrol', from: '2026-12-01', to: '2026-12-31' };
  const error = await refusal(MEMBER, 'certificates', 'apply', { ...period, identity: minor });
  expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('监护人') });
  expect(await certificatesOf(await memberId())).toHaveLength(before.length);
  // The test clock stands still between calls: a minute on, so "the latest application" is this one.
  clock.now = new Date(clock.now.getTime() + 60_000);
  const applied = await ok<CertificatesResults['apply']>(MEMBER, 'certificates', 'apply', { ...period, identity: { ...minor, guardianName: '刘建国' } });
  const id = applied.items[0]!.id;
  expect(await ok(MEMBER, 'certificates', 'detail', { certificateId: id }, false)).toMatchObject({ guardianName: '刘建国' });
  // A later application without the identity reuses it, guardian included.
  clock.now = new Date(clock.now.getTime() + 60_000);
  const later = await ok<CertificatesResults['apply']>(MEMBER, 'certificates', 'apply', period);
  expect(await ok(MEMBER, 'certificates', 'detail', { certificateId: later.items[0]!.id }, false)).toMatchObject({ guardianName: '刘建国' });
  await ok(LEADER, 'certificates', 'decide', { certificateId: id, accept: true });
  await ok(LEADER, 'certificates', 'issue', { certificateId: id });
  const { text } = await fetchDocument(MEMBER, id);
  expect(text).toContain('刘建国');
});

it('asks again for an identity number kept from before the check when it fails it, instead of printing it', async () => {
  // An application made before the check digit was checked, with 310101196803150022 (…0021 is right).
  const secrets = createSecrets(parseMasterKey(fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8').trim()));
  const latest = (await certificatesOf(await memberId())).sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1))[0]!;
  clock.now = new Date(clock.now.getTime() + 60_000);
  const bad = { type: 'idCard', numberEnc: secrets.encrypt('310101196803150022'), numberMasked: '**************0022', guardianName: null };
  await store.transaction((tx) => tx.create('certificates', { ...latest, _id: 'cert_legacy_identity', identity: bad, requestedAt: clock.now.toISOString() }));
  expect((await ok<CertificatesResults['mine']>(MEMBER, 'certificates', 'mine', {}, false)).identityOnFile).toBe(false);
  const period = { scope: 'team', teamId: 't_patrol', from: '2026-12-01', to: '2026-12-31' };
  const before = await certificatesOf(await memberId());
  const error = await refusal(MEMBER, 'certificates', 'apply', period);
  expect(error).toMatchObject({ code: 'VALIDATION', message: '之前填写的证件号码有误（身份证号最后一位不对，请核对），请重新填写证件信息' });
  expect(await certificatesOf(await memberId())).toHaveLength(before.length);
  clock.now = new Date(clock.now.getTime() + 60_000);
  await ok(MEMBER, 'certificates', 'apply', { ...period, identity: { type: 'idCard', number: '310101196803150021', consent: true } });
  expect((await ok<CertificatesResults['mine']>(MEMBER, 'certificates', 'mine', {}, false)).identityOnFile).toBe(true);
});

it('answers the verification page of the local server to a browser without login', async () => {
  const genuine = await fetch(`${url}/verify/${encodeURIComponent(issued.verificationCode!)}`);
  expect(genuine.status).toBe(200);
  expect(genuine.headers.get('content-type')).toContain('text/html');
  const html = await genuine.text();
  expect(html).toContain('已作废');
  expect(html).toContain(issued.number!);
  expect(html).toContain('刘*');
  expect(html).not.toContain('刘芳');
  const unknown = await (await fetch(`${url}/verify/NOT-A-CODE`)).text();
  expect(unknown).toContain('查无此证');
  // Markup in the path is never echoed as markup.
  const hostile = await (await fetch(`${url}/verify/${encodeURIComponent('<script>alert(1)</script>')}`)).text();
  expect(hostile).not.toContain('<script>');
});
