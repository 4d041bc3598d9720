/**
 * Whether "some always-property is violated" is sticky: once a state violates one, every step
 * leads to a state that violates one too. The models' always-properties read a hazard byte
 * that the step which used stale state sets and nothing clears, so they are; the check makes
 * sure, over every path of every step (./trace-paths.ts). Partial-order reduction relies on
 * it: reaching some violating state is then preserved without a visibility condition.
 */
import { byteDomains, neverRuns } from './footprint.js';
import type { ModelSpec, State } from './model.js';
import { PathBudget, TooManyPaths } from './trace-paths.js';

export function violationIsSticky(spec: ModelSpec, observedMax: (byte: number) => number, budget = PathBudget.unbounded()): boolean {
  const L = spec.layout;
  const domain = byteDomains(L, observedMax);
  const always = spec.properties.filter((p) => p.kind === 'always');
  const bad = (s: State): boolean => always.some((p) => !p.check(s));
  const keepsBad = (run: (s: State) => void) => (s: State): boolean => {
    if (!bad(s)) return false;
    run(s);
    return !bad(s);
  };
  // prog/pc are rewritten by the compiler on every step: a property reading them is not sticky.
  const readsProgramFields = spec.properties.some((p) => p.kind === 'always' && tracesProgramFields(spec, p.check, domain, budget));
  if (readsProgramFields) return false;
  try {
    for (let ri = 0; ri < spec.roles.length; ri++) {
      const cpu = spec.cpuRoles.indexOf(ri);
      if (cpu < 0) continue;
      const role = spec.roles[ri]!;
      const steps = [...role.programs.flatMap((p) => p.steps.filter((st) => !neverRuns(L.size, domain, st, cpu, budget))), ...role.events];
      for (const st of steps) {
        const r = budget.trace(L.size, domain, keepsBad((s) => st.run(s, cpu)));
        if (r.paths.some((p) => p.result)) return false;
      }
    }
  } catch (e) {
    if (e instanceof TooManyPaths) return false;
    throw e;
  }
  return true;
}

function tracesProgramFields(spec: ModelSpec, check: (s: State) => boolean, domain: (b: number) => readonly number[], budget: PathBudget): boolean {
  const L = spec.layout;
  try {
    const r = budget.trace(L.size, domain, check);
    for (const b of r.reads) {
      if (b < L.cpuBase) continue;
      const f = (b - L.cpuBase) % L.cpuSize;
      if (f === L.c.prog || f === L.c.pc) return true;
    }
    return false;
  } catch (e) {
    if (e instanceof TooManyPaths) return true;
    throw e;
  }
}
