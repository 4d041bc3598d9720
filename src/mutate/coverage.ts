/**
 * Which program steps ever execute in the full (exhaustive) state space of a model: a step
 * that never runs on a configuration (its `onlyIf` is false there, or it is unreachable) can
 * be dropped or moved without any effect, so such mutants are equivalent by construction.
 */
import type { Machine } from '../core/machine.js';
import { StateStore } from '../engines/state-store.js';

export interface Coverage {
  /**
   * `role index/program index/step index` of every program step taken in some reachable state
   * (read from the `prog` and `pc` fields every model has).
   */
  readonly executed: ReadonlySet<string>;
  /** The largest value each byte takes in a reachable state (the domain of unnamed fields). */
  readonly maxByte: Uint8Array;
}

export function executedSteps(machine: Machine, roleIndexOfCpu: readonly number[], maxStates: number): Coverage {
  const store = new StateStore(machine.stateSize);
  const executed = new Set<string>();
  const maxByte = new Uint8Array(machine.stateSize);
  const s0 = machine.initial();
  store.intern(s0);
  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  for (let head = 0; head < store.count && store.count < maxStates; head++) {
    store.read(head, cur);
    for (let b = 0; b < cur.length; b++) if (cur[b]! > maxByte[b]!) maxByte[b] = cur[b]!;
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      const info = machine.info(cur, acts[k]!);
      if (info.kind === 'program') {
        const regs = machine.decode(cur).cpus[info.cpu]!;
        executed.add(`${roleIndexOfCpu[info.cpu]}/${Number(regs['prog']) - 1}/${regs['pc']}`);
      }
      machine.apply(cur, acts[k]!, next);
      store.intern(next);
    }
  }
  return { executed, maxByte };
}
