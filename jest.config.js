/** Unit, integration and API tests (`npm test`); the browser tests have jest.browser.config.js. */
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
  testMatch: ['<rootDir>/test/{unit,integration,api,production}/**/*.test.ts'],
  testTimeout: 60000,
};
