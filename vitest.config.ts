import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Suites too slow for the default `npm test` (about 3 minutes on 2 cores): the reductions
 * checked against the plain search, the cutoff, worker threads, and `*.full.test.ts` (the whole
 * new-variant loop in a copy of the project). `npm run test:full` (and CI) runs them too.
 */
const SLOW = ['test/partial-order.test.ts', 'test/parallel.test.ts', 'test/cutoff.test.ts', '**/*.full.test.ts'];

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'test/**/*.test.ts', 'counterexamples/**/*.test.ts'],
    exclude: process.env['SHOOTDOWN_FULL'] === '1' ? [...configDefaults.exclude] : [...configDefaults.exclude, ...SLOW],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
