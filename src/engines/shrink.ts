/**
 * Counterexample minimisation for people: first the fewest steps, then the fewest CPU
 * switches. Both keep the same violated property and only ever accept a trace that replays.
 *
 * Steps are action numbers ("CPU c takes its next program step", "CPU c runs event e"), so
 * removing one step shifts what later steps of that CPU mean; candidates are re-executed
 * fast-check style, dropping actions that are no longer enabled, and accepted only if they
 * still reach the violation.
 */
import type { Machine } from '../core/machine.js';
import { firstViolation } from '../core/replay.js';
import type { State } from '../core/model.js';

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

/**
 * Drops whole runs of one CPU's steps (consecutive in that CPU's own order), longest first: a
 * CPU that is not needed, or one iteration of a looping walker, goes in one candidate, where
 * single deletions would each leave a trace that no longer replays.
 */
function dropCpuRuns(machine: Machine, trace: number[], property: string): number[] {
  const perCpu = machine.maxActions / machine.cpus;
  let best = trace;
  for (let cpu = 0; cpu < machine.cpus; cpu++) {
    const mine = (): number[] => best.flatMap((a, i) => (Math.floor(a / perCpu) === cpu ? [i] : []));
    for (let len = mine().length; len >= 2; len--) {
      for (let from = 0; from + len <= mine().length; from++) {
        const drop = new Set(mine().slice(from, from + len));
        const cand = execute(machine, best.filter((_, k) => !drop.has(k)), property);
        if (cand !== undefined && cand.length < best.length) {
          best = cand;
          len = Math.min(len, mine().length + 1);
          from = -1;
        }
      }
    }
  }
  return best;
}

/** Fewest steps: drop runs of one CPU's steps, then single steps (then pairs) while the violation survives. */
export function shrinkSteps(machine: Machine, trace: readonly number[], property: string): number[] {
  let best = execute(machine, trace, property) ?? [...trace];
  let improved = true;
  while (improved) {
    improved = false;
    const runs = dropCpuRuns(machine, best, property);
    if (runs.length < best.length) {
      best = runs;
      improved = true;
    }
    for (let i = best.length - 1; i >= 0; i--) {
      const cand = execute(machine, [...best.slice(0, i), ...best.slice(i + 1)], property);
      if (cand !== undefined && cand.length < best.length) {
        best = cand;
        improved = true;
        i = Math.min(i, best.length);
      }
    }
    if (improved) continue;
    for (let i = best.length - 1; i >= 1 && !improved; i--) {
      for (let j = i - 1; j >= 0 && !improved; j--) {
        const cand = execute(machine, best.filter((_, k) => k !== i && k !== j), property);
        if (cand !== undefined && cand.length < best.length) {
          best = cand;
          improved = true;
        }
      }
    }
  }
  return best;
}

export function cpuSwitches(machine: Machine, trace: readonly number[]): number {
  let s = machine.initial();
  const next = new Uint8Array(machine.stateSize);
  let last = -1;
  let switches = 0;
  for (const a of trace) {
    const cpu = machine.info(s, a).cpu;
    if (last >= 0 && cpu !== last) switches++;
    last = cpu;
    machine.apply(s, a, next);
    s = Uint8Array.from(next);
  }
  return switches;
}

/**
 * Fewest CPU switches at the same length: move each step as early as it can go next to a step
 * of the same CPU, keeping any reordering that still violates and lowers the switch count.
 */
export function shrinkSwitches(machine: Machine, trace: readonly number[], property: string): number[] {
  let best = [...trace];
  let bestSwitches = cpuSwitches(machine, best);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 1; i < best.length && !improved; i++) {
      for (let j = 0; j < i && !improved; j++) {
        const cand = [...best.slice(0, j), best[i]!, ...best.slice(j, i), ...best.slice(i + 1)];
        const ran = execute(machine, cand, property);
        if (ran === undefined || ran.length !== best.length) continue;
        const sw = cpuSwitches(machine, ran);
        if (sw < bestSwitches) {
          best = ran;
          bestSwitches = sw;
          improved = true;
        }
      }
    }
  }
  return best;
}

export function minimize(machine: Machine, trace: readonly number[], property: string): number[] {
  return shrinkSwitches(machine, shrinkSteps(machine, trace, property), property);
}
