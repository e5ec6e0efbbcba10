// Jest in native ESM mode (see STACK.md): run through `node --experimental-vm-modules`.
// ts-jest only transpiles here; `npm run typecheck` is the type check.
import { availableParallelism } from 'node:os';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/migrations', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@app/migrations$': '<rootDir>/migrations/index.ts',
    '^@app/(feishu|wecom)/model$': '<rootDir>/libs/$1/src/model/index.ts',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // Store and e2e tests each create their own database (on DATABASE_URL's server, or on the embedded server the
  // global setup starts), so files may run in parallel.
  testTimeout: 60_000,
  // Jest's default is one worker fewer than the cores: on the two-core machines here, one worker, in band. Most of
  // an e2e file's time is spent waiting (HTTP between the gateway and the emulators, PostgreSQL), so workers beyond
  // the cores pay: test/e2e took 268 s with 3 workers against 768 s in band, on the same busy machine (load average
  // 5–10, 2026-12-07, QUALITY.md).
  // A number, not '150%': Jest reads a percentage over 100 as that many workers.
  maxWorkers: Math.max(2, Math.round(availableParallelism() * 1.5)),
  // fast-check on a fixed seed unless FC_SEED says otherwise (test/support/fast-check.setup.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/fast-check.setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
};
