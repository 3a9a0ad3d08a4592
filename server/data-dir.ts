/** The data folder: the SQLite file and the master key (generated on first start outside production). */
import fs from 'node:fs';
import path from 'node:path';
import { generateMasterKey, parseMasterKey } from '../cloudfunctions/core/crypto';
import { openSqliteStore, type SqliteStore } from '../cloudfunctions/core/store/sqlite';
import { StartupError } from './config';

const DB_FILE = 'street.db';
export const KEY_FILE = 'master.key';

interface KeyOptions {
  /** Production never makes a key up: it must be given (DATA_KEY, or a key file the operator put there). */
  production?: boolean;
  envKey?: string;
}

function parseGiven(base64: string, where: string): Buffer {
  try {
    return parseMasterKey(base64);
  } catch {
    throw new StartupError(`${where} is not a master key: it must be 32 random bytes, base64-encoded (44 characters).`);
  }
}

/**
 * DATA_KEY from the environment wins; otherwise the key file in the data folder. Outside production
 * a missing key file is created (the demo street needs no setting up); in production a fresh folder
 * refuses to start, as a CloudBase function without DATA_KEY does: a key made up on the spot would
 * be lost with the folder's disk, and with it every encrypted field of the backups.
 */
function loadMasterKey(dataDir: string, options: KeyOptions = {}): Buffer {
  const envKey = 'envKey' in options ? options.envKey : process.env.DATA_KEY;
  if (envKey) return parseGiven(envKey, 'DATA_KEY');
  const file = path.join(dataDir, KEY_FILE);
  if (options.production) {
    if (!fs.existsSync(file)) {
      throw new StartupError(
        `Production mode needs the master key, and ${file} does not exist. Generate one once with\n` +
          `  node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"\n` +
          `and start with DATA_KEY=<that key> (or write it to ${file}, mode 0600). Keep a copy with the ` +
          'backups\' owner: without it the encrypted fields cannot be read (docs/deploy.md, "DATA_KEY").',
      );
    }
    return parseGiven(fs.readFileSync(file, 'utf8').trim(), file);
  }
  if (!fs.existsSync(file)) {
    // Written whole under a name of its own, then linked into place: a link fails when the file
    // exists, so two processes starting together agree on one key, and neither ever reads a key
    // file the other has created but not yet written (an empty file, with 'wx' alone).
    const draft = `${file}.${process.pid}.${Date.now()}`;
    fs.writeFileSync(draft, generateMasterKey(), { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return parseMasterKey(fs.readFileSync(file, 'utf8').trim());
}

export function openDataDir(dataDir: string, options: { production?: boolean } = {}): { store: SqliteStore; masterKey: Buffer } {
  fs.mkdirSync(dataDir, { recursive: true });
  // The key first: a production folder without one is refused before a database file appears in it.
  const masterKey = loadMasterKey(dataDir, { production: options.production });
  const store = openSqliteStore(path.join(dataDir, DB_FILE));
  return { store, masterKey };
}
