/**
 * The weapp build must run on the oldest JavaScript engines WeChat still starts a mini-program on
 * (JavaScriptCore before iOS 13.4 has no `??`, `?.` or `catch {`), and project.config.json keeps
 * WeChat's own ES6→ES5 pass off. So every .js file under dist/ must parse as ES2017; this fails naming
 * the file, line, column and the code around the first offending token of each file.
 *
 *   npm run build:weapp && npm run check:weapp-syntax [-- <dir>] [-- --ecma 5]
 *
 * Parsed with acorn (the parser webpack itself uses) as a script, which is what WeChat loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, type ecmaVersion as EcmaVersion } from 'acorn';

export const DEFAULT_ECMA_VERSION = 2017;

export interface SyntaxFailure {
  /** Path relative to the checked folder, with forward slashes. */
  file: string;
  line: number;
  column: number;
  message: string;
  /** Up to 40 characters either side of the offending position (bundles are one long line). */
  near: string;
}

export interface SyntaxReport {
  files: number;
  failures: SyntaxFailure[];
}

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return jsFiles(file);
      return entry.isFile() && entry.name.endsWith('.js') ? [file] : [];
    })
    .sort();
}

interface AcornSyntaxError extends SyntaxError {
  pos?: number;
  loc?: { line: number; column: number };
}

/** Parses every .js file under `dir`; one failure per file that does not parse. */
export function checkSyntax(dir: string, ecmaVersion: number = DEFAULT_ECMA_VERSION): SyntaxReport {
  const files = jsFiles(dir);
  const failures: SyntaxFailure[] = [];
  for (const file of files) {
    const code = fs.readFileSync(file, 'utf8');
    try {
      parse(code, { ecmaVersion: ecmaVersion as EcmaVersion, sourceType: 'script', locations: false });
    } catch (error) {
      const e = error as AcornSyntaxError;
      if (!(e instanceof SyntaxError) || !e.loc) throw error;
      const pos = e.pos ?? 0;
      failures.push({
        file: path.relative(dir, file).split(path.sep).join('/'),
        line: e.loc.line,
        // acorn counts columns from 0; editors and the message below count from 1.
        column: e.loc.column + 1,
        message: e.message.replace(/\s*\(\d+:\d+\)$/, ''),
        near: code.slice(Math.max(0, pos - 40), pos + 40).replace(/\s+/g, ' '),
      });
    }
  }
  return { files: files.length, failures };
}

function parseArgs(argv: string[]): { dir: string; ecmaVersion: number } {
  let dir = path.resolve(__dirname, '..', 'dist');
  let ecmaVersion = DEFAULT_ECMA_VERSION;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--ecma') ecmaVersion = Number(argv[(i += 1)]);
    else if (arg.startsWith('--ecma=')) ecmaVersion = Number(arg.slice('--ecma='.length));
    else dir = path.resolve(arg);
  }
  if (!Number.isInteger(ecmaVersion)) throw new Error('--ecma takes a year or edition, e.g. 2017 or 5');
  return { dir, ecmaVersion };
}

function main(): void {
  const { dir, ecmaVersion } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(dir)) {
    process.stderr.write(`${dir} not found: run \`npm run build:weapp\` first\n`);
    process.exit(2);
  }
  const { files, failures } = checkSyntax(dir, ecmaVersion);
  if (files === 0) {
    process.stderr.write(`no .js files under ${dir}: run \`npm run build:weapp\` first\n`);
    process.exit(2);
  }
  const shown = path.relative(process.cwd(), dir) || '.';
  for (const f of failures) {
    process.stderr.write(`${shown}/${f.file}:${f.line}:${f.column}: not ES${ecmaVersion}: ${f.message}\n    near: ${f.near}\n`);
  }
  if (failures.length > 0) {
    process.stderr.write(
      `\n${failures.length} of ${files} files under ${shown} do not parse as ES${ecmaVersion}. ` +
        'Old WeChat engines cannot run them: see babel.config.js (weapp targets) and weappTranspiledPackages in config/index.ts.\n',
    );
    process.exit(1);
  }
  process.stdout.write(`${files} files under ${shown} parse as ES${ecmaVersion}\n`);
}

if (require.main === module) main();
