/**
 * Surviving StrykerJS mutants of src/engines and src/core that are equivalent: no test can
 * kill them because the program means the same with and without the change. Each names one
 * mutant (its file, the mutator, the replacement, and a piece of the original line that
 * identifies it, with its column where the line has two alike) and says in one line why it is
 * equivalent. bench/mutation-score.ts counts them apart and fails on an entry that matches no
 * surviving mutant (a stale entry).
 */
export interface EquivalentMutant {
  readonly file: string;
  readonly mutator: string;
  /** The mutant's replacement text, as Stryker reports it. */
  readonly replacement: string;
  /** Text of the original line the mutant is on (a substring, unique enough). */
  readonly line: string;
  /** The mutant's first column (1-based, as Stryker reports it), where the line has two alike. */
  readonly column?: number;
  readonly reason: string;
}

const PROGRESS = 'src/engines/progress.ts';
const PARTIAL_ORDER = 'src/engines/partial-order.ts';

/** Events and program choices are numbered one after the other (src/core/transitions.ts). */
const CONTIGUOUS = "a CPU's program choices are numbered right after its events (chooseBase = eventBase + events), so either branch computes the same transition";

export const EQUIVALENT: readonly EquivalentMutant[] = [
  { file: PROGRESS, mutator: 'UnaryOperator', replacement: '+1', line: 'tree.record(0, -1, -1);', column: 22, reason: "the root's action is never read: a path stops at the root (SearchTree.pathTo)" },
  { file: PROGRESS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (i >= this.bits.length) {', reason: 'grows the flags even when they are large enough: a copy into an array of the same size' },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'i <= cur.length', line: 'if (cur[i]! > max[i]!) max[i] = cur[i]!;', reason: 'one byte past the state reads undefined, which is greater than nothing, so nothing is written' },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'cur[i]! >= max[i]!', line: 'if (cur[i]! > max[i]!) max[i] = cur[i]!;', reason: 'an equal value written over itself' },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'f <= P.cpuSize', line: 'fieldMax[f] = Math.max(fieldMax[f]!, seen[P.base(c) + f]!);', reason: "one field past the block: Math.max of undefined is NaN, and a typed array drops a write past its end" },
  ...['true', 'false', 'local < e', 'local > e'].map((replacement) => ({ file: PARTIAL_ORDER, mutator: replacement.startsWith('local') ? 'EqualityOperator' : 'ConditionalExpression', replacement, line: 'if (local <= e) return table.eventBase[cpu]! + local - 1;', reason: CONTIGUOUS })),
];
