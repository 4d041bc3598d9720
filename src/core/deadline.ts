/**
 * A time limit for the analyses a check runs before it explores (learning partial-order
 * footprints walks every path of every step, which on a C model can take longer than the
 * search). They take no limits argument; `withDeadline` sets one for everything they run
 * inside it, and the path enumeration and the probe exploration look at it as they go.
 */
export class DeadlinePassed extends Error {}

let deadline = Infinity;

/** Runs `f` with the time limit `at` (a `performance.now()` time); restores the previous one after. */
export function withDeadline<T>(at: number, f: () => T): T {
  const previous = deadline;
  deadline = at;
  try {
    return f();
  } finally {
    deadline = previous;
  }
}

/** Throws DeadlinePassed once the time limit set by `withDeadline` is past. */
export function checkDeadline(): void {
  if (deadline !== Infinity && performance.now() > deadline) throw new DeadlinePassed('the time limit passed');
}
