/**
 * Browser tests (`npm run test:browser`): the real local server and the H5 build, driven in
 * Chromium by playwright-core. The H5 app is rebuilt first when src/ or config/ changed.
 */
module.exports = {
  testEnvironment: 'node',
  // TypeScript first: a function folder also holds its generated bundle (index.js), which must
  // never stand in for the source it was built from.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // The app's import aliases (config/index.ts, tsconfig.json paths).
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@core/(.*)$': '<rootDir>/cloudfunctions/core/$1' },
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
  testTimeout: 120000,
};
