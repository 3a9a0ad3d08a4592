/**
 * The benchmark writes its large ledger with raw SQL for speed; this checks, at a small size, that
 * those rows are exactly what the adapter and the service would have written: verify passes and
 * the statement reads through the service.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { personAccountId, type AccountDoc } from '../../cloudfunctions/core/domain/ledger';
import { dispatch } from '../../cloudfunctions/core/runtime/dispatch';
import { REGISTRY } from '../../cloudfunctions/registry';
import { TARGET_OPENID, TARGET_USER, generateLedger } from '../../bench/ledger';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';

it('generates a ledger that passes verify and reads through the service', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-gen-'));
  const store = await generateLedger(path.join(dir, 'street.db'), { transfers: 3000, targetTransfers: 300, people: 25 });
  try {
    const report = await verifyLedger(store);
    if (!report.ok) throw new Error(formatReport(report));
    expect(report.counts).toMatchObject({ transfers: 3000, movements: 6000 });
    const target = await store.get<AccountDoc>('accounts', personAccountId(TARGET_USER));
    expect(target!.seq).toBe(300);

    const deps = { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: { info() {}, warn() {}, error() {} } };
    const first = await dispatch('timebank', REGISTRY.timebank, { action: 'statement', data: { limit: 20 } }, TARGET_OPENID, deps);
    if (!first.ok) throw new Error(first.error.message);
    const page = first.data as { items: Array<{ seq: number; title: string }>; next: string };
    expect(page.items.map((l) => l.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 300 - i));
    expect(page.items[0]!.title).toBe('捐赠到公益池');
    const second = await dispatch('timebank', REGISTRY.timebank, { action: 'statement', data: { limit: 20, after: page.next } }, TARGET_OPENID, deps);
    expect(second.ok && (second.data as { items: Array<{ seq: number }> }).items[0]!.seq).toBe(280);
    // The generated indexes are the adapter's: the statement query is an index range read.
    const plan = store.rawReader
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, doc FROM movements WHERE json_extract(doc, '$.accountId') = ? ORDER BY json_extract(doc, '$.seq') DESC, id DESC LIMIT 21`,
      )
      .all(personAccountId(TARGET_USER)) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX ix_movements_accountId_seq');
    expect(plan.map((p) => p.detail).join(' ')).not.toContain('TEMP B-TREE');
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
