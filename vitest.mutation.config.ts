/**
 * The vitest configuration Stryker runs (`npm run mutation`): the normal suites minus the
 * browser tests (chromium per mutant is far too slow on a 2-core machine) and the demo
 * start-up test (it spawns three servers in child processes, whose code Stryker cannot
 * see, so it kills nothing the in-process suites do not).
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(base, defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/*.browser.test.ts', 'test/e2e/start-demo.test.ts'],
  },
}));
