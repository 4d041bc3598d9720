/**
 * Replaying one model's schedule on another (a counterexample on the baseline) and finding
 * where and why they part. The schedule is followed by name; when the next wanted program step
 * of a CPU is not enabled, that CPU runs its own program steps instead (the code the baseline
 * has and the variant skipped) until the wanted step is enabled again or the CPU blocks. A
 * block is reported with what it waits for (./why-blocked.ts).
 */
import type { BlockedStep, Machine, StepInfo } from './machine.js';
import type { State } from './model.js';
import { firstViolation, type NamedStep } from './replay.js';

export type Divergence =
  /** The other model violates too. */
  | { readonly kind: 'violates'; readonly property: string; readonly at: number; readonly inserted: readonly StepInfo[]; readonly state: State }
  /** The schedule runs to its end without a violation. */
  | { readonly kind: 'harmless'; readonly steps: number; readonly inserted: readonly StepInfo[]; readonly state: State }
  /** Step `at` of the schedule cannot run because a CPU's program step blocks. */
  | {
      readonly kind: 'blocks';
      readonly at: number;
      readonly wanted: NamedStep;
      readonly inserted: readonly StepInfo[];
      readonly blocked: BlockedStep;
      readonly state: State;
    }
  /** Step `at` is not enabled and no CPU's program blocks it (an event whose guard is false). */
  | {
      readonly kind: 'differs';
      readonly at: number;
      readonly wanted: NamedStep;
      readonly inserted: readonly StepInfo[];
      readonly enabledOnCpu: readonly string[];
      readonly blockedAll: readonly BlockedStep[];
      readonly state: State;
    };

const MAX_INSERTED = 64;

export function divergence(machine: Machine, schedule: readonly NamedStep[]): Divergence {
  let s: State = machine.initial();
  const buf = new Int32Array(machine.maxActions);
  const inserted: StepInfo[] = [];
  const take = (a: number): string | undefined => {
    const next = new Uint8Array(machine.stateSize);
    machine.apply(s, a, next);
    s = next;
    return firstViolation(machine, s);
  };
  for (let i = 0; i < schedule.length; ) {
    const want = schedule[i]!;
    const enabled = Array.from(buf.subarray(0, machine.enabled(s, buf)));
    const match = enabled.find((a) => {
      const info = machine.info(s, a);
      return info.cpu === want.cpu && info.name === want.step && (want.kind === undefined || want.kind === info.kind);
    });
    if (match !== undefined) {
      const v = take(match);
      if (v !== undefined) return { kind: 'violates', property: v, at: i, inserted, state: s };
      i++;
      continue;
    }
    const block = machine.blocked(s).find((b) => b.cpu === want.cpu);
    if (block !== undefined) return { kind: 'blocks', at: i, wanted: want, inserted, blocked: block, state: s };
    const own = want.kind !== 'event' ? enabled.find((a) => machine.info(s, a).cpu === want.cpu && machine.info(s, a).kind === 'program') : undefined;
    if (own === undefined || inserted.length >= MAX_INSERTED) {
      const enabledOnCpu = enabled.map((a) => machine.info(s, a)).filter((x) => x.cpu === want.cpu).map((x) => x.name);
      return { kind: 'differs', at: i, wanted: want, inserted, enabledOnCpu, blockedAll: machine.blocked(s), state: s };
    }
    inserted.push(machine.info(s, own));
    const v = take(own);
    if (v !== undefined) return { kind: 'violates', property: v, at: i, inserted, state: s };
  }
  return { kind: 'harmless', steps: schedule.length, inserted, state: s };
}
