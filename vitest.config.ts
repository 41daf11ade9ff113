import { existsSync, readdirSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: `main` runs every suite on the default store (LevelDB; the KvStore contract
 * and test/scale-out use PostgreSQL themselves), and `postgres` runs the suites that touch
 * storage once more with TEST_STORE=postgres (the issuer and verifier harnesses then open a
 * PostgreSQL store in the run's throw-away cluster: test/setup/postgres.ts).
 */
const STORAGE_SUITES = ['test/issuer/**/*.test.ts', 'test/verifier/**/*.test.ts', 'test/e2e/**/*.test.ts'];
const NOT_ON_POSTGRES = [
  // `npm start` is the embedded path by definition: it must need no other server.
  'test/e2e/start-demo.test.ts',
  // Pages: what they show does not depend on the store, and every API call they make runs
  // on PostgreSQL in the HTTP suites; a second chromium pass would add a minute to CI.
  '**/*.browser.test.ts',
];

// Without PostgreSQL (a laptop without Debian's package) the `postgres` project is left out
// and test/setup/postgres.ts says the PostgreSQL tests are skipped; in CI it fails instead.
const PG_ROOT = '/usr/lib/postgresql';
const hasPostgres = existsSync(PG_ROOT) && readdirSync(PG_ROOT).some((v) => existsSync(`${PG_ROOT}/${v}/bin/initdb`));

export default defineConfig({
  test: {
    setupFiles: ['test/setup/no-network.ts'],
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default outside watch mode is one worker per core minus one: a single worker
    // on a 2-core CI machine. The suites wait on servers, browsers and child processes much
    // of the time, so two workers use both cores.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'] } },
      ...(hasPostgres ? [{ extends: true as const, test: { name: 'postgres', include: STORAGE_SUITES, exclude: [...configDefaults.exclude, ...NOT_ON_POSTGRES], env: { TEST_STORE: 'postgres' } } }] : []),
    ],
  },
});
