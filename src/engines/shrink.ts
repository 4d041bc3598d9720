/**
 * Counterexample minimisation for people: first the fewest steps, then the fewest CPU
 * switches. Every move keeps the same violated property and only ever accepts a trace that
 * replays (./shrink-execute.ts re-validates each candidate and returns what really ran).
 *
 * Fewest steps, cheapest moves first, back to the first after any gain:
 * 1. delete contiguous chunks of the trace, halving the chunk size (delta debugging);
 * 2. delete runs of one CPU's own steps (a CPU that is not needed, a loop iteration);
 * 3. delete single steps, then pairs of steps;
 * 4. replace a run of one CPU's steps by one other step of that CPU (an IPI handler instead
 *    of a detour through IRQs-off and back, another program choice), placed anywhere earlier
 *    in that CPU's own order and run as soon as it can (`executeDeferring`).
 * Move 4 is what a shorter path that differs in one CPU's choices needs: deletions alone can
 * only find sub-schedules of the trace the random run happened to take.
 */
import type { Machine } from '../core/machine.js';
import { execute, executeDeferring } from './shrink-execute.js';

export { execute } from './shrink-execute.js';

/** Positions in `trace` of `cpu`'s actions. */
function positionsOf(trace: readonly number[], cpu: number, perCpu: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < trace.length; i++) if (Math.floor(trace[i]! / perCpu) === cpu) out.push(i);
  return out;
}

/** Delta debugging over the whole trace: drop chunks of `size` steps, halving `size` down to 2. */
function dropChunks(machine: Machine, trace: number[], property: string): number[] {
  let best = trace;
  for (let size = best.length >> 1; size >= 2; size >>= 1) {
    for (let from = 0; from + size <= best.length; ) {
      const cand = execute(machine, [...best.slice(0, from), ...best.slice(from + size)], property);
      if (cand !== undefined && cand.length < best.length) best = cand;
      else from += size;
    }
  }
  return best;
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
    let mine = positionsOf(best, cpu, perCpu);
    for (let len = mine.length; len >= 2; len--) {
      for (let from = 0; from + len <= mine.length; from++) {
        const drop = new Set(mine.slice(from, from + len));
        const cand = execute(machine, best.filter((_, k) => !drop.has(k)), property);
        if (cand !== undefined && cand.length < best.length) {
          best = cand;
          mine = positionsOf(best, cpu, perCpu);
          len = Math.min(len, mine.length + 1);
          from = -1;
        }
      }
    }
  }
  return best;
}

function dropSingles(machine: Machine, trace: number[], property: string): number[] {
  let best = trace;
  for (let i = best.length - 1; i >= 0; i--) {
    const cand = execute(machine, [...best.slice(0, i), ...best.slice(i + 1)], property);
    if (cand !== undefined && cand.length < best.length) {
      best = cand;
      i = Math.min(i, best.length);
    }
  }
  return best;
}

function dropPair(machine: Machine, trace: number[], property: string): number[] | undefined {
  for (let i = trace.length - 1; i >= 1; i--) {
    for (let j = i - 1; j >= 0; j--) {
      const cand = execute(machine, trace.filter((_, k) => k !== i && k !== j), property);
      if (cand !== undefined && cand.length < trace.length) return cand;
    }
  }
  return undefined;
}

/**
 * Replaces a run of one CPU's steps (consecutive in its own order, longest first, down to a
 * single step) by a single step of the same CPU, inserted before any of that CPU's steps up to
 * where the run began; the first shorter trace that still violates wins (a one-for-one swap
 * wins when steps it made pointless, such as a handler of an IPI no longer sent, drop out).
 */
function replaceCpuRun(machine: Machine, trace: readonly number[], property: string): number[] | undefined {
  const perCpu = machine.maxActions / machine.cpus;
  for (let cpu = 0; cpu < machine.cpus; cpu++) {
    const mine = positionsOf(trace, cpu, perCpu);
    for (let len = mine.length; len >= 1; len--) {
      for (let from = 0; from + len <= mine.length; from++) {
        const drop = new Set(mine.slice(from, from + len));
        for (let at = from; at >= 0; at--) {
          const before = mine[at]!;
          for (let local = 0; local < perCpu; local++) {
            const cand: number[] = [];
            for (let k = 0; k < trace.length; k++) {
              if (k === before) cand.push(cpu * perCpu + local);
              if (!drop.has(k)) cand.push(trace[k]!);
            }
            const ran = executeDeferring(machine, cand, property);
            if (ran !== undefined && ran.length < trace.length) return ran;
          }
        }
      }
    }
  }
  return undefined;
}

/** Fewest steps: the moves of the file comment, cheapest first, until none shortens the trace. */
export function shrinkSteps(machine: Machine, trace: readonly number[], property: string): number[] {
  let best = execute(machine, trace, property) ?? [...trace];
  for (;;) {
    const start = best.length;
    best = dropChunks(machine, best, property);
    best = dropCpuRuns(machine, best, property);
    best = dropSingles(machine, best, property);
    if (best.length < start) continue;
    const paired = dropPair(machine, best, property);
    if (paired !== undefined) {
      best = paired;
      continue;
    }
    const replaced = replaceCpuRun(machine, best, property);
    if (replaced === undefined) return best;
    best = replaced;
  }
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
