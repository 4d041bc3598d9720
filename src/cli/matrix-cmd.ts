/**
 * `shootdown matrix [--quick] [--json] [--out DIR] [--verdicts FILE]`: every scenario x variant
 * x configuration with default bounds. Shows live progress on a terminal (stderr; nothing
 * otherwise), prints the aligned summary table (or, with --json, the results), writes reports
 * (text, JSON and HTML per violation, and matrix.json) under DIR, and rewrites the committed
 * files as one change (../report/commit-files.ts): VERDICTS.md, the README grid and the
 * counterexample corpus, or FILE alone with --verdicts; --quick (the smallest CPU counts) never
 * touches them. Exits 1 if any verdict disagrees with what the variant declares the kernel
 * discussion expects. SIGINT stops it after the configuration in flight: the reports written so
 * far stay (every write is a rename), the committed files and matrix.json are left as they
 * were, one line says what was not checked, exit 130.
 */
import { ARCHES } from '../arch/index.js';
import { defaultCheckOptions, runCheck, type CheckResult } from '../check.js';
import { CError } from '../c/error.js';
import { cutoffFor } from '../engines/cutoff.js';
import type { Progress } from '../engines/result.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { commitFiles, type FileChange } from '../report/commit-files.js';
import { counterexampleName } from '../report/counterexample-file.js';
import { checkOutputDir, checkOutputFile } from '../report/output-path.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMatrixTable } from '../report/matrix-table.js';
import { renderVerdictGrid, renderVerdicts, withVerdictGrid } from '../report/verdicts.js';
import { allScenarios } from '../scenarios/index.js';
import { configLabel, type Scenario } from '../scenarios/scenario.js';
import type { ArchName } from '../arch/arch.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { violationFiles, writeViolation } from './write-violation.js';

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
  return allScenarios().flatMap((s) =>
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
  let cut: ReturnType<typeof cutoffFor>;
  try {
    cut = cutoffFor((n) => job.s.build(job.v, ARCHES[job.a], n, job.mm), job.s.maxCpus, job.s.minCpus, job.s.maxCpus);
  } catch (e) {
    // A C model too large to build at the cutoff's CPU counts (its pointer values fit one
    // byte: src/cmodel/addresses.ts): the cutoff does not apply, and the row says why.
    if (e instanceof CError) return { ...r, cutoff: { applies: false, reason: `the model cannot be built at ${job.s.maxCpus} CPUs: ${e.reason}` } };
    throw e;
  }
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
  interrupted: () => boolean,
): Promise<{ results: CheckResult[]; notChecked: string[] }> {
  const jobs = matrixJobs();
  const results: CheckResult[] = [];
  for (let i = 0; i < jobs.length; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (interrupted()) return { results, notChecked: jobs.slice(i).map((j) => j.label) };
    const job = jobs[i]!;
    const r = runJob(job, quick, onProgress !== undefined ? (p) => onProgress(job.label, p, i, jobs.length) : undefined);
    onResult(r, i, jobs.length);
    results.push(r);
  }
  return { results, notChecked: [] };
}

/** Exit code of a run stopped by SIGINT (128 + 2, as a shell reports it). */
export const EXIT_INTERRUPTED = 130;

/** Where the committed corpus lives, and what VERDICTS.md links to. */
export const CORPUS_DIR = 'counterexamples';

const corpusLink = (r: CheckResult): string => `${CORPUS_DIR}/${counterexampleName(r.scenario, r.variant, r.arch, r.memoryModel)}.json`;

/**
 * The corpus as a matrix run leaves it: the JSON and diagram of every violated configuration,
 * and the removal of the files of a configuration that no longer violates.
 */
export function corpusChanges(results: readonly CheckResult[], dir: string): FileChange[] {
  return results.flatMap((r) => {
    if (r.verdict === 'violated') return violationFiles(r, dir, false);
    const stem = join(dir, counterexampleName(r.scenario, r.variant, r.arch, r.memoryModel));
    return [`${stem}.json`, `${stem}.txt`].filter((f) => existsSync(f)).map((path) => ({ path, content: null }));
  });
}

/** The committed files a full run rewrites: VERDICTS.md, the README grid and the corpus (or `--verdicts FILE` alone). */
function committedChanges(results: readonly CheckResult[], verdicts: string | undefined): FileChange[] {
  const table: FileChange = { path: verdicts ?? 'VERDICTS.md', content: renderVerdicts(results, corpusLink, ARCHES) };
  if (verdicts !== undefined) return [table];
  const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : undefined;
  const grid = readme === undefined ? undefined : withVerdictGrid(readme, renderVerdictGrid(results));
  return [table, ...(grid !== undefined && grid !== readme ? [{ path: 'README.md', content: grid }] : []), ...corpusChanges(results, CORPUS_DIR)];
}

/** Refuses, before the run, destinations the run could not write. */
function checkDestinations(f: MatrixFlags): string {
  const dir = checkOutputDir('--out', f.out ?? 'reports');
  if (f.verdicts !== undefined) checkOutputFile('--verdicts', f.verdicts);
  else if (f.quick !== true) {
    checkOutputFile('VERDICTS.md', 'VERDICTS.md');
    if (existsSync('README.md')) checkOutputFile('README.md', 'README.md');
    checkOutputDir(CORPUS_DIR, CORPUS_DIR);
  }
  return dir;
}

export async function matrixCommand(f: MatrixFlags, out: (s: string) => void, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const dir = checkDestinations(f);
  const tty = err.isTTY === true;
  let states = 0;
  const t0 = performance.now();
  const show = (done: number, n: number, what: string, total: number): void => {
    const secs = (performance.now() - t0) / 1000;
    err.write(`\r\x1b[K[${done}/${n} configurations] ${what}; ${total} states, ${Math.round(total / Math.max(secs, 1e-3))} states/s`);
  };
  // SIGINT stays handled until every file is written: a Ctrl-C stops the run between
  // configurations, never the final writes half-way (./commit-files.ts).
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    const { results, notChecked } = await runMatrixInterruptibly(
      (r, i, n) => {
        states += r.states;
        if (r.verdict === 'violated') writeViolation(r, dir);
        if (tty) show(i + 1, n, `${r.scenario}/${r.variant}/${configLabel(r.arch, r.memoryModel)}: ${r.verdict}`, states);
      },
      f.quick === true,
      tty ? (label, p, i, n) => show(i, n, `${label}: exploring`, states + p.states) : undefined,
      () => interrupted,
    );
    if (tty) err.write('\r\x1b[K');
    if (notChecked.length > 0) {
      // Keep VERDICTS.md, the README grid, the corpus and matrix.json as they were: a partial
      // table would read as the verdicts of the whole matrix. The reports written so far are complete.
      const shown = notChecked.slice(0, 3).join(', ') + (notChecked.length > 3 ? `, ... (${notChecked.length - 3} more)` : '');
      err.write(`shootdown: interrupted: ${results.length}/${results.length + notChecked.length} configurations checked, their counterexamples written to ${dir}/; VERDICTS.md not updated; not checked: ${shown}\n`);
      return EXIT_INTERRUPTED;
    }
    writeFileAtomic(join(dir, 'matrix.json'), JSON.stringify(results, null, 2) + '\n');
    // --quick explores the smallest CPU counts: never the committed tables.
    const changes = f.quick === true && f.verdicts === undefined ? [] : committedChanges(results, f.verdicts);
    commitFiles(changes);
    if (f.json === true) out(JSON.stringify(results, null, 2) + '\n');
    const disagreements = results.filter((r) => r.agrees !== true);
    if (f.json !== true) {
      out(renderMatrixTable(results));
      const wrote = changes.length === 0 ? 'VERDICTS.md, the README grid and counterexamples/ left alone (--quick)' : f.verdicts !== undefined ? `${f.verdicts} written` : 'VERDICTS.md, the README grid and counterexamples/ written';
      out(`\n${results.length} configurations, ${disagreements.length} disagreeing with the expected verdict; ${wrote}; reports in ${dir}/\n`);
    }
    if (interrupted) {
      err.write('shootdown: interrupted after the run: every file above was written in full\n');
      return EXIT_INTERRUPTED;
    }
    return disagreements.length > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
