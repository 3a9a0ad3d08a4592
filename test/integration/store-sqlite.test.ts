/** The Store contract against the SQLite adapter: a real database file in a temp folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { describeStoreContract } from '../contract/store.contract';

describeStoreContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-contract-'));
  const store = openSqliteStore(path.join(dir, 'contract.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
