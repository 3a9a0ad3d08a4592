/**
 * The app (src/) may take values only from core modules under domain/ that import nothing outside
 * domain/ (webpack compiles only domain/ for the app: a value imported through errors.ts or api/
 * fails the H5 and weapp builds, which jest never runs). Type-only imports are erased and free.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DOMAIN = join(ROOT, 'cloudfunctions/core/domain');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The module paths a file imports values from (`import type` and `export type` left out). */
function valueImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(?!type\b)([^;]*?)\s+from\s+'([^']+)'/gms)) found.push(m[3]!);
  for (const m of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(m[1]!);
  return found;
}

/** Why a domain module cannot go into the app, or null: one of its value imports leaves domain/. */
function leavesDomain(file: string, seen = new Set<string>()): string | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of valueImports(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) return `${relative(ROOT, file)} imports ${spec}`;
    const target = resolve(dirname(file), spec) + '.ts';
    if (!target.startsWith(DOMAIN + '/')) return `${relative(ROOT, file)} imports ${spec}`;
    const why = leavesDomain(target, seen);
    if (why) return why;
  }
  return null;
}

it('src takes values only from domain modules that stay inside domain/', () => {
  const problems: string[] = [];
  for (const file of files(join(ROOT, 'src'))) {
    for (const spec of valueImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('@core/')) continue;
      const where = relative(ROOT, file);
      if (!spec.startsWith('@core/domain/')) {
        problems.push(`${where}: ${spec} is outside domain/`);
        continue;
      }
      const why = leavesDomain(join(DOMAIN, `${spec.slice('@core/domain/'.length)}.ts`));
      if (why) problems.push(`${where}: ${spec} (${why})`);
    }
  }
  expect(problems).toEqual([]);
});
