/**
 * Small hand-made models for the engines' soundness tests: a controller (CPU0, optional) and
 * interchangeable workers (the other CPUs), over named one-byte fields with small value
 * domains. Each test states its model in a few lines; the verdict every reduction gives is
 * compared with plain BFS (no symmetry, no partial-order reduction, no cutoff).
 */
import { compileModel } from '../../src/core/compile.js';
import { defineLayout, type Layout } from '../../src/core/layout.js';
import { programFields, type Guard, type ModelSpec, type Property, type Role, type State, type Step } from '../../src/core/model.js';
import { bfs } from '../../src/engines/bfs.js';
import type { ExploreResult } from '../../src/engines/result.js';

export type ToyLayout = Layout<string, string>;

/** A field with values 0..n-1 (the value domain the path enumeration uses). */
export const field = (name: string, n = 2) => ({ name, values: Array.from({ length: n }, (_, v) => String(v)) });

export interface ToyStepDef {
  readonly name: string;
  readonly enabled?: (s: State, cpu: number, t: Toy) => boolean;
  readonly onlyIf?: (s: State, cpu: number, t: Toy) => boolean;
  readonly run: (s: State, cpu: number, t: Toy) => void;
}

export interface ToyDef {
  readonly globals: readonly { name: string; values: readonly string[] }[];
  readonly cpuFields: readonly { name: string; values: readonly string[] }[];
  /** CPUs before the workers, each running `controller` (0 or 1 of them, at CPU0). */
  readonly controllers: 0 | 1;
  readonly controller?: readonly ToyStepDef[];
  readonly controllerEvents?: readonly ToyStepDef[];
  /** Whether the controller's program loops (default false). */
  readonly controllerLoops?: boolean;
  /** Per-CPU fields before `prog` and `pc` in each block (as a C model's layout may have them). */
  readonly fieldsFirst?: boolean;
  /** One program per entry (several: the worker chooses one). */
  readonly worker: readonly (readonly ToyStepDef[])[];
  readonly workerEvents?: readonly ToyStepDef[];
  readonly workerLoops?: boolean;
  /** Whether the workers are declared interchangeable (default true). */
  readonly symmetric?: boolean;
  /** The CPU that runs the controller at a given CPU count (default 0). */
  readonly controllerAt?: (cpus: number) => number;
  readonly init?: (s: State, t: Toy) => void;
  /** True in a state violating the one always-property. */
  readonly bad: (s: State, t: Toy) => boolean;
  /** An optional race window (sometimes-property). */
  readonly window?: (s: State, t: Toy) => boolean;
}

/** What the closures of a toy see: the layout and the CPU count. */
export interface Toy {
  readonly L: ToyLayout;
  readonly cpus: number;
  /** Global field `name`'s byte. */
  g(name: string): number;
  /** Field `name` of CPU `cpu`'s block. */
  at(cpu: number, name: string): number;
  /** The worker CPUs. */
  readonly workers: readonly number[];
}

export function toy(def: ToyDef): (cpus: number) => ModelSpec {
  return (cpus) => {
    const L = defineLayout(def.globals, def.fieldsFirst === true ? [...def.cpuFields, ...programFields] : [...programFields, ...def.cpuFields], cpus);
    const ctl = def.controllers === 1 ? (def.controllerAt?.(cpus) ?? 0) : -1;
    const workers = Array.from({ length: cpus }, (_, c) => c).filter((c) => c !== ctl);
    const goff = new Map(def.globals.map((f, i) => [f.name, i]));
    const coff = new Map(L.cpuFields.map((f, i) => [f.name, i]));
    const t: Toy = {
      L,
      cpus,
      workers,
      g: (name) => goff.get(name) ?? fail(`no global ${name}`),
      at: (cpu, name) => L.base(cpu) + (coff.get(name) ?? fail(`no CPU field ${name}`)),
    };
    const step = (d: ToyStepDef): Step => ({
      name: d.name,
      source: 'test',
      run: (s, c) => d.run(s, c, t),
      ...(d.enabled !== undefined ? { enabled: ((s, c) => d.enabled!(s, c, t)) satisfies Guard } : {}),
      ...(d.onlyIf !== undefined ? { onlyIf: ((s, c) => d.onlyIf!(s, c, t)) satisfies Guard } : {}),
    });
    const roles: Role[] = [
      {
        name: 'worker',
        symmetric: def.symmetric ?? true,
        events: (def.workerEvents ?? []).map(step),
        programs: def.worker.map((p, i) => ({ name: `program ${i}`, source: 'test', loop: def.workerLoops ?? false, steps: p.map(step) })),
      },
    ];
    if (def.controllers === 1) {
      roles.push({
        name: 'controller',
        symmetric: false,
        events: (def.controllerEvents ?? []).map(step),
        programs: [{ name: 'control', source: 'test', loop: def.controllerLoops ?? false, steps: (def.controller ?? []).map(step) }],
      });
    }
    const properties: Property[] = [{ name: 'toy-safe', kind: 'always', doc: 'toy', check: (s) => !def.bad(s, t) }];
    if (def.window !== undefined) {
      const w = def.window;
      properties.push({ name: 'toy-window', kind: 'sometimes', doc: 'toy race window', check: (s) => w(s, t), witnessFor: 'toy-safe' });
    }
    return {
      name: 'toy',
      layout: L,
      roles,
      cpuRoles: Array.from({ length: cpus }, (_, c) => (c === ctl ? 1 : 0)),
      init: (s) => def.init?.(s, t),
      properties,
    };
  };
}

function fail(msg: string): never {
  throw new Error(msg);
}

/** Plain BFS: no symmetry, no partial-order reduction. */
export function plain(spec: ModelSpec): ExploreResult {
  return bfs(compileModel(spec), { symmetry: false, maxStates: 1_000_000, timeoutMs: 60_000 });
}

/** How many workers are in their block's `name` == `v`. */
export function countWorkers(s: State, t: Toy, name: string, v = 1): number {
  let n = 0;
  for (const w of t.workers) if (s[t.at(w, name)] === v) n++;
  return n;
}
