/**
 * `shootdown matrix [--quick] [--json] [--out DIR]`: every scenario x variant x configuration
 * with default bounds. Shows live progress on a terminal (stderr; nothing otherwise), prints
 * the aligned summary table (or, with --json, the results), writes reports (text, JSON and HTML
 * per violation, and matrix.json) under DIR and VERDICTS.md, and exits 1 if any verdict
 * disagrees with what the variant declares the kernel discussion expects. SIGINT stops it after
 * the configuration in flight: the counterexamples written so far stay (every write is a
 * rename), VERDICTS.md, the README grid and matrix.json are left as they were, one line says
 * what was not checked, exit 130.
 */
import { ARCHES } from '../arch/index.js';
import { defaultCheckOptions, runCheck, type CheckResult } from '../check.js';
import { cutoffFor } from '../engines/cutoff.js';
import type { Progress } from '../engines/result.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { counterexampleName } from '../report/counterexample-file.js';
import { existsSync, readFileSync } from 'node:fs';
import { renderMatrixTable } from '../report/matrix-table.js';
import { renderVerdictGrid, renderVerdicts, withVerdictGrid } from '../report/verdicts.js';
import { SCENARIOS } from '../scenarios/index.js';
import { configLabel, type Scenario } from '../scenarios/scenario.js';
import type { ArchName } from '../arch/arch.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { writeViolation } from './write-violation.js';

export interface MatrixFlags {
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly verdicts?: string;
}

interface MatrixJob {
  readonly s: Scenario;
  readonly v: string;
  readonly a: ArchName;
  readonly mm: MemoryModelName;
  readonly label: string;
}

/** Every scenario x variant x configuration x memory model, in registry order. */
function matrixJobs(): MatrixJob[] {
  return SCENARIOS.flatMap((s) =>
    s.variants.flatMap((v) => s.arches.flatMap((a) => s.memoryModels.map((mm) => ({ s, v: v.name, a, mm, label: `${s.name}/${v.name}/${configLabel(a, mm)}` })))),
  );
}

/**
 * The configuration at its default CPU count; a `holds` also gets the cutoff's answer: whether
 * safety holds at every CPU count (src/engines/cutoff.ts), found by exploring the two-worker
 * model, or why the cutoff does not apply.
 */
function runJob(job: MatrixJob, quick: boolean, onProgress?: (p: Progress) => void): CheckResult {
  const cpus = quick ? job.s.minCpus : job.s.defaultCpus;
  const opts = { ...defaultCheckOptions, cpus, memoryModel: job.mm, ...(onProgress !== undefined ? { onProgress } : {}) };
  const r = runCheck(job.s, job.v, job.a, opts);
  if (r.verdict !== 'holds' || quick) return r;
  const cut = cutoffFor((n) => job.s.build(job.v, ARCHES[job.a], n, job.mm), job.s.maxCpus, job.s.minCpus, job.s.maxCpus);
  if (!cut.applies) return { ...r, cutoff: { applies: false, reason: cut.reason } };
  const c = runCheck(job.s, job.v, job.a, { ...opts, cpus: cut.cpus });
  if (c.verdict !== 'holds') return { ...r, cutoff: { applies: false, reason: `the cutoff's ${cut.cpus}-CPU model is ${c.verdict}` } };
  return { ...r, cutoff: { applies: true, cpus: cut.cpus, workers: cut.workerRole } };
}

export function runMatrix(
  onResult: (r: CheckResult, i: number, n: number) => void,
  quick: boolean,
  onProgress?: (label: string, p: Progress, i: number, n: number) => void,
): CheckResult[] {
  const jobs = matrixJobs();
  return jobs.map((job, i) => {
    const r = runJob(job, quick, onProgress !== undefined ? (p) => onProgress(job.label, p, i, jobs.length) : undefined);
    onResult(r, i, jobs.length);
    return r;
  });
}

/**
 * As runMatrix, but lets the event loop run between configurations so that SIGINT can stop
 * the run after the configuration in flight; returns the labels it did not check.
 */
async function runMatrixInterruptibly(
  onResult: (r: CheckResult, i: number, n: number) => void,
  quick: boolean,
  onProgress: ((label: string, p: Progress, i: number, n: number) => void) | undefined,
): Promise<{ results: CheckResult[]; notChecked: string[] }> {
  const jobs = matrixJobs();
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    const results: CheckResult[] = [];
    for (let i = 0; i < jobs.length; i++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (interrupted) return { results, notChecked: jobs.slice(i).map((j) => j.label) };
      const job = jobs[i]!;
      const r = runJob(job, quick, onProgress !== undefined ? (p) => onProgress(job.label, p, i, jobs.length) : undefined);
      onResult(r, i, jobs.length);
      results.push(r);
    }
    return { results, notChecked: [] };
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Exit code of a run stopped by SIGINT (128 + 2, as a shell reports it). */
export const EXIT_INTERRUPTED = 130;

export async function matrixCommand(f: MatrixFlags, out: (s: string) => void, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const dir = f.out ?? 'reports';
  const tty = err.isTTY === true;
  let states = 0;
  const t0 = performance.now();
  const show = (done: number, n: number, what: string, total: number): void => {
    const secs = (performance.now() - t0) / 1000;
    err.write(`\r\x1b[K[${done}/${n} configurations] ${what}; ${total} states, ${Math.round(total / Math.max(secs, 1e-3))} states/s`);
  };
  const { results, notChecked } = await runMatrixInterruptibly(
    (r, i, n) => {
      states += r.states;
      if (r.verdict === 'violated') writeViolation(r, dir);
      if (tty) show(i + 1, n, `${r.scenario}/${r.variant}/${configLabel(r.arch, r.memoryModel)}: ${r.verdict}`, states);
    },
    f.quick === true,
    tty ? (label, p, i, n) => show(i, n, `${label}: exploring`, states + p.states) : undefined,
  );
  if (tty) err.write('\r\x1b[K');
  if (notChecked.length > 0) {
    // Keep VERDICTS.md, the README grid and matrix.json as they were: a partial table would
    // read as the verdicts of the whole matrix. The counterexamples written so far are complete.
    const shown = notChecked.slice(0, 3).join(', ') + (notChecked.length > 3 ? `, ... (${notChecked.length - 3} more)` : '');
    err.write(`shootdown: interrupted: ${results.length}/${results.length + notChecked.length} configurations checked, their counterexamples written to ${dir}/; VERDICTS.md not updated; not checked: ${shown}\n`);
    return EXIT_INTERRUPTED;
  }
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
