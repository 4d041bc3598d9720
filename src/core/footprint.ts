/**
 * Footprints: which state bytes a step may read and write. Partial-order reduction
 * (src/engines/stubborn.ts) needs them to know which steps of different CPUs commute.
 *
 * Steps are closures over the byte state, so footprints are found by running them, not
 * declared: each guard and effect runs on a tracing view of the state (./trace-paths.ts)
 * that enumerates every path through it, a first read of a byte branching over every value
 * its field can hold (declared value names, or the values seen in a probe exploration). The
 * union over all paths is the footprint over every state of those value domains, not only
 * over reachable ones. Footprints are taken on a model built at a small probe CPU count and
 * expressed relative to the acting CPU: a global field, a field of its own block, or a field
 * of the other CPUs of one role. They are instantiated for the CPU count being checked
 * (./transitions.ts) on the assumption that a step's code treats every CPU of a role alike,
 * which is what `Role.symmetric` already promises for symmetric roles.
 *
 * Guards also get a decision tree of their paths (when they read only global fields and the
 * CPU's own), so that the engine can tell which bytes a false guard actually looked at: only
 * a step that writes one of those can enable it.
 */
import type { Layout } from './layout.js';
import type { Guard, ModelSpec, Role, State, Step } from './model.js';
import { PathBudget, TooManyPaths, type PathRecord } from './trace-paths.js';

/** Where a byte is, relative to the CPU whose step touches it. */
export type RelLoc =
  | { readonly scope: 'global'; readonly field: number }
  | { readonly scope: 'self'; readonly field: number }
  /** The field in the block of every other CPU of role `role`. */
  | { readonly scope: 'role'; readonly role: number; readonly field: number };

/**
 * The paths of a guard as a decision tree: at a node the guard reads `loc` and goes on by its
 * value; a leaf says what the guard returned and which bytes it read on the way.
 */
export type GuardTree =
  | { readonly kind: 'read'; readonly loc: RelLoc; readonly next: readonly (GuardTree | undefined)[] }
  | { readonly kind: 'leaf'; readonly result: boolean; readonly reads: readonly RelLoc[] };

export interface RelFootprint {
  /** Bytes the enabledness guard reads (the step's own guard, its role's `runnable`, prog/pc). */
  readonly guardReads: readonly RelLoc[];
  /** Bytes the effect reads (including the `onlyIf` guards the program's steps are settled by). */
  readonly reads: readonly RelLoc[];
  readonly writes: readonly RelLoc[];
  /** The guard's paths, when it reads only global fields and the CPU's own. */
  readonly guardTree?: GuardTree;
}

export interface RoleFootprints {
  /** `steps[p][i]`: program p's step i. */
  readonly steps: readonly (readonly RelFootprint[])[];
  readonly events: readonly RelFootprint[];
  readonly choose: RelFootprint;
}

export interface ModelFootprints {
  /** Per role index of the spec. */
  readonly roles: readonly RoleFootprints[];
  /** Bytes the always-properties read; per-CPU fields count for every CPU. */
  readonly alwaysReads: readonly RelLoc[];
}

const key = (l: RelLoc): string => (l.scope === 'role' ? `role${l.role}:${l.field}` : `${l.scope}:${l.field}`);

export function mergeLocs(...lists: readonly (readonly RelLoc[])[]): RelLoc[] {
  const out = new Map<string, RelLoc>();
  for (const l of lists) for (const x of l) out.set(key(x), x);
  return [...out.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Value domain of every byte of the layout: declared value names, else 0..the largest value observed. */
export function byteDomains(layout: Layout<string, string>, observedMax: (byte: number) => number): (byte: number) => readonly number[] {
  const doms: (readonly number[])[] = [];
  for (let i = 0; i < layout.size; i++) {
    const f = i < layout.cpuBase ? layout.globalFields[i]! : layout.cpuFields[(i - layout.cpuBase) % layout.cpuSize]!;
    const n = Math.max(f.values?.length ?? 0, observedMax(i) + 1, 2);
    doms.push(Array.from({ length: n }, (_, v) => v));
  }
  return (i) => doms[i] ?? [0];
}

/**
 * A program step whose `onlyIf` is false on every path (the configuration leaves it out): the
 * compiler always passes over it, so it never runs and touches nothing.
 */
export function neverRuns(size: number, domain: (byte: number) => readonly number[], step: Step, cpu: number, budget: PathBudget = PathBudget.unbounded()): boolean {
  const onlyIf = step.onlyIf;
  if (onlyIf === undefined) return false;
  try {
    return budget.trace(size, domain, (s) => onlyIf(s, cpu)).paths.every((p) => !p.result);
  } catch (e) {
    if (e instanceof TooManyPaths) return false;
    throw e;
  }
}

/** Turns absolute bytes of the probe model into locations relative to `cpu`. */
function relativeTo(spec: ModelSpec, cpu: number) {
  const L = spec.layout;
  return (i: number): RelLoc => {
    if (i < L.cpuBase) return { scope: 'global', field: i };
    const owner = Math.floor((i - L.cpuBase) / L.cpuSize);
    const field = (i - L.cpuBase) % L.cpuSize;
    return owner === cpu ? { scope: 'self', field } : { scope: 'role', role: spec.cpuRoles[owner]!, field };
  };
}

/** Every byte: what a closure whose paths could not be enumerated is assumed to touch. */
function everything(spec: ModelSpec): RelLoc[] {
  const L = spec.layout;
  const out: RelLoc[] = [];
  for (let g = 0; g < L.cpuBase; g++) out.push({ scope: 'global', field: g });
  for (let f = 0; f < L.cpuSize; f++) {
    out.push({ scope: 'self', field: f });
    spec.roles.forEach((_, role) => out.push({ scope: 'role', role, field: f }));
  }
  return out;
}

function treeOf(paths: readonly PathRecord[], rel: (i: number) => RelLoc): GuardTree | undefined {
  const build = (depth: number, group: readonly PathRecord[]): GuardTree | undefined => {
    const first = group[0];
    if (first === undefined) return undefined;
    if (depth === first.reads.length) return { kind: 'leaf', result: first.result, reads: mergeLocs(first.reads.map(([b]) => rel(b))) };
    const byte = first.reads[depth]![0];
    const loc = rel(byte);
    if (loc.scope === 'role') return undefined;
    const next: (GuardTree | undefined)[] = [];
    const values = new Set(group.map((p) => p.reads[depth]![1]));
    for (const v of values) {
      const sub = build(
        depth + 1,
        group.filter((p) => p.reads[depth]![1] === v),
      );
      if (sub === undefined) return undefined;
      next[v] = sub;
    }
    return { kind: 'read', loc, next };
  };
  return build(0, paths);
}

/**
 * Footprints of every transition of `spec` (a model built at a small probe CPU count),
 * relative to the acting CPU. `observedMax(byte)` bounds the domain of fields without value
 * names. With a `budget`, throws PathBudgetSpent once the paths run in all pass it.
 */
export function footprintsOf(spec: ModelSpec, observedMax: (byte: number) => number, budget: PathBudget = PathBudget.unbounded()): ModelFootprints {
  const L = spec.layout;
  const domain = byteDomains(L, observedMax);
  const self = (f: number): RelLoc => ({ scope: 'self', field: f });
  const pcRw = [self(L.c.prog), self(L.c.pc)];

  const trace = (cpu: number, fns: readonly ((s: State) => boolean | void)[]): { reads: RelLoc[]; writes: RelLoc[]; paths: PathRecord[] | undefined } => {
    const rel = relativeTo(spec, cpu);
    const reads = new Set<number>();
    const writes = new Set<number>();
    let paths: PathRecord[] | undefined = [];
    try {
      for (const fn of fns) {
        const a = budget.trace(L.size, domain, fn);
        a.reads.forEach((i) => reads.add(i));
        a.writes.forEach((i) => writes.add(i));
        paths = fns.length === 1 ? a.paths : undefined;
      }
    } catch (e) {
      if (!(e instanceof TooManyPaths)) throw e;
      const all = everything(spec);
      return { reads: all, writes: all, paths: undefined };
    }
    return { reads: mergeLocs([...reads].map(rel)), writes: mergeLocs([...writes].map(rel)), paths };
  };
  const guard = (cpu: number, runnable: Guard | undefined, g: Guard | undefined) => (s: State) => (runnable === undefined || runnable(s, cpu)) && (g === undefined || g(s, cpu));
  const withTree = (cpu: number, runnable: Guard | undefined, g: Guard | undefined) => {
    const t = trace(cpu, [guard(cpu, runnable, g)]);
    const tree = t.paths !== undefined ? treeOf(t.paths, relativeTo(spec, cpu)) : undefined;
    return { reads: t.reads, tree };
  };

  const roles = spec.roles.map((role: Role, ri: number): RoleFootprints => {
    const cpu = spec.cpuRoles.indexOf(ri);
    const none: RelFootprint = { guardReads: [], reads: [], writes: [] };
    if (cpu < 0) return { steps: role.programs.map((p) => p.steps.map(() => none)), events: role.events.map(() => none), choose: none };
    const steps = role.programs.map((p) => {
      const settleReads = trace(
        cpu,
        p.steps.map((st) => (s: State) => st.onlyIf === undefined || st.onlyIf(s, cpu)),
      ).reads;
      return p.steps.map((st: Step): RelFootprint => {
        if (neverRuns(L.size, domain, st, cpu, budget)) return { guardReads: [], reads: [], writes: [] };
        const g = withTree(cpu, role.runnable, st.enabledOnView ?? st.enabled);
        const r = trace(cpu, [(s) => st.run(s, cpu)]);
        const fp = { guardReads: mergeLocs(g.reads, pcRw), reads: mergeLocs(r.reads, settleReads, pcRw), writes: mergeLocs(r.writes, pcRw) };
        return g.tree !== undefined ? { ...fp, guardTree: g.tree } : fp;
      });
    });
    const events = role.events.map((ev): RelFootprint => {
      const g = withTree(cpu, ev.ignoresRunnable === true ? undefined : role.runnable, ev.enabledOnView ?? ev.enabled);
      const r = trace(cpu, [(s) => ev.run(s, cpu)]);
      const fp = { guardReads: g.reads, reads: r.reads, writes: r.writes };
      return g.tree !== undefined ? { ...fp, guardTree: g.tree } : fp;
    });
    const settleAll = trace(
      cpu,
      role.programs.flatMap((p) => p.steps.map((st) => (s: State) => st.onlyIf === undefined || st.onlyIf(s, cpu))),
    ).reads;
    const runnable = trace(cpu, [guard(cpu, role.runnable, undefined)]).reads;
    const choose: RelFootprint = { guardReads: mergeLocs(runnable, pcRw), reads: mergeLocs(settleAll, pcRw), writes: pcRw };
    return { steps, events, choose };
  });

  const alwaysReads = (): RelLoc[] => {
    const fns = spec.properties.filter((p) => p.kind === 'always').map((p) => (s: State) => p.check(s));
    const all = trace(0, fns).reads;
    // A property reads per-CPU fields of any CPU: the field counts for every CPU.
    return mergeLocs(all.flatMap((l): RelLoc[] => (l.scope === 'global' ? [l] : [self(l.field), ...spec.roles.map((_, role) => ({ scope: 'role' as const, role, field: l.field }))])));
  };
  return { roles, alwaysReads: alwaysReads() };
}
