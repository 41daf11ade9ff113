/**
 * The vitest configuration Stryker runs (`npm run mutation`). One project only: the normal
 * suites on the embedded store (the `postgres` project of vitest.config.ts would run every
 * storage suite a second time per mutant, and the store is not what is mutated), minus:
 * - the browser tests (chromium per mutant is far too slow on a 2-core machine);
 * - the demo start-up test and test/scale-out (their servers run in child processes, whose
 *   code Stryker cannot see, so they kill nothing the in-process suites do not).
 *
 * `MUTATION_TESTS` (comma-separated globs, set by `npm run mutation -- --tests=…`) narrows
 * the suites further, e.g. to the unit suites of a pure module: faster, and the score then
 * says what those suites alone catch.
 */
import { configDefaults, defineConfig } from 'vitest/config';

const only = process.env.MUTATION_TESTS?.split(',').map((g) => g.trim()).filter((g) => g.length > 0);

export default defineConfig({
  test: {
    setupFiles: ['test/setup/no-network.ts'],
    // The KvStore contract suite runs against PostgreSQL too; it needs the throw-away cluster.
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    include: only && only.length > 0 ? only : ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.browser.test.ts', 'test/e2e/start-demo.test.ts', 'test/scale-out/**'],
  },
});
