/**
 * A deliberately naive explorer, written apart from src/core and src/engines so that the state
 * counts the tests pin are derived twice: it reads a ModelSpec as the model file describes it
 * (src/core/model.ts) and walks every reachable state breadth-first, states as plain arrays
 * in a Map keyed by their printed bytes. No symmetry, no packing, no hashing of our own, no
 * reduction, no early stop: it counts every state and transition, and knows the shortest
 * depth at which an always-property fails.
 *
 * Semantics (from src/core/model.ts): each CPU's block holds `prog` (0 = not chosen yet; a role
 * with one program starts with it chosen) and `pc`. A CPU that is runnable (its role's
 * `runnable`, if any) may take its current program step if the step's guard holds; the pc then
 * moves on, and steps whose `onlyIf` is false are passed over (looping programs wrap). Events
 * may fire whenever their guard holds and the CPU is runnable (or they ignore that). A CPU
 * that has not chosen chooses any of its role's programs.
 */
import type { ModelSpec, Program, State, Step } from '../../src/core/model.js';

export interface NaiveResult {
  readonly states: number;
  readonly transitions: number;
  /** The longest shortest path from the initial state. */
  readonly depth: number;
  /** Shortest number of steps to a state violating an always-property, if any. */
  readonly violatedAt?: number;
  /**
   * Orbits of the reachable states under permutations of the CPUs of each symmetric role:
   * what a symmetry-reduced search must count (states whose blocks, sorted per role, agree).
   */
  readonly orbits: number;
}

export function naiveExplore(spec: ModelSpec, limit = 2_000_000): NaiveResult {
  const L = spec.layout;
  const PROG = L.c.prog;
  const PC = L.c.pc;
  const programOf = (s: State, cpu: number): Program | undefined => {
    const p = s[L.base(cpu) + PROG]!;
    return p === 0 ? undefined : spec.roles[spec.cpuRoles[cpu]!]!.programs[p - 1];
  };
  /** Moves `cpu`'s pc past steps whose onlyIf is false. */
  const skipOnlyIf = (s: State, cpu: number): void => {
    const program = programOf(s, cpu);
    if (program === undefined) return;
    const n = program.steps.length;
    let pc = s[L.base(cpu) + PC]!;
    for (let tries = 0; tries <= n; tries++) {
      if (pc >= n) {
        if (!program.loop) break;
        pc = 0;
      }
      const st = program.steps[pc]!;
      if (st.onlyIf === undefined || st.onlyIf(s, cpu)) break;
      pc++;
    }
    s[L.base(cpu) + PC] = pc;
  };
  const start = new Uint8Array(L.size);
  spec.init(start);
  for (let cpu = 0; cpu < L.cpus; cpu++) {
    start[L.base(cpu) + PC] = 0;
    start[L.base(cpu) + PROG] = spec.roles[spec.cpuRoles[cpu]!]!.programs.length === 1 ? 1 : 0;
    skipOnlyIf(start, cpu);
  }

  const successors = (s: State): Uint8Array[] => {
    const out: Uint8Array[] = [];
    const take = (change: (x: Uint8Array) => void): void => {
      const x = Uint8Array.from(s);
      change(x);
      out.push(x);
    };
    for (let cpu = 0; cpu < L.cpus; cpu++) {
      const role = spec.roles[spec.cpuRoles[cpu]!]!;
      const runnable = role.runnable === undefined || role.runnable(s, cpu);
      const program = programOf(s, cpu);
      const step: Step | undefined = program?.steps[s[L.base(cpu) + PC]!];
      if (runnable && step !== undefined && (step.enabled === undefined || step.enabled(s, cpu))) {
        take((x) => {
          x[L.base(cpu) + PC]!++;
          step.run(x, cpu);
          skipOnlyIf(x, cpu);
        });
      }
      for (const ev of role.events) {
        if ((runnable || ev.ignoresRunnable === true) && (ev.enabled === undefined || ev.enabled(s, cpu))) take((x) => ev.run(x, cpu));
      }
      if (runnable && program === undefined) {
        role.programs.forEach((_, p) =>
          take((x) => {
            x[L.base(cpu) + PROG] = p + 1;
            x[L.base(cpu) + PC] = 0;
            skipOnlyIf(x, cpu);
          }),
        );
      }
    }
    return out;
  };

  const always = spec.properties.filter((p) => p.kind === 'always');
  const seen = new Map<string, number>([[start.join(','), 0]]);
  let frontier: Uint8Array[] = [start];
  let transitions = 0;
  let depth = 0;
  let violatedAt: number | undefined = always.every((p) => p.check(start)) ? undefined : 0;
  while (frontier.length > 0) {
    const next: Uint8Array[] = [];
    for (const s of frontier) {
      for (const x of successors(s)) {
        transitions++;
        const key = x.join(',');
        if (seen.has(key)) continue;
        seen.set(key, depth + 1);
        if (seen.size > limit) throw new Error(`naive explorer: over ${limit} states`);
        if (violatedAt === undefined && !always.every((p) => p.check(x))) violatedAt = depth + 1;
        next.push(x);
      }
    }
    if (next.length > 0) depth++;
    frontier = next;
  }
  const groups = spec.roles.map((r, ri) => (r.symmetric ? spec.cpuRoles.flatMap((x, c) => (x === ri ? [c] : [])) : [])).filter((g) => g.length > 1);
  const orbitOf = (key: string): string => {
    const bytes = key.split(',');
    const block = (c: number): string => bytes.slice(L.base(c), L.base(c) + L.cpuSize).join(',');
    return groups.map((g) => g.map(block).sort().join('|')).join('/') + '#' + bytes.filter((_, i) => !groups.some((g) => g.some((c) => i >= L.base(c) && i < L.base(c) + L.cpuSize))).join(',');
  };
  const orbits = new Set([...seen.keys()].map(orbitOf)).size;
  return { states: seen.size, transitions, depth, orbits, ...(violatedAt !== undefined ? { violatedAt } : {}) };
}
