/**
 * Photos follow their retention (domain/photos.ts): the scheduler deletes a photo past keepUntil,
 * document and both files, and takes it off the senior it showed; a photo still within its time,
 * and a team logo (kept while current), stay.
 */
import type { PhotoDoc } from '../../cloudfunctions/core/domain/photos';
import { keepUntil } from '../../cloudfunctions/core/domain/photos';
import type { SeniorDoc } from '../../cloudfunctions/core/domain/seniors';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { seedDemoStreet } from '../../server/seed';
import { pngImage } from '../support/images';
import { openWorld, type TestWorld } from '../support/context';

const clock = { now: new Date('2026-12-04T02:00:00.000Z') };
let world: TestWorld;

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { activities: false });
});
afterAll(() => world.close());

async function photo(id: string, role: PhotoDoc['role'], from: Date, seniorIds: string[] = []): Promise<PhotoDoc> {
  const files = world.deps.files!;
  const full = await files.put({ folder: 'photos', name: id, kind: 'png', body: pngImage() });
  const thumb = await files.put({ folder: 'photos', name: `${id}-thumb`, kind: 'png', body: pngImage(8, 8) });
  const doc: PhotoDoc = {
    _id: id,
    target: role === 'logo' ? 'team' : 'activity',
    targetId: role === 'logo' ? 't_patrol' : 'a_retention',
    teamId: 't_patrol',
    role,
    fileId: full.fileId,
    thumbFileId: thumb.fileId,
    width: 64,
    height: 48,
    bytes: full.bytes,
    seniorIds,
    minors: false,
    audience: seniorIds.length ? 'staff' : 'public',
    uploadedBy: 'u_test',
    createdAt: from.toISOString(),
    keepUntil: keepUntil(role, from),
  };
  await world.store.transaction(async (tx) => {
    await tx.create('photos', doc);
    for (const s of seniorIds) await tx.update('seniors', s, { photoIds: [id] });
  });
  return doc;
}

it('deletes photos past their time with their files, keeps the rest', async () => {
  const senior = (await world.store.find<SeniorDoc>('seniors', { limit: 1 })).items[0]!;
  const old = await photo('ph_old', 'photo', new Date('2024-11-01T00:00:00.000Z'), [senior._id]);
  const oldEvidence = await photo('ph_old_evidence', 'evidence', new Date('2025-11-01T00:00:00.000Z'));
  const recent = await photo('ph_recent', 'photo', new Date('2026-06-01T00:00:00.000Z'));
  const logo = await photo('ph_logo', 'logo', new Date('2020-01-01T00:00:00.000Z'));

  const run = await runScheduler({ store: world.store, files: world.deps.files }, clock.now);
  expect(run.photos).toEqual({ deleted: 2 });
  expect(run.unfinished).not.toContain('photos');
  expect(await world.store.get('photos', old._id)).toBeNull();
  expect(await world.store.get('photos', oldEvidence._id)).toBeNull();
  await expect(world.deps.files!.read(old.fileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(world.deps.files!.read(old.thumbFileId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect((await world.store.get<SeniorDoc>('seniors', senior._id))!.photoIds).toEqual([]);
  expect(await world.store.get('photos', recent._id)).not.toBeNull();
  expect(await world.store.get('photos', logo._id)).not.toBeNull();
  expect((await world.deps.files!.read(recent.fileId)).length).toBeGreaterThan(0);

  // Nothing left to do: a second run deletes nothing.
  expect((await runScheduler({ store: world.store, files: world.deps.files }, clock.now)).photos).toEqual({ deleted: 0 });
});
