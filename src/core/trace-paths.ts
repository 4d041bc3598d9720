/**
 * Runs a closure over the byte state on every path through it. The closure sees a tracing
 * view of a state: the first read of a byte branches over every value of the byte's domain
 * (depth-first, re-running the closure per path), a byte it wrote reads back what it wrote.
 * Closures are deterministic functions of the bytes they read (no randomness, no clock: the
 * model's rules), so the paths enumerated are all the paths there are.
 *
 * A path on which the closure throws StepBlocked (./step-blocked.ts) is a path through states
 * where a step cannot run: the engines never run it there (a step runs only where it is
 * enabled, and a run that blocked would stop the search), so the path is dropped: its reads
 * and writes are not the step's, and it is not among the paths returned. It still counts
 * towards the limit.
 */
import { checkDeadline } from './deadline.js';
import type { State } from './model.js';
import { StepBlocked } from './step-blocked.js';

/** Paths enumerated per closure before giving up. */
export const MAX_PATHS = 100_000;

export class TooManyPaths extends Error {
  constructor(limit = MAX_PATHS) {
    super(`more than ${limit} paths through one step`);
  }
}

/** One path: the bytes read (in order, with the value seen) and what the closure returned. */
export interface PathRecord {
  readonly reads: readonly (readonly [number, number])[];
  readonly result: boolean;
}

export interface TracedPaths {
  /** Bytes read before the closure wrote them, on some path (blocked paths left out). */
  readonly reads: ReadonlySet<number>;
  /** Bytes written on some path (blocked paths left out). */
  readonly writes: ReadonlySet<number>;
  /** The paths on which the closure did not throw StepBlocked. */
  readonly paths: PathRecord[];
  /** Paths run, blocked ones included. */
  readonly tried: number;
}

/** Runs the closure on one path; undefined when it threw StepBlocked there. */
function runPath(f: (s: State) => boolean | void, view: State): boolean | undefined {
  try {
    return f(view) === true;
  } catch (e) {
    if (e instanceof StepBlocked) return undefined;
    throw e;
  }
}

function indexOf(key: string): number | undefined {
  if (key.length === 0 || key.length > 6) return undefined;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(key);
}

export function tracePaths(size: number, domain: (byte: number) => readonly number[], f: (s: State) => boolean | void, maxPaths = MAX_PATHS): TracedPaths {
  const reads = new Set<number>();
  const writes = new Set<number>();
  const paths: PathRecord[] = [];
  const choices: number[] = [];
  const widths: number[] = [];
  for (let tried = 0; ; tried++) {
    if (tried >= maxPaths) throw new TooManyPaths(maxPaths);
    if ((tried & 63) === 0) checkDeadline();
    const backing = new Uint8Array(size);
    const fixed = new Map<number, number>();
    const written = new Map<number, number>();
    const seen: [number, number][] = [];
    let k = 0;
    const read = (i: number): number => {
      const w = written.get(i);
      if (w !== undefined) return w;
      const v = fixed.get(i);
      if (v !== undefined) return v;
      const dom = domain(i);
      if (k === choices.length) {
        choices.push(0);
        widths.push(dom.length);
      }
      const val = dom[choices[k]!] ?? 0;
      k++;
      fixed.set(i, val);
      seen.push([i, val]);
      return val;
    };
    const view = new Proxy(backing, {
      get(_target, prop) {
        if (typeof prop === 'string') {
          const i = indexOf(prop);
          if (i !== undefined) return i < size ? read(i) : undefined;
          if (prop === 'length') return size;
        }
        throw new Error(`footprint: a step used state.${String(prop)}; steps may only index the state`);
      },
      set(target, prop, value: number) {
        const i = typeof prop === 'string' ? indexOf(prop) : undefined;
        if (i === undefined) throw new Error(`footprint: a step wrote state.${String(prop)}`);
        // Like a typed array: a write past the end (a CPU number no model of this size has,
        // from a value domain wider than the reachable values) is dropped.
        if (i >= size) return true;
        written.set(i, value & 0xff);
        target[i] = value;
        return true;
      },
    });
    const result = runPath(f, view);
    if (result !== undefined) {
      for (const [i] of seen) reads.add(i);
      for (const i of written.keys()) writes.add(i);
      paths.push({ reads: seen, result });
    }
    choices.length = k;
    widths.length = k;
    let j = k - 1;
    while (j >= 0 && choices[j]! + 1 >= widths[j]!) j--;
    if (j < 0) return { reads, writes, paths, tried: tried + 1 };
    choices[j]!++;
    choices.length = j + 1;
    widths.length = j + 1;
  }
}

/** An analysis ran out of its PathBudget. */
export class PathBudgetSpent extends Error {
  constructor(readonly total: number) {
    super(`more than ${total} paths in all`);
  }
}

/**
 * A bound on the paths one analysis runs over all its closures, for an analysis that only
 * speeds a search up and may give up (the footprints of partial-order reduction). A closure
 * still stops at MAX_PATHS (TooManyPaths: the caller over-approximates that closure); once
 * the paths run in all pass `total`, `trace` throws PathBudgetSpent instead.
 */
export class PathBudget {
  private spent = 0;
  constructor(readonly total: number) {}

  /** No bound but MAX_PATHS per closure (analyses that must not give up). */
  static unbounded(): PathBudget {
    return new PathBudget(Number.MAX_SAFE_INTEGER - MAX_PATHS);
  }

  trace(size: number, domain: (byte: number) => readonly number[], f: (s: State) => boolean | void): TracedPaths {
    const left = this.total - this.spent;
    // One more than is left: running past the budget is seen as running it out.
    const limit = Math.min(MAX_PATHS, left + 1);
    try {
      const r = tracePaths(size, domain, f, limit);
      this.spend(r.tried);
      return r;
    } catch (e) {
      if (e instanceof TooManyPaths) this.spend(limit);
      throw e;
    }
  }

  private spend(n: number): void {
    this.spent += n;
    if (this.spent > this.total) throw new PathBudgetSpent(this.total);
  }
}
