/**
 * Automatic mutants of a model: the program-level edits a broken patch would make. From a
 * ModelSpec (no scenario knowledge): drop each synchronisation step (tags sync, flush,
 * barrier, lock), move it one step later, and swap each adjacent pair of steps in a
 * safety-critical program (one with a publish, retire or sync step) when either step is
 * tagged. Mutants that give the same step sequence are kept once.
 */
import type { ModelSpec, Program, Step, StepTag } from '../core/model.js';

export type MutantKind = 'drop' | 'later' | 'swap';

export interface Mutant {
  /** Stable, readable: `drop:freer/khugepaged: collapse_huge_page/csd_lock_wait@4`. */
  readonly id: string;
  readonly kind: MutantKind;
  /** Names of the steps the edit moved or removed. */
  readonly steps: readonly string[];
  /** role/program of the edited program. */
  readonly where: string;
  /** `role index/program index/step index` of each edited step in the unmutated spec. */
  readonly at: readonly string[];
  readonly spec: ModelSpec;
}

const SYNC_TAGS: readonly StepTag[] = ['sync', 'flush', 'barrier', 'lock', 'critical'];
const CRITICAL_TAGS: readonly StepTag[] = ['publish', 'retire', 'sync'];
const hasAny = (s: Step, tags: readonly StepTag[]) => (s.tags ?? []).some((t) => tags.includes(t));

function withProgram(spec: ModelSpec, roleIdx: number, progIdx: number, steps: readonly Step[]): ModelSpec {
  const roles = spec.roles.map((r, ri) =>
    ri !== roleIdx ? r : { ...r, programs: r.programs.map((p, pi): Program => (pi !== progIdx ? p : { ...p, steps })) },
  );
  return { ...spec, roles };
}

export function mutantsOf(spec: ModelSpec): Mutant[] {
  const out: Mutant[] = [];
  const seen = new Set<string>();
  spec.roles.forEach((role, ri) => {
    role.programs.forEach((prog, pi) => {
      const where = `${role.name}/${prog.name}`;
      const steps = prog.steps;
      const add = (kind: MutantKind, at: number, edited: readonly Step[], touched: readonly Step[]) => {
        const idx = touched.map((s) => `${ri}/${pi}/${steps.indexOf(s)}`);
        const key = `${ri}/${pi}/${edited.map((s) => steps.indexOf(s)).join(',')}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push({ id: `${kind}:${where}/${touched.map((s) => s.name).join('<>')}@${at}`, kind, steps: touched.map((s) => s.name), where, at: idx, spec: withProgram(spec, ri, pi, edited) });
      };
      const swapped = (i: number) => [...steps.slice(0, i), steps[i + 1]!, steps[i]!, ...steps.slice(i + 2)];
      steps.forEach((s, i) => {
        if (!hasAny(s, SYNC_TAGS)) return;
        add('drop', i, [...steps.slice(0, i), ...steps.slice(i + 1)], [s]);
        if (i + 1 < steps.length) add('later', i, swapped(i), [s, steps[i + 1]!]);
      });
      if (!steps.some((s) => hasAny(s, CRITICAL_TAGS))) return;
      for (let i = 0; i + 1 < steps.length; i++) {
        if ((steps[i]!.tags ?? []).length === 0 && (steps[i + 1]!.tags ?? []).length === 0) continue;
        add('swap', i, swapped(i), [steps[i]!, steps[i + 1]!]);
      }
    });
  });
  return out;
}
