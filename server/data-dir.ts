/** The data folder: the SQLite file and the master key, generated on first start. */
import fs from 'node:fs';
import path from 'node:path';
import { generateMasterKey, parseMasterKey } from '../cloudfunctions/core/crypto';
import { openSqliteStore, type SqliteStore } from '../cloudfunctions/core/store/sqlite';

export const DB_FILE = 'street.db';
const KEY_FILE = 'master.key';

/** DATA_KEY from the environment wins; otherwise a key file in the data folder, created once. */
export function loadMasterKey(dataDir: string, envKey = process.env.DATA_KEY): Buffer {
  if (envKey) return parseMasterKey(envKey);
  const file = path.join(dataDir, KEY_FILE);
  try {
    // 'wx' fails when the file exists, so two processes starting together agree on one key.
    fs.writeFileSync(file, generateMasterKey(), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return parseMasterKey(fs.readFileSync(file, 'utf8').trim());
}

export function openDataDir(dataDir: string): { store: SqliteStore; masterKey: Buffer } {
  fs.mkdirSync(dataDir, { recursive: true });
  const masterKey = loadMasterKey(dataDir);
  const store = openSqliteStore(path.join(dataDir, DB_FILE));
  return { store, masterKey };
}
