/**
 * scripts/cloudbase-db.ts against a fake @cloudbase/manager-node that keeps an environment in memory
 * and answers the calls the script makes the way manager-node 5 shapes them (listCollections pages,
 * describeCollection's Indexes/Keys, updateCollection's CreateIndexes, the tcb Describe/ModifyDatabaseACL
 * actions through commonService). It records every mutating call, so "nothing changed" is checked.
 */
import { COLLECTIONS, COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { ADMIN_ONLY, desiredCollections, indexName, managerNodeDb, parseArgs, planDatabase, provision, type ManagerNodeLike } from '../../scripts/cloudbase-db';

interface FakeIndex {
  Name: string;
  Keys: Array<{ Name: string; Direction: string }>;
}
interface FakeCollection {
  indexes: FakeIndex[];
  acl: string;
}

function fakeManager(initial: Record<string, FakeCollection> = {}) {
  const env = new Map<string, FakeCollection>(Object.entries(structuredClone(initial)));
  const mutations: string[] = [];
  const reads: string[] = [];
  const existing = (name: string) => {
    const c = env.get(name);
    if (!c) throw Object.assign(new Error(`collection ${name} not found`), { code: 'ResourceNotFound' });
    return c;
  };
  const manager: ManagerNodeLike = {
    database: {
      async listCollections(options) {
        reads.push('listCollections');
        const all = [...env.keys()].sort();
        const offset = options?.MgoOffset ?? 0;
        const limit = options?.MgoLimit ?? 100;
        return {
          Collections: all.slice(offset, offset + limit).map((CollectionName) => ({ CollectionName })),
          Pager: { Offset: offset, Limit: limit, Total: all.length },
        };
      },
      async describeCollection(name) {
        reads.push(`describe ${name}`);
        return { Indexes: structuredClone(existing(name).indexes), IndexNum: existing(name).indexes.length };
      },
      async createCollectionIfNotExists(name) {
        mutations.push(`createCollection ${name}`);
        if (!env.has(name)) env.set(name, { indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] }], acl: 'PRIVATE' });
        return { IsCreated: true };
      },
      async updateCollection(name, info) {
        const c = existing(name);
        for (const idx of info.CreateIndexes) {
          mutations.push(`createIndex ${name}.${idx.IndexName} ${idx.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(',')}`);
          expect(idx.MgoKeySchema.MgoIsUnique).toBe(false);
          // What CloudBase does with a name that exists: drop it, then create (manager-node docs).
          c.indexes = c.indexes.filter((i) => i.Name !== idx.IndexName);
          c.indexes.push({ Name: idx.IndexName, Keys: idx.MgoKeySchema.MgoIndexKeys });
        }
        return {};
      },
    },
    commonService(service) {
      expect(service).toBe('tcb');
      return {
        async call({ Action, Param }) {
          expect(Param.EnvId).toBe('env-1');
          const c = existing(String(Param.CollectionName));
          if (Action === 'DescribeDatabaseACL') {
            reads.push(`acl ${String(Param.CollectionName)}`);
            return { AclTag: c.acl };
          }
          if (Action === 'ModifyDatabaseACL') {
            mutations.push(`setAcl ${String(Param.CollectionName)} ${String(Param.AclTag)}`);
            c.acl = String(Param.AclTag);
            return {};
          }
          throw new Error(`unexpected action ${Action}`);
        },
      };
    },
  };
  return { manager, env, mutations, reads, db: managerNodeDb(manager, 'env-1') };
}

const ALL_INDEXES = Object.values(COLLECTIONS).reduce((n, c) => n + c.indexes.length, 0);
const asc = (fields: readonly string[]) => [...fields, '_id'].map((Name) => ({ Name, Direction: '1' }));

/** The environment a complete run leaves behind, built independently of the script. */
function provisioned(): Record<string, FakeCollection> {
  return Object.fromEntries(
    Object.entries(COLLECTIONS).map(([name, spec]) => [
      name,
      {
        acl: 'ADMINONLY',
        indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] }, ...spec.indexes.map((f) => ({ Name: indexName(f), Keys: asc(f) }))],
      },
    ]),
  );
}

async function run(db: ReturnType<typeof fakeManager>['db'], dryRun = false) {
  const lines: string[] = [];
  const plan = await provision(db, { dryRun, log: (l) => lines.push(l) });
  return { plan, lines };
}

it('names indexes after their fields and adds _id ascending last', () => {
  const users = desiredCollections().find((c) => c.name === 'users')!;
  expect(users.indexes).toEqual([
    { name: 'by_committeeId_createdAt', keys: ['committeeId', 'createdAt', '_id'] },
    { name: 'by_createdAt', keys: ['createdAt', '_id'] },
    { name: 'by_name', keys: ['name', '_id'] },
    { name: 'by_committeeId_name', keys: ['committeeId', 'name', '_id'] },
  ]);
  expect(desiredCollections().map((c) => c.name)).toEqual(COLLECTION_NAMES);
});

it('provisions a fresh environment: every collection of the schema, its permission and every index', async () => {
  const f = fakeManager();
  const { plan, lines } = await run(f.db);
  expect([...f.env.keys()].sort()).toEqual([...COLLECTION_NAMES].sort());
  for (const [name, spec] of Object.entries(COLLECTIONS)) {
    const c = f.env.get(name)!;
    expect(c.acl).toBe(ADMIN_ONLY);
    // the default _id index plus one per schema entry, each with the fields ascending and _id last
    expect(c.indexes.slice(1)).toEqual(spec.indexes.map((fields) => ({ Name: indexName(fields), Keys: asc(fields) })));
  }
  expect(f.mutations.filter((m) => m.startsWith('createIndex'))).toHaveLength(ALL_INDEXES);
  expect(f.mutations.filter((m) => m.startsWith('createCollection'))).toHaveLength(COLLECTION_NAMES.length);
  expect(f.mutations.filter((m) => m.startsWith('setAcl'))).toHaveLength(COLLECTION_NAMES.length);
  // each collection exists before its permission and indexes are touched
  expect(f.mutations.indexOf('createCollection users')).toBeLessThan(f.mutations.indexOf('setAcl users ADMINONLY'));
  expect(f.mutations).toContain('createIndex helpRequests.by_committeeId_queued_createdAt committeeId:1,queued:1,createdAt:1,_id:1');
  expect(plan.conflicts).toEqual([]);
  expect(lines).toContain('done: create collection users');
  expect(lines.filter((l) => l.startsWith('done: '))).toHaveLength(plan.actions.length);

  // Running it again finds nothing to do.
  const again = fakeManager(Object.fromEntries(f.env));
  const second = await run(again.db);
  expect(second.plan.actions).toEqual([]);
  expect(second.plan.conflicts).toEqual([]);
  expect(second.plan.kept).toHaveLength(ALL_INDEXES);
  expect(again.mutations).toEqual([]);
});

it('on a partly provisioned environment adds only what is missing and keeps what is there under other names', async () => {
  const partial = provisioned();
  delete partial.contacts; // a collection missing entirely
  partial.users = {
    acl: 'PRIVATE', // the console's default, too loose
    indexes: [
      { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] },
      // created by hand under another name, same keys: kept, not duplicated
      { Name: 'committee_created', Keys: asc(['committeeId', 'createdAt']) },
    ],
  };
  partial.audit!.indexes = partial.audit!.indexes.filter((i) => i.Name !== 'by_actorId_at');
  partial.legacy = { acl: 'PRIVATE', indexes: [] }; // not in the schema: never touched
  const f = fakeManager(partial);
  const { plan } = await run(f.db);
  expect(f.mutations).toEqual([
    'setAcl users ADMINONLY',
    'createIndex users.by_createdAt createdAt:1,_id:1',
    'createIndex users.by_name name:1,_id:1',
    'createIndex users.by_committeeId_name committeeId:1,name:1,_id:1',
    'createIndex audit.by_actorId_at actorId:1,at:1,_id:1',
    'createCollection contacts',
    'setAcl contacts ADMINONLY',
    ...COLLECTIONS.contacts.indexes.map((fields) => `createIndex contacts.${indexName(fields)} ${[...fields, '_id'].map((k) => `${k}:1`).join(',')}`),
  ]);
  expect(plan.kept).toContainEqual(expect.objectContaining({ collection: 'users', existingName: 'committee_created' }));
  expect(f.env.get('users')!.indexes.map((i) => i.Name)).toEqual(['_id_', 'committee_created', 'by_createdAt', 'by_name', 'by_committeeId_name']);
  expect(f.env.get('legacy')).toEqual({ acl: 'PRIVATE', indexes: [] });
});

it('on a fully provisioned environment does nothing', async () => {
  const f = fakeManager(provisioned());
  const { plan, lines } = await run(f.db);
  expect(plan.actions).toEqual([]);
  expect(plan.kept).toHaveLength(ALL_INDEXES);
  expect(f.mutations).toEqual([]);
  expect(lines.at(-1)).toBe(`0 change(s), ${ALL_INDEXES} index(es) already in place, 0 conflict(s)`);
});

it('in dry-run prints the whole plan and makes no mutating call', async () => {
  const f = fakeManager();
  const { plan, lines } = await run(f.db, true);
  expect(f.mutations).toEqual([]);
  expect(f.env.size).toBe(0);
  expect(plan.actions).toHaveLength(2 * COLLECTION_NAMES.length + ALL_INDEXES);
  expect(lines).toContain('plan: create collection users');
  expect(lines).toContain('plan: set permission of users to ADMINONLY (仅管理端可读写)');
  expect(lines).toContain('plan: create index users.by_committeeId_createdAt (committeeId asc, createdAt asc, _id asc)');
  expect(lines.at(-1)).toBe('dry run: nothing was changed');
  expect(lines.some((l) => l.startsWith('done: '))).toBe(false);
});

it('leaves an index alone when its name is taken by other keys, and reports the conflict', async () => {
  const env = provisioned();
  const wrong = {
    Name: 'by_seniorId_at',
    Keys: [
      { Name: 'seniorId', Direction: '-1' },
      { Name: 'at', Direction: '1' },
    ],
  };
  env.seniorLog!.indexes = [env.seniorLog!.indexes[0]!, wrong];
  const f = fakeManager(env);
  const { plan, lines } = await run(f.db);
  expect(f.mutations).toEqual([]); // re-creating under that name would drop the existing index
  expect(f.env.get('seniorLog')!.indexes).toContainEqual(wrong);
  expect(plan.conflicts).toEqual([
    expect.objectContaining({
      collection: 'seniorLog',
      existing: {
        name: 'by_seniorId_at',
        keys: [
          { name: 'seniorId', direction: '-1' },
          { name: 'at', direction: '1' },
        ],
      },
    }),
  ]);
  expect(lines.some((l) => l.startsWith('CONFLICT: seniorLog'))).toBe(true);
});

it('reads the schema it is given: a collection added later is planned like the others', () => {
  const schema = { ...COLLECTIONS, jobs: { description: 'background jobs', indexes: [['state', 'runAt']] } };
  const plan = planDatabase(desiredCollections(schema), new Map());
  expect(plan.actions.filter((a) => a.collection === 'jobs')).toEqual([
    { kind: 'createCollection', collection: 'jobs' },
    { kind: 'setPermission', collection: 'jobs', from: null, to: ADMIN_ONLY },
    { kind: 'createIndex', collection: 'jobs', index: { name: 'by_state_runAt', keys: ['state', 'runAt', '_id'] } },
  ]);
});

it('pages through the collections of a large environment', async () => {
  const many = provisioned();
  for (let i = 0; i < 150; i++) many[`other${String(i).padStart(3, '0')}`] = { acl: 'PRIVATE', indexes: [] };
  const f = fakeManager(many);
  const { plan } = await run(f.db);
  expect(plan.actions).toEqual([]);
  expect(f.reads.filter((r) => r === 'listCollections').length).toBeGreaterThan(1);
});

it('parses its arguments', () => {
  expect(parseArgs(['--env', 'prod-1', '--dry-run'])).toEqual({ envId: 'prod-1', dryRun: true });
  expect(parseArgs(['--env=prod-2'])).toEqual({ envId: 'prod-2', dryRun: false });
  expect(() => parseArgs(['--drop'])).toThrow(/unknown argument/);
});
