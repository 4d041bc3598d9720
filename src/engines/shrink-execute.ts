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

/** One run of a candidate: the current state, a scratch state, what ran so far. */
class Run {
  s: State;
  private next: State;
  readonly ran: number[] = [];
  constructor(private readonly machine: Machine) {
    this.s = machine.initial();
    this.next = new Uint8Array(machine.stateSize);
  }
  /** Takes action `a`: 'found' at the violation of `property`, 'other' at another one. */
  take(a: number, property: string): 'found' | 'other' | 'on' {
    this.machine.apply(this.s, a, this.next);
    [this.s, this.next] = [this.next, this.s];
    this.ran.push(a);
    const v = firstViolation(this.machine, this.s);
    return v === property ? 'found' : v !== undefined ? 'other' : 'on';
  }
}

/** Executes `actions`, skipping the ones not enabled; the executed prefix up to the violation. */
export function execute(machine: Machine, actions: readonly number[], property: string): number[] | undefined {
  const run = new Run(machine);
  const buf = new Int32Array(machine.maxActions);
  for (const a of actions) {
    const n = machine.enabled(run.s, buf);
    let ok = false;
    for (let k = 0; k < n; k++) if (buf[k] === a) ok = true;
    if (!ok) continue;
    const r = run.take(a, property);
    if (r !== 'on') return r === 'found' ? run.ran : undefined;
  }
  return undefined;
}

/** Executes `actions` as per-CPU sequences in priority order (see the file comment). */
export function executeDeferring(machine: Machine, actions: readonly number[], property: string): number[] | undefined {
  const perCpu = machine.maxActions / machine.cpus;
  const run = new Run(machine);
  const buf = new Int32Array(machine.maxActions);
  const isEnabled = new Uint8Array(machine.maxActions);
  const seen = new Uint8Array(machine.cpus);
  const pending = [...actions];
  while (pending.length > 0) {
    const n = machine.enabled(run.s, buf);
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
    const r = run.take(a, property);
    if (r !== 'on') return r === 'found' ? run.ran : undefined;
  }
  return undefined;
}
