/**
 * `shootdown check <scenario> [--variant V,..|all] [--arch A,..|all] ...`: one check per
 * variant x configuration x memory model. The check path is a function of the jobs a model
 * gives (here: a scenario's variants and configurations) and the engine options, so that
 * another kind of model plugs in with its own list of jobs.
 */
import { ARCHES } from '../arch/index.js';
import type { CheckOptions, CheckResult, CompilerNotes } from '../check.js';
import { runCheckParallel } from '../check-parallel.js';
import { checkOutputDir } from '../report/output-path.js';
import { progressReporter } from '../report/progress-line.js';
import { configLabel, type Scenario } from '../scenarios/scenario.js';
import type { CScenario } from '../cmodel/scenario.js';
import { InputError } from '../report/input-error.js';
import { engineChoice, type EngineChoice, type EngineFlags } from './check-options.js';
import { archesArg, cpusArg, memoryModelsArg, scenarioArg, variantsArg } from './options.js';
import { summaryLines } from './summary-line.js';
import { diagramFor, writeViolation } from './write-violation.js';

export interface CheckFlags extends EngineFlags {
  readonly variant?: string;
  readonly arch?: string;
  readonly model?: string;
  readonly cpus?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly patch?: readonly string[];
  readonly override?: readonly string[];
}

/** One thing to check: its name and how to run it with the engine options. */
export interface CheckJob {
  readonly label: string;
  readonly run: (options: Omit<CheckOptions, 'cpus' | 'memoryModel'>, workers: number) => Promise<CheckResult>;
}

/** Every variant x configuration x memory model of a scenario (or C model) the flags pick. */
export function scenarioJobs(scenario: Scenario, f: CheckFlags): CheckJob[] {
  const variants = patchVariants(scenario, f) ?? variantsArg(scenario, f.variant);
  const arches = archesArg(scenario, f.arch);
  const models = memoryModelsArg(scenario, f.model);
  const cpus = cpusArg(scenario, f.cpus);
  return variants.flatMap((v) =>
    arches.flatMap((a) =>
      models.map((mm) => ({
        label: `${scenario.name}/${v}/${configLabel(a, mm)}`,
        run: async (options, workers) => {
          const r = await runCheckParallel(scenario, v, a, { ...options, cpus, memoryModel: mm }, workers);
          return isCScenario(scenario) ? { ...r, compiler: compilerNotes(scenario, v, r) } : r;
        },
      })),
    ),
  );
}

/** Runs the jobs, prints verdicts (and diagrams), writes violations under `dir`; the exit code. */
export async function runChecks(jobs: readonly CheckJob[], engine: EngineChoice, dir: string, json: boolean, out: (s: string) => void): Promise<number> {
  const results: (CheckResult & { counterexampleFile?: string })[] = [];
  for (const job of jobs) {
    const progress = progressReporter(job.label);
    const r = await job.run({ ...engine.options, onProgress: progress.update }, engine.workers);
    progress.done();
    if (r.cutoff?.applies === false && !json) out(summaryLines(`cutoff not applicable: ${r.cutoff.reason}; explored at ${r.cpus} CPUs`));
    const file = r.verdict === 'violated' ? writeViolation(r, dir) : undefined;
    results.push(file === undefined ? r : { ...r, counterexampleFile: file });
    if (!json) out(summaryLines(r) + (file !== undefined ? `\n${diagramFor(r, file)}\n` : ''));
  }
  if (json) out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  else for (const line of noteLines(results, engine.options.symmetry)) out(summaryLines(`note: ${line}`));
  if (results.some((r) => r.verdict === 'violated')) return 1;
  if (results.some((r) => r.verdict === 'inconclusive')) return 3;
  return 0;
}

export async function checkCommand(positionals: readonly string[], f: CheckFlags, out: (s: string) => void): Promise<number> {
  const scenario = scenarioArg(positionals[0]);
  const jobs = scenarioJobs(scenario, f);
  const engine = engineChoice(f, (line) => process.stderr.write(`shootdown: ${line}\n`));
  // Refused before any work: a run that ends in a report nobody can write is lost.
  const dir = checkOutputDir('--out', f.out ?? 'reports');
  return runChecks(jobs, engine, dir, f.json === true, out);
}

/** `--patch P` / `--override F` on a C model: each is a variant of its own (and the only ones checked). */
function patchVariants(scenario: Scenario, f: CheckFlags): string[] | null {
  const files = [...(f.patch ?? []), ...(f.override ?? [])];
  if (files.length === 0) return null;
  if (!isCScenario(scenario)) throw new InputError(`--patch and --override apply to C models (a model.c file), not to the scenario '${scenario.name}'`);
  if (f.variant !== undefined) throw new InputError('--variant and --patch/--override are exclusive: a patch is the variant');
  return files.map((p) => scenario.addVariant(p));
}

/** What the compiler assumed (atomic blocks) and refused (symmetry) for the configuration checked. */
function compilerNotes(scenario: CScenario, variant: string, r: CheckResult): CompilerNotes {
  const b = scenario.compile(variant, ARCHES[r.arch], r.cpus, r.memoryModel);
  return {
    symmetryRefused: b.symmetry.flatMap((s) => (s.symmetric || s.reason === null ? [] : [{ role: s.role, reason: s.reason }])),
    atomicAssumptions: [...new Set(b.atomicAssumptions)],
    splitAtomicBlocks: b.splitAtomicBlocks,
  };
}

/**
 * The compiler's notes of the checks run, each said once: SYMMETRIC roles explored in full and
 * why (where symmetry was asked for), each `__atomic_block` the patch reached into and so
 * explored step by step, and how many blocks were taken as atomic.
 */
export function noteLines(results: readonly CheckResult[], symmetry: boolean): string[] {
  const refused = new Set<string>();
  const atomic = new Set<string>();
  const split = new Set<string>();
  for (const r of results) {
    if (symmetry) for (const s of r.compiler?.symmetryRefused ?? []) refused.add(`SYMMETRIC role '${s.role}' explored in full: ${s.reason}`);
    for (const a of r.compiler?.atomicAssumptions ?? []) atomic.add(a);
    for (const b of r.compiler?.splitAtomicBlocks ?? []) split.add(`not assumed atomic, explored step by step: __atomic_block at ${b}`);
  }
  const blocks = atomic.size === 0 ? [] : [`assumed atomic, one step each: ${atomic.size} block${atomic.size === 1 ? '' : 's'} (__atomic_block or a lock acquisition; file:line and why in --json, compiler.atomicAssumptions)`];
  return [...refused, ...split, ...blocks];
}

function isCScenario(s: Scenario): s is CScenario {
  return (s as Partial<CScenario>).kind === 'c';
}
