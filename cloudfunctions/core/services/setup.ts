/**
 * Setting up an environment, once: what a fresh CloudBase environment (or an empty SQLite folder)
 * needs before anyone can register.
 *
 * `runSetup` (the `setup` function's `run`, guarded by SETUP_SECRET; `npm start` runs it at start):
 * 1. creates every collection of store/schema.ts that is missing (CloudBase refuses requests to
 *    collections nobody created);
 * 2. loads the street definition (street.json, domain/street.ts): 居委 with estates and teams;
 *    and its map (domain/street-map.ts) when the file's map changed since setup last loaded it;
 * 3. writes the default time-bank policy when there is none, so a later change of the defaults in
 *    code never silently changes a live street's rules;
 * 4. applies the migrations not applied yet (upgrading a live environment: deploy, then run setup).
 * Every step is idempotent, so running it again changes nothing, and a run cut off half-way is
 * completed by the next. A malformed definition is refused before anything is written.
 *
 * `claimAdmin` (the `setup` function's `claimAdmin`): the first street admin is the registered person
 * who enters the setup secret once in the app. A second claim is refused; more admins are granted by
 * an admin (admin.grantRole).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ParsedInput, SetupResults, SetupRunResult } from '../api';
import { AppError } from '../errors';
import { DEFAULT_POLICY, POLICY_DOC_ID, type StoredPolicy } from '../domain/policy';
import { roleSet, type RoleGrant } from '../domain/roles';
import { parseStreetDefinition, planStreet, type CommitteeFields, type StreetDefinition } from '../domain/street';
import type { Store } from '../store/port';
import type { Doc } from '../domain/doc';
import { scanAll } from '../store/scan';
import { touchStreetDesk } from './shared/acting';
import { audit } from './shared/audit';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import type { SetupMarker, MigrationsDoc } from '../domain/meta';
import { loadStreetMapFromFile } from './street-map';

/**
 * A change to stored data that a new version needs (a field to fill, a document to split). Each runs
 * once per environment, in order, when setup runs after a deploy; `run` must be idempotent, since a
 * run cut off after it and before it was recorded runs it again.
 */
export interface Migration {
  id: string;
  describe: string;
  run(store: Store, now: Date): Promise<void>;
}

/**
 * The migrations of this code base, oldest first. Add new ones at the end; never edit or remove one
 * that has shipped. Empty so far: every collection this version uses is created by step 1, and every
 * document it reads tolerates the shapes earlier versions wrote.
 */
export const MIGRATIONS: readonly Migration[] = [];

/** The smallest setup secret accepted: it is the only thing between a stranger and street admin. */
export const MIN_SECRET_LENGTH = 16;

/** Refuses a missing or short configured secret, and a wrong given one (compared in constant time). */
export function checkSetupSecret(given: string, configured: string | undefined): void {
  if (!configured || configured.length < MIN_SECRET_LENGTH) {
    throw new AppError('SETUP_FORBIDDEN', `这个环境没有设置开通口令（环境变量 SETUP_SECRET，至少 ${MIN_SECRET_LENGTH} 个字符），不能开通`);
  }
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  if (!timingSafeEqual(digest(given), digest(configured))) throw new AppError('SETUP_FORBIDDEN');
}

/** Parses raw street JSON, or refuses it with every problem listed (nothing is written). */
export function streetOrThrow(raw: unknown): StreetDefinition {
  const parsed = parseStreetDefinition(raw);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    throw new AppError('STREET_INVALID', `街道定义文件有误：${first.path || '（整个文件）'} ${first.message}`, parsed.problems);
  }
  return parsed.street;
}

export async function runSetup(store: Store, rawStreet: unknown, now: Date, migrations: readonly Migration[] = MIGRATIONS): Promise<SetupRunResult> {
  const street = streetOrThrow(rawStreet);
  const at = now.toISOString();

  const collectionsCreated = await store.ensureCollections();

  const committees = await scanAll<CommitteeFields & Doc>(store, 'committees', {}, '_id');
  const teams = await scanAll<Doc>(store, 'teams', {}, '_id');
  const plan = planStreet(street, { committees, teamIds: teams.map((t) => t._id) });

  // One small transaction per document: each is re-checked inside, so two runs at once, or a run
  // after one that was cut off, write each document once.
  for (const c of plan.createCommittees) {
    await store.transaction(async (tx) => {
      if (!(await tx.get('committees', c._id))) await tx.create('committees', c);
      else await tx.update('committees', c._id, { name: c.name, order: c.order, estates: c.estates });
    });
  }
  for (const c of plan.updateCommittees) {
    await store.transaction((tx) => tx.update('committees', c._id, { name: c.name, order: c.order, estates: c.estates }));
  }
  for (const t of plan.createTeams) {
    await store.transaction(async (tx) => {
      if (!(await tx.get('teams', t._id))) await tx.create('teams', { ...t, leaderIds: [], createdAt: at });
    });
  }

  const policyWritten = await store.transaction(async (tx) => {
    if (await tx.get('settings', POLICY_DOC_ID)) return false;
    await tx.create<StoredPolicy>('settings', { ...DEFAULT_POLICY, _id: POLICY_DOC_ID, updatedAt: at, updatedBy: 'setup' });
    return true;
  });

  const mapLoaded = await loadStreetMapFromFile(store, street, at);

  const applied: string[] = [];
  for (const m of migrations) {
    const done = await store.get<MigrationsDoc>('meta', 'migrations');
    if (done?.applied.some((a) => a.id === m.id)) continue;
    await m.run(store, now);
    await store.transaction(async (tx) => {
      const doc = await tx.get<MigrationsDoc>('meta', 'migrations');
      if (doc?.applied.some((a) => a.id === m.id)) return;
      await tx.set<MigrationsDoc>('meta', { _id: 'migrations', applied: [...(doc?.applied ?? []), { id: m.id, at }] });
    });
    applied.push(m.id);
  }

  const changed =
    collectionsCreated.length + plan.createCommittees.length + plan.updateCommittees.length + plan.createTeams.length + applied.length > 0 ||
    policyWritten ||
    mapLoaded === 'written';
  const marker = await store.transaction(async (tx) => {
    const was = await tx.get<SetupMarker>('meta', 'setup');
    // A run that changed nothing leaves the marker alone too: "running it twice changes nothing".
    const sample = street.street.sample === true;
    if (was && !changed && was.streetCode === street.street.code && was.streetName === street.street.name && (was.sample ?? false) === sample) return was;
    const next: SetupMarker = {
      _id: 'setup',
      streetCode: street.street.code,
      streetName: street.street.name,
      sample,
      firstSetupAt: was?.firstSetupAt ?? at,
      lastSetupAt: at,
      runs: (was?.runs ?? 0) + 1,
      adminClaimedBy: was?.adminClaimedBy ?? null,
      adminClaimedAt: was?.adminClaimedAt ?? null,
    };
    await tx.set<SetupMarker>('meta', next);
    return next;
  });

  return {
    street: street.street.name,
    changed,
    collectionsCreated,
    committees: {
      created: plan.createCommittees.map((c) => c._id),
      updated: plan.updateCommittees.map((c) => c._id),
      keptNotInFile: plan.keptCommittees,
    },
    teams: { created: plan.createTeams.map((t) => t._id), existing: teams.length },
    policy: policyWritten ? 'written' : 'kept',
    map: mapLoaded,
    migrationsApplied: applied,
    adminClaimed: marker.adminClaimedBy !== null,
  };
}

/** `setup.status`: whether the street is set up and its first admin claimed (nothing personal). */
export async function status(ctx: ServiceContext): Promise<SetupResults['status']> {
  const marker = await ctx.store.get<SetupMarker>('meta', 'setup');
  return { setUp: marker !== null, streetName: marker?.streetName ?? null, adminClaimed: Boolean(marker?.adminClaimedBy) };
}

/** `setup.claimAdmin`: the caller becomes the first street admin, with the setup secret, once. */
export async function claimAdmin(
  ctx: ServiceContext,
  input: ParsedInput<'setup', 'claimAdmin'>,
  configuredSecret: string | undefined,
): Promise<SetupResults['claimAdmin']> {
  const user = requireUser(ctx);
  try {
    checkSetupSecret(input.secret, configuredSecret);
  } catch (e) {
    ctx.log.warn({ setup: 'claimAdmin refused', userId: user._id }, 'wrong setup secret');
    throw e;
  }
  return ctx.mutate(async (tx) => {
    const marker = await tx.get<SetupMarker>('meta', 'setup');
    if (!marker) throw new AppError('NOT_SET_UP', '请先运行开通（setup run），再开通管理员');
    if (marker.adminClaimedBy) throw new AppError('ADMIN_ALREADY_CLAIMED');
    const me = await tx.get<UserDoc>('users', user._id);
    if (!me) throw new AppError('NOT_REGISTERED');
    const at = ctx.now().toISOString();
    const grants: RoleGrant[] = [...me.grants, { role: 'admin', grantedBy: 'setup', grantedAt: at }];
    const roles = roleSet(grants);
    await tx.update('users', me._id, { grants, roles, updatedAt: at });
    await tx.update('meta', 'setup', { adminClaimedBy: me._id, adminClaimedAt: at });
    await touchStreetDesk(tx, me._id, at);
    await audit(tx, me._id, me._id, 'role.grant', { role: 'admin', via: 'setup.claimAdmin' }, at);
    return { roles };
  });
}
