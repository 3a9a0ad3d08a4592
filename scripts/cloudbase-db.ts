/**
 * `npm run cloudbase:db -- --env <envId> [--dry-run]`: provisions the CloudBase database from
 * cloudfunctions/core/store/schema.ts, idempotently. For every collection of COLLECTIONS it makes sure
 * that the collection exists, that its permission is 仅管理端可读写 (ADMINONLY: no client reads or
 * writes; every access goes through a cloud function that checks roles), and that each of its indexes
 * exists: the listed fields ascending, then `_id` ascending (docs/api.md, "Collections and indexes").
 *
 * It never drops or changes anything: an index that already has the same keys (whatever its name) is
 * kept, and an index that holds the name this script would use but other keys is reported as a
 * conflict and left alone (creating an index under an existing name makes CloudBase drop the old one
 * first). `--dry-run` reads the environment and prints the plan without changing anything.
 *
 * Credentials: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for
 * temporary keys) of a Tencent Cloud API key allowed to manage the environment.
 *
 * Split in three: `planDatabase` (pure: schema + current state -> actions), `readState` and
 * `applyPlan` (both through the small `DbManager` interface), and `managerNodeDb`, the adapter over
 * @cloudbase/manager-node. The API it relies on, as read in @cloudbase/manager-node 5.6.5
 * (types/database/index.d.ts, lib/database/index.js, and its docs/database.md):
 * - `database.listCollections({ MgoOffset, MgoLimit })` -> `{ Collections: [{ CollectionName }], Pager: { Total } }`;
 * - `database.describeCollection(name)` -> `{ Indexes: [{ Name, Keys: [{ Name, Direction }] }] }`;
 * - `database.createCollectionIfNotExists(name)`;
 * - `database.updateCollection(name, { CreateIndexes: [{ IndexName, MgoKeySchema: { MgoIndexKeys:
 *   [{ Name, Direction: '1' }], MgoIsUnique: false } }] })` (docs/database.md: "索引创建时如果已经存在，
 *   则会先删除再创建索引", hence one index per call and the name-conflict rule above).
 * The permission goes through `commonService('tcb').call(...)` with the TCB cloud API (version
 * 2018-06-08) actions `DescribeDatabaseACL` ({ EnvId, CollectionName } -> { AclTag }) and
 * `ModifyDatabaseACL` ({ EnvId, CollectionName, AclTag: 'ADMINONLY' }), as manager-node's
 * docs (安全规则: 获取/修改数据库简易权限) and the Tencent Cloud SDKs' tcb v20180608 models describe them.
 * None of this has run against a live environment yet (docs/deploy.md).
 */
import { COLLECTIONS, type CollectionSpec } from '../cloudfunctions/core/store/schema';

/** 仅管理端可读写: only the server side (cloud functions, management API) reads and writes. */
export const ADMIN_ONLY = 'ADMINONLY';

export interface IndexSpec {
  /** Stable, derived from the fields: `by_<field>_<field>...` (`_id`, always last, left out of the name). */
  name: string;
  /** Every key in order, ascending, `_id` last. */
  keys: string[];
}

export interface DesiredCollection {
  name: string;
  indexes: IndexSpec[];
}

/** An index as the environment reports it; `keys` in order, with their directions. */
export interface ExistingIndex {
  name: string;
  keys: Array<{ name: string; direction: string }>;
}

export interface CollectionState {
  indexes: ExistingIndex[];
  /** The permission tag (ADMINONLY, PRIVATE, READONLY, ADMINWRITE, CUSTOM), null when unknown. */
  acl: string | null;
}

/** What the environment holds: only the collections that exist. */
export type DatabaseState = Map<string, CollectionState>;

export type Action =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'setPermission'; collection: string; from: string | null; to: typeof ADMIN_ONLY }
  | { kind: 'createIndex'; collection: string; index: IndexSpec };

export interface Plan {
  actions: Action[];
  /** Indexes already there with the right keys (possibly under another name). */
  kept: Array<{ collection: string; index: IndexSpec; existingName: string }>;
  /** Our name is taken by an index with other keys: nothing is done to it; a person has to look. */
  conflicts: Array<{ collection: string; index: IndexSpec; existing: ExistingIndex }>;
}

export function indexName(fields: readonly string[]): string {
  return `by_${fields.join('_')}`;
}

/** Every collection of the schema with its indexes, in schema order. */
export function desiredCollections(schema: Record<string, CollectionSpec> = COLLECTIONS): DesiredCollection[] {
  return Object.entries(schema).map(([name, spec]) => ({
    name,
    indexes: spec.indexes.map((fields) => ({ name: indexName(fields), keys: [...fields, '_id'] })),
  }));
}

const ascending = (direction: string) => String(direction).trim() === '1';

function sameKeys(existing: ExistingIndex, wanted: IndexSpec): boolean {
  return existing.keys.length === wanted.keys.length && existing.keys.every((k, i) => k.name === wanted.keys[i] && ascending(k.direction));
}

/** Pure: what has to be done to bring `state` to `desired`. Only additions; never a drop. */
export function planDatabase(desired: DesiredCollection[], state: DatabaseState): Plan {
  const plan: Plan = { actions: [], kept: [], conflicts: [] };
  for (const c of desired) {
    const current = state.get(c.name);
    if (!current) plan.actions.push({ kind: 'createCollection', collection: c.name });
    if (current?.acl !== ADMIN_ONLY) plan.actions.push({ kind: 'setPermission', collection: c.name, from: current?.acl ?? null, to: ADMIN_ONLY });
    for (const index of c.indexes) {
      const existing = current?.indexes ?? [];
      const same = existing.find((e) => sameKeys(e, index));
      if (same) {
        plan.kept.push({ collection: c.name, index, existingName: same.name });
        continue;
      }
      const taken = existing.find((e) => e.name === index.name);
      if (taken) {
        plan.conflicts.push({ collection: c.name, index, existing: taken });
        continue;
      }
      plan.actions.push({ kind: 'createIndex', collection: c.name, index });
    }
  }
  return plan;
}

/** The few operations this script needs; `managerNodeDb` implements them over @cloudbase/manager-node. */
export interface DbManager {
  listCollections(): Promise<string[]>;
  describeIndexes(collection: string): Promise<ExistingIndex[]>;
  getPermission(collection: string): Promise<string | null>;
  createCollection(collection: string): Promise<void>;
  setPermission(collection: string, tag: string): Promise<void>;
  createIndex(collection: string, index: IndexSpec): Promise<void>;
}

/** Reads only the collections the schema names (other collections of the environment are not ours). */
export async function readState(db: DbManager, desired: DesiredCollection[]): Promise<DatabaseState> {
  const existing = new Set(await db.listCollections());
  const state: DatabaseState = new Map();
  for (const c of desired) {
    if (!existing.has(c.name)) continue;
    state.set(c.name, { indexes: await db.describeIndexes(c.name), acl: await db.getPermission(c.name) });
  }
  return state;
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'createCollection':
      return `create collection ${a.collection}`;
    case 'setPermission':
      return `set permission of ${a.collection} to ${a.to} (仅管理端可读写)${a.from ? `, was ${a.from}` : ''}`;
    case 'createIndex':
      return `create index ${a.collection}.${a.index.name} (${a.index.keys.map((k) => `${k} asc`).join(', ')})`;
  }
}

/** Runs the actions in order (collection, then its permission, then its indexes), reporting each. */
export async function applyPlan(db: DbManager, plan: Plan, log: (line: string) => void): Promise<void> {
  for (const a of plan.actions) {
    if (a.kind === 'createCollection') await db.createCollection(a.collection);
    else if (a.kind === 'setPermission') await db.setPermission(a.collection, a.to);
    else await db.createIndex(a.collection, a.index);
    log(`done: ${describeAction(a)}`);
  }
}

export function formatPlan(plan: Plan): string[] {
  const lines = plan.actions.map((a) => `plan: ${describeAction(a)}`);
  for (const k of plan.kept) lines.push(`keep: ${k.collection}.${k.existingName} (${k.index.keys.join(', ')})`);
  for (const c of plan.conflicts) {
    lines.push(
      `CONFLICT: ${c.collection} already has an index named ${c.existing.name} on (${c.existing.keys.map((k) => `${k.name} ${k.direction}`).join(', ')}), ` +
        `not (${c.index.keys.join(', ')}); left alone: create the right index under another name in the console or rename the old one`,
    );
  }
  lines.push(`${plan.actions.length} change(s), ${plan.kept.length} index(es) already in place, ${plan.conflicts.length} conflict(s)`);
  return lines;
}

export interface RunOptions {
  dryRun: boolean;
  log: (line: string) => void;
  schema?: Record<string, CollectionSpec>;
}

/** Reads, plans, prints; applies unless dry-run. Returns the plan (the caller exits non-zero on conflicts). */
export async function provision(db: DbManager, options: RunOptions): Promise<Plan> {
  const desired = desiredCollections(options.schema);
  const plan = planDatabase(desired, await readState(db, desired));
  for (const line of formatPlan(plan)) options.log(line);
  if (options.dryRun) {
    options.log('dry run: nothing was changed');
    return plan;
  }
  await applyPlan(db, plan, options.log);
  return plan;
}

/** The part of @cloudbase/manager-node's CloudBase object this script calls (a fake one in tests). */
export interface ManagerNodeLike {
  database: {
    listCollections(options?: {
      MgoOffset?: number;
      MgoLimit?: number;
    }): Promise<{ Collections: Array<{ CollectionName: string }>; Pager?: { Total: number } }>;
    describeCollection(name: string): Promise<{ Indexes?: Array<{ Name: string; Keys: Array<{ Name?: string; Direction?: string }> }> }>;
    createCollectionIfNotExists(name: string): Promise<unknown>;
    updateCollection(
      name: string,
      info: { CreateIndexes: Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }> },
    ): Promise<unknown>;
  };
  commonService(service?: string, version?: string): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> };
}

const PAGE = 100;

export function managerNodeDb(app: ManagerNodeLike, envId: string): DbManager {
  return {
    async listCollections() {
      const names: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const res = await app.database.listCollections({ MgoOffset: offset, MgoLimit: PAGE });
        const page = res.Collections ?? [];
        names.push(...page.map((c) => c.CollectionName));
        if (page.length < PAGE || names.length >= (res.Pager?.Total ?? 0)) return names;
      }
    },
    async describeIndexes(collection) {
      const res = await app.database.describeCollection(collection);
      return (res.Indexes ?? []).map((i) => ({
        name: i.Name,
        keys: (i.Keys ?? []).map((k) => ({ name: k.Name ?? '', direction: String(k.Direction ?? '') })),
      }));
    },
    async getPermission(collection) {
      const res = (await app.commonService('tcb').call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: collection } })) as
        { AclTag?: string } | undefined;
      return res?.AclTag ?? null;
    },
    async createCollection(collection) {
      await app.database.createCollectionIfNotExists(collection);
    },
    async setPermission(collection, tag) {
      await app.commonService('tcb').call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: collection, AclTag: tag } });
    },
    async createIndex(collection, index) {
      await app.database.updateCollection(collection, {
        CreateIndexes: [{ IndexName: index.name, MgoKeySchema: { MgoIndexKeys: index.keys.map((k) => ({ Name: k, Direction: '1' })), MgoIsUnique: false } }],
      });
    },
  };
}

export function parseArgs(argv: string[]): { envId: string | undefined; dryRun: boolean } {
  let envId: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dry-run') dryRun = true;
    else if (a === '--env') envId = argv[++i];
    else if (a.startsWith('--env=')) envId = a.slice('--env='.length);
    else throw new Error(`unknown argument ${a}; usage: npm run cloudbase:db -- --env <envId> [--dry-run]`);
  }
  return { envId: envId || process.env.ENV_ID || undefined, dryRun };
}

async function main(): Promise<void> {
  const { envId, dryRun } = parseArgs(process.argv.slice(2));
  if (!envId) throw new Error('no environment: pass --env <envId> (or set ENV_ID)');
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey)
    throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a Tencent Cloud API key allowed to manage the environment)');
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const app = new CloudBase({ secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN, envId });
  process.stdout.write(`environment ${envId}${dryRun ? ' (dry run)' : ''}\n`);
  const plan = await provision(managerNodeDb(app, envId), { dryRun, log: (l) => process.stdout.write(`${l}\n`) });
  if (plan.conflicts.length > 0) process.exitCode = 2;
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
