/** cloudbaserc.json and the function folders agree, so a deploy never forgets a function. */
import fs from 'node:fs';
import path from 'node:path';
import { buildFunction, functionNames } from '../../scripts/build-functions';
import { FUNCTION_NAMES } from '../../cloudfunctions/core/api';

const root = path.resolve(__dirname, '../..');
const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as {
  functionRoot: string;
  functions: Array<{ name: string; handler: string; envVariables?: Record<string, string> }>;
};

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
  const deps = (name: string) => (JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  expect(Object.keys(deps('teams'))).toEqual(['exceljs', 'wx-server-sdk']);
  expect(Object.keys(deps('account'))).toEqual(['wx-server-sdk']);
});
