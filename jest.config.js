/** Unit, integration and API tests (`npm test`); the browser tests have jest.browser.config.js. */
module.exports = {
  testEnvironment: 'node',
  // TypeScript first: a function folder also holds its generated bundle (index.js), which must
  // never stand in for the source it was built from.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/test/{unit,integration,api,production}/**/*.test.ts'],
  testTimeout: 60000,
};
