/**
 * A production weapp build refuses to build without TARO_APP_CLOUD_ENV; a development build uses
 * the AppID's default CloudBase environment and says so (config/cloudEnv.ts, read by config/index.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_IN_DEVELOPMENT, MISSING_IN_PRODUCTION, weappCloudEnv } from '../../config/cloudEnv';

const root = path.resolve(__dirname, '../..');

/** The environment of a shell without TARO_APP_CLOUD_ENV, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['TARO_APP_CLOUD_ENV', 'NODE_ENV', 'TARO_ENV']) delete env[key];
  return { ...env, ...extra };
}

/** Loads the Taro config the way the CLI does before a build starts. */
function loadConfig(extra: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'config/index.ts')], {
    cwd: root,
    env: envWith(extra),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

it('decides per target and mode', () => {
  expect(weappCloudEnv({ TARO_ENV: 'weapp', NODE_ENV: 'production' })).toEqual({ ok: false, message: MISSING_IN_PRODUCTION });
  expect(weappCloudEnv({ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_CLOUD_ENV: '  ' })).toEqual({ ok: false, message: MISSING_IN_PRODUCTION });
  expect(weappCloudEnv({ TARO_ENV: 'weapp', NODE_ENV: 'test' })).toEqual({ ok: false, message: MISSING_IN_PRODUCTION });
  expect(weappCloudEnv({ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_CLOUD_ENV: 'street-7g2k' })).toEqual({ ok: true, envId: 'street-7g2k' });
  expect(weappCloudEnv({ TARO_ENV: 'weapp', NODE_ENV: 'development' })).toEqual({ ok: true, envId: '', notice: DEFAULT_IN_DEVELOPMENT });
  expect(weappCloudEnv({ TARO_ENV: 'h5', NODE_ENV: 'production' })).toEqual({ ok: true, envId: '' });
});

it('a production weapp config exits non-zero, saying what to set', () => {
  const result = loadConfig({ TARO_ENV: 'weapp', NODE_ENV: 'production' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('TARO_APP_CLOUD_ENV is not set: a production weapp build must name its CloudBase environment');
  expect(result.stderr).toContain('.env.production');
});

it('a production weapp config with an environment id loads quietly', () => {
  const result = loadConfig({ TARO_ENV: 'weapp', NODE_ENV: 'production', TARO_APP_CLOUD_ENV: 'street-7g2k' });
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('');
  expect(result.status).toBe(0);
});

it('a development weapp config loads and says it uses the default environment', () => {
  const result = loadConfig({ TARO_ENV: 'weapp', NODE_ENV: 'development' });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(DEFAULT_IN_DEVELOPMENT);
});

it('`taro build --type weapp` (production unless --watch) stops before building', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
    cwd: root,
    env: envWith({}),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toContain(MISSING_IN_PRODUCTION);
  expect(result.status).toBe(1);
});
