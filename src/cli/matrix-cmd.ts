/**
 * `shootdown matrix [--quick] [--json] [--out DIR]`: every scenario x variant x configuration
 * with default bounds. Prints the table, writes reports (one text + JSON per violation) under
 * DIR and VERDICTS.md, and exits 1 if any verdict disagrees with what the variant declares the
 * kernel discussion expects.
 */
import { ARCHES } from '../arch/index.js';
import { defaultCheckOptions, runCheck, type CheckResult } from '../check.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { counterexampleName } from '../report/counterexample-file.js';
import { existsSync, readFileSync } from 'node:fs';
import { renderVerdictGrid, renderVerdicts, withVerdictGrid } from '../report/verdicts.js';
import { SCENARIOS } from '../scenarios/index.js';
import { summaryLine } from './check-cmd.js';
import { writeViolation } from './write-violation.js';

export interface MatrixFlags {
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly verdicts?: string;
}

export function runMatrix(onResult: (r: CheckResult, i: number, n: number) => void, quick: boolean): CheckResult[] {
  const jobs = SCENARIOS.flatMap((s) => s.variants.flatMap((v) => s.arches.map((a) => ({ s, v: v.name, a }))));
  return jobs.map(({ s, v, a }, i) => {
    const cpus = quick ? s.minCpus : s.defaultCpus;
    const r = runCheck(s, v, a, { ...defaultCheckOptions, cpus });
    onResult(r, i, jobs.length);
    return r;
  });
}

export function matrixCommand(f: MatrixFlags, out: (s: string) => void, err: NodeJS.WriteStream = process.stderr): number {
  const dir = f.out ?? 'reports';
  const tty = err.isTTY === true;
  let states = 0;
  const t0 = performance.now();
  const results = runMatrix((r, i, n) => {
    states += r.states;
    if (r.verdict === 'violated') writeViolation(r, dir);
    const secs = (performance.now() - t0) / 1000;
    if (tty) err.write(`\r\x1b[K[${i + 1}/${n}] ${r.scenario}/${r.variant}/${r.arch}: ${r.verdict}; ${states} states, ${Math.round(states / Math.max(secs, 1e-3))} states/s`);
    if (f.json !== true) out(summaryLine(r) + '\n');
  }, f.quick === true);
  if (tty) err.write('\r\x1b[K');
  const table = renderVerdicts(results, (r) => `counterexamples/${counterexampleName(r.scenario, r.variant, r.arch)}.json`, ARCHES);
  writeFileAtomic(f.verdicts ?? 'VERDICTS.md', table);
  if (f.verdicts === undefined && existsSync('README.md')) {
    const readme = readFileSync('README.md', 'utf8');
    const next = withVerdictGrid(readme, renderVerdictGrid(results));
    if (next !== readme) writeFileAtomic('README.md', next);
  }
  writeFileAtomic(`${dir}/matrix.json`, JSON.stringify(results, null, 2) + '\n');
  if (f.json === true) out(JSON.stringify(results, null, 2) + '\n');
  const disagreements = results.filter((r) => r.agrees !== true);
  if (f.json !== true) {
    out(`\n${results.length} configurations, ${disagreements.length} disagreeing with the expected verdict; VERDICTS.md and ${dir}/ written\n`);
  }
  return disagreements.length > 0 ? 1 : 0;
}
