/**
 * `Machine.enabledDistinct` (src/core/compile.ts): with symmetry reduction, the searches leave
 * out the actions of a CPU whose block equals the one before it in its symmetric group. That is
 * a claim about the quotient graph: in every canonical state the distinct list leads to exactly
 * the representatives the full list leads to, and it drops only actions of such a twin CPU. Here
 * it is checked state by state against the full list on committed models (C and TypeScript,
 * holding and violated), and the searches are checked against themselves run on the full list:
 * the same states, verdict, trace and progress judgement, fewer transitions
 * (test/toys/enabled-distinct-checks.ts; test/enabled-distinct-toy.test.ts runs the same checks on
 * a toy whose interchangeable CPUs start at CPU0, which no committed model has).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCGrammar } from '../src/c/grammar.js';
import { ARCHES } from '../src/arch/index.js';
import { buildMachine } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { findScenario } from '../src/scenarios/index.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import { checkDistinctLists, checkDistinctSearches } from './toys/enabled-distinct-checks.js';
import { reachableStates } from './toys/reachable-states.js';

beforeAll(async () => {
  await loadCGrammar();
});

interface Case {
  readonly name: string;
  readonly machine: () => Machine;
  readonly variant: string;
  readonly cpus: number;
}

const built = (scenario: () => Scenario) => (variant: string, cpus: number) => (): Machine => {
  const sc = scenario();
  return buildMachine(sc, variant, sc.arches[0]!, cpus);
};

const gather = built(() => cModelScenario('models/mmu-gather.c'));
const CASES: readonly Case[] = [
  { name: 'models/mmu-gather.c', machine: gather('baseline', 4), variant: 'baseline', cpus: 4 },
  { name: 'models/mmu-gather.c', machine: gather('no-sync', 4), variant: 'no-sync', cpus: 4 },
  { name: 'models/kick-async.c', machine: built(() => cModelScenario('models/kick-async.c'))('baseline', 4), variant: 'baseline', cpus: 4 },
  { name: 'mmu-gather', machine: built(() => findScenario('mmu-gather')!)('baseline', 4), variant: 'baseline', cpus: 4 },
  { name: 'eqs-kick', machine: built(() => findScenario('eqs-kick')!)('baseline', 3), variant: 'baseline', cpus: 3 },
];

const machineOf = (c: Case): Machine => c.machine();

describe('enabledDistinct', () => {
  it.each(CASES)('$name $variant at $cpus CPUs: leads to the representatives the full list leads to, and drops only the actions of a CPU equal to its predecessor', (c) => {
    checkDistinctLists(machineOf(c), 20_000);
  });

  it('drops nothing without interchangeable CPUs', () => {
    const sc = findScenario('mmu-gather')!;
    const spec = sc.build('baseline', ARCHES[sc.arches[0]!], 3);
    const m = compileModel({ ...spec, roles: spec.roles.map((r) => ({ ...r, symmetric: false })) });
    expect(m.symmetric).toBe(false);
    const all = new Int32Array(m.maxActions);
    const few = new Int32Array(m.maxActions);
    for (const s of reachableStates(m, 2_000, true)) {
      const n = m.enabled(s, all);
      expect(m.enabledDistinct(s, few)).toBe(n);
      expect(few.subarray(0, n)).toEqual(all.subarray(0, n));
    }
  });

  it.each(CASES)('$name $variant at $cpus CPUs: BFS and DFS find the same states, verdict, trace and progress as on the full list, in fewer transitions', (c) => {
    checkDistinctSearches(machineOf(c));
  });
});
