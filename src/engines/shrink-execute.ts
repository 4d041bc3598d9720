/**
 * Re-validation of shrink candidates. A candidate is a list of action numbers ("CPU c takes its
 * next program step", "CPU c runs event e"); after an edit some of them no longer fit where they
 * stand. Two ways to run such a list, both returning only what really executed, up to the
 * violation of the same property (or undefined if that violation is not reached first):
 *
 * - `execute`: in list order, passing over actions that are not enabled (fast-check style).
 * - `executeDeferring`: the list is each CPU's own order plus a priority between CPUs. At each
 *   point the earliest action that is enabled and is the next one of its CPU runs; an action
 *   that is not enabled yet waits (its CPU's later actions wait behind it) instead of being
 *   dropped. If nothing can run, the earliest waiting action is dropped. A step inserted
 *   before it can run (a handler before its IPI is sent) thereby runs as soon as it can.
 */
import type { Machine } from '../core/machine.js';
import type { State } from '../core/model.js';
import { firstViolation } from '../core/replay.js';

/** Executes `actions`, skipping the ones not enabled; the executed prefix up to the violation. */
export function execute(machine: Machine, actions: readonly number[], property: string): number[] | undefined {
  let s = machine.initial();
  let next: State = new Uint8Array(machine.stateSize);
  const buf = new Int32Array(machine.maxActions);
  const ran: number[] = [];
  for (const a of actions) {
    const n = machine.enabled(s, buf);
    let ok = false;
    for (let k = 0; k < n; k++) if (buf[k] === a) ok = true;
    if (!ok) continue;
    machine.apply(s, a, next);
    [s, next] = [next, s];
    ran.push(a);
    const v = firstViolation(machine, s);
    if (v === property) return ran;
    if (v !== undefined) return undefined;
  }
  return undefined;
}

/** Executes `actions` as per-CPU sequences in priority order (see the file comment). */
export function executeDeferring(machine: Machine, actions: readonly number[], property: string): number[] | undefined {
  const perCpu = machine.maxActions / machine.cpus;
  let s = machine.initial();
  let next: State = new Uint8Array(machine.stateSize);
  const buf = new Int32Array(machine.maxActions);
  const isEnabled = new Uint8Array(machine.maxActions);
  const seen = new Uint8Array(machine.cpus);
  const pending = [...actions];
  const ran: number[] = [];
  while (pending.length > 0) {
    const n = machine.enabled(s, buf);
    isEnabled.fill(0);
    for (let k = 0; k < n; k++) isEnabled[buf[k]!] = 1;
    seen.fill(0);
    let pick = -1;
    for (let i = 0; i < pending.length; i++) {
      const a = pending[i]!;
      const cpu = Math.floor(a / perCpu);
      if (seen[cpu] === 1) continue;
      if (isEnabled[a] === 1) {
        pick = i;
        break;
      }
      seen[cpu] = 1;
    }
    if (pick < 0) {
      pending.shift();
      continue;
    }
    const a = pending[pick]!;
    pending.splice(pick, 1);
    machine.apply(s, a, next);
    [s, next] = [next, s];
    ran.push(a);
    const v = firstViolation(machine, s);
    if (v === property) return ran;
    if (v !== undefined) return undefined;
  }
  return undefined;
}
