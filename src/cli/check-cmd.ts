/** `shootdown check <scenario> [--variant V|all] [--arch A|all] ...` */
import { defaultCheckOptions, type CheckResult, type EngineName } from '../check.js';
import { runCheckParallel } from '../check-parallel.js';
import { InputError } from '../report/input-error.js';
import { progressReporter } from '../report/progress-line.js';
import { configLabel, type Scenario } from '../scenarios/scenario.js';
import type { CScenario } from '../cmodel/scenario.js';
import { archesArg, cpusArg, intArg, memoryModelsArg, scenarioArg, variantsArg } from './options.js';
import { diagramFor, writeViolation } from './write-violation.js';

export interface CheckFlags {
  readonly variant?: string;
  readonly arch?: string;
  readonly model?: string;
  readonly cpus?: string;
  readonly engine?: string;
  readonly search?: string;
  readonly seed?: string;
  readonly runs?: string;
  readonly depth?: string;
  readonly 'max-states'?: string;
  readonly timeout?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly 'no-symmetry'?: boolean;
  readonly por?: boolean;
  readonly cutoff?: boolean;
  readonly workers?: string;
  readonly patch?: readonly string[];
  readonly override?: readonly string[];
}

export function engineArg(e: string | undefined): EngineName {
  if (e === undefined || e === 'exhaustive') return 'exhaustive';
  if (e === 'random') return 'random';
  throw new InputError(`--engine must be 'exhaustive' or 'random', got '${e}'`);
}

export function searchArg(s: string | undefined): 'bfs' | 'dfs' {
  if (s === undefined || s === 'bfs') return 'bfs';
  if (s === 'dfs') return 'dfs';
  throw new InputError(`--search must be 'bfs' or 'dfs', got '${s}'`);
}

export function summaryLine(r: CheckResult): string {
  const what =
    r.verdict === 'violated'
      ? `VIOLATED ${r.property} (trace ${r.trace?.length ?? 0} steps)`
      : r.verdict === 'holds'
        ? r.cutoff?.applies === true
          ? `holds at any CPU count (cutoff: exhaustive at ${r.cutoff.cpus} CPUs, ${r.states} states, depth ${r.depth})`
          : `holds (exhaustive, ${r.states} states, depth ${r.depth})`
        : `inconclusive${r.vacuous.length > 0 ? ` (vacuous: ${r.vacuous.join(', ')} never reached)` : ''} after ${r.engine === 'exhaustive' ? `${r.states} states` : `${r.transitions} random steps`}`;
  const exp = r.agrees === true ? 'as expected' : r.agrees === false ? `EXPECTED ${r.expected.verdict}` : '';
  return `${r.scenario}/${r.variant}/${configLabel(r.arch, r.memoryModel)} (${r.cpus} CPUs): ${what} ${exp}`.trimEnd();
}

export async function checkCommand(positionals: string[], f: CheckFlags, out: (s: string) => void): Promise<number> {
  const scenario = scenarioArg(positionals[0]);
  if (positionals.length > 1) throw new InputError(`unexpected argument '${positionals[1]}'`);
  const variants = patchVariants(scenario, f) ?? variantsArg(scenario, f.variant);
  const arches = archesArg(scenario, f.arch);
  const models = memoryModelsArg(scenario, f.model);
  const opts = {
    ...defaultCheckOptions,
    engine: engineArg(f.engine),
    search: searchArg(f.search),
    cpus: cpusArg(scenario, f.cpus),
    seed: intArg('seed', f.seed, defaultCheckOptions.seed, 0, 2 ** 31 - 1),
    runs: intArg('runs', f.runs, defaultCheckOptions.runs, 1, 10_000_000),
    depth: intArg('depth', f.depth, defaultCheckOptions.depth, 1, 100_000),
    maxStates: intArg('max-states', f['max-states'], defaultCheckOptions.maxStates, 1, 2_000_000_000),
    timeoutMs: intArg('timeout', f.timeout, defaultCheckOptions.timeoutMs / 1000, 1, 86_400) * 1000,
    symmetry: f['no-symmetry'] !== true,
    por: f.por === true,
    cutoff: f.cutoff === true,
  };
  const workers = intArg('workers', f.workers, 1, 1, 64);
  for (const flag of ['por', 'cutoff'] as const) {
    if (f[flag] !== true) continue;
    if (opts.engine !== 'exhaustive') throw new InputError(`--${flag} needs --engine exhaustive`);
    if (flag === 'por' && opts.search !== 'bfs') throw new InputError('--por needs --search bfs');
    if (workers > 1) throw new InputError(`--${flag} runs on one thread; drop --workers`);
  }
  const dir = f.out ?? 'reports';
  const results: (CheckResult & { counterexampleFile?: string })[] = [];
  for (const v of variants) {
    for (const [a, mm] of arches.flatMap((x) => models.map((m) => [x, m] as const))) {
      const progress = progressReporter(`${scenario.name}/${v}/${configLabel(a, mm)}`);
      const r = await runCheckParallel(scenario, v, a, { ...opts, memoryModel: mm, onProgress: progress.update }, workers);
      progress.done();
      if (r.cutoff?.applies === false && f.json !== true) out(`cutoff not applicable: ${r.cutoff.reason}; explored at ${r.cpus} CPUs\n`);
      if (r.verdict === 'violated') {
        const file = writeViolation(r, dir);
        results.push({ ...r, counterexampleFile: file });
        if (f.json !== true) out(`${summaryLine(r)}\n\n${diagramFor(r, file)}\n`);
      } else {
        results.push(r);
        if (f.json !== true) out(summaryLine(r) + '\n');
      }
    }
  }
  if (f.json === true) out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
  if (results.some((r) => r.verdict === 'violated')) return 1;
  if (results.some((r) => r.verdict === 'inconclusive')) return 3;
  return 0;
}

/** `--patch P` / `--override F` on a C model: each is a variant of its own (and the only ones checked). */
function patchVariants(scenario: Scenario, f: CheckFlags): string[] | null {
  const files = [...(f.patch ?? []), ...(f.override ?? [])];
  if (files.length === 0) return null;
  if (!isCScenario(scenario)) throw new InputError(`--patch and --override apply to C models (a model.c file), not to the scenario '${scenario.name}'`);
  if (f.variant !== undefined) throw new InputError('--variant and --patch/--override are exclusive: a patch is the variant');
  return files.map((p) => scenario.addVariant(p));
}

function isCScenario(s: Scenario): s is CScenario {
  return (s as Partial<CScenario>).kind === 'c';
}
