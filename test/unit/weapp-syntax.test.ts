/**
 * scripts/check-weapp-syntax.ts: a weapp build file with syntax newer than ES2017 fails, naming the
 * file and position; ES2017 passes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkSyntax } from '../../scripts/check-weapp-syntax';

const root = path.resolve(__dirname, '../..');
let dir: string;

function write(file: string, code: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), code);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-syntax-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('passes ES2017: async functions, classes, arrow functions, exponentiation, array spread', () => {
  write('app.js', '"use strict";\nclass A { m() { return [...[1, 2]].map((x) => x ** 2); } }\nasync function f() { await new A().m(); }\n');
  write('pages/index/index.js', 'var o = Object.assign({}, { a: 1 }); try { f(); } catch (e) { o = null; }\n');
  expect(checkSyntax(dir)).toEqual({ files: 2, failures: [] });
});

it('fails on ??, ?., catch without a binding and object spread, naming file, line and column', () => {
  write('ok.js', 'var a = 1;\n');
  write('common.js', 'var a = {};\nvar b = a.x ?? 1;\n');
  write('packages/senior/home/index.js', 'var c = window?.wx;\n');
  write('vendors.js', 'try { f(); } catch { }\n');
  write('sub/spread.js', 'var d = { ...{ a: 1 } };\n');
  const report = checkSyntax(dir);
  expect(report.files).toBe(5);
  expect(report.failures.map((f) => [f.file, f.line, f.column])).toEqual([
    ['common.js', 2, 14],
    ['packages/senior/home/index.js', 1, 16],
    ['sub/spread.js', 1, 11],
    ['vendors.js', 1, 20],
  ]);
  expect(report.failures[0]?.near).toContain('a.x ?? 1');
});

it('the same files parse under the newer edition they were written in', () => {
  write('common.js', 'var b = ({}).x ?? 1; try { b(); } catch { }\n');
  expect(checkSyntax(dir, 2020).failures).toEqual([]);
  expect(checkSyntax(dir, 2017).failures).toHaveLength(1);
});

it('the npm script exits non-zero and prints where, or zero when everything parses', () => {
  write('common.js', 'var a = {};\nvar b = a.x ?? 1;\n');
  const run = () => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/check-weapp-syntax.ts'), dir], { cwd: root, encoding: 'utf8' });
  const failed = run();
  expect(failed.status).toBe(1);
  expect(failed.stderr).toContain('/common.js:2:14: not ES2017');
  expect(failed.stderr).toContain('1 of 1 files');
  write('common.js', 'var a = {};\nvar b = a.x == null ? 1 : a.x;\n');
  const passed = run();
  expect(passed.stderr).toBe('');
  expect(passed.status).toBe(0);
  expect(passed.stdout).toContain('1 files under');
});
