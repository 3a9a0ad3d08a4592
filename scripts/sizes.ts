/**
 * Package sizes of the build: the weapp main package and each subpackage (from dist/app.json),
 * and each cloud function bundle (cloudfunctions/<fn>/index.js, written by npm run build:functions). WeChat allows at most
 * 2 MB per package (and 20 MB in all); anything over 2 MB is flagged.
 *
 *   npm run build:weapp && npm run sizes
 *
 * Prints one line per item, then the same figures as JSON on the last line.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const FUNCTIONS = path.join(ROOT, 'cloudfunctions');
export const LIMIT = 2 * 1024 * 1024;
export const TOTAL_LIMIT = 20 * 1024 * 1024;

export interface SizeItem {
  kind: 'main' | 'subpackage' | 'function';
  name: string;
  bytes: number;
  overLimit: boolean;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** Files WeChat DevTools does not upload as part of any package. */
const NOT_UPLOADED = /(^|\/)(project\.config\.json|project\.private\.config\.json|[^/]+\.LICENSE\.txt|[^/]+\.map)$/;

function subpackageRoots(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  return (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''));
}

export function measure(): SizeItem[] {
  const items: SizeItem[] = [];
  if (fs.existsSync(path.join(DIST, 'app.json'))) {
    const roots = subpackageRoots();
    const totals = new Map<string, number>(roots.map((r) => [r, 0]));
    let main = 0;
    for (const file of walk(DIST)) {
      const rel = path.relative(DIST, file).split(path.sep).join('/');
      if (NOT_UPLOADED.test(rel)) continue;
      const size = fs.statSync(file).size;
      const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
      if (root) totals.set(root, (totals.get(root) ?? 0) + size);
      else main += size;
    }
    items.push({ kind: 'main', name: 'main', bytes: main, overLimit: main > LIMIT });
    for (const [name, bytes] of totals) items.push({ kind: 'subpackage', name, bytes, overLimit: bytes > LIMIT });
  }
  if (fs.existsSync(FUNCTIONS)) {
    for (const fn of fs.readdirSync(FUNCTIONS).sort()) {
      const bundle = path.join(FUNCTIONS, fn, 'index.js');
      if (!fs.existsSync(bundle)) continue;
      const bytes = fs.statSync(bundle).size;
      items.push({ kind: 'function', name: fn, bytes, overLimit: bytes > LIMIT });
    }
  }
  return items;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): void {
  const items = measure();
  if (!items.some((i) => i.kind === 'main')) {
    process.stderr.write('dist/app.json not found: run `npm run build:weapp` first\n');
  }
  const label = { main: 'weapp main package', subpackage: 'weapp subpackage', function: 'cloud function' } as const;
  for (const i of items) {
    const warn = i.overLimit ? `   WARNING: over the 2 MB limit` : '';
    process.stdout.write(`${label[i.kind].padEnd(20)} ${i.name.padEnd(20)} ${kb(i.bytes).padStart(10)}${warn}\n`);
  }
  const weapp = items.filter((i) => i.kind !== 'function').reduce((s, i) => s + i.bytes, 0);
  process.stdout.write(`${'weapp total'.padEnd(41)} ${kb(weapp).padStart(10)}${weapp > TOTAL_LIMIT ? '   WARNING: over the 20 MB limit' : ''}\n`);
  for (const i of items.filter((x) => x.overLimit)) {
    process.stderr.write(`warning: ${label[i.kind]} ${i.name} is ${kb(i.bytes)}, over the 2 MB limit\n`);
  }
  process.stdout.write(`${JSON.stringify({ limitBytes: LIMIT, weappTotalBytes: weapp, items })}\n`);
}

if (require.main === module) main();
