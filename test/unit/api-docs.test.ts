import fs from 'node:fs';
import { API_DOC, renderApiDoc } from '../../scripts/gen-api-docs';
import { CONTRACT, FUNCTION_NAMES } from '../../cloudfunctions/core/api';

it('docs/api.md is generated from the current contract (run npm run docs:api)', () => {
  expect(fs.readFileSync(API_DOC, 'utf8')).toBe(renderApiDoc());
});

it('documents every action of every function', () => {
  const doc = renderApiDoc();
  for (const fn of FUNCTION_NAMES) {
    for (const action of Object.keys(CONTRACT[fn])) expect(doc).toContain(`### \`${fn}.${action}\``);
  }
});
