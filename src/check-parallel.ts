/**
 * `check --workers N`: the exhaustive BFS on N worker threads (src/engines/parallel). A `holds`
 * verdict comes from the parallel run (same states, transitions and depth as one thread, and
 * progress judged on the same graph); a violation (or a stuck wait) is re-derived by the
 * single-threaded check, which keeps the parent pointers for the shortest counterexample.
 */
import { ARCHES } from './arch/index.js';
import type { ArchName } from './arch/arch.js';
import { runCheck, type CheckOptions, type CheckResult } from './check.js';
import { symmetryOf } from './check-symmetry.js';
import { parallelBfs } from './engines/parallel/pbfs.js';
import type { Scenario } from './scenarios/scenario.js';

/** Transitions logged for the progress judgement across all workers (4 bytes each). */
const MAX_PROGRESS_EDGES = 100_000_000;

export async function runCheckParallel(scenario: Scenario, variant: string, arch: ArchName, opts: CheckOptions, workers: number): Promise<CheckResult> {
  if (workers <= 1 || opts.engine !== 'exhaustive' || opts.search !== 'bfs') return runCheck(scenario, variant, arch, opts);
  const cpus = opts.cpus > 0 ? opts.cpus : scenario.defaultCpus;
  const sym = opts.symmetry ? symmetryOf(scenario, variant, arch, opts.memoryModel, cpus) : undefined;
  const symmetry = opts.symmetry && sym?.applies === true;
  const job = { scenario: scenario.name, variant, arch, cpus, memoryModel: opts.memoryModel, symmetry };
  const r = await parallelBfs(job, workers, { maxStates: opts.maxStates, timeoutMs: opts.timeoutMs, maxEdges: MAX_PROGRESS_EDGES });
  if (r.verdict === 'violated' || r.progress === 'stuck') return runCheck(scenario, variant, arch, opts);
  const v = scenario.variants.find((x) => x.name === variant)!;
  const expected = v.expect(ARCHES[arch], opts.memoryModel);
  const machine = scenario.build(variant, ARCHES[arch], cpus, opts.memoryModel);
  const sometimes = machine.properties.filter((p) => p.kind === 'sometimes').map((p) => p.name);
  const reached = Object.fromEntries(sometimes.map((n) => [n, r.reached.includes(n)]));
  const vacuous = r.verdict === 'holds' ? sometimes.filter((n) => !reached[n]) : [];
  const common = {
    scenario: scenario.name,
    variant,
    arch,
    memoryModel: opts.memoryModel,
    cpus,
    engine: opts.engine,
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    seconds: r.seconds,
    bytesPerState: r.bytesPerState,
    reached,
    vacuous,
    found: {
      engine: 'exhaustive' as const,
      detail: `parallel BFS, ${workers} workers${symmetry ? ', symmetry reduction' : ''}${sym?.applies === false ? `; symmetry reduction not used: ${sym.reason}` : ''}`,
    },
    expected,
    expectSource: v.expectSource,
  };
  // --max-states exactly: a holds that needed more states than allowed is no proof (./check.ts).
  if (r.verdict === 'inconclusive' || r.states > opts.maxStates) {
    const stoppedBy = r.states >= opts.maxStates ? `max-states ${opts.maxStates} reached` : `timeout ${opts.timeoutMs / 1000} s reached`;
    return { ...common, verdict: 'inconclusive', agrees: 'not-proven', stoppedBy };
  }
  return {
    ...common,
    verdict: vacuous.length > 0 ? 'inconclusive' : 'holds',
    agrees: expected.verdict === 'holds' && vacuous.length === 0,
    progress: r.progress === 'progresses' ? 'checked' : 'not-checked',
  };
}
