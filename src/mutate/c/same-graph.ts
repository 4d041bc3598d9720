/**
 * Derived equivalence of a C source mutant: its reachable graph is the unmutated model's. As
 * for the TypeScript scenarios (../same-graph.ts), the graph leaves out what only the mutation
 * itself changes, the CPU's own control state: its program counters (a moved or dropped
 * statement shifts them) and its registers (the compiler allocates them anew for the mutant).
 * Every other field is kept: memory, hardware, store buffers, the violated property. (The
 * cone of influence the TypeScript comparison narrows to needs step footprints, which run
 * steps in states where they are blocked; a C step refuses that.) Fields are matched by name,
 * so the two models may lay their registers out differently; any other difference in layout
 * means they are not compared.
 * Transitions are labelled by role, kind and step name, a step named after a line of the
 * edited file (`csd_lock:48`) by that line's place in the unmutated file; a transition that
 * changes nothing kept is a self-loop and left out. Both models are explored without symmetry.
 */
import { compileModel } from '../../core/compile.js';
import type { ModelSpec } from '../../core/model.js';
import { StateStore } from '../../engines/state-store.js';
import { projectedGraph, sameGraph, type ProjectedGraph } from '../projected-graph.js';

export type FieldGraph = ProjectedGraph;

const CONTROL = /^(pc|altpc|irqpc|reg\d+)$/;

const uncontrolled = (spec: ModelSpec): string => [...spec.layout.globalFields.map((f) => `g:${f.name}`), ...spec.layout.cpuFields.filter((f) => !CONTROL.test(f.name)).map((f) => `c:${f.name}`)].join('\n');

/** Compares graphs of mutants of one unmutated model, over one store of projected states. */
export class FieldGraphs {
  private readonly labels = new Map<string, number>();
  private readonly kept: readonly { readonly scope: 'g' | 'c'; readonly name: string }[];
  private readonly store: StateStore;
  private readonly shape: string;

  constructor(private readonly base: ModelSpec) {
    const L = base.layout;
    const g = L.globalFields.map((f) => ({ scope: 'g' as const, name: f.name }));
    const c = L.cpuFields.flatMap((f) => (CONTROL.test(f.name) ? [] : [{ scope: 'c' as const, name: f.name }]));
    this.kept = [...g, ...c];
    this.store = new StateStore(Math.max(1, g.length + c.length * L.cpus));
    this.shape = uncontrolled(base);
  }

  /**
   * The graph of `spec` (the base model, or a mutant with `line` mapping its step names back),
   * or undefined if the layouts differ beyond control state or it has more than `maxStates` states.
   */
  graph(spec: ModelSpec, maxStates: number, rename: (stepName: string) => string = (n) => n): FieldGraph | undefined {
    if (spec.layout.cpus !== this.base.layout.cpus || uncontrolled(spec) !== this.shape) return undefined;
    const L = spec.layout;
    const offsets: number[] = [];
    for (const k of this.kept) {
      if (k.scope === 'g') offsets.push(L.globalFields.findIndex((f) => f.name === k.name));
      else {
        const at = L.cpuFields.findIndex((f) => f.name === k.name);
        for (let cpu = 0; cpu < L.cpus; cpu++) offsets.push(L.base(cpu) + at);
      }
    }
    const machine = compileModel(spec);
    const proj = new Uint8Array(this.store.stateSize);
    const project = (s: Uint8Array): number => {
      for (let i = 0; i < offsets.length; i++) proj[i] = s[offsets[i]!]!;
      const i = this.store.intern(proj);
      return i < 0 ? ~i : i;
    };
    // An action names the same step wherever it is taken, but for a program step, which is
    // the step at the CPU's program counter.
    const byAction = new Map<number, { cpu: number; label: number } | { cpu: number; program: true }>();
    const byStep = new Map<string, number>();
    const label = (st: Uint8Array, action: number): number => {
      const info = machine.info(st, action);
      const key = `${info.role}\u0000${info.kind}\u0000${rename(info.name)}`;
      let l = this.labels.get(key);
      if (l === undefined) {
        l = this.labels.size;
        this.labels.set(key, l);
      }
      return l;
    };
    const labelOf = (cur: Uint8Array, action: number): number => {
      let a = byAction.get(action);
      if (a === undefined) {
        const info = machine.info(cur, action);
        a = info.kind === 'program' ? { cpu: info.cpu, program: true } : { cpu: info.cpu, label: label(cur, action) };
        byAction.set(action, a);
      }
      if ('label' in a) return a.label;
      const b = L.base(a.cpu);
      const key = `${action},${cur[b + L.c['prog']!]},${cur[b + L.c['pc']!]}`;
      let l = byStep.get(key);
      if (l === undefined) {
        l = label(cur, action);
        byStep.set(key, l);
      }
      return l;
    };
    return projectedGraph(machine, { project, label: labelOf, canonical: false }, maxStates);
  }
}

export const sameFieldGraph = sameGraph;
