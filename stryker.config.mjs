// StrykerJS over the engines and the core: `npm run mutation:engines` (BENCHMARKS.md has the
// score, from bench/mutation-score.ts reading the JSON report). The mutants are run against a
// fast test set (vitest.stryker.config.ts: toy models and unit tests of the engines and the
// core, seconds in all), with per-test coverage so each mutant runs only the tests that reach
// it. STRYKER_JSON names the report (a run in parts writes one per part).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['src/engines/**/*.ts', 'src/core/**/*.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: process.env.STRYKER_JSON ?? 'reports/mutation/engines.json' },
  concurrency: 2,
  timeoutMS: 3000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
