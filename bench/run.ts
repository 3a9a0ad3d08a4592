/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports an async `run()` that prints
 * one JSON object per line: {"name","value","unit","baseline"?,"ratio"?}), one after another, each
 * in its own child process so memory figures and worker threads of one module do not leak into the
 * next. BENCH_ONLY=ledger,foo runs only the named modules; BENCH_SCALE scales the work where a
 * module supports it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHILD = '--bench-module';

function modules(): string[] {
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts' && !f.startsWith('_'))
    .map((f) => f.replace(/\.ts$/, ''))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
}

/** In the child: import one module and run it. */
async function runOne(name: string): Promise<number> {
  const mod = (await import(path.join(__dirname, name))) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') return 0;
  await mod.run();
  return 0;
}

function main(): number {
  let failed = 0;
  for (const name of modules()) {
    const started = Date.now();
    process.stderr.write(`bench ${name} …\n`);
    const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), __filename, CHILD, name], { stdio: 'inherit' });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (child.status === 0) {
      process.stderr.write(`bench ${name} done in ${seconds} s\n`);
    } else {
      failed++;
      process.stderr.write(`bench ${name} failed (exit ${child.status ?? child.signal}) after ${seconds} s\n`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[2] === CHILD) {
  runOne(process.argv[3]!).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
} else {
  process.exit(main());
}
