/** Unit, integration and API tests (`npm test`); the browser tests have jest.browser.config.js. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/test/{unit,integration,api}/**/*.test.ts'],
  testTimeout: 60000,
};
