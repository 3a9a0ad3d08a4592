/**
 * Browser tests (`npm run test:browser`): the real local server and the H5 build, driven in
 * Chromium by playwright-core. The H5 app is rebuilt first when src/ or config/ changed.
 */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
  testTimeout: 120000,
};
