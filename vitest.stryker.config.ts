/**
 * The test set StrykerJS runs per mutant of src/engines and src/core (stryker.config.mjs):
 * toy models and unit tests that exercise the engines and the core directly, seconds in all,
 * not the scenario suites (minutes). Each states the soundness rule it protects.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/core-semantics.test.ts',
      'test/core-units.test.ts',
      'test/cutoff-conditions.test.ts',
      'test/engines-limits.test.ts',
      'test/engines.test.ts',
      'test/explain.test.ts',
      'test/minimize.test.ts',
      'test/parallel-parts.test.ts',
      'test/partial-order-toys.test.ts',
      'test/shrink-moves.test.ts',
      'test/state-store.test.ts',
      'test/symmetry.test.ts',
      'test/vacuity.test.ts',
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
