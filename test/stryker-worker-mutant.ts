/**
 * StrykerJS only (a setup file of vitest.stryker.config.ts, never of the ordinary test runs):
 * makes the mutant under test active in worker threads too. The parallel BFS runs
 * src/engines/parallel/explorer.ts and worker.ts in threads it spawns; StrykerJS activates a
 * mutant by setting `activeMutant` on its namespace object (`globalThis.__stryker__`), which a
 * new thread does not share. The instrumented code falls back to the environment variable
 * `__STRYKER_ACTIVE_MUTANT__` when the namespace has no active mutant, and a worker thread
 * starts with a copy of its parent's `process.env`: so before each test the variable is set to
 * the active mutant (or removed when none is, in the dry run), and every worker the test
 * spawns runs with the same mutant as the test itself.
 */
import { beforeEach } from 'vitest';

const ACTIVE_MUTANT_ENV = '__STRYKER_ACTIVE_MUTANT__';

interface StrykerNamespace {
  readonly activeMutant?: string;
}

beforeEach(() => {
  // Set by StrykerJS's own setup file (before all tests of a mutant run), read here after it.
  const active = (globalThis as { __stryker__?: StrykerNamespace }).__stryker__?.activeMutant;
  if (active === undefined) delete process.env[ACTIVE_MUTANT_ENV];
  else process.env[ACTIVE_MUTANT_ENV] = active;
});
