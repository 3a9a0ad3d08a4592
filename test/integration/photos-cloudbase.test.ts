/**
 * A team's logo (and an activity's poster) is one picture: a new one replaces the one before. On
 * CloudBase every call runs in its own instance, so two leaders' uploads at the same moment both
 * look before either writes; the replaced picture is read inside the transaction (the team names
 * its current logo), so the loser of the write conflict retries and removes the winner's. Run on
 * the interleaving stand-in of the wx-server-sdk database, with real local files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActivitiesResults, Envelope, FunctionName, PhotoView } from '../../cloudfunctions/core/api';
import type { LocalFiles } from '../../cloudfunctions/core/files/local';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { REGISTRY } from '../../cloudfunctions/registry';
import { openStandinStreet, type StandinStreet } from '../support/standin-street';
import { pngImage } from '../support/images';

let street: StandinStreet;
let files: LocalFiles;
let deps: RuntimeDeps;
let dataDir: string;
let seq = 0;
const LEADER = 'demo-v01'; // leads t_patrol

const call = <T>(fn: FunctionName, action: string, data: object) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId: `ph-${(seq++).toString(36).padStart(6, '0')}` }, LEADER, deps) as Promise<Envelope<T>>;

beforeAll(async () => {
  street = await openStandinStreet({ seed: 5, files: 'photos-cloudbase' });
  deps = street.deps;
  files = street.files!;
  dataDir = street.dataDir!;
});

afterAll(() => street.close());

const storedPictures = () => fs.readdirSync(path.join(dataDir, 'files', 'photos')).filter((f) => !f.endsWith('.json')).length;

it('keeps one logo when several are uploaded at the same moment, and only its files', async () => {
  for (let round = 0; round < 3; round++) {
    const uploads = await Promise.all(
      [40, 50, 60, 70].map(async (w) => (await files.put({ folder: 'uploads', name: 'upload', kind: 'upload', body: pngImage(w, 48) })).fileId),
    );
    const answers = await Promise.all(
      uploads.map((fileId) => call<PhotoView>('activities', 'addPhoto', { target: 'team', targetId: 't_patrol', role: 'logo', fileId })),
    );
    const ids = answers.map((a) => {
      if (!a.ok) throw new Error(`${a.error.code} ${a.error.message}`);
      return a.data.id;
    });
    const list = await call<ActivitiesResults['photos']>('activities', 'photos', { target: 'team', targetId: 't_patrol' });
    if (!list.ok) throw new Error(list.error.message);
    const logos = list.data.items.filter((p) => p.role === 'logo');
    expect(logos).toHaveLength(1);
    expect(ids).toContain(logos[0]!.id);
    // The logo's picture and thumbnail are all that is left in storage.
    expect(storedPictures()).toBe(2);
  }
});

it('keeps one copy of a picture sent twice at the same moment under one requestId (a double tap, a retry)', async () => {
  const before = storedPictures();
  for (let round = 0; round < 3; round++) {
    const fileId = (await files.put({ folder: 'uploads', name: 'upload', kind: 'upload', body: pngImage(80 + round, 48) })).fileId;
    const event = { action: 'addPhoto', data: { target: 'team', targetId: 't_patrol', role: 'logo', fileId }, requestId: `ph-twice-${round}` };
    const answers = await Promise.all(
      [0, 1].map(() => dispatch('activities', REGISTRY.activities as never, event, LEADER, deps) as Promise<Envelope<PhotoView>>),
    );
    const ok = answers.filter((a): a is Extract<Envelope<PhotoView>, { ok: true }> => a.ok);
    // The slower one may find the upload already consumed; whichever answers names the one photo.
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((a) => a.data.id)).size).toBe(1);
    // The logo replaced the one before it; its picture and thumbnail are all that is stored.
    expect(storedPictures()).toBe(before);
  }
});
