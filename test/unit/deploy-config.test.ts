/** cloudbaserc.json and the function folders agree, so a deploy never forgets a function. */
import fs from 'node:fs';
import path from 'node:path';
import { functionNames } from '../../scripts/build-functions';
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
