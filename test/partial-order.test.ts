/**
 * Partial-order reduction is only worth having if it is sound: with it, every configuration
 * gets the verdict the full search gives (and the same race windows are reached), every
 * baseline mutant the full search catches on the configurations below is still caught, and
 * the footprints it rests on cover what the steps did in a sample of a larger model's states
 * (the first 4,000 states BFS reaches, guard reads in the first 500, of two variants of each
 * scenario, one CPU above the probe the footprints were learned on). Toy models where one
 * dependency decides the verdict are in partial-order-toys.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { defaultCheckOptions, runCheck, POR_PROBE_CPUS } from '../src/check.js';
import { actionStride, compileModel } from '../src/core/compile.js';
import { footprintsOf } from '../src/core/footprint.js';
import type { ModelSpec, Role } from '../src/core/model.js';
import { violationIsSticky } from '../src/core/sticky.js';
import { tracePaths } from '../src/core/trace-paths.js';
import { transitionTable } from '../src/core/transitions.js';
import { bfs } from '../src/engines/bfs.js';
import { PROGRESS_PROPERTY } from '../src/engines/progress.js';
import { partialOrderFor } from '../src/engines/partial-order.js';
import { StateStore } from '../src/engines/state-store.js';
import { mutantsOf } from '../src/mutate/mutants.js';
import { SCENARIOS, findScenario } from '../src/scenarios/index.js';

describe('partial-order reduction', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: the verdict of the full search on every variant and configuration`, () => {
      for (const v of scenario.variants) {
        for (const arch of scenario.arches) {
          for (const mm of scenario.memoryModels) {
            const opts = { ...defaultCheckOptions, memoryModel: mm, cpus: scenario.defaultCpus };
            const full = runCheck(scenario, v.name, arch, opts);
            const por = runCheck(scenario, v.name, arch, { ...opts, por: true });
            const where = `${v.name}/${arch}/${mm}`;
            if (full.property === PROGRESS_PROPERTY) {
              // Only a wait that can never complete (preempt-wait/preempt-before-queued): the
              // reduced search judges safety alone and says it did not judge progress.
              expect([por.verdict, por.progress], where).toEqual(['holds', 'not-checked']);
              continue;
            }
            expect(por.verdict, where).toBe(full.verdict);
            expect(por.property, where).toBe(full.property);
            expect(por.vacuous, where).toEqual(full.vacuous);
            if (full.verdict === 'holds') expect(por.states, where).toBeLessThanOrEqual(full.states);
          }
        }
      }
    }, 300_000);
  }

  for (const name of ['mmu-gather', 'eqs-kick', 'preempt-wait', 'kick-async']) {
    it(`${name}: every mutant of the baseline the full search catches is caught with it`, () => {
      const scenario = findScenario(name)!;
      let caught = 0;
      for (const v of scenario.variants.filter((x) => x.name === 'baseline')) {
        // mmu-gather: one configuration per flush transport (IPI, IPI with PV skip, hardware broadcast).
        const arches = name === 'mmu-gather' ? (['x86-native', 'x86-kvm-pv', 'arm64'] as const) : scenario.arches;
        for (const arch of arches) {
          if (v.expect(ARCHES[arch], 'sc').verdict !== 'holds') continue;
          const at = (n: number) => mutantsOf(scenario.build(v.name, ARCHES[arch], n, 'sc'));
          const probes = at(Math.min(scenario.defaultCpus, POR_PROBE_CPUS));
          for (const m of at(scenario.defaultCpus)) {
            const full = bfs(compileModel(m.spec), { symmetry: true, maxStates: 2_000_000, timeoutMs: 60_000 });
            const machine = compileModel(m.spec);
            const probe = probes.find((p) => p.id === m.id)!.spec;
            const por = partialOrderFor((n) => (n === probe.layout.cpus ? probe : m.spec), m.spec, machine, probe.layout.cpus);
            const reduced = bfs(machine, { symmetry: true, maxStates: 2_000_000, timeoutMs: 60_000, partialOrder: por.sets });
            expect(reduced.verdict, `${v.name}/${arch} ${m.id}`).toBe(full.verdict);
            if (full.verdict === 'violated') caught++;
          }
        }
      }
      expect(caught).toBeGreaterThan(0);
    }, 300_000);
  }

  it('finds the violating interleaving with a single walker step deferred (a toy: two CPUs, one race)', () => {
    // CPU0 frees; CPU1 reads twice, independently of CPU2 which only spins on its own counter.
    const spec = toySpec();
    const m = compileModel(spec);
    const por = partialOrderFor(() => spec, spec, m, 3);
    const r = bfs(m, { symmetry: false, maxStates: 1_000_000, timeoutMs: 10_000, partialOrder: por.sets });
    const full = bfs(m, { symmetry: false, maxStates: 1_000_000, timeoutMs: 10_000 });
    expect(full.verdict).toBe('violated');
    expect(r.verdict).toBe('violated');
    expect(r.transitions).toBeLessThan(full.transitions);
  });
});

describe('footprints', () => {
  it('enumerates every path of a closure and records reads before writes', () => {
    const r = tracePaths(
      3,
      () => [0, 1, 2],
      (s) => {
        if (s[0] === 1) s[1] = 5;
        else if (s[2] === 2) return true;
        return s[1] === 5;
      },
    );
    // s0=1: s1 is written, then read back (one path); s0=0 or 2: s2=2 returns, else s1 is read.
    expect(r.paths.length).toBe(1 + 2 * (1 + 2 * 3));
    expect([...r.reads].sort()).toEqual([0, 1, 2]);
    expect([...r.writes]).toEqual([1]);
  });

  it('cover what the steps write and the guards read in the first states of a larger model (two variants per scenario)', () => {
    for (const scenario of SCENARIOS) {
      const n = Math.min(scenario.maxCpus, POR_PROBE_CPUS + 1);
      for (const v of scenario.variants.slice(0, 2)) {
        for (const arch of scenario.arches) {
          for (const mm of scenario.memoryModels) {
            const build = (c: number): ModelSpec => scenario.build(v.name, ARCHES[arch], c, mm);
            const probe = build(Math.min(n, POR_PROBE_CPUS));
            const spec = build(n);
            checkFootprintsCover(spec, probe, `${scenario.name}/${v.name}/${arch}/${mm}`);
          }
        }
      }
    }
  }, 300_000);

  it('sees which violations are sticky: hazard flags are, a lost kick (a state predicate) and a step that clears the hazard are not', () => {
    for (const scenario of SCENARIOS) {
      const spec = scenario.build(scenario.variants[0]!.name, ARCHES[scenario.arches[0]!], POR_PROBE_CPUS, scenario.memoryModels[0]!);
      expect(violationIsSticky(spec, () => 3), scenario.name).toBe(scenario.name !== 'kick-async');
    }
    const toy = toySpec();
    const healer: Role = { ...toy.roles[1]!, events: [{ name: 'clear hazard', source: 'test', run: (s) => void (s[HAZARD] = 0) }] };
    expect(violationIsSticky({ ...toy, roles: [toy.roles[0]!, healer] }, () => 3)).toBe(false);
  });
});

/** Explores the first 4,000 states of `spec`; every step's changed bytes (and guard reads in the first 500) must be in its footprint. */
function checkFootprintsCover(spec: ModelSpec, probe: ModelSpec, where: string): void {
  const fp = footprintsOf(probe, () => 7);
  const table = transitionTable(spec, fp);
  const m = compileModel(spec);
  const L = spec.layout;
  const K = actionStride(spec.roles);
  const tid = (s: Uint8Array, a: number): number => {
    const cpu = Math.floor(a / K);
    const local = a - cpu * K;
    const e = spec.roles[spec.cpuRoles[cpu]!]!.events.length;
    if (local === 0) return table.stepBase[cpu]![s[L.base(cpu) + L.c.prog]! - 1]! + s[L.base(cpu) + L.c.pc]!;
    return local <= e ? table.eventBase[cpu]! + local - 1 : table.chooseBase[cpu]! + local - e - 1;
  };
  const has = (bits: Uint32Array, i: number) => ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
  const store = new StateStore(m.stateSize);
  store.intern(m.initial());
  const cur = new Uint8Array(m.stateSize);
  const next = new Uint8Array(m.stateSize);
  const acts = new Int32Array(m.maxActions);
  for (let h = 0; h < store.count && h < 4_000; h++) {
    store.read(h, cur);
    const n = m.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      const t = tid(cur, acts[k]!);
      m.apply(cur, acts[k]!, next);
      for (let i = 0; i < cur.length; i++) if (cur[i] !== next[i]) expect(has(table.writes[t]!, i), `${where}: ${m.info(cur, acts[k]!).name} on CPU${table.cpu[t]} wrote byte ${i}`).toBe(true);
      store.intern(next);
    }
    if (h < 500) checkGuardReads(spec, table, cur, where);
  }
}

/** Every byte an event's or current step's guard reads in `s` is in its footprint's guard reads. */
function checkGuardReads(spec: ModelSpec, table: ReturnType<typeof transitionTable>, s: Uint8Array, where: string): void {
  const L = spec.layout;
  const guardBits = (t: number) => table.guardReads[t]!;
  for (let cpu = 0; cpu < L.cpus; cpu++) {
    const role = spec.roles[spec.cpuRoles[cpu]!]!;
    const read: number[] = [];
    const view = new Proxy(s, {
      get(target, prop) {
        if (typeof prop === 'string' && /^[0-9]+$/.test(prop)) read.push(Number(prop));
        return Reflect.get(target, prop) as unknown;
      },
    });
    const check = (t: number, name: string) => {
      for (const b of read) expect(((guardBits(t)[b >>> 5]! >>> (b & 31)) & 1) === 1, `${where}: guard of ${name} on CPU${cpu} read byte ${b}`).toBe(true);
      read.length = 0;
    };
    role.events.forEach((ev, e) => {
      if (ev.ignoresRunnable !== true && role.runnable !== undefined && !role.runnable(view, cpu)) {
        check(table.eventBase[cpu]! + e, ev.name);
        return;
      }
      ev.enabled?.(view, cpu);
      check(table.eventBase[cpu]! + e, ev.name);
    });
    const prog = s[L.base(cpu) + L.c.prog]!;
    if (prog === 0) continue;
    const pc = s[L.base(cpu) + L.c.pc]!;
    const st = role.programs[prog - 1]!.steps[pc];
    if (st === undefined) continue;
    if (role.runnable === undefined || role.runnable(view, cpu)) st.enabled?.(view, cpu);
    check(table.stepBase[cpu]![prog - 1]! + pc, st.name);
  }
}

const HAZARD = 1;

/** CPU0: unlink T (slot 0 -> 1), then free (table 0 -> 1). CPU1: read slot, then read T. CPU2: spins alone. */
function toySpec(): ModelSpec {
  const cpus = 3;
  const layout = {
    globalFields: [{ name: 'slot' }, { name: 'hazard' }, { name: 'table' }],
    cpuFields: [{ name: 'prog' }, { name: 'pc' }, { name: 'ptr' }, { name: 'spin' }],
    g: { slot: 0, hazard: HAZARD, table: 2 },
    c: { prog: 0, pc: 1, ptr: 2, spin: 3 },
    cpus,
    cpuBase: 3,
    cpuSize: 4,
    size: 3 + 4 * cpus,
    base: (c: number) => 3 + c * 4,
  };
  const freer: Role = {
    name: 'freer',
    symmetric: false,
    events: [],
    programs: [
      {
        name: 'free',
        source: 'test',
        loop: false,
        steps: [
          { name: 'unlink', source: 'test', run: (s) => void (s[0] = 1) },
          { name: 'free', source: 'test', run: (s) => void (s[2] = 1) },
        ],
      },
    ],
  };
  const walker: Role = {
    name: 'walker',
    symmetric: false,
    events: [],
    programs: [
      {
        name: 'walk',
        source: 'test',
        loop: false,
        steps: [
          { name: 'read slot', source: 'test', run: (s, c) => void (s[layout.base(c) + 2] = s[0] === 0 ? 1 : 0) },
          {
            name: 'read T',
            source: 'test',
            run: (s, c) => {
              if (s[layout.base(c) + 2] === 1 && s[2] === 1) s[HAZARD] = 1;
            },
          },
        ],
      },
    ],
  };
  const spinner: Role = {
    name: 'spinner',
    symmetric: false,
    events: [],
    programs: [{ name: 'spin', source: 'test', loop: true, steps: [{ name: 'spin', source: 'test', run: (s, c) => void (s[layout.base(c) + 3] = (s[layout.base(c) + 3]! + 1) % 3) }] }],
  };
  return {
    name: 'toy',
    layout,
    roles: [freer, walker, spinner],
    cpuRoles: [0, 1, 2],
    init: () => {},
    properties: [{ name: 'no-walker-reads-freed-table', kind: 'always', doc: 'toy', check: (s) => s[HAZARD] === 0 }],
  };
}
