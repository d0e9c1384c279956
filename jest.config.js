// Jest runs the TypeScript sources through swc (fast, no type-check: `npm test` runs tsc
// first). NestJS 12 ships ES modules only, which Jest on Node 20 cannot load: swc compiles
// those packages to CommonJS too (docs/architecture.md, "Tests").
const swcTypeScript = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const esmPackages = [
  '@nestjs/',
  '@fastify/cookie/',
  'cookie/',
  'content-disposition/',
  '@bull-board/',
  '@apidevtools/',
  'request-filtering-agent/',
  '@fastify/view/',
  'ejs/',
  'p-limit/',
  'yocto-queue/',
  // parse5 (the desk's Markdown tests read rendered markup back as a browser would)
  'parse5/',
  'entities/',
];
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swcTypeScript,
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${esmPackages.join('|')}))`],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/web/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      // Beside the desk's tests (npm test), on a Redis of their own: see faults-setup.ts.
      displayName: 'faults',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/support/faults-setup.ts',
      globalTeardown: '<rootDir>/test/support/faults-teardown.ts',
    },
    {
      ...shared,
      // The desk in Chromium against the built service (npm run build first): one browser, one
      // file at a time (--runInBand), each test a golden path of docs/desk.md, "Screens".
      displayName: 'desk',
      roots: ['<rootDir>/test/desk'],
      testMatch: ['**/*.desk-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  testTimeout: 30_000,
};
