/**
 * `Machine.enabledDistinct` (src/core/compile.ts): with symmetry reduction, the searches leave
 * out the actions of a CPU whose block equals the one before it in its symmetric group. That is
 * a claim about the quotient graph: in every canonical state the distinct list leads to exactly
 * the representatives the full list leads to, and it drops only actions of such a twin CPU. Here
 * it is checked state by state against the full list on committed models (C and TypeScript,
 * holding and violated), and the searches are checked against themselves run on the full list:
 * the same states, verdict, trace and progress judgement, fewer transitions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCGrammar } from '../src/c/grammar.js';
import { ARCHES } from '../src/arch/index.js';
import { buildMachine } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import { bfs } from '../src/engines/bfs.js';
import { dfs } from '../src/engines/dfs.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { findScenario } from '../src/scenarios/index.js';
import type { Scenario } from '../src/scenarios/scenario.js';
import { countWorkers, field, toy } from './toys/toy-spec.js';

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

/**
 * Workers from CPU0 on (no CPU of another role before them), each counting to 2 and finishing;
 * `bad` once two have finished while a third has not started: a violation to trace.
 */
const workersFromCpu0 = (cpus: number): Machine =>
  compileModel(
    toy({
      globals: [],
      cpuFields: [field('n', 3), field('fin')],
      controllers: 0,
      worker: [
        [
          { name: 'count', run: (s, c, t) => void (s[t.at(c, 'n')] = Math.min(2, s[t.at(c, 'n')]! + 1)), onlyIf: (s, c, t) => s[t.at(c, 'n')]! < 2 },
          { name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) },
        ],
      ],
      workerLoops: false,
      bad: (s, t) => countWorkers(s, t, 'fin') >= 2 && t.workers.some((c) => s[t.at(c, 'n')] === 0),
    })(cpus),
  );

const gather = built(() => cModelScenario('models/mmu-gather.c'));
const CASES: readonly Case[] = [
  { name: 'models/mmu-gather.c', machine: gather('baseline', 4), variant: 'baseline', cpus: 4 },
  { name: 'models/mmu-gather.c', machine: gather('no-sync', 4), variant: 'no-sync', cpus: 4 },
  { name: 'models/kick-async.c', machine: built(() => cModelScenario('models/kick-async.c'))('baseline', 4), variant: 'baseline', cpus: 4 },
  { name: 'mmu-gather', machine: built(() => findScenario('mmu-gather')!)('baseline', 4), variant: 'baseline', cpus: 4 },
  { name: 'eqs-kick', machine: built(() => findScenario('eqs-kick')!)('baseline', 3), variant: 'baseline', cpus: 3 },
  { name: 'toy workers from CPU0', machine: () => workersFromCpu0(4), variant: 'violated', cpus: 4 },
];

const machineOf = (c: Case): Machine => c.machine();

/** The same machine with no twin left out: what the searches did before. */
const fullList = (m: Machine): Machine => ({ ...m, enabledDistinct: (s, out) => m.enabled(s, out) });

/** Every canonical state reachable with the full list of actions, in BFS order. */
function canonicalStates(m: Machine, cap: number): Uint8Array[] {
  const s0 = m.initial();
  m.canonicalize(s0);
  const seen = new Set([s0.join(',')]);
  const out = [s0];
  const acts = new Int32Array(m.maxActions);
  for (let i = 0; i < out.length && out.length < cap; i++) {
    const s = out[i]!;
    const n = m.enabled(s, acts);
    for (let k = 0; k < n; k++) {
      const t = new Uint8Array(m.stateSize);
      m.apply(s, acts[k]!, t);
      m.canonicalize(t);
      const key = t.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        out.push(t);
      }
    }
  }
  return out;
}

const representatives = (m: Machine, s: Uint8Array, acts: Int32Array, n: number): string[] => {
  const keys = new Set<string>();
  for (let k = 0; k < n; k++) {
    const t = new Uint8Array(m.stateSize);
    m.apply(s, acts[k]!, t);
    m.canonicalize(t);
    keys.add(t.join(','));
  }
  return [...keys].sort();
};

describe('enabledDistinct', () => {
  it.each(CASES)('$name $variant at $cpus CPUs: leads to the representatives the full list leads to, and drops only the actions of a CPU equal to its predecessor', (c) => {
    const m = machineOf(c);
    expect(m.symmetric).toBe(true);
    const roles = m.cpuRoles;
    const all = new Int32Array(m.maxActions);
    const few = new Int32Array(m.maxActions);
    let dropped = 0;
    for (const s of canonicalStates(m, 20_000)) {
      const n = m.enabled(s, all);
      const d = m.enabledDistinct(s, few);
      const kept = Array.from(few.subarray(0, d));
      const full = Array.from(all.subarray(0, n));
      // In the same order, a sublist of the full list.
      expect(full.filter((a) => kept.includes(a))).toEqual(kept);
      expect(representatives(m, s, few, d)).toEqual(representatives(m, s, all, n));
      const cpus = m.decode(s).cpus;
      for (const a of full.filter((x) => !kept.includes(x))) {
        const cpu = m.info(s, a).cpu;
        // A CPU of the same role just before it, in the same state field for field.
        expect(cpu).toBeGreaterThan(0);
        expect(roles[cpu - 1]).toBe(roles[cpu]);
        expect(cpus[cpu - 1]).toEqual(cpus[cpu]);
        dropped++;
      }
      // And every such CPU's actions are dropped (each of these models' interchangeable CPUs
      // are one run of neighbours, so the one before is the group's).
      for (const a of kept) {
        const cpu = m.info(s, a).cpu;
        if (cpu > 0 && roles[cpu - 1] === roles[cpu]) expect(cpus[cpu - 1], `CPU${cpu} equals CPU${cpu - 1}, yet acts`).not.toEqual(cpus[cpu]);
      }
    }
    expect(dropped).toBeGreaterThan(0);
  });

  it('drops nothing without interchangeable CPUs', () => {
    const sc = findScenario('mmu-gather')!;
    const spec = sc.build('baseline', ARCHES[sc.arches[0]!], 3);
    const m = compileModel({ ...spec, roles: spec.roles.map((r) => ({ ...r, symmetric: false })) });
    expect(m.symmetric).toBe(false);
    const all = new Int32Array(m.maxActions);
    const few = new Int32Array(m.maxActions);
    for (const s of canonicalStates(m, 2_000)) {
      const n = m.enabled(s, all);
      expect(m.enabledDistinct(s, few)).toBe(n);
      expect(few.subarray(0, n)).toEqual(all.subarray(0, n));
    }
  });

  it.each(CASES)('$name $variant at $cpus CPUs: BFS and DFS find the same states, verdict, trace and progress as on the full list, in fewer transitions', (c) => {
    const m = machineOf(c);
    const limits = { symmetry: true, maxStates: 1e6, timeoutMs: 6e4 };
    const same = (r: ReturnType<typeof bfs>): unknown => ({ ...r, seconds: 0, transitions: 0, bytesPerState: 0 });
    const withProgress = { ...limits, progress: { maxEdges: 1e7 } };
    const a = bfs(m, withProgress);
    const b = bfs(fullList(m), withProgress);
    expect(same(a)).toEqual(same(b));
    expect(a.transitions).toBeLessThan(b.transitions);
    const d = dfs(m, limits);
    const e = dfs(fullList(m), limits);
    expect(same(d)).toEqual(same(e));
    expect(d.transitions).toBeLessThan(e.transitions);
  });
});
