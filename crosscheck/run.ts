/**
 * `npm run crosscheck`: every variant x configuration of the scenarios with a Promela model
 * (mmu-gather, eqs-kick), checked by our CLI and by SPIN on the independent Promela models;
 * writes CROSSCHECK.md (atomically) and exits 0 if every row agrees, 1 if any row disagrees or
 * has no verdict on one side (capped, inconclusive, not modelled), 2 if it cannot run (one
 * line on stderr). Run from the package root after `npm run build` (the npm script does both).
 */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import { crosscheckJobs, listScenarios, missingSwitches, readPromela, switchName } from './catalogue.js';
import { compareRow } from './compare.js';
import { runOurs } from './ours.js';
import { ensureSpin, PAN_DEPTH, runSpin } from './spin.js';
import { renderAgreement, renderCrosscheck, renderOurs, renderSpin } from './table.js';
import type { Job, Row, SpinVerdict } from './verdicts.js';

const CAP_SECONDS = 60;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PML_DIR = join(ROOT, 'crosscheck');
/** `--cli PATH`: check another tree's bin/shootdown.mjs against these Promela models. */
const cliAt = process.argv.indexOf('--cli');
const CLI = cliAt > 0 && process.argv[cliAt + 1] !== undefined ? resolve(process.argv[cliAt + 1] ?? '') : join(ROOT, 'bin', 'shootdown.mjs');
/** `--out FILE`: where to write the table (default CROSSCHECK.md in the package root). */
const outAt = process.argv.indexOf('--out');
const OUT = outAt > 0 && process.argv[outAt + 1] !== undefined ? resolve(process.argv[outAt + 1] ?? '') : join(ROOT, 'CROSSCHECK.md');

const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};

function spinVerdict(job: Job, cpus: number): SpinVerdict {
  const pml = readPromela(PML_DIR, job.scenario);
  const missing = missingSwitches(pml, job);
  if (missing.length > 0) return { kind: 'not-modelled', missing: missing.join(', ') };
  const defines = [`N=${cpus}`, switchName('VARIANT', job.variant), switchName('ARCH', job.arch)];
  return runSpin(job.scenario, join(PML_DIR, `${job.scenario}.pml`), defines, CAP_SECONDS).verdict;
}

function main(): number {
  if (!ensureSpin(log)) {
    process.stderr.write('crosscheck: spin is not installed and `apt-get install -y spin` failed; install spin and rerun\n');
    return 2;
  }
  const jobs = crosscheckJobs(listScenarios(CLI), PML_DIR);
  const rows: Row[] = jobs.map((job, i) => {
    const ours = runOurs(job, CLI);
    const fewer = ours.kind === 'violated' && ours.cpus < job.cpus ? spinVerdict(job, ours.cpus) : null;
    const row: Row = { ...job, ours, spin: spinVerdict(job, job.cpus), spinAtOursCpus: fewer };
    const also = fewer !== null && ours.kind === 'violated' ? `; SPIN at ${ours.cpus} CPUs ${renderSpin(job.scenario, fewer)}` : '';
    log(`[${i + 1}/${jobs.length}] ${job.scenario}/${job.variant}/${job.arch} N=${job.cpus}: ours ${renderOurs(row.ours)}; SPIN ${renderSpin(job.scenario, row.spin)}${also}; ${renderAgreement(compareRow(row))}`);
    return row;
  });
  writeFileAtomic(OUT, renderCrosscheck(rows, { capSeconds: CAP_SECONDS, panDepth: PAN_DEPTH }));
  const failing = rows.filter((r) => compareRow(r).kind !== 'agree');
  process.stdout.write(`crosscheck: ${rows.length - failing.length}/${rows.length} configurations agree; wrote ${OUT}\n`);
  for (const r of failing) process.stdout.write(`  ${r.scenario}/${r.variant}/${r.arch}: ${renderAgreement(compareRow(r))}\n`);
  return failing.length === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`crosscheck: ${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')}\n`);
  process.exitCode = 2;
}
