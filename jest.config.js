/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/setup/build-cli.js',
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.ts',
  },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
    // pdf.js ships ES modules only (see test/setup/esm-transform.js).
    '/node_modules/pdfjs-dist/.+\\.mjs$': '<rootDir>/test/setup/esm-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!pdfjs-dist/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json', 'node'],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
};
