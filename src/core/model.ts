/**
 * How a scenario describes itself: CPUs running small programs of kernel steps, plus events
 * (interrupt handlers, hypervisor and hardware actions) that can fire between program steps.
 *
 * This file knows no kernel nouns. A scenario (src/scenarios) builds a `ModelSpec` from
 * mechanisms (src/mechanisms), a configuration (src/arch) and a variant (src/variants);
 * `compileModel` (./compile.ts) turns it into the `Machine` the engines explore.
 *
 * Semantics: a state is a `Uint8Array` (./layout.ts). A step is one atomic action of one CPU.
 * Each CPU has a role; a role has one or more programs (with several, the CPU first chooses
 * one: a nondeterministic branch shown in the trace) and a list of events. The explorer
 * interleaves enabled steps of all CPUs.
 */
import type { FieldSpec, Layout } from './layout.js';

export type State = Uint8Array;
export type Guard = (s: State, cpu: number) => boolean;
export type Effect = (s: State, cpu: number) => void;

/**
 * What a step is for, so that automatic mutants (drop it, delay it, swap it) can pick the
 * steps a protocol's safety rests on.
 */
export type StepTag =
  | 'sync' // waits for other CPUs (IPI wait, grace period, csd_lock_wait)
  | 'flush' // TLB / paging-structure-cache invalidation
  | 'barrier' // smp_mb(), DSB, ISB and other ordering points
  | 'lock' // csd_lock() and similar mutual exclusion
  | 'publish' // makes a change visible: unlink, set PTE, patch text
  | 'retire' // frees or reuses memory others may still hold
  | 'critical'; // any other step of a safety-critical path

/** Which end of an inter-processor interrupt a step is. */
export type IpiRole = 'send' | 'handle';

export interface Step {
  /** Kernel vocabulary: the function, macro or instruction (`pmdp_collapse_flush`, `isb`). */
  readonly name: string;
  /** The kernel file (and function) the step stands for: `mm/khugepaged.c: collapse_huge_page()`. */
  readonly source: string;
  /** What the step does, drawn in the diagram; computed from the state before the step. */
  readonly text?: string | ((s: State, cpu: number) => string);
  readonly tags?: readonly StepTag[];
  /**
   * For reports: this step sends an inter-processor interrupt (`send`) or is the handler that
   * receives one (`handle`). The HTML report draws an arrow from a send to the next handler on
   * each other CPU. Optional; no engine reads it.
   */
  readonly ipi?: IpiRole;
  /** Enabledness: a blocking wait is a step whose guard is false until the wait is over. */
  readonly enabled?: Guard;
  /**
   * The same predicate as `enabled`, for the analyses that run guards on a tracing view of the
   * state (src/core/footprint.ts): it may write the state it is given, which such a view throws
   * away after each path, instead of first copying the whole state (which reads every byte).
   * A C model's blocking step gives it: its guard runs the step to see whether it blocks.
   * Never called on a state the search keeps.
   */
  readonly enabledOnView?: Guard;
  /**
   * A branch taken on arrival: when false as the CPU reaches this step, the step is passed over
   * without a transition. It must depend only on the CPU's own registers or on configuration.
   */
  readonly onlyIf?: Guard;
  readonly run: Effect;
  /** For events: fire even when the role's `runnable` guard is false (hypervisor steps). */
  readonly ignoresRunnable?: boolean;
  /**
   * For events: a condition `enabled` implies, cheap to test first. The event can be enabled
   * only where byte `field` of the CPU's own block (an offset from `layout.base(cpu)`) holds one
   * of `values`: a handler or alternative function is at, or may start at, this step. Where it
   * does not, the enabled set passes the event over without calling its guard.
   */
  readonly onlyWhen?: { readonly field: number; readonly values: readonly number[] };
  /**
   * For reports: the CPU (index) that executes this step when it is not the CPU it belongs to,
   * from the state before it: a sender evaluating a per-CPU condition on each target is drawn
   * in the sender's column. Optional; no engine reads it.
   */
  readonly by?: (s: State, cpu: number) => number;
}

export interface Program {
  /** Shown in the trace when a CPU chooses among programs (`khugepaged: collapse_huge_page`). */
  readonly name: string;
  readonly source: string;
  readonly steps: readonly Step[];
  /** Start over after the last step (a walker that walks forever) instead of finishing. */
  readonly loop: boolean;
}

export interface Role {
  /** Column title in diagrams, e.g. `khugepaged`, `GUP-fast`. */
  readonly name: string;
  readonly programs: readonly Program[];
  readonly events: readonly Step[];
  /** Program steps and events (unless `ignoresRunnable`) need this (vCPU not preempted...). */
  readonly runnable?: Guard;
  /**
   * For reports, roles whose CPUs are tasks: the CPU number the task runs on, from the state
   * (a task that migrates is drawn where it runs). Without it, CPU index i runs on CPU i.
   * Optional; no engine reads it.
   */
  readonly runsOn?: (s: State, cpu: number) => number;
  /**
   * CPUs of this role are interchangeable: same programs, and no other field or property refers
   * to them by number. Symmetry reduction may then permute their blocks.
   */
  readonly symmetric: boolean;
}

export type PropertyKind = 'always' | 'sometimes';

export interface Property {
  /** Stable kebab-case name: `no-walker-reads-freed-table`. */
  readonly name: string;
  readonly kind: PropertyKind;
  /** One sentence in kernel terms: what is claimed, or (sometimes) which race window is reached. */
  readonly doc: string;
  /** always: true while the claim holds. sometimes: true in a state that reaches the window. */
  readonly check: (s: State) => boolean;
  /** For always-properties: the sentence printed at the violating step. */
  readonly explain?: (s: State) => string;
  /** For sometimes-properties: the always-property whose race window this shows reachable. */
  readonly witnessFor?: string;
  /**
   * For always-properties that guard a bound of the model itself (a C model's store buffer
   * overflowing its entries), not a claim about the kernel: a violation means the exploration
   * left the model's bounds, and the check reports `inconclusive` with this reason.
   */
  readonly bound?: string;
}

/** Per-CPU fields every model has: which program the CPU runs and where it is in it. */
export const programFields = [
  { name: 'prog', doc: 'program chosen by this CPU (0: not chosen yet)' },
  { name: 'pc', doc: 'index of the next step in the program' },
] as const satisfies readonly FieldSpec[];

export type ProgramFieldName = (typeof programFields)[number]['name'];

export interface ModelSpec<G extends string = string, C extends string = string> {
  /** `scenario/variant/arch`: names the model in traces and counterexample files. */
  readonly name: string;
  readonly layout: Layout<G, C | ProgramFieldName>;
  readonly roles: readonly Role[];
  /** Role index of each CPU. */
  readonly cpuRoles: readonly number[];
  /** Fills the initial state (program fields are set by the compiler). */
  readonly init: (s: State) => void;
  readonly properties: readonly Property[];
  /**
   * Why the code of every step treats the CPUs of a symmetric role alike whatever their number,
   * where something other than the model's author has checked it (a C model: the compiler found
   * no register, constant or per-CPU pair naming such a CPU). With it, a declaration too costly
   * to check on every path is checked on the probe model's reachable states instead
   * (src/engines/symmetry-reachable.ts); without it, such a model is explored in full.
   */
  readonly symmetryArgument?: string;
}
