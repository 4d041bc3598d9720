/**
 * The interface the engines explore: Stateright's four answers (initial state, enabled actions,
 * next state, properties) over byte states, plus what reports and symmetry need.
 * Actions are small integers; their order from `enabled` is deterministic, so an index path
 * replays exactly.
 */
import type { IpiRole, Property, State, StepTag } from './model.js';
import type { FieldValue } from './why-blocked.js';

export type StepKind = 'program' | 'event' | 'choose';

/** A step as a reader sees it: which CPU, which kernel function, what it did. */
export interface StepInfo {
  readonly cpu: number;
  readonly role: string;
  readonly kind: StepKind;
  readonly name: string;
  readonly source: string;
  readonly text: string;
  readonly tags: readonly StepTag[];
  /** Sends or handles an IPI (reports draw the arrow); absent for other steps. */
  readonly ipi?: IpiRole;
  /** The CPU number the step runs on, where the role's CPUs are tasks (`Role.runsOn`). */
  readonly on?: number;
  /** The CPU index that executes the step, where it is not `cpu` (`Step.by`). */
  readonly by?: number;
}

/** A CPU whose next program step waits: its guard is false in the state asked about. */
export interface BlockedStep {
  readonly cpu: number;
  readonly role: string;
  readonly name: string;
  readonly source: string;
  readonly text: string;
  readonly tags: readonly StepTag[];
  /** Why it cannot run: its own guard (`guard`) or the CPU is not runnable (`not-runnable`). */
  readonly reason: 'guard' | 'not-runnable';
  /** Fields (of any CPU) whose single change would unblock it: what it waits for. */
  readonly waitsFor: readonly FieldValue[];
  /**
   * Steps of other CPUs that would unblock it if they ran now (an IPI handler that acks the
   * wait), each with whether it is enabled and, if not, the fields that keep it from running.
   */
  readonly responders: readonly Responder[];
}

export interface Responder {
  readonly cpu: number;
  readonly name: string;
  readonly text: string;
  readonly source: string;
  readonly enabled: boolean;
  /** Alternatives, each a set of fields that together keep it from running (changed, it could). */
  readonly blockedBy: readonly (readonly FieldValue[])[];
}

export interface Machine {
  readonly name: string;
  readonly cpus: number;
  readonly stateSize: number;
  /** Upper bound on the number of actions enabled in one state. */
  readonly maxActions: number;
  readonly properties: readonly Property[];
  /** Role name of each CPU. */
  readonly cpuRoles: readonly string[];
  initial(): State;
  /** Writes the enabled actions of `s` into `out` in a fixed order and returns how many. */
  enabled(s: State, out: Int32Array): number;
  /**
   * `enabled` for a search that canonicalises every state (symmetry on, no partial-order
   * reduction), on a canonical `s`: leaves out the actions of a CPU whose block equals the
   * one before it in its symmetric group. Swapping the two CPUs leaves `s` as it is, so each
   * such action leads to the representative the earlier CPU's same action leads to, which the
   * search has just found: the states, their BFS parents and the edges between states are
   * those of `enabled`; only repeated edges are not taken again.
   */
  enabledDistinct(s: State, out: Int32Array): number;
  /** Writes the successor of `s` under `action` into `out` (`out` may not alias `s`). */
  apply(s: State, action: number, out: State): void;
  /** Describes `action` taken from `s`. */
  info(s: State, action: number): StepInfo;
  /** Rewrites `s` in place to the representative of its symmetry orbit (identity if none). */
  canonicalize(s: State): void;
  /** Every CPU running a non-looping program has finished it (looping programs never finish). */
  finished(s: State): boolean;
  /** True if some CPUs are interchangeable. */
  readonly symmetric: boolean;
  /**
   * Every CPU whose current program step cannot be taken in `s` (a wait whose guard is false,
   * or a CPU that is not runnable), in CPU order. CPUs that finished or have not chosen a
   * program are not listed.
   */
  blocked(s: State): readonly BlockedStep[];
  /** A readable view of a state (field names and value names). */
  decode(s: State): { global: Record<string, string>; cpus: Record<string, string>[] };
}
