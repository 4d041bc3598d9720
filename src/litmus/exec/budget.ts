/**
 * The work budget of one litmus run: a number of candidate executions and, optionally, a
 * wall-clock deadline. Exceeding either throws `BudgetExceeded`, which the run turns into an
 * `inconclusive` answer with what was explored. The deadline is the only clock read in the
 * litmus engine; it decides whether an answer is given, never which one.
 */
export class BudgetExceeded extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

export interface BudgetLimits {
  /** Candidate executions examined (rf and co chosen), at most. */
  readonly maxCandidates: number;
  /** Milliseconds of wall-clock time, or null for none. */
  readonly timeoutMs: number | null;
}

export const DEFAULT_LIMITS: BudgetLimits = { maxCandidates: 20_000_000, timeoutMs: null };

export class Budget {
  candidates = 0;
  private readonly deadline: number | null;

  constructor(readonly limits: BudgetLimits) {
    this.deadline = limits.timeoutMs === null ? null : performance.now() + limits.timeoutMs;
  }

  /** Counts one unit of work; throws when the budget is spent. */
  tick(): void {
    this.candidates++;
    if (this.candidates > this.limits.maxCandidates) throw new BudgetExceeded(`more than ${this.limits.maxCandidates} candidate executions`);
    if (this.deadline !== null && (this.candidates & 63) === 0) this.checkTime();
  }

  checkTime(): void {
    if (this.deadline !== null && performance.now() > this.deadline) throw new BudgetExceeded(`over the time budget of ${this.limits.timeoutMs} ms`);
  }
}
