/**
 * Compiles the weapp build the way WeChat DevTools does before an upload: Tencent's wcc over every
 * .wxml (with the .wxs modules) and wcsc over every .wxss of dist/, from the miniprogram-compiler
 * package (the official Linux, macOS and Windows binaries; runs offline). The Taro build copies
 * templates and stylesheets through without parsing them as WeChat does, so an unclosed tag, a bad
 * {{expression}}, a stylesheet syntax error or an @import of a missing file first shows up here.
 *
 *   npm run build:weapp && npm run check:weapp-compile [-- <dir>]
 *
 * Prints the compiler's message (file:line:column) and exits 1 when either compiler refuses.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The compilers write the whole compiled project to stdout; dist/ needs a few hundred KB. */
const MAX_BUFFER = 256 * 1024 * 1024;

export interface CompileReport {
  wxml: number;
  wxss: number;
  errors: Array<{ compiler: 'wcc' | 'wcsc'; message: string }>;
}

/**
 * The package's binary for this platform, runnable. npm unpacks the Linux ones without the
 * executable bit (the package's own wrapper chmods them inside node_modules); a private copy in the
 * temp folder leaves node_modules as installed.
 */
function compilerBinary(name: 'wcc' | 'wcsc'): string {
  const root = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  const binary = path.join(root, 'bin', platform, platform === 'windows' ? `${name}.exe` : name);
  if (platform === 'windows') return binary;
  try {
    fs.accessSync(binary, fs.constants.X_OK);
    return binary;
  } catch {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const copy = path.join(os.tmpdir(), `miniprogram-compiler-${version}-${fs.statSync(binary).size}-${name}`);
    if (!fs.existsSync(copy)) {
      const partial = `${copy}.${process.pid}.tmp`;
      fs.copyFileSync(binary, partial);
      fs.chmodSync(partial, 0o755);
      fs.renameSync(partial, copy);
    }
    return copy;
  }
}

function filesWith(dir: string, ext: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesWith(file, ext, base);
      return entry.isFile() && entry.name.endsWith(ext) ? [path.relative(base, file).split(path.sep).join('/')] : [];
    })
    .sort();
}

/** wcc's custom-component argument: the count, then per page or component its path, count and tag names. */
function componentArgument(dir: string, wxmlList: string[]): string {
  const parts: Array<string | number> = [];
  let count = 0;
  for (const wxml of wxmlList) {
    const json = path.join(dir, wxml.replace(/\.wxml$/, '.json'));
    if (!fs.existsSync(json)) continue;
    const using = (JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents;
    if (!using) continue;
    const names = Object.keys(using);
    parts.push(wxml, names.length, ...names);
    count += 1;
  }
  return [count, ...parts].join(' ');
}

function run(compiler: 'wcc' | 'wcsc', dir: string, args: string[]): string | null {
  const result = spawnSync(compilerBinary(compiler), args, { cwd: dir, maxBuffer: MAX_BUFFER, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status === 0) return null;
  const message = `${result.stderr ?? ''}`
    .replace(/^ERR:\s*/, '')
    .replace(/\n*error file count: \d+\s*$/, '')
    .trim();
  return message || `${compiler} exited with status ${String(result.status ?? result.signal)}`;
}

/** Compiles every .wxml (with the .wxs modules) and every .wxss under `dir`, as one project each. */
export function checkCompile(dir: string): CompileReport {
  const wxmlList = filesWith(dir, '.wxml');
  const wxsList = filesWith(dir, '.wxs');
  const wxssList = filesWith(dir, '.wxss');
  const errors: CompileReport['errors'] = [];
  if (wxmlList.length > 0) {
    const message = run('wcc', dir, ['-d', '-cc', componentArgument(dir, wxmlList), ...wxmlList, ...wxsList, '-gn', '$gwx']);
    if (message) errors.push({ compiler: 'wcc', message });
  }
  if (wxssList.length > 0) {
    // Every stylesheet as a root (-pc = all of them), so each is parsed, not only those imported.
    const message = run('wcsc', dir, ['-db', '-pc', String(wxssList.length), ...wxssList]);
    if (message) errors.push({ compiler: 'wcsc', message });
  }
  return { wxml: wxmlList.length, wxss: wxssList.length, errors };
}

function main(): void {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
  const shown = path.relative(process.cwd(), dir) || '.';
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    process.stderr.write(`${shown}/app.json not found: run \`npm run build:weapp\` first\n`);
    process.exit(2);
  }
  const report = checkCompile(dir);
  for (const e of report.errors) process.stderr.write(`${e.compiler} (in ${shown}/): ${e.message}\n`);
  if (report.errors.length > 0) process.exit(1);
  process.stdout.write(`wcc compiled ${report.wxml} .wxml files and wcsc ${report.wxss} .wxss files under ${shown} without errors\n`);
}

if (require.main === module) main();
