/**
 * Symmetry reduction in `check`, used only where it is sound (src/engines/symmetry.ts): a
 * violation found with it is a concrete trace that replays to the violation on the unreduced
 * machine, so it stands whatever the declaration; a `holds` (or a run over its limits) rests on
 * the declaration, which is then checked, and where it is wrong the model is explored in full
 * and the result says why the reduction was not used.
 */
import { ARCHES } from './arch/index.js';
import type { ArchName } from './arch/arch.js';
import type { Machine } from './core/machine.js';
import { runActions } from './core/replay.js';
import { SymmetryUnsound } from './engines/concretize.js';
import type { ExploreResult } from './engines/result.js';
import { symmetryAt, symmetryProbeCpus, type SymmetryVerdict } from './engines/symmetry.js';
import type { MemoryModelName } from './memory/model-name.js';
import type { Scenario } from './scenarios/scenario.js';

/** Symmetry verdicts already found in this process, per scenario, by variant/arch/model/probe CPUs. */
const known = new WeakMap<Scenario, Map<string, SymmetryVerdict>>();

/** Whether the model's declared symmetry holds, found once per process and configuration. */
export function symmetryOf(scenario: Scenario, variant: string, arch: ArchName, mm: MemoryModelName, cpus: number): SymmetryVerdict {
  const verdicts = known.get(scenario) ?? new Map<string, SymmetryVerdict>();
  known.set(scenario, verdicts);
  // The checked CPU count as built for the search; a smaller probe explored once here and dropped (Scenario.buildProbe).
  const build = (n: number) => (n === cpus ? scenario.build : (scenario.buildProbe ?? scenario.build))(variant, ARCHES[arch], n, mm);
  const probe = symmetryProbeCpus(build, cpus, scenario.minCpus);
  if (probe === undefined) return { applies: true };
  const key = `${variant}/${arch}/${mm}/${probe}`;
  const v = verdicts.get(key) ?? symmetryAt(build(probe));
  verdicts.set(key, v);
  return v;
}

/**
 * `explore(true)` where the reduction is sound for this result, else `explore(false)` with the
 * reason in its `found.detail`. `opts.symmetry` false: `explore(false)`, nothing checked.
 */
export function exploreSymmetricOnlyIfSound(
  machine: Machine,
  opts: { readonly symmetry: boolean; readonly engine: string },
  explore: (symmetry: boolean) => ExploreResult,
  symmetry: () => SymmetryVerdict,
): ExploreResult {
  if (!opts.symmetry || !machine.symmetric || opts.engine !== 'exhaustive') return explore(opts.symmetry);
  let r: ExploreResult | undefined;
  try {
    r = explore(true);
  } catch (e) {
    // A path of orbits that no concrete run follows: the declaration is wrong (checked below).
    if (!(e instanceof SymmetryUnsound)) throw e;
  }
  if (r?.verdict === 'violated') {
    const replay = runActions(machine, r.trace);
    if (replay.outcome === 'violated' && replay.property === r.property) return r;
  }
  const sym = symmetry();
  if (sym.applies) {
    if (r !== undefined && r.verdict !== 'violated') return r;
    throw new Error(`${machine.name}: the symmetry-reduced search gave a trace no concrete run follows to its violation, yet the declaration checks out`);
  }
  const full = explore(false);
  return { ...full, found: { ...full.found, detail: `${full.found.detail}; symmetry reduction not used: ${sym.reason}` } };
}
