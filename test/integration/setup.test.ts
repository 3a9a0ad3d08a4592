/**
 * Setting up an environment (services/setup.ts): on a CloudBase stand-in where no collection exists
 * until setup creates it, and on SQLite. Running it twice changes nothing; a malformed street file, a
 * wrong secret and a second admin claim are refused with clear errors and leave nothing half-made.
 */
import pino from 'pino';
import type { Envelope, SetupResults } from '../../cloudfunctions/core/api';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { runSetup, type Migration } from '../../cloudfunctions/core/services/setup';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import type { Store } from '../../cloudfunctions/core/store/port';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { REGISTRY } from '../../cloudfunctions/registry';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import streetFile from '../../street.json';
import { createCloudbaseStandin, type CloudbaseStandin } from '../support/cloudbase-standin';
import { openWorld, type TestWorld } from '../support/context';

const SECRET = 'setup-secret-for-tests-0123456789';
const NOW = new Date('2026-12-01T02:00:00.000Z');
const street = () => JSON.parse(JSON.stringify(streetFile)) as typeof streetFile;

let seq = 0;
const rid = () => `setup-${(seq++).toString(36).padStart(6, '0')}`;
const call = <T>(deps: RuntimeDeps, openid: string, fn: 'account' | 'setup' | 'admin', action: string, data: object = {}, requestId = rid()) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId }, openid, deps) as Promise<Envelope<T>>;

const register = (deps: RuntimeDeps, openid: string, n: number) =>
  call(deps, openid, 'account', 'register', {
    name: `测试${'甲乙丙丁'[n]}`,
    phone: `1390000${String(n).padStart(4, '0')}`,
    birthYear: 1970,
    committeeId: 'c_binjiang',
    consentVersion: PRIVACY_POLICY_VERSION,
  });

/** Every document of every collection, to compare before and after a run. */
async function snapshot(standin: CloudbaseStandin): Promise<string> {
  return JSON.stringify(standin.engine.collectionNames().map((c) => [c, standin.engine.dump(c).sort((a, b) => String(a._id).localeCompare(String(b._id)))]));
}

describe('on a fresh CloudBase environment (stand-in: no collection exists before setup)', () => {
  let standin: CloudbaseStandin;
  let store: Store;
  let deps: RuntimeDeps;

  beforeEach(() => {
    standin = createCloudbaseStandin({ collections: [], seed: 3 });
    store = createCloudbaseStore(standin.db as CloudbaseDatabase);
    deps = { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: pino({ level: 'silent' }), now: () => NOW };
  });
  afterEach(async () => {
    await store.close();
    expect(standin.engine.openTransactions()).toBe(0);
    standin.dispose();
  });

  it('refuses calls with NOT_SET_UP before setup, then creates every collection, the street and the policy; a second run changes nothing', async () => {
    const before = await call(deps, 'wx-a', 'account', 'options');
    expect(before).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP' } });

    const first = await runSetup(store, street(), NOW);
    expect(first.changed).toBe(true);
    expect([...first.collectionsCreated].sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(standin.engine.collectionNames()).toEqual([...COLLECTION_NAMES].sort());
    expect(first.committees.created).toEqual(['c_xinyuanwan', 'c_binjiang', 'c_linyin', 'c_chunxiao']);
    expect(first.teams.created).toEqual(['t_patrol', 't_paws', 't_waterfront', 't_partners']);
    expect(first.policy).toBe('written');
    expect(standin.engine.dump('committees').find((c) => c._id === 'c_linyin')).toMatchObject({
      name: '林荫居委',
      order: 3,
      estates: [expect.objectContaining({ id: 'e_ly_village', latitude: 31.233 }), expect.objectContaining({ id: 'e_ly_lane' })],
    });

    const frozen = await snapshot(standin);
    const second = await runSetup(store, street(), new Date(NOW.getTime() + 60_000));
    expect(second).toMatchObject({ changed: false, collectionsCreated: [], policy: 'kept', committees: { created: [], updated: [] }, teams: { created: [] } });
    expect(await snapshot(standin)).toBe(frozen);

    // The app can now be used: a newcomer sees the 居委 and registers.
    const options = await call<{ committees: Array<{ id: string }> }>(deps, 'wx-a', 'account', 'options');
    expect(options.ok && options.data.committees.map((c) => c.id)).toEqual(['c_xinyuanwan', 'c_binjiang', 'c_linyin', 'c_chunxiao']);
    expect((await register(deps, 'wx-a', 0)).ok).toBe(true);
  });

  it('two setup runs at once create each collection and document once', async () => {
    standin.engine.setInterleave(true);
    const [a, b] = await Promise.all([runSetup(store, street(), NOW), runSetup(store, street(), NOW)]);
    expect([...a.collectionsCreated, ...b.collectionsCreated].sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(standin.engine.dump('committees')).toHaveLength(4);
    expect(standin.engine.dump('teams')).toHaveLength(4);
    expect(
      standin.engine
        .dump('settings')
        .map((d) => d._id)
        .sort(),
    ).toEqual(['streetMap', 'timebank']);
  });

  it.each([
    ['no 居委', (s: ReturnType<typeof street>) => ({ ...s, committees: [] }), 'committees'],
    [
      'a latitude that is not in China',
      (s: ReturnType<typeof street>) => {
        s.committees[1]!.estates[0]!.latitude = 3.12;
        return s;
      },
      'committees.1.estates.0.latitude',
    ],
    [
      'a duplicated estate id',
      (s: ReturnType<typeof street>) => {
        s.committees[2]!.estates[1]!.id = 'e_xyw_garden';
        return s;
      },
      'committees.2.estates.1.id',
    ],
    ['an unknown join policy', (s: ReturnType<typeof street>) => ({ ...s, teams: [{ ...s.teams[0]!, joinPolicy: 'invite' }] }), 'teams.0.joinPolicy'],
    ['a misspelt field', (s: ReturnType<typeof street>) => ({ ...s, comittees: s.committees }), ''],
    ['not an object at all', () => 'street', ''],
  ])('refuses a street file with %s, naming the field, and creates nothing', async (_what, spoil, path) => {
    const error = await runSetup(store, spoil(street()) as never, NOW).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STREET_INVALID' });
    const problems = (error as { details: Array<{ path: string; message: string }> }).details;
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    expect(standin.engine.collectionNames()).toEqual([]);
  });
});

describe('on SQLite', () => {
  let world: TestWorld;
  const savedSecret = process.env.SETUP_SECRET;

  beforeEach(() => {
    world = openWorld(() => NOW);
    process.env.SETUP_SECRET = SECRET;
  });
  afterEach(async () => {
    await world.close();
    if (savedSecret === undefined) delete process.env.SETUP_SECRET;
    else process.env.SETUP_SECRET = savedSecret;
  });

  it('follows an edited street file: renames and new estates are applied, a 居委 left out is kept, teams edited in the app are not overwritten', async () => {
    await runSetup(world.store, street(), NOW);
    await world.store.transaction((tx) => tx.update('teams', 't_paws', { name: '握爪志愿队' }));
    const edited = street();
    edited.committees[0]!.name = '新圆湾第一居委';
    edited.committees[0]!.estates.push({ id: 'e_xyw_new', name: '新圆湾三村', latitude: 31.235, longitude: 121.488 });
    edited.committees = edited.committees.filter((c) => c.id !== 'c_chunxiao');
    edited.teams[1]!.name = '文件里的新名字';
    edited.teams.push({ id: 't_library', name: '社区书屋志愿队', description: '书屋值班与读书会', joinPolicy: 'open' });

    const result = await runSetup(world.store, edited, NOW);
    expect(result.committees).toEqual({ created: [], updated: ['c_xinyuanwan'], keptNotInFile: ['c_chunxiao'] });
    expect(result.teams.created).toEqual(['t_library']);
    const committee = await world.store.get<{ _id: string; name: string; estates: Array<{ id: string }> }>('committees', 'c_xinyuanwan');
    expect(committee?.name).toBe('新圆湾第一居委');
    expect(committee?.estates.map((e) => e.id)).toEqual(['e_xyw_garden', 'e_xyw_village2', 'e_xyw_new']);
    expect(await world.store.get('committees', 'c_chunxiao')).not.toBeNull();
    expect((await world.store.get<{ _id: string; name: string }>('teams', 't_paws'))?.name).toBe('握爪志愿队');
  });

  it('says while the shipped sample street is loaded, and stops saying so once street.json describes a real street', async () => {
    type Options = { street: { name: string; code: string; sample: boolean } | null };
    const options = async () => {
      const answer = await call<Options>(world.deps, 'wx-a', 'account', 'options');
      if (!answer.ok) throw new Error(answer.error.code);
      return answer.data.street;
    };
    expect(await options()).toBeNull();

    await runSetup(world.store, street(), NOW);
    expect(await options()).toEqual({ name: '新圆湾街道', code: '310000-demo', sample: true });

    const real = street();
    Reflect.deleteProperty(real.street, 'sample');
    real.street.code = '310101013';
    real.street.name = '外滩街道';
    expect((await runSetup(world.store, real, NOW)).changed).toBe(false);
    expect(await options()).toEqual({ name: '外滩街道', code: '310101013', sample: false });
    // Only the flag changing is a change of the marker too.
    real.street.sample = true;
    await runSetup(world.store, real, NOW);
    expect((await options())?.sample).toBe(true);
  });

  it('applies each migration once, in order, and records it', async () => {
    const ran: string[] = [];
    const migrations: Migration[] = [
      { id: '2026-12-a', describe: 'first', run: async () => void ran.push('a') },
      { id: '2026-12-b', describe: 'second', run: async () => void ran.push('b') },
    ];
    expect((await runSetup(world.store, street(), NOW, migrations.slice(0, 1))).migrationsApplied).toEqual(['2026-12-a']);
    expect((await runSetup(world.store, street(), NOW, migrations)).migrationsApplied).toEqual(['2026-12-b']);
    expect((await runSetup(world.store, street(), NOW, migrations)).migrationsApplied).toEqual([]);
    expect(ran).toEqual(['a', 'b']);
  });

  it('lets one registered person claim street admin with the secret, once', async () => {
    expect(await world.call('wx-a', 'setup', 'status')).toEqual({ ok: true, data: { setUp: false, streetName: null, adminClaimed: false } });
    await runSetup(world.store, street(), NOW);
    expect(await world.call('wx-a', 'setup', 'status')).toEqual({ ok: true, data: { setUp: true, streetName: '新圆湾街道', adminClaimed: false } });

    // Not registered yet: the claim is refused before the secret is even looked at.
    expect(await world.call('wx-a', 'setup', 'claimAdmin', { secret: SECRET }, rid())).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect((await register(world.deps, 'wx-a', 0)).ok).toBe(true);
    expect((await register(world.deps, 'wx-b', 1)).ok).toBe(true);

    const wrong = await world.call('wx-a', 'setup', 'claimAdmin', { secret: `${SECRET}x` }, rid());
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SETUP_FORBIDDEN', message: '开通口令不正确' } });
    const a = (await world.store.get<{ _id: string; userId: string }>('identities', 'wx-a'))!.userId;
    expect((await world.store.get<{ _id: string; roles: string[] }>('users', a))?.roles).not.toContain('admin');

    const claimed = await world.call<SetupResults['claimAdmin']>('wx-a', 'setup', 'claimAdmin', { secret: SECRET }, rid());
    expect(claimed.ok && claimed.data.roles).toContain('admin');
    expect((await world.call('wx-a', 'admin', 'listUsers', { limit: 5 })).ok).toBe(true);
    const audit = await world.store.find<{ _id: string; kind: string; subjectId: string; detail: unknown }>('audit', { where: { subjectId: a }, limit: 10 });
    expect(audit.items).toEqual([expect.objectContaining({ kind: 'role.grant', detail: { role: 'admin', via: 'setup.claimAdmin' } })]);

    for (const openid of ['wx-a', 'wx-b']) {
      expect(await world.call(openid, 'setup', 'claimAdmin', { secret: SECRET }, rid())).toMatchObject({ ok: false, error: { code: 'ADMIN_ALREADY_CLAIMED' } });
    }
    const b = (await world.store.get<{ _id: string; userId: string }>('identities', 'wx-b'))!.userId;
    expect((await world.store.get<{ _id: string; roles: string[] }>('users', b))?.roles).not.toContain('admin');
    expect(await world.call('wx-b', 'setup', 'status')).toEqual({ ok: true, data: { setUp: true, streetName: '新圆湾街道', adminClaimed: true } });
  });

  it('two people claiming at the same moment: exactly one becomes admin', async () => {
    await runSetup(world.store, street(), NOW);
    await register(world.deps, 'wx-a', 0);
    await register(world.deps, 'wx-b', 1);
    const answers = await Promise.all(['wx-a', 'wx-b'].map((o) => call(world.deps, o, 'setup', 'claimAdmin', { secret: SECRET })));
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    expect(answers.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['ADMIN_ALREADY_CLAIMED']);
  });

  it('refuses every claim when the environment has no setup secret, or one too short to be safe', async () => {
    await runSetup(world.store, street(), NOW);
    await register(world.deps, 'wx-a', 0);
    for (const configured of [undefined, 'short']) {
      if (configured === undefined) delete process.env.SETUP_SECRET;
      else process.env.SETUP_SECRET = configured;
      const r = await world.call('wx-a', 'setup', 'claimAdmin', { secret: configured ?? '' }, rid());
      expect(r).toMatchObject({ ok: false, error: { code: configured === undefined ? 'VALIDATION' : 'SETUP_FORBIDDEN' } });
    }
    process.env.SETUP_SECRET = 'short';
    expect(await world.call('wx-a', 'setup', 'claimAdmin', { secret: 'short' }, rid())).toMatchObject({
      ok: false,
      error: { code: 'SETUP_FORBIDDEN', message: expect.stringContaining('SETUP_SECRET') },
    });
  });
});
