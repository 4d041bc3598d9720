/**
 * Runs StrykerJS (stryker.config.mjs) and records how long the run took next to its JSON
 * report (`<report>.time.json`), which bench/mutation-score.ts quotes. The environment is the
 * config's: STRYKER_MUTATE (files to mutate), STRYKER_CONCURRENCY, STRYKER_JSON (the report),
 * STRYKER_COVERAGE=off with STRYKER_TESTS (code run in worker threads, which per-test coverage
 * cannot see: every mutant against the tests named).
 *
 *   npx tsx bench/mutation-run.ts
 *   STRYKER_MUTATE=src/engines/parallel/explorer.ts,src/engines/parallel/worker.ts STRYKER_COVERAGE=off \
 *     STRYKER_TESTS=test/pbfs-fast.test.ts STRYKER_JSON=reports/mutation/p20b-parallel-in-workers.json npx tsx bench/mutation-run.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** The report's path when STRYKER_JSON is not set; stryker.config.mjs has the same default. */
const DEFAULT_REPORT = 'reports/mutation/engines.json';

const report = process.env['STRYKER_JSON'] ?? DEFAULT_REPORT;
const t0 = performance.now();
const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit' });
const seconds = (performance.now() - t0) / 1000;
if (run.status !== 0) {
  process.stderr.write(`stryker run failed (${run.status ?? run.signal}); no time recorded\n`);
  process.exit(run.status ?? 1);
}
writeFileSync(`${report}.time.json`, `${JSON.stringify({ seconds: Math.round(seconds) })}\n`);
