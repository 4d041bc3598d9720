/**
 * The test set StrykerJS runs per mutant of src/engines and src/core (stryker.config.mjs): toy
 * models and unit tests that exercise the engines and the core directly, seconds in all. Tests
 * that exercise scenarios (explain, the minimized and shrunk counterexamples, progress on
 * mmu-gather) are not here: they take seconds each to import and run, every mutant of the BFS
 * would run them, and what they protect in the engines a toy test here states directly.
 *
 * A mutant run starts one vitest run of the files whose tests reach the mutant. The files share
 * one module graph (isolate: false; every run starts a fresh worker, so a mutant in top-level
 * code is still evaluated anew), which saves importing the engines once per file (ten of these
 * files in one run, on this machine under load: 16 s sharing the graph, 45 s isolated). The exception is the file
 * that replaces a module with vi.mock, which only an isolated file sees whole.
 */
import { defineConfig } from 'vitest/config';

/**
 * STRYKER_TESTS (comma-separated test files) replaces the fast set below: a part run without
 * per-test coverage (STRYKER_COVERAGE=off, stryker.config.mjs) runs every mutant against every
 * test, so it names only the tests that reach its files (the parallel BFS's, whose workers
 * per-test coverage cannot see).
 */
const ONLY = process.env['STRYKER_TESTS']?.split(',').filter((f) => f !== '');

const MOCKS_A_MODULE = ['test/state-store.test.ts'];

/** Unit tests of the random engine, the shrinker, the scheduler and the edge log (issue 18). */
const ENGINE_RANDOM_AND_SHRINK = [
  'test/edge-log.test.ts',
  'test/random-runs.test.ts',
  'test/schedule-pick.test.ts',
  'test/shrink-each-move.test.ts',
  'test/shrink-hand.test.ts',
  'test/shrink-execute.test.ts',
  'test/shrink-rules.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Activates the mutant under test in the worker threads the parallel BFS spawns (see the file).
    setupFiles: ['test/stryker-worker-mutant.ts'],
    projects: ONLY !== undefined ? [{ extends: true, test: { name: 'only', isolate: false, include: ONLY } }] : [
      {
        extends: true,
        test: {
          name: 'shared',
          isolate: false,
          include: [
            'test/bfs-toys.test.ts',
            'test/block-order.test.ts',
            'test/compile-blocked.test.ts',
            'test/compile-spec.test.ts',
            'test/core-semantics.test.ts',
            'test/core-units.test.ts',
            'test/cutoff-conditions.test.ts',
            'test/engines-limits.test.ts',
            'test/enabled-distinct-toy.test.ts',
            'test/engines.test.ts',
            'test/event-guards-toy.test.ts',
            'test/fingerprint.test.ts',
            'test/footprint.test.ts',
            'test/lasso.test.ts',
            'test/parallel-parts.test.ts',
            'test/partial-order-toys.test.ts',
            'test/pbfs-fast.test.ts',
            'test/progress-toys.test.ts',
            'test/reductions-random.test.ts',
            'test/replay-named.test.ts',
            'test/self-loop.test.ts',
            'test/sticky.test.ts',
            'test/stubborn-sets.test.ts',
            'test/symmetry.test.ts',
            'test/trace-paths.test.ts',
            'test/trace-steps.test.ts',
            'test/transitions.test.ts',
            'test/vacuity.test.ts',
            'test/why-blocked.test.ts',
            ...ENGINE_RANDOM_AND_SHRINK,
          ],
        },
      },
      { extends: true, test: { name: 'isolated', isolate: true, include: MOCKS_A_MODULE } },
    ],
  },
});
