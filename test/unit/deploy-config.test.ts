/**
 * cloudbaserc.json, the function folders and the build agree, so a deploy never forgets a function,
 * a setting or a trigger, and the bundles are built for the runtime they are deployed on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESBUILD_TARGET, SEND_PERMISSION, buildFunction, esbuildTargetFor, functionConfig, functionNames } from '../../scripts/build-functions';
import { FUNCTION_NAMES } from '../../cloudfunctions/core/api';

const root = path.resolve(__dirname, '../..');
interface Trigger {
  name: string;
  type: string;
  config: string;
}
const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as {
  envId: string;
  functionRoot: string;
  functions: Array<{
    name: string;
    handler: string;
    runtime: string;
    timeout: number;
    memorySize: number;
    installDependency: boolean;
    envVariables?: Record<string, string>;
    triggers?: Trigger[];
  }>;
};
const fn = (name: string) => rc.functions.find((f) => f.name === name)!;
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;

it('deploys every function folder, each with its DATA_KEY', () => {
  expect(rc.functions.map((f) => f.name).sort()).toEqual(functionNames());
  for (const f of rc.functions) {
    expect(f.handler).toBe('index.main');
    expect(f.envVariables?.DATA_KEY).toBeDefined();
  }
});

it('has a function folder for every function of the contract', () => {
  for (const fn of FUNCTION_NAMES) expect(functionNames()).toContain(fn);
});

it('builds teams without exceljs inside and with exceljs in its package.json; other functions do not depend on it', async () => {
  const teams = await buildFunction('teams');
  const account = await buildFunction('account');
  const bundle = fs.readFileSync(path.join(root, 'cloudfunctions/teams/index.js'), 'utf8');
  // Loaded at run time from the function's node_modules (booleans: a failure must not print the bundle).
  expect(/(?:import|require)\("exceljs"\)/.test(bundle)).toBe(true);
  expect(bundle.includes('schemas.openxmlformats.org')).toBe(false);
  // exceljs alone is over 1 MB bundled; without it teams is the size of the other functions.
  expect(teams.bytes).toBeLessThan(2 * account.bytes);
  const deps = (name: string) =>
    (JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  expect(Object.keys(deps('teams'))).toEqual(['exceljs', 'wx-server-sdk']);
  expect(Object.keys(deps('account'))).toEqual(['wx-server-sdk']);
});

it('runs every function on Nodejs18.15 with settings CloudBase accepts, and builds for that runtime', () => {
  expect(rc.envId).toBe('{{env.ENV_ID}}');
  for (const f of rc.functions) {
    expect([f.name, f.runtime]).toEqual([f.name, 'Nodejs18.15']);
    expect(f.timeout).toBeGreaterThanOrEqual(1);
    expect(f.timeout).toBeLessThanOrEqual(60); // CloudBase's limit for event functions
    expect([128, 256, 512, 1024, 2048]).toContain(f.memorySize);
    expect(f.installDependency).toBe(true); // the externals are installed in the cloud
    expect(f.envVariables?.DATA_KEY).toBe('{{env.DATA_KEY}}');
  }
  expect(ESBUILD_TARGET).toBe('node18');
  expect(esbuildTargetFor('Nodejs20.19')).toBe('node20');
  expect(() => esbuildTargetFor('Php8.0')).toThrow(/not a CloudBase Node.js runtime/);
});

it('gives the setup secret to the setup function only, with room for a whole setup run', () => {
  expect(fn('setup')).toMatchObject({ timeout: 60, memorySize: 256, envVariables: { DATA_KEY: '{{env.DATA_KEY}}', SETUP_SECRET: '{{env.SETUP_SECRET}}' } });
  for (const f of rc.functions) if (f.name !== 'setup') expect([f.name, f.envVariables?.SETUP_SECRET]).toEqual([f.name, undefined]);
});

it('deploys the scheduler with the same 5-minute timer trigger that its config.json gives WeChat DevTools', () => {
  const devtools = readJson<{ triggers: Trigger[] }>('cloudfunctions/scheduler/config.json');
  expect(fn('scheduler').triggers).toEqual([{ name: 'every5min', type: 'timer', config: '0 */5 * * * * *' }]);
  expect(devtools.triggers).toEqual(fn('scheduler').triggers);
  for (const f of rc.functions) if (f.name !== 'scheduler') expect([f.name, f.triggers]).toEqual([f.name, undefined]);
});

/** openapi calls beyond sending messages, per function: certificates draws the verify page's mini-program code. */
const EXTRA_OPENAPI: Record<string, string[]> = { certificates: ['wxacode.getUnlimited'] };

it('every function declares the openapi permission to send subscription messages in its own config.json', () => {
  for (const name of functionNames()) {
    const config = functionConfig(name);
    expect([name, config?.permissions?.openapi]).toEqual([name, [SEND_PERMISSION, ...(EXTRA_OPENAPI[name] ?? [])]]);
    // Nothing else: a key WeChat DevTools does not know is a typo nobody would notice.
    expect([name, Object.keys(config ?? {}).filter((k) => k !== 'permissions' && k !== 'triggers')]).toEqual([name, []]);
  }
});

it('a build into another folder carries the config.json, and a bundled notifications.json can be replaced', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-build-'));
  const templates = path.join(out, 'notifications.json');
  const real = readJson<{ templates: Record<string, { templateId: string }> }>('notifications.json');
  for (const t of Object.values(real.templates)) t.templateId = 'tmpl-replaced-for-the-build-test';
  fs.writeFileSync(templates, JSON.stringify(real));
  try {
    await buildFunction('scheduler', { outDir: path.join(out, 'scheduler'), notifications: templates });
    expect(readJson<object>('cloudfunctions/scheduler/config.json')).toEqual(JSON.parse(fs.readFileSync(path.join(out, 'scheduler', 'config.json'), 'utf8')));
    expect(fs.readFileSync(path.join(out, 'scheduler', 'index.js'), 'utf8').includes('tmpl-replaced-for-the-build-test')).toBe(true);
    expect(fs.existsSync(path.join(out, 'scheduler', 'package.json'))).toBe(true);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

it('pins the packages CloudBase installs to the exact versions installed here, and the generated package.json carries them', async () => {
  const pkg = readJson<{ dependencies: Record<string, string> }>('package.json');
  for (const dep of ['wx-server-sdk', 'exceljs']) {
    const installed = readJson<{ version: string }>(`node_modules/${dep}/package.json`).version;
    expect([dep, pkg.dependencies[dep]]).toEqual([dep, installed]);
  }
  await buildFunction('setup');
  const generated = readJson<{ dependencies: Record<string, string> }>('cloudfunctions/setup/package.json');
  expect(generated.dependencies).toEqual({ 'wx-server-sdk': pkg.dependencies['wx-server-sdk'] });
});
