/**
 * Photos over real HTTP on the seeded street (server/serve.ts with its local files): the client
 * uploads bytes first (POST /api/upload, the stand-in for WeChat's direct upload), then
 * activities.addPhoto checks them by content, re-encodes them without EXIF (no GPS position left)
 * and upright, makes a thumbnail and deletes the upload whether it was accepted or refused. A
 * renamed program and WebP are refused; a photo of a senior needs their consent, is seen by staff
 * only, and is deleted when consent is withdrawn or her record is closed; a retry answers the same photo.
 */
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import jpeg from 'jpeg-js';
import type { ActivitiesResults, PhotoView, SeniorsResults } from '../../cloudfunctions/core/api';
import { deskSeniorInput } from '../support/desk-senior';
import { callApi, login, newRequestId, startTestServer, type TestServer } from '../support/server';
import { cameraJpeg, fakeExecutable, pngImage } from '../support/images';

let server: TestServer;
const tokens = new Map<string, string>();
const LEADER = 'demo-v01'; // leads t_patrol
const VOLUNTEER = 'demo-v09';
const SOCIAL = 'demo-social'; // 居委社工 of c_xinyuanwan and c_binjiang
const SENIOR = 'demo-s01'; // 沈阿婆, c_xinyuanwan
const OTHER_SENIOR = 'demo-s05'; // 蒋凤英, c_linyin, which demo-social does not serve
const ADMIN = 'demo-admin';
let activityId: string;
let seniorId: string;

async function token(openid: string) {
  if (!tokens.has(openid)) tokens.set(openid, (await login(server.url, openid)).token);
  return tokens.get(openid)!;
}
async function send<T = unknown>(openid: string, fn: string, action: string, data: object = {}, requestId?: string) {
  return callApi<T>(server.url, await token(openid), fn, action, data, requestId);
}
async function ok<T>(openid: string, fn: string, action: string, data: object = {}, requestId?: string): Promise<T> {
  const r = await send<T>(openid, fn, action, data, requestId);
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}
async function upload(openid: string, body: Buffer, contentType = 'application/octet-stream'): Promise<string> {
  const r = await fetch(`${server.url}/api/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(openid)}`, 'content-type': contentType },
    body: new Uint8Array(body),
  });
  const json = (await r.json()) as { ok: boolean; data: { fileId: string } };
  if (!json.ok) throw new Error(`upload refused: ${JSON.stringify(json)}`);
  return json.data.fileId;
}
const uploadsLeft = () => {
  const dir = path.join(server.dataDir, 'files', 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.endsWith('.json')).length : 0;
};
const bytesOf = async (url: string) => Buffer.from(await (await fetch(new URL(url, server.url))).arrayBuffer());
const addPhoto = (openid: string, fileId: string, extra: object = {}, requestId = newRequestId('photo')) =>
  send<PhotoView>(openid, 'activities', 'addPhoto', { target: 'activity', targetId: activityId, role: 'photo', fileId, ...extra }, requestId);

beforeAll(async () => {
  server = await startTestServer();
  const list = await ok<ActivitiesResults['list']>(LEADER, 'activities', 'list', { teamId: 't_patrol', limit: 5 });
  activityId = list.items[0]!.id;
  seniorId = (await ok<{ profile: { id: string } }>(SENIOR, 'account', 'me')).profile.id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

it('takes a camera JPEG: GPS and every EXIF gone, turned upright, thumbnail made, upload deleted', async () => {
  const original = cameraJpeg({ w: 80, h: 40, orientation: 6 });
  expect(await exifr.gps(original)).toMatchObject({ latitude: 31.2388 });
  const fileId = await upload(LEADER, original, 'image/jpeg');
  expect(uploadsLeft()).toBe(1);
  const r = await addPhoto(LEADER, fileId);
  if (!r.body.ok) throw new Error(r.body.error.message);
  const photo = r.body.data;
  expect(photo).toMatchObject({ role: 'photo', audience: 'public', width: 40, height: 80, canDelete: true });
  expect(uploadsLeft()).toBe(0);

  const full = await bytesOf(photo.url);
  expect(full.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.gps(full)).toBeUndefined();
  expect(await exifr.parse(full).catch(() => undefined)).toBeUndefined();
  // Upright: the red half of the original (its left) is now on top.
  const decoded = jpeg.decode(full, { useTArray: true });
  expect([decoded.width, decoded.height]).toEqual([40, 80]);
  const top = decoded.data[(10 * 40 + 20) * 4]!;
  const bottom = decoded.data[(70 * 40 + 20) * 4]!;
  expect(top).toBeGreaterThan(150);
  expect(bottom).toBeLessThan(100);
  const thumb = await bytesOf(photo.thumbUrl);
  expect(thumb.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

  // Anyone may see it; the list has it with short-lived links.
  const seen = await ok<ActivitiesResults['photos']>(VOLUNTEER, 'activities', 'photos', { target: 'activity', targetId: activityId });
  expect(seen.items.map((p) => p.id)).toContain(photo.id);
  expect(seen.items.find((p) => p.id === photo.id)!.canDelete).toBe(false);
});

it('takes a PNG as PNG; refuses a renamed program and WebP by their bytes, deleting the upload', async () => {
  const png = await addPhoto(LEADER, await upload(LEADER, pngImage(), 'image/png'));
  if (!png.body.ok) throw new Error(png.body.error.message);
  expect((await bytesOf(png.body.data.url)).subarray(1, 4).toString('latin1')).toBe('PNG');

  const fake = await addPhoto(LEADER, await upload(LEADER, fakeExecutable(), 'image/jpeg'));
  expect(fake.body.ok || fake.body.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('这不是照片') });
  const webp = Buffer.concat([Buffer.from('RIFF\x20\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(32)]);
  const refusedWebp = await addPhoto(LEADER, await upload(LEADER, webp));
  expect(refusedWebp.body.ok || refusedWebp.body.error.message).toContain('WebP');
  expect(uploadsLeft()).toBe(0);
});

it('lets only the leader add activity photos, and a checked-in volunteer only evidence', async () => {
  const fileId = await upload(VOLUNTEER, pngImage());
  const r = await addPhoto(VOLUNTEER, fileId);
  expect(r.body.ok || r.body.error.code).toBe('FORBIDDEN');
  const evidence = await addPhoto(VOLUNTEER, await upload(VOLUNTEER, pngImage()), { role: 'evidence' });
  expect(evidence.body.ok || evidence.body.error.message).toContain('签到参加');
  expect(uploadsLeft()).toBe(0);
  const anonymous = await fetch(`${server.url}/api/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(pngImage()),
  });
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
});

it('answers a retry with the same photo and stores nothing twice', async () => {
  const before = (await ok<ActivitiesResults['photos']>(LEADER, 'activities', 'photos', { target: 'activity', targetId: activityId })).items.length;
  const fileId = await upload(LEADER, pngImage());
  const requestId = newRequestId('retry-photo');
  const first = await addPhoto(LEADER, fileId, {}, requestId);
  const again = await addPhoto(LEADER, fileId, {}, requestId);
  if (!first.body.ok || !again.body.ok) throw new Error('retry refused');
  expect(again.body.data.id).toBe(first.body.data.id);
  const after = (await ok<ActivitiesResults['photos']>(LEADER, 'activities', 'photos', { target: 'activity', targetId: activityId })).items.length;
  expect(after).toBe(before + 1);
});

it("refuses a senior's photo without consent; with it, only staff see it; withdrawing deletes it", async () => {
  const refused = await addPhoto(SOCIAL, await upload(SOCIAL, pngImage()), { seniorIds: [seniorId] });
  expect(refused.body.ok || refused.body.error).toMatchObject({ code: 'CONSENT_REQUIRED', message: expect.stringContaining('沈阿婆') });
  expect(uploadsLeft()).toBe(0);

  const stranger = await send(VOLUNTEER, 'seniors', 'setPhotoConsent', { seniorId, granted: true }, newRequestId('consent'));
  expect(stranger.body.ok || stranger.body.error.code).toBe('FORBIDDEN');
  expect(await ok(SOCIAL, 'seniors', 'setPhotoConsent', { seniorId, granted: true }, newRequestId('consent'))).toEqual({
    seniorId,
    granted: true,
    photosDeleted: 0,
  });

  // Naming her is her 居委 social worker's (or an admin's) to do, not the team leader's.
  const byLeader = await addPhoto(LEADER, await upload(LEADER, pngImage()), { seniorIds: [seniorId] });
  expect(byLeader.body.ok || byLeader.body.error.code).toBe('FORBIDDEN');
  const added = await addPhoto(SOCIAL, await upload(SOCIAL, pngImage()), { seniorIds: [seniorId] });
  if (!added.body.ok) throw new Error(added.body.error.message);
  expect(added.body.data).toMatchObject({ audience: 'staff', seniorCount: 1 });
  const list = (openid: string) => ok<ActivitiesResults['photos']>(openid, 'activities', 'photos', { target: 'activity', targetId: activityId });
  expect((await list(VOLUNTEER)).items.map((p) => p.id)).not.toContain(added.body.data.id);
  expect((await list(VOLUNTEER)).hidden).toBeGreaterThan(0);
  expect((await list(SOCIAL)).items.map((p) => p.id)).toContain(added.body.data.id);
  const fullUrl = added.body.data.url;
  expect((await fetch(new URL(fullUrl, server.url))).status).toBe(200);

  // The senior withdraws: the photo and its files are gone.
  expect(await ok(SENIOR, 'seniors', 'setPhotoConsent', { seniorId, granted: false }, newRequestId('withdraw'))).toEqual({
    seniorId,
    granted: false,
    photosDeleted: 1,
  });
  expect((await list(SOCIAL)).items.map((p) => p.id)).not.toContain(added.body.data.id);
  expect((await fetch(new URL(fullUrl, server.url))).status).not.toBe(200);
  const again = await addPhoto(SOCIAL, await upload(SOCIAL, pngImage()), { seniorIds: [seniorId] });
  expect(again.body.ok || again.body.error.code).toBe('CONSENT_REQUIRED');
  expect(uploadsLeft()).toBe(0);
});

it('refuses a social worker naming a senior of a 居委 she does not serve, even one who consented', async () => {
  const elsewhere = (await ok<{ profile: { id: string } }>(OTHER_SENIOR, 'account', 'me')).profile.id;
  await ok(OTHER_SENIOR, 'seniors', 'setPhotoConsent', { seniorId: elsewhere, granted: true }, newRequestId('consent'));
  const refused = await addPhoto(SOCIAL, await upload(SOCIAL, pngImage()), { seniorIds: [elsewhere] });
  expect(refused.body.ok || refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('居委') });
  expect(uploadsLeft()).toBe(0);
  const senior = await ok<{ photoConsent: { granted: boolean } | null }>(OTHER_SENIOR, 'seniors', 'home');
  expect(senior.photoConsent?.granted).toBe(true);
  // An admin serves every 居委.
  const byAdmin = await addPhoto(ADMIN, await upload(ADMIN, pngImage()), { seniorIds: [elsewhere] });
  expect(byAdmin.body.ok ? byAdmin.body.data : byAdmin.body.error).toMatchObject({ audience: 'staff', seniorCount: 1 });
});

it('lets the leader delete any photo of the activity, not a volunteer', async () => {
  const added = await addPhoto(LEADER, await upload(LEADER, pngImage()));
  if (!added.body.ok) throw new Error(added.body.error.message);
  const id = added.body.data.id;
  const denied = await send(VOLUNTEER, 'activities', 'removePhoto', { photoId: id }, newRequestId('rm'));
  expect(denied.body.ok || denied.body.error.code).toBe('FORBIDDEN');
  expect(await ok(LEADER, 'activities', 'removePhoto', { photoId: id }, newRequestId('rm'))).toEqual({ photoId: id, removed: true });
  const left = await ok<ActivitiesResults['photos']>(LEADER, 'activities', 'photos', { target: 'activity', targetId: activityId });
  expect(left.items.map((p) => p.id)).not.toContain(id);
});

it("puts the poster's thumbnail on the activity's card in lists, else the team's logo, never a staff-only poster", async () => {
  const patrol = await ok<ActivitiesResults['list']>(LEADER, 'activities', 'list', { teamId: 't_patrol', limit: 5 });
  const [withPoster, withoutPoster] = patrol.items.filter((a) => a.id !== activityId);
  if (!withPoster || !withoutPoster) throw new Error('the seed has fewer patrol activities than this test needs');
  const cards = async (openid: string) => {
    const list = await ok<ActivitiesResults['list']>(openid, 'activities', 'list', { teamId: 't_patrol', limit: 5 });
    const byId = new Map(list.items.map((a) => [a.id, a.thumbUrl]));
    return { poster: byId.get(withPoster.id), other: byId.get(withoutPoster.id) };
  };
  // The demo street's seeded logo is on every card of the team at first.
  const seededLogo = (await ok<ActivitiesResults['photos']>(LEADER, 'activities', 'photos', { target: 'team', targetId: 't_patrol' })).items.find(
    (p) => p.role === 'logo',
  );
  if (!seededLogo) throw new Error('the seed gave the patrol no logo');
  const first = await cards(LEADER);
  expect(await bytesOf(first.poster!)).toEqual(await bytesOf(seededLogo.thumbUrl));
  expect(await bytesOf(first.other!)).toEqual(await bytesOf(seededLogo.thumbUrl));

  const add = async (data: object) => {
    const r = await send<PhotoView>(LEADER, 'activities', 'addPhoto', data, newRequestId('card'));
    if (!r.body.ok) throw new Error(r.body.error.message);
    return r.body.data;
  };
  // A new logo replaces the seeded one; then a poster for one activity.
  const logo = await add({ target: 'team', targetId: 't_patrol', role: 'logo', fileId: await upload(LEADER, pngImage(64, 48)) });
  const poster = await add({ target: 'activity', targetId: withPoster.id, role: 'poster', fileId: await upload(LEADER, pngImage(40, 60)) });
  const logoThumb = await bytesOf(logo.thumbUrl);
  const posterThumb = await bytesOf(poster.thumbUrl);
  expect(logoThumb.equals(posterThumb)).toBe(false);
  // The replaced logo's files are gone.
  expect((await fetch(new URL(seededLogo.thumbUrl, server.url))).status).not.toBe(200);

  // A guest's list shows the same pictures: they are public.
  for (const openid of [LEADER, VOLUNTEER, 'guest-looking-at-cards']) {
    const seen = await cards(openid);
    expect(await bytesOf(seen.poster!)).toEqual(posterThumb);
    expect(await bytesOf(seen.other!)).toEqual(logoThumb);
  }

  // A poster showing children is for staff: the card falls back to the team's logo.
  await add({ target: 'activity', targetId: withPoster.id, role: 'poster', fileId: await upload(LEADER, pngImage(30, 50)), minors: true });
  expect(await bytesOf((await cards(VOLUNTEER)).poster!)).toEqual(logoThumb);
});

it('closing a senior’s record at the desk deletes the photos showing her, files included; a leader may not close it', async () => {
  const closing = (await ok<SeniorsResults['register']>(SOCIAL, 'seniors', 'register', deskSeniorInput('柏秀兰'), newRequestId('register'))).id;
  await ok(SOCIAL, 'seniors', 'setPhotoConsent', { seniorId: closing, granted: true }, newRequestId('consent'));
  const added = await addPhoto(SOCIAL, await upload(SOCIAL, pngImage()), { seniorIds: [closing] });
  if (!added.body.ok) throw new Error(added.body.error.message);
  const fullUrl = added.body.data.url;
  expect((await fetch(new URL(fullUrl, server.url))).status).toBe(200);

  const byLeader = await send(LEADER, 'seniors', 'close', { seniorId: closing, reason: 'movedAway', confirm: true }, newRequestId('close'));
  expect(byLeader.body.ok || byLeader.body.error.code).toBe('FORBIDDEN');
  const check = await ok<SeniorsResults['closeCheck']>(SOCIAL, 'seniors', 'closeCheck', { seniorId: closing });
  expect(check).toMatchObject({ name: '柏秀兰', canClose: true, erases: { photos: 1 } });
  const closed = await ok<SeniorsResults['close']>(
    SOCIAL,
    'seniors',
    'close',
    { seniorId: closing, reason: 'movedAway', confirm: true },
    newRequestId('close'),
  );
  expect(closed.erasure).toMatchObject({ done: true, photos: 1 });
  expect((await fetch(new URL(fullUrl, server.url))).status).not.toBe(200);
  expect(
    (await ok<ActivitiesResults['photos']>(SOCIAL, 'activities', 'photos', { target: 'activity', targetId: activityId })).items.map((p) => p.id),
  ).not.toContain(added.body.data.id);
  const detail = await send(SOCIAL, 'seniors', 'detail', { seniorId: closing });
  expect(detail.body.ok || detail.body.error.code).toBe('NOT_FOUND');
});
