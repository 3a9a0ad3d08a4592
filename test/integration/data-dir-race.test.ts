/**
 * Several server processes starting together on a fresh data folder (npm start twice, a restart
 * racing the old process): each must come up with the same master key and an open store. Real
 * processes, lined up on one start instant; server/data-dir.ts writes the key file whole before
 * linking it into place, and the store retries a WAL switch SQLite answered BUSY at once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from '../support/server';

const ROOT = path.resolve(__dirname, '..', '..');
const OPEN = `
  const { openDataDir } = require(${JSON.stringify(path.join(ROOT, 'server', 'data-dir.ts'))});
  const [dir, startAt] = [process.argv[1], Number(process.argv[2])];
  while (Date.now() < startAt) {}
  try {
    const { store, masterKey } = openDataDir(dir);
    console.log('key ' + masterKey.toString('base64'));
    store.close().then(() => process.exit(0));
  } catch (e) {
    console.log('failed ' + e.message);
    process.exit(1);
  }`;

function openTogether(dir: string, startAt: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', OPEN, dir, String(startAt)], { cwd: ROOT, env: { ...process.env, DATA_KEY: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out.trim()));
  });
}

it('four processes opening one fresh folder at the same instant agree on one key, every time', async () => {
  for (let round = 0; round < 5; round++) {
    const dir = tempDataDir('race');
    try {
      const startAt = Date.now() + 2500;
      const answers = await Promise.all([0, 1, 2, 3].map(() => openTogether(dir, startAt)));
      for (const a of answers) expect(a).toMatch(/^key [A-Za-z0-9+/=]{44}$/);
      expect(new Set(answers).size).toBe(1);
      // Only the key file and the store are left: no draft of the key stays behind.
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('master.key'))).toEqual(['master.key']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}, 120_000);
