/**
 * `shootdown matrix [--quick] [--json] [--out DIR]`: every scenario x variant x configuration
 * with default bounds. Shows live progress on a terminal (stderr; nothing otherwise), prints
 * the aligned summary table (or, with --json, the results), writes reports (text, JSON and HTML
 * per violation, and matrix.json) under DIR and VERDICTS.md, and exits 1 if any verdict
 * disagrees with what the variant declares the kernel discussion expects.
 */
import { ARCHES } from '../arch/index.js';
import { defaultCheckOptions, runCheck, type CheckResult } from '../check.js';
import type { Progress } from '../engines/result.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { counterexampleName } from '../report/counterexample-file.js';
import { existsSync, readFileSync } from 'node:fs';
import { renderMatrixTable } from '../report/matrix-table.js';
import { renderVerdictGrid, renderVerdicts, withVerdictGrid } from '../report/verdicts.js';
import { SCENARIOS } from '../scenarios/index.js';
import { configLabel } from '../scenarios/scenario.js';
import { writeViolation } from './write-violation.js';

export interface MatrixFlags {
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly verdicts?: string;
}

export function runMatrix(
  onResult: (r: CheckResult, i: number, n: number) => void,
  quick: boolean,
  onProgress?: (label: string, p: Progress, i: number, n: number) => void,
): CheckResult[] {
  const jobs = SCENARIOS.flatMap((s) => s.variants.flatMap((v) => s.arches.flatMap((a) => s.memoryModels.map((mm) => ({ s, v: v.name, a, mm })))));
  return jobs.map(({ s, v, a, mm }, i) => {
    const cpus = quick ? s.minCpus : s.defaultCpus;
    const label = `${s.name}/${v}/${configLabel(a, mm)}`;
    const progress = onProgress !== undefined ? { onProgress: (p: Progress) => onProgress(label, p, i, jobs.length) } : {};
    const r = runCheck(s, v, a, { ...defaultCheckOptions, cpus, memoryModel: mm, ...progress });
    onResult(r, i, jobs.length);
    return r;
  });
}

export function matrixCommand(f: MatrixFlags, out: (s: string) => void, err: NodeJS.WriteStream = process.stderr): number {
  const dir = f.out ?? 'reports';
  const tty = err.isTTY === true;
  let states = 0;
  const t0 = performance.now();
  const show = (done: number, n: number, what: string, total: number): void => {
    const secs = (performance.now() - t0) / 1000;
    err.write(`\r\x1b[K[${done}/${n} configurations] ${what}; ${total} states, ${Math.round(total / Math.max(secs, 1e-3))} states/s`);
  };
  const results = runMatrix(
    (r, i, n) => {
      states += r.states;
      if (r.verdict === 'violated') writeViolation(r, dir);
      if (tty) show(i + 1, n, `${r.scenario}/${r.variant}/${configLabel(r.arch, r.memoryModel)}: ${r.verdict}`, states);
    },
    f.quick === true,
    tty ? (label, p, i, n) => show(i, n, `${label}: exploring`, states + p.states) : undefined,
  );
  if (tty) err.write('\r\x1b[K');
  const table = renderVerdicts(results, (r) => `counterexamples/${counterexampleName(r.scenario, r.variant, r.arch, r.memoryModel)}.json`, ARCHES);
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
    out(renderMatrixTable(results));
    out(`\n${results.length} configurations, ${disagreements.length} disagreeing with the expected verdict; VERDICTS.md and ${dir}/ written\n`);
  }
  return disagreements.length > 0 ? 1 : 0;
}
