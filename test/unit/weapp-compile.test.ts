/**
 * scripts/check-weapp-compile.ts runs WeChat's own wcc and wcsc (miniprogram-compiler, offline):
 * templates and stylesheets that WeChat would refuse fail with the compiler's file:line:column.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCompile } from '../../scripts/check-weapp-compile';

let dir: string;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-compile-'));
  write('app.json', '{"pages":["pages/index/index"]}');
  write('utils.wxs', 'module.exports = { a: function (x) { return x; } };\n');
  write('base.wxml', '<wxs module="xs" src="./utils.wxs" />\n<template name="t"><view class="{{xs.a(c)}}">{{text}}</view></template>\n');
  write('pages/index/index.wxml', '<import src="../../base.wxml"/>\n<template is="t" data="{{c: 1, text: \'好\'}}" />\n');
  write('pages/index/index.json', '{"usingComponents":{}}');
  write('app.wxss', '@import "./common.wxss";\n.a { width: 10rpx; }\n');
  write('common.wxss', '.b { color: var(--x, red); }\n');
  write('pages/index/index.wxss', '.c { width: calc(100% - 10px); }\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('compiles a valid project', () => {
  expect(checkCompile(dir)).toEqual({ wxml: 2, wxss: 3, errors: [] });
});

it('reports an unclosed tag in a template', () => {
  write('pages/index/index.wxml', '<view><text>好</view>\n');
  const { errors } = checkCompile(dir);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.compiler).toBe('wcc');
  expect(errors[0]?.message).toContain('pages/index/index.wxml:1:');
  expect(errors[0]?.message).toContain('expect end-tag `text`');
});

it('reports a stylesheet syntax error and an @import of a missing file', () => {
  write('common.wxss', '.b { color: red\n');
  write('app.wxss', '@import "./gone.wxss";\n.a { width: 10rpx; }\n');
  const { errors } = checkCompile(dir);
  expect(errors.map((e) => e.compiler)).toEqual(['wcsc']);
  expect(errors[0]?.message).toContain('path `./gone.wxss` not found from `app.wxss`');
  expect(errors[0]?.message).toMatch(/common\.wxss\(\d+:\d+\): unexpected token/);
});
