/**
 * `npm run ledger:verify`: checks every invariant of the time-bank ledger (domain/ledger-invariants.ts)
 * in the data folder named by DATA_DIR (default ./data, file street.db), prints each check with ✓ or ✗
 * and exits non-zero when any fails. The whole check reads one snapshot of the SQLite file, so it may
 * run while servers are writing. Tests call `verifyLedger(store)` (services/ledger-verify.ts) directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatReport, verifyLedger } from '../cloudfunctions/core/services/ledger-verify';
import { openSqliteStore } from '../cloudfunctions/core/store/sqlite';

async function main(): Promise<number> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  const file = path.join(dataDir, 'street.db');
  if (!fs.existsSync(file)) {
    process.stderr.write(`no database at ${file} (set DATA_DIR to the data folder used by npm start)\n`);
    return 2;
  }
  const store = openSqliteStore(file);
  try {
    const started = Date.now();
    const report = await verifyLedger(store);
    process.stdout.write(`ledger:verify ${file}\n${formatReport(report)}\n(${Date.now() - started} ms)\n`);
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`ledger:verify failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
