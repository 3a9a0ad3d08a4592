/**
 * Issuance shards on the CloudBase adapter, over the interleaving stand-in (conflicts and retries
 * really happen). Every earn writes issuance; with one issuance document, many leaders approving
 * at once conflict on it and some calls run out of retries (BUSY). With the shards the same burst
 * goes through on the adapter's default retry budget, and the ledger verifies to the minute.
 * Behaviour only: no timings are asserted.
 */
import pino from 'pino';
import type { Envelope, FunctionName } from '../../cloudfunctions/core/api';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import {
  ISSUANCE_SHARDS,
  balanceOf,
  issuanceAccountFor,
  issuanceShardId,
  issuanceShardOf,
  personAccountId,
  type AccountDoc,
  type TransferDoc,
} from '../../cloudfunctions/core/domain/ledger';
import { roleSet, type RoleGrant } from '../../cloudfunctions/core/domain/roles';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { postTransfer } from '../../cloudfunctions/core/services/ledger';
import { issuanceTotals } from '../../cloudfunctions/core/services/shared/ledger-views';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import type { Store } from '../../cloudfunctions/core/store/port';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { REGISTRY } from '../../cloudfunctions/registry';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { createCloudbaseStandin, type CloudbaseStandin } from '../support/cloudbase-standin';

const AT = '2026-11-27T00:00:00.000Z';
const LEADERS = 40;

async function expectVerified(store: Store) {
  const report = await verifyLedger(store);
  if (!report.ok) throw new Error(formatReport(report));
  expect(report.ok).toBe(true);
}

function userDoc(id: string, name: string, grants: RoleGrant[] = []): UserDoc {
  return {
    _id: id,
    name,
    phoneEnc: 'test',
    phoneHash: `test-${id}`,
    phoneMasked: '138****0000',
    birthYear: 1965,
    committeeId: 'c_one',
    elderMode: false,
    consent: { version: 'test', at: AT },
    grants,
    roles: roleSet(grants),
    createdAt: AT,
    updatedAt: AT,
  };
}

describe('40 leaders approving different records at once', () => {
  let standin: CloudbaseStandin;
  let store: Store;
  let deps: RuntimeDeps;
  let retries = 0;

  beforeAll(async () => {
    standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: true, seed: 23 });
    // The adapter's defaults: the retry budget production runs with.
    store = createCloudbaseStore(standin.db as CloudbaseDatabase, { onRetry: () => retries++ });
    deps = { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: pino({ level: 'silent' }) };
  });

  afterAll(async () => {
    await store.close();
    expect(standin.engine.openTransactions()).toBe(0);
    standin.dispose();
  });

  it('all succeed on the default retry budget, each credit posted once, and the sums are exact', async () => {
    standin.engine.setInterleave(false); // setting up is not what is measured
    await store.transaction(async (tx) => {
      await tx.create('committees', { _id: 'c_one', name: '一号居委', order: 1 });
      await tx.create('teams', { _id: 't_one', name: '助老服务队', description: '', order: 1, leaderIds: [], createdAt: AT });
    });
    for (let i = 0; i < LEADERS; i++) {
      await store.transaction(async (tx) => {
        await tx.create('users', userDoc(`u_lead${i}`, `队长${i}`, [{ role: 'leader', teamId: 't_one', grantedBy: 'test', grantedAt: AT }]));
        await tx.create('identities', { _id: `lead-${i}`, userId: `u_lead${i}` });
        await tx.create('users', userDoc(`u_vol${i}`, `志愿者${i}`));
        // A leader records service only for members of the team.
        await tx.create('memberships', {
          _id: `t_one:u_vol${i}`,
          teamId: 't_one',
          userId: `u_vol${i}`,
          state: 'member',
          note: '',
          reason: null,
          decidedBy: null,
          createdAt: AT,
          joinedAt: AT,
          updatedAt: AT,
        });
      });
    }
    const call = (openid: string, fn: FunctionName, action: string, data: object, requestId: string) =>
      dispatch(fn, REGISTRY[fn] as never, { action, data, requestId }, openid, deps) as Promise<Envelope<any>>;
    const date = new Date().toISOString().slice(0, 10);
    const records: Array<{ id: string; minutes: number }> = [];
    for (let i = 0; i < LEADERS; i++) {
      const minutes = 30 + i;
      const r = await call(
        `lead-${i}`,
        'records',
        'create',
        { volunteerId: `u_vol${i}`, teamId: 't_one', category: 'daily', date, place: '一号小区', content: '上门陪伴', minutes },
        `create-${i}`,
      );
      if (!r.ok) throw new Error(`records.create: ${r.error.code} ${r.error.message}`);
      records.push({ id: r.data.id as string, minutes });
    }

    standin.engine.setInterleave(true);
    const conflictsBefore = standin.engine.stats.conflicts;
    const approvals = await Promise.all(records.map((r, i) => call(`lead-${i}`, 'records', 'approve', { recordId: r.id }, `approve-${i}`)));
    expect(approvals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(LEADERS).fill('ok'));
    // The burst really overlapped: transactions conflicted and were retried, yet none ran out.
    expect(standin.engine.stats.conflicts).toBeGreaterThan(conflictsBefore);
    expect(retries).toBeGreaterThan(0);
    expect(standin.engine.stats.refusedQueries).toBe(0);

    // Each earn on the shard its id chooses; more than one shard in use.
    const used = new Set<string>();
    for (const [i, r] of records.entries()) {
      const earn = (await store.get<TransferDoc>('transfers', `earn:${r.id}`))!;
      expect(earn).toMatchObject({
        kind: 'earn',
        amount: r.minutes,
        debitAccountId: issuanceAccountFor(earn._id),
        creditAccountId: personAccountId(`u_vol${i}`),
      });
      used.add(earn.debitAccountId);
      expect(balanceOf((await store.get<AccountDoc>('accounts', personAccountId(`u_vol${i}`)))!)).toBe(r.minutes);
    }
    expect(used.size).toBeGreaterThan(1);
    const minted = records.reduce((sum, r) => sum + r.minutes, 0);
    expect(balanceOf(await issuanceTotals(store))).toBe(-minted);
    standin.engine.setInterleave(false);
    await expectVerified(store);
  });
});

/**
 * The same burst of 40 issuance → person transfers on fresh stand-ins, posted once to a single
 * issuance document and once over the shards; a budget nothing exhausts, so both complete and the
 * conflicts they needed can be compared.
 */
async function burst(shards: number): Promise<{ conflicts: number; minted: number }> {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: true, seed: 5 });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { maxRetries: 10_000, backoffMs: 1, maxBackoffMs: 20 });
  try {
    await Promise.all(
      Array.from({ length: LEADERS }, (_, i) => {
        const id = `adjust:burst-${i}`;
        return store.transaction((tx) =>
          postTransfer(tx, {
            id,
            kind: 'adjust',
            phase: 'posted',
            debitAccountId: issuanceShardId(issuanceShardOf(id, shards)),
            creditAccountId: personAccountId(`u_p${i}`),
            amount: 10 + i,
            actorId: 'test',
            memo: '',
            at: AT,
          }),
        );
      }),
    );
    const conflicts = standin.engine.stats.conflicts;
    standin.engine.setInterleave(false);
    await expectVerified(store);
    return { conflicts, minted: -balanceOf(await issuanceTotals(store)) };
  } finally {
    await store.close();
    standin.dispose();
  }
}

it('sharding issuance needs far fewer conflicts than one issuance document for the same burst', async () => {
  const one = await burst(1);
  const sharded = await burst(ISSUANCE_SHARDS);
  const expected = Array.from({ length: LEADERS }, (_, i) => 10 + i).reduce((a, b) => a + b, 0);
  expect(one.minted).toBe(expected);
  expect(sharded.minted).toBe(expected);
  expect(one.conflicts).toBeGreaterThan(0);
  expect(sharded.conflicts).toBeLessThan(one.conflicts);
});
