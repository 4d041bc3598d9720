// StrykerJS over the engines and the core: `npm run mutation:engines` (BENCHMARKS.md has the
// score, from bench/mutation-score.ts reading the JSON report). The mutants are run against a
// fast test set (vitest.stryker.config.ts: toy models and unit tests of the engines and the
// core, seconds in all), with per-test coverage so each mutant runs only the tests that reach
// it. Environment:
//   STRYKER_MUTATE       comma-separated files to mutate (default: every file of src/engines
//                        and src/core); `npx stryker run --mutate a.ts,b.ts` does the same
//   STRYKER_CONCURRENCY  test runners at once (default 1: the machine is shared)
//   STRYKER_JSON         the report's path (a run in parts writes one per part)
//   STRYKER_COVERAGE     'off' runs every mutant against every test (default perTest): for
//                        code that runs in worker threads, where per-test coverage sees nothing
//                        (the parallel BFS); with STRYKER_TESTS (vitest.stryker.config.ts)
//                        naming the few tests that reach it
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : ['src/engines/**/*.ts', 'src/core/**/*.ts'],
  coverageAnalysis: process.env.STRYKER_COVERAGE ?? 'perTest',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: process.env.STRYKER_JSON ?? 'reports/mutation/engines.json' },
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // A mutant counts as timed out only past twice the unmutated tests' time plus 10 s: with a
  // shorter limit, a loaded machine made slowness look like a hang (an equivalent mutant of the
  // visited set timed out at 1.5 times plus 3 s). An endless loop through a mutated expression
  // stops sooner, at Stryker's hit limit.
  timeoutFactor: 2,
  // The unmutated run of the whole fast set, which per-test coverage needs first, takes minutes
  // on a loaded machine (5 by default timed out beside a CI run).
  dryRunTimeoutMinutes: 20,
  timeoutMS: 10_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
