/**
 * Deterministic replay. A trace is stored by name (`{cpu, step}`), not by action number, so a
 * counterexample file stays readable and a replay that no longer fits the model names the
 * first step that is not enabled instead of failing obscurely.
 */
import type { Machine, StepInfo, StepKind } from './machine.js';
import type { State } from './model.js';

export interface NamedStep {
  readonly cpu: number;
  readonly step: string;
  readonly kind?: StepKind;
}

export interface Replayed {
  readonly steps: readonly StepInfo[];
  /** states[0] is the initial state; states[i + 1] follows steps[i]. */
  readonly states: readonly State[];
  readonly actions: readonly number[];
}

export type ReplayOutcome =
  | (Replayed & { readonly outcome: 'violated'; readonly property: string; readonly at: number })
  | (Replayed & { readonly outcome: 'completed' })
  | (Replayed & {
      readonly outcome: 'diverged';
      readonly at: number;
      readonly wanted: NamedStep;
      /** What that CPU could do instead, by name. */
      readonly enabledOnCpu: readonly string[];
    });

/** First always-property that fails in `s`, if any. */
export function firstViolation(machine: Machine, s: State): string | undefined {
  for (const p of machine.properties) if (p.kind === 'always' && !p.check(s)) return p.name;
  return undefined;
}

/** Runs action numbers; stops at the first violation. Throws if an action is not enabled. */
export function runActions(machine: Machine, actions: readonly number[]): ReplayOutcome {
  return replayWith(machine, actions.length, (_s, i, enabled) => {
    const a = actions[i]!;
    if (!enabled.includes(a)) throw new Error(`${machine.name}: action ${a} at step ${i} is not enabled`);
    return a;
  });
}

/** Replays a named trace; reports divergence at the first step that is not enabled. */
export function replayNamed(machine: Machine, named: readonly NamedStep[]): ReplayOutcome {
  return replayWith(machine, named.length, (s, i, enabled) => {
    const want = named[i]!;
    for (const a of enabled) {
      const info = machine.info(s, a);
      if (info.cpu === want.cpu && info.name === want.step && (want.kind === undefined || want.kind === info.kind)) return a;
    }
    return undefined;
  }, named);
}

function replayWith(
  machine: Machine,
  length: number,
  pick: (s: State, i: number, enabled: readonly number[]) => number | undefined,
  named?: readonly NamedStep[],
): ReplayOutcome {
  let s = machine.initial();
  const states: State[] = [s];
  const steps: StepInfo[] = [];
  const actions: number[] = [];
  const buf = new Int32Array(machine.maxActions);
  const v0 = firstViolation(machine, s);
  if (v0 !== undefined) return { outcome: 'violated', property: v0, at: -1, steps, states, actions };
  for (let i = 0; i < length; i++) {
    const n = machine.enabled(s, buf);
    const enabled = Array.from(buf.subarray(0, n));
    const a = pick(s, i, enabled);
    if (a === undefined) {
      const want = named![i]!;
      const enabledOnCpu = enabled.map((x) => machine.info(s, x)).filter((x) => x.cpu === want.cpu).map((x) => x.name);
      return { outcome: 'diverged', at: i, wanted: want, enabledOnCpu, steps, states, actions };
    }
    steps.push(machine.info(s, a));
    actions.push(a);
    const next = new Uint8Array(machine.stateSize);
    machine.apply(s, a, next);
    s = next;
    states.push(s);
    const v = firstViolation(machine, s);
    if (v !== undefined) return { outcome: 'violated', property: v, at: i, steps, states, actions };
  }
  return { outcome: 'completed', steps, states, actions };
}
