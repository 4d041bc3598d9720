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

const BFS = 'src/engines/bfs.ts';
const CUTOFF = 'src/engines/cutoff.ts';
const PARTIAL_ORDER = 'src/engines/partial-order.ts';
const PROGRESS = 'src/engines/progress.ts';
const STATE_STORE = 'src/engines/state-store.ts';
const STUBBORN = 'src/engines/stubborn.ts';
const SYMMETRY = 'src/engines/symmetry.ts';
const DFS = 'src/engines/dfs.ts';
const CONCRETIZE = 'src/engines/concretize.ts';
const OVERLAY = 'src/engines/overlay.ts';
const SYMMETRY_REACHABLE = 'src/engines/symmetry-reachable.ts';

/** The visited set compares whole states, so the hash decides only where a state is looked for. */
const ANOTHER_HASH = 'another hash with the same spread (the hash test holds): the visited set compares whole states, so only where a state is looked for changes';
/** The arena's spare room is never read. */
const ARENA = 'the arena grows larger or sooner than needed: the same states in it, and nothing reads its spare room or reports it';
/** A global byte's block number is negative either way. */
const GLOBAL_BLOCK = "a global byte's block number, (i - cpuBase) / cpuSize rounded down, is negative as -1 is, and no CPU has a negative number";
/** Events and program choices are numbered one after the other (src/core/transitions.ts). */
const CONTIGUOUS = "a CPU's program choices are numbered right after its events (chooseBase = eventBase + events), so either branch computes the same transition";

/** A closure that reaches the best size so far is never chosen. */
const CLOSURE_LIMIT = 'a set is taken only if smaller than the best so far, so a closure at the best size is never chosen: stopping it later, or not at all, changes only the work';
/** Typed arrays drop writes past their end. */
const PAST_END = "the extra round writes one word past the array's end, which a typed array drops";

/** The reachable-state check's size limit bounds only its work. */
const REACHABLE_LIMIT = 'without the size limit the check explores every reachable state and is exact: only its time and memory change';

/** Equivalent mutants of the random engine, its scheduler, the shrinker and the edge log (issue 18, worktree engkill). */
const EDGE_LOG = 'src/engines/edge-log.ts';
const SCHEDULE = 'src/engines/schedule.ts';
const RANDOM = 'src/engines/random.ts';
const SHRINK = 'src/engines/shrink.ts';
const SHRINK_EXECUTE = 'src/engines/shrink-execute.ts';
/** A loop one step past a typed array, or past the CPUs, reads undefined and writes nothing. */
const ONE_PAST = 'one step past the end: the read is undefined (counts as nothing) and a typed array drops the write';
/** Once a CPU is picked, r is below 0 and no other CPU can be picked. */
const PICKED = 'once a CPU is picked, r has gone below 0, so going on through the CPUs picks no other';
/** The shrinker's candidates: each is run by `execute`, which returns at most the list it is given. */
const SHORTER_ALWAYS = 'a candidate list is shorter than the trace and execute returns at most its list, so a candidate found is always shorter: the comparison never decides';
const NO_SUCH_CPU = 'a CPU past the last has no steps: no positions, no runs, nothing tried';
const RANDOM_SHRINK_EQUIVALENT: readonly EquivalentMutant[] = [
  { file: EDGE_LOG, mutator: 'EqualityOperator', replacement: 'this.count > this.maxEdges', line: 'if (this.count >= this.maxEdges) {', reason: 'at the limit the edge past it is stored instead of only counted: the count is one past the limit either way, pairs() stops at the limit and an incomplete log is not judged' },
  { file: EDGE_LOG, mutator: 'EqualityOperator', replacement: 'e <= n', line: 'for (let e = 0; e < n; e++) {', reason: ONE_PAST },
  { file: EDGE_LOG, mutator: 'EqualityOperator', replacement: 'i <= states', line: 'for (let i = 0; i < states; i++) start[i + 1]! += start[i]!;', reason: ONE_PAST },
  { file: EDGE_LOG, mutator: 'EqualityOperator', replacement: 'i <= states', line: 'for (let i = 0; i < states; i++) {', reason: 'state number `states` does not exist: done[states] is undefined, so it is marked (dropped, past the end) and pushed, and popping it finds no predecessors (start[states + 1] is undefined)' },
  { file: EDGE_LOG, mutator: 'EqualityOperator', replacement: 'sp >= 0', line: 'while (sp > 0) {', reason: 'one more round pops stack[-1], undefined, which has no predecessors' },
  { file: EDGE_LOG, mutator: 'EqualityOperator', replacement: 'i <= states', line: 'for (let i = 0; i < states; i++) ok[i] = ok[i] === 0 ? 1 : 0;', reason: ONE_PAST },
  { file: SCHEDULE, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (last >= 0 && count[last]! > 0 && stickDraw < stickiness) cpu = last;', column: 7, reason: 'without `last >= 0`, last = -1 reads count[-1], undefined, which is not > 0: no CPU to stick to either way' },
  { file: SCHEDULE, mutator: 'EqualityOperator', replacement: 'c <= count.length', line: 'for (let c = 0; c < count.length; c++) if (count[c]! > 0) live++;', reason: ONE_PAST },
  { file: SCHEDULE, mutator: 'UpdateOperator', replacement: 'live--', line: 'for (let c = 0; c < count.length; c++) if (count[c]! > 0) live++;', reason: 'cpuDraw % -live is cpuDraw % live in JavaScript (the sign follows the dividend, here >= 0)' },
  { file: SCHEDULE, mutator: 'EqualityOperator', replacement: 'c <= count.length', line: 'for (let c = 0; c < count.length && cpu < 0; c++)', reason: PICKED },
  { file: SCHEDULE, mutator: 'ConditionalExpression', replacement: 'true', line: 'for (let c = 0; c < count.length && cpu < 0; c++)', column: 41, reason: PICKED },
  { file: SCHEDULE, mutator: 'EqualityOperator', replacement: 'cpu <= 0', line: 'for (let c = 0; c < count.length && cpu < 0; c++)', reason: PICKED },
  { file: SCHEDULE, mutator: 'EqualityOperator', replacement: 'k <= n', line: 'for (let k = 0; k < n; k++) if (Math.floor(enabled[k]! / perCpu) === cpu && r-- === 0)', reason: 'r starts below the chosen CPU\'s count of enabled steps, so the step is returned before k reaches n' },
  { file: RANDOM, mutator: 'EqualityOperator', replacement: 'out.trace.length >= deepest', line: 'if (out.trace.length > deepest) deepest = out.trace.length;', reason: 'at an equal length the same value is written again' },
  { file: RANDOM, mutator: 'StringLiteral', replacement: '``', line: 'random counterexample did not replay', reason: 'never thrown: a run is a pure function of its choices (runChoices), so the failing run fast-check reports fails again when replayed' },
  { file: SHRINK_EXECUTE, mutator: 'EqualityOperator', replacement: 'i <= pending.length', line: 'for (let i = 0; i < pending.length; i++) {', reason: 'one past the list reads undefined, which is no enabled action and no CPU: nothing is picked or marked' },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'i <= trace.length', line: 'for (let i = 0; i < trace.length; i++) if (Math.floor(trace[i]! / perCpu) === cpu) out.push(i);', reason: 'trace[length] is undefined, and Math.floor(NaN) is no CPU: nothing is added' },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'from - size', line: 'for (let from = 0; from + size <= best.length; ) {', reason: 'the extra candidates, past the last whole chunk, are prefixes of the trace (or the trace itself), which never reproduce it shorter' },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'from + size < best.length', line: 'for (let from = 0; from + size <= best.length; ) {', reason: "the chunk left out is the one that ends the trace, which holds the violating step: what is left is a prefix of a run that reached no violation before that step, so it never reproduces" },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (cand !== undefined && cand.length < best.length) best = cand;', column: 33, reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'cand.length <= best.length', line: 'if (cand !== undefined && cand.length < best.length) best = cand;', reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'cpu <= machine.cpus', line: 'for (let cpu = 0; cpu < machine.cpus; cpu++) {', reason: NO_SUCH_CPU },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (cand !== undefined && cand.length < best.length) {', column: 35, reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (cand !== undefined && cand.length < best.length) {', column: 31, reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'cand.length <= best.length', line: 'if (cand !== undefined && cand.length < best.length) {', reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (cand !== undefined && cand.length < trace.length) return cand;', column: 33, reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'cand.length <= trace.length', line: 'if (cand !== undefined && cand.length < trace.length) return cand;', reason: SHORTER_ALWAYS },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'best.length + 1', line: 'for (let i = best.length - 1; i >= 0; i--) {', reason: 'the first candidates (i past the end) are the whole trace, which is not shorter' },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'trace.length + 1', line: 'for (let i = trace.length - 1; i >= 1; i--) {', reason: 'with i past the end the "pairs" are the whole trace or single deletions, and pairs are tried only after dropSingles found no single deletion of this same trace' },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'i + 1', line: 'for (let j = i - 1; j >= 0; j--) {', reason: 'the extra candidates, (i, i + 1) and i alone, were already tried on this same trace: the pair one round earlier of the outer loop, the single by dropSingles' },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'k <= trace.length', line: 'for (let k = 0; k < trace.length; k++) {', reason: 'appends trace[length], undefined, to the candidate: it names no action, is never picked, and goes last' },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'i <= best.length', line: 'for (let i = 1; i < best.length && !improved; i++) {', reason: 'the extra candidate is the trace with undefined inserted, which execute passes over: the same trace, the same switches' },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'j <= i', line: 'for (let j = 0; j < i && !improved; j++) {', reason: 'moving step i to place i gives the trace itself: the same switches' },
];
const LASSO = 'src/core/lasso.ts';
const WHY_BLOCKED = 'src/core/why-blocked.ts';
const COMPILE = 'src/core/compile.ts';
const FOOTPRINT = 'src/core/footprint.ts';
const STICKY = 'src/core/sticky.ts';
const TRACE_PATHS = 'src/core/trace-paths.ts';
const TRANSITIONS = 'src/core/transitions.ts';

/** Canonical order: blocks compared or swapped only where it makes no difference. */
const EQUAL_BLOCKS = 'reached only where the two blocks are equal, or past the group (undefined, so NaN, which is not above 0): swapping equal blocks changes nothing';
/** mergeLocs's comparator: the map holds one location per key, so no two keys compared are equal. */
const DISTINCT_KEYS = "no two locations sorted have the same key (the map holds one per key), so `<=` is `<`, `>=` is `>`, and past `<` the key is above; returning 0 there instead of 1 leaves the comparator a strict 'less than', all V8's sort asks (checked on random and run-structured arrays up to 4,000)";
/** Bitsets of the transition table. */
const BITS_PAST_END = 'bitsets wider than needed, or read one word past the end (undefined, so 0): no transition writes or reads a byte past the state';

/** A pair probe that changes at most one field of the pair. */
const SINGLE_CHANGE = 'a probe that changes one field of the pair, or neither, is a single change (or the state itself), which unblocking pairs are tried only after finding does not unblock';

/** The parallel BFS (src/engines/parallel, issue 18, worktree guards). */
const PBFS = 'src/engines/parallel/pbfs.ts';
const POOL = 'src/engines/parallel/pool.ts';
const EXPLORER = 'src/engines/parallel/explorer.ts';
const WORKER = 'src/engines/parallel/worker.ts';
const REHASH_TIMING = 'only when the workers pause for a rehash: sooner (more pauses, the same states) or up to two batches later, within the slack the table is sized for (at least 8 x slack slots, so never past 3/4 full)';
const WORKER_DEADLINE = 'a deadline passed before a level is caught by the coordinator first; one passing in the middle of a level depends on timing: no deterministic test';
const DROPPED_LOG = "only memory: the edge log is kept after the coordinator said to drop it (past maxEdges), but it judges progress only while every worker logs, and counts the log's bytes from its own flag; no test measures a worker's memory";
const SHARED_VISITED = 'src/engines/parallel/shared-visited.ts';
const JUDGE = 'src/engines/parallel/judge.ts';
const FORWARD_EDGES = 'src/engines/parallel/forward-edges.ts';
const TABLE = 'src/engines/parallel/table.ts';
const PARALLEL_EQUIVALENT: readonly EquivalentMutant[] = [
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'false', line: 'return workers <= 1 ? 0 : 32 - Math.clz32(workers - 1);', reason: 'for one worker 32 - clz32(0) is 0 as well, and there are never 0 workers' },
  { file: SHARED_VISITED, mutator: 'EqualityOperator', replacement: 'workers < 1', line: 'return workers <= 1 ? 0 : 32 - Math.clz32(workers - 1);', reason: 'for one worker 32 - clz32(0) is 0 as well, and there are never 0 workers' },
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'true', line: 'return h === 0 ? 1 : h;', reason: 'every state\'s stored hash is 1, so every probe starts at the same slot and runs long; the set compares whole states, so the same states are found' },
  { file: SHARED_VISITED, mutator: 'EqualityOperator', replacement: 'need < own.length', line: 'if (need <= own.length) return true;', reason: 'the arena grows larger or sooner than needed: the same states in it, and nothing reads its spare room or reports it' },
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (sh === 0) {', column: 11, reason: 'a compare-exchange on a taken slot fails and returns the slot\'s hash, as reading it did' },
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (sh === h) {', reason: 'the hash only filters: with it every claimed slot\'s state is compared word by word (its id is published, or about to be), so the same states are found' },
  { file: SHARED_VISITED, mutator: 'EqualityOperator', replacement: '((id >>> this.bits) + 1) * this.words < v.length', line: 'if (((id >>> this.bits) + 1) * this.words <= v.length) return v;', reason: 'a fresh view also when the state ends exactly at the old view\'s end: a view of the same arena, the same words' },
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (((id >>> this.bits) + 1) * this.words <= v.length) return v;', reason: 'a fresh view at every read: a view of the same arena, the same words, only slower' },
  { file: FORWARD_EDGES, mutator: 'BooleanLiteral', replacement: 'true', line: 'dropped = false;', reason: 'nothing reads `dropped`' },
  { file: FORWARD_EDGES, mutator: 'BooleanLiteral', replacement: 'false', line: 'this.dropped = true;', reason: 'nothing reads `dropped`' },
  { file: FORWARD_EDGES, mutator: 'EqualityOperator', replacement: 'i <= sources.length', line: 'for (let i = 0; i < sources.length; i++) sources[i] =', reason: 'one past the end of the view: the read is undefined and the typed array drops the write' },
  { file: FORWARD_EDGES, mutator: 'EqualityOperator', replacement: 'e <= targets.length', line: 'for (let e = 0; e < targets.length; e++) targets[e] =', reason: 'one past the end of the view: the read is undefined and the typed array drops the write' },
  { file: JUDGE, mutator: 'ArithmeticOperator', replacement: 'n + 1', line: 'for (let i = n - 1; i >= 0; i--) if (canFinish[adj.sources[i]!] === 0)', reason: 'starts one past the last source: adj.sources[n] is undefined, canFinish[undefined] is not 0, nothing is added' },
  { file: JUDGE, mutator: 'ConditionalExpression', replacement: 'true', line: 'for (let i = n - 1; i >= 0; i--) if (canFinish[adj.sources[i]!] === 0)', reason: 'marked sources are listed too: a pass passes over a marked source and drops it from the list, marking the same states' },
  { file: JUDGE, mutator: 'EqualityOperator', replacement: 'k <= this.left', line: 'for (let k = 0; k < this.left; k++) {', reason: 'one entry past the live list: undefined (no source) or a stale index of a source handled already; a source is marked only when a successor is, so the fixpoint is the same, only the pass that marks a state can change' },
  { file: JUDGE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (canFinish[s] !== 0) continue;', reason: 'a listed source is never found marked: each state is expanded by one worker, and a source leaves the list when its own pass marks it' },
  { file: JUDGE, mutator: 'EqualityOperator', replacement: 'e <= targets.length', line: 'for (let e = 0; e < targets.length; e++) first[targets[e]! + 1]!++;', reason: 'one past the end: targets[length] is undefined, first[NaN] is no element, nothing is counted' },
  { file: JUDGE, mutator: 'EqualityOperator', replacement: 'i <= states', line: 'for (let i = 0; i < states; i++) first[i + 1]! += first[i]!;', reason: 'one past the end: the typed array drops the write to first[states + 1]' },
  { file: JUDGE, mutator: 'EqualityOperator', replacement: 'i <= sources.length', line: 'for (let i = 0; i < sources.length; i++) {', reason: 'one source past the end: starts[length + 1] is undefined, so it has no targets' },
  { file: JUDGE, mutator: 'EqualityOperator', replacement: 'i <= states', line: 'for (let i = 0; i < states; i++) if (canFinish[i] !== 0) stack[sp++] = i;', reason: 'state number `states` does not exist: canFinish[states] is undefined (not 0), so it is pushed, and popping it finds no predecessors (first[states + 1] is undefined)' },
  { file: JUDGE, mutator: 'EqualityOperator', replacement: 'sp >= 0', line: 'while (sp > 0) {', reason: 'one more round pops stack[-1], undefined, which has no predecessors' },
  { file: TABLE, mutator: 'EqualityOperator', replacement: 's <= old.length', line: 'for (let s = 0; s < old.length; s += 2) {', reason: 'one pair past the old table: its undefined hash and id are written as 0 into an empty slot, which stays empty' },
  { file: TABLE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (id1 === 0) continue;', reason: 'an empty pair is copied too: 0 and 0 written into an empty slot, which stays empty' },
  { file: TABLE, mutator: 'EqualityOperator', replacement: 'states * 4 >= slots', line: 'while (states * 4 > slots) slots *= 2;', reason: 'a table twice as large when exactly a quarter full: the same entries, only memory' },
  { file: TABLE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (slots === this.slots) return;', reason: 'a rehash into a table of the same size: the same entries in a new buffer, which the workers switch to' },
  { file: EXPLORER, mutator: 'ArrayDeclaration', replacement: 'new Array()', line: 'this.starts = new Array<number>(workers).fill(0);', reason: "startLevel writes every worker's start before any is read" },
  { file: EXPLORER, mutator: 'ArrayDeclaration', replacement: 'new Array()', line: 'this.lengths = new Array<number>(workers).fill(0);', reason: "startLevel writes every worker's length before any is read" },
  { file: EXPLORER, mutator: 'EqualityOperator', replacement: 'w <= this.workers', line: 'for (let w = 0; w < this.workers; w++) {', reason: 'one more frontier range, read past the control block (undefined), is never claimed: claim goes through `workers` ranges only' },
  { file: EXPLORER, mutator: 'EqualityOperator', replacement: 'this.ranges >= 0', line: 'while (this.ranges > 0) {', reason: "one more claim, on the worker's own range, already drained (its cursor past its end, and reset only by the coordinator), before giving up" },
  ...[
    ['ConditionalExpression', 'true', 'if (++this.unflushed === INSERT_BATCH) {'],
    ['EqualityOperator', '++this.unflushed !== INSERT_BATCH', 'if (++this.unflushed === INSERT_BATCH) {'],
    ['ConditionalExpression', 'true', 'if (Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH >= Atomics.load(this.ctl, INSERT_LIMIT))'],
    ['EqualityOperator', 'Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH > Atomics.load(this.ctl, INSERT_LIMIT)', 'if (Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH >= Atomics.load(this.ctl, INSERT_LIMIT))'],
    ['EqualityOperator', 'Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH < Atomics.load(this.ctl, INSERT_LIMIT)', 'if (Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH >= Atomics.load(this.ctl, INSERT_LIMIT))'],
    ['ArithmeticOperator', 'Atomics.add(this.ctl, INSERTED, INSERT_BATCH) - INSERT_BATCH', 'if (Atomics.add(this.ctl, INSERTED, INSERT_BATCH) + INSERT_BATCH >= Atomics.load(this.ctl, INSERT_LIMIT))'],
  ].map(([mutator, replacement, line]) => ({ file: EXPLORER, mutator: mutator!, replacement: replacement!, line: line!, reason: REHASH_TIMING })),
  { file: EXPLORER, mutator: 'EqualityOperator', replacement: 'i <= this.violated.index', line: '} else if ((this.violated === null || i < this.violated.index) && !p.check(s)) {', reason: 'a state violating the property already recorded records it again: the same index and name' },
  { file: EXPLORER, mutator: 'MethodExpression', replacement: '[...this.reached]', line: "return { kind: 'report', reached: [...this.reached].sort() };", reason: "the coordinator sorts the union of the workers' lists" },
  { file: WORKER, mutator: 'StringLiteral', replacement: '""', line: "if (port === null) throw new Error('worker.ts runs as a worker thread');", reason: 'never thrown: worker.ts runs only as a worker thread, started by the pool' },
  { file: WORKER, mutator: 'ObjectLiteral', replacement: '{}', line: ".with({ kind: 'edges' }, () => {", reason: "the last pattern: every other kind of message is matched by an earlier one, so matching anything there matches only 'edges'" },
  ...[
    ['ConditionalExpression', 'false'],
    ['StringLiteral', '``'],
  ].map(([mutator, replacement]) => ({ file: POOL, mutator: mutator!, replacement: replacement!, line: 'if (r.kind !== kind) throw new Error(', reason: 'every worker answers each message with the reply of its kind (worker.ts), so the check never fails: it guards the protocol against a programming error' })),
  { file: PBFS, mutator: 'ArithmeticOperator', replacement: 'table.slots / 2 + slack', line: 'ctl[INSERT_LIMIT] = table.slots / 2 - slack;', reason: 'the workers pause for a rehash up to 2 x slack insertions later; the table has at least 8 x slack slots (grown to 2 x slack states at a quarter full), so it is at most 3/4 full and every probe still ends at an empty slot: the same states, only longer probes' },
  { file: PBFS, mutator: 'ConditionalExpression', replacement: 'false', line: "else if (Date.now() > deadline) stop = 'timeout';", reason: "the workers check the same deadline before claiming any state of the level (Explorer.claim) and halt with Halt.timeout: the level is not expanded either way, and the run is inconclusive with the same counts" },
  { file: PBFS, mutator: 'EqualityOperator', replacement: 'w <= workers', line: 'for (let w = 0; w < workers; w++) ctl[cursor(w)] = 0;', reason: "cursor(workers) is a cache line no worker uses (or, with 64 workers, INSERTED, which runLevel sets right after)" },
  { file: PBFS, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (sum(counts) > sum(prev) || violated !== null) depth++;', column: 38, reason: 'a violation found in a level is a state inserted in it, so that level added states and depth is counted either way' },
  { file: PBFS, mutator: 'ConditionalExpression', replacement: 'false', line: 'bytesPerState: states === 0 ? 0 : bytes / states', reason: 'worker 0 inserts the initial state before any report, so states is never 0' },
];
/** Timing and sizes the fast set cannot reach deterministically. */
const TWO_FIRSTS = 'needs two workers whose first violated properties differ, and which worker inserts which state depends on timing: no deterministic test';
const MID_LEVEL_DEADLINE = 'a deadline passing in the middle of a level (the workers halt with Halt.timeout) depends on timing: no deterministic test; a deadline passed before a level is tested';
const PARALLEL_NOT_KILLED: readonly EquivalentMutant[] = [
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (sh === 0) {', column: 13, reason: 'a compare-exchange lost to another worker that claimed the empty slot between the read and the exchange: no deterministic test makes two threads race' },
  { file: SHARED_VISITED, mutator: 'ArithmeticOperator', replacement: 'at - 1', line: 'while (id1 === 0) id1 = Atomics.load(table, at + 1);', reason: 'waits for an id another worker has claimed but not yet published: only when two workers insert states of the same hash at once, which no deterministic test arranges' },
  { file: SHARED_VISITED, mutator: 'ConditionalExpression', replacement: 'false', line: 'while (id1 === 0) id1 = Atomics.load(table, at + 1);', reason: 'waits for an id another worker has claimed but not yet published: only when two workers insert states of the same hash at once, which no deterministic test arranges' },
  { file: SHARED_VISITED, mutator: 'EqualityOperator', replacement: 'this.count + more >= this.capacity', line: 'if (this.count + more > this.capacity) return false;', reason: 'refuses one state short of the capacity (2^25 - 2 states for 64 workers, else 4 GiB of states): a test at the exact limit would grow an arena that large' },
  ...['true', 'false'].map((replacement) => ({ file: EXPLORER, mutator: 'ConditionalExpression', replacement, line: 'if (this.symmetry) this.machine.canonicalize(s0);', reason: "differs only for a model whose initial state is not its own canonical form (the single-threaded BFS's toy has one); a worker builds only scenarios by name, and every scenario's CPUs of a role start alike" })),
  { file: EXPLORER, mutator: 'UnaryOperator', replacement: 'r', line: 'this.admit(~r);', reason: "the initial state admitted under a wrong index: differs only where it is already finished (no CPU has a step), which no scenario's is" },
  { file: EXPLORER, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (Atomics.load(ctl, HALT) !== Halt.none) break;', reason: "workers that ignore HALT finish the level, and the coordinator rehashes at its end: the table overfills only if one level adds more states than its free half, which no model in the fast set does" },
  { file: EXPLORER, mutator: 'BlockStatement', replacement: '{}', line: 'if (!this.visited.reserve(this.machine.maxActions)) {', reason: 'an arena full (2^31 ids, or 4 GiB of states, per worker) is beyond any test' },
  ...[
    ['ConditionalExpression', 'false', 9],
    ['EqualityOperator', 'Date.now() >= this.deadline', 9],
    ['BlockStatement', '{}', 37],
  ].map(([mutator, replacement, column]) => ({ file: EXPLORER, mutator: String(mutator), replacement: String(replacement), line: 'if (Date.now() > this.deadline) {', column: Number(column), reason: WORKER_DEADLINE })),
  { file: EXPLORER, mutator: 'BooleanLiteral', replacement: 'true', line: 'return false;', reason: WORKER_DEADLINE },
  { file: EXPLORER, mutator: 'ArithmeticOperator', replacement: '(this.range + 1) * this.workers', line: 'this.range = (this.range + 1) % this.workers;', reason: "a worker then claims only its own range: every range is still drained by its owner, with no work shared; past 36 workers the claim reaches past the control block and throws; no test runs that many" },
  { file: EXPLORER, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (this.logEdges) this.edges.source(id);', reason: DROPPED_LOG },
  { file: EXPLORER, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (this.logEdges) this.edges.add(r >= 0 ? r : ~r);', column: 11, reason: DROPPED_LOG },
  { file: EXPLORER, mutator: 'EqualityOperator', replacement: 'r > 0', line: 'if (this.logEdges) this.edges.add(r >= 0 ? r : ~r);', reason: 'only an edge back to the initial state (id 0) is logged wrong; no model in the fast set returns to its initial state from a state that cannot finish' },
  ...[
    ['ConditionalExpression', 'true'],
    ['EqualityOperator', 'r <= 0'],
  ].map(([mutator, replacement]) => ({ file: EXPLORER, mutator: mutator!, replacement: replacement!, line: 'if (r < 0) this.admit(~r);', reason: 'a state found again is admitted again: the same properties checked and finished mark set (under an index past the flags read), and the insertion count runs ahead, so rehashes come sooner; no test sees another result' })),
  { file: EXPLORER, mutator: 'BlockStatement', replacement: '{}', line: 'dropEdges(): void {', reason: DROPPED_LOG },
  ...[
    ['BooleanLiteral', 'this.logEdges'],
    ['ConditionalExpression', 'true'],
    ['ConditionalExpression', 'false'],
  ].map(([mutator, replacement]) => ({ file: EXPLORER, mutator: mutator!, replacement: replacement!, line: 'if (!this.logEdges) return;', reason: DROPPED_LOG })),
  { file: EXPLORER, mutator: 'BooleanLiteral', replacement: 'true', line: 'this.logEdges = false;', reason: DROPPED_LOG },
  { file: EXPLORER, mutator: 'ArrayDeclaration', replacement: '[]', line: 'return { adjacency, transfer: [adjacency.sources.buffer', reason: 'the edges are copied to the coordinator instead of moved: the same edges, only memory and time; no test measures them' },
  { file: WORKER, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (s.id === 0) explorer.seed();', reason: 'every worker seeds: the initial state is inserted once, by whichever is first, and found by the others, which admit it again under a wrong index: the same counts and verdicts; no test sees another result' },
  { file: WORKER, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (!r.logEdges) e.dropEdges();', reason: DROPPED_LOG },
  { file: POOL, mutator: 'StringLiteral', replacement: '""', line: "const ts = import.meta.url.endsWith('.ts');", reason: 'the built CLI (dist/) loads worker.js; the tests run the sources (.ts), where both branches load worker-tsx.mjs: only a test of the built CLI would tell' },
  { file: POOL, mutator: 'StringLiteral', replacement: '""', line: "const url = new URL(ts ? './worker-tsx.mjs' : './worker.js', import.meta.url);", reason: 'the built CLI (dist/) loads worker.js; the tests run the sources (.ts) and never take this branch: only a test of the built CLI would tell' },
  ...[
    ['ConditionalExpression', 'true', 27],
    ['ConditionalExpression', 'true', 42],
    ['ConditionalExpression', 'false', 60],
    ['EqualityOperator', 'v.index <= first.index', 60],
    ['EqualityOperator', 'v.index >= first.index', 60],
  ].map(([mutator, replacement, column]) => ({ file: PBFS, mutator: String(mutator), replacement: String(replacement), line: 'for (const v of vs) if (v !== null && (first === null || v.index < first.index)) first = v;', column: Number(column), reason: TWO_FIRSTS })),
  { file: PBFS, mutator: 'EqualityOperator', replacement: 'Date.now() >= deadline', line: "else if (Date.now() > deadline) stop = 'timeout';", reason: "stopping on the deadline's own millisecond rather than after it: no deterministic test lands on that millisecond" },
  { file: PBFS, mutator: 'ConditionalExpression', replacement: 'false', line: "if (halt === Halt.timeout) stop = 'timeout';", reason: MID_LEVEL_DEADLINE },
  { file: PBFS, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (stop !== null) break;', column: 11, reason: MID_LEVEL_DEADLINE },
  { file: PBFS, mutator: 'ConditionalExpression', replacement: 'false', line: "else if (halt === Halt.full) stop = 'max-states';", reason: 'an arena full (2^31 ids, or 4 GiB of states, per worker) is beyond any test' },
];

export const EQUIVALENT: readonly EquivalentMutant[] = [
  { file: BFS, mutator: 'UnaryOperator', replacement: '+1', line: 'record(i0, -1, -1);', column: 18, reason: "the root's action is never read: a path stops at the root (SearchTree.pathTo)" },
  { file: BFS, mutator: 'ConditionalExpression', replacement: 'false', line: 'bytesPerState: store.count === 0 ? 0 :', reason: 'the initial state is stored before any report, so the count is never 0' },
  { file: BFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (unreached > 0) {', reason: 'once every race window is reached, looking again finds nothing new' },
  { file: BFS, mutator: 'EqualityOperator', replacement: 'unreached >= 0', line: 'if (unreached > 0) {', reason: 'once every race window is reached, looking again finds nothing new' },
  { file: BFS, mutator: 'UpdateOperator', replacement: 'unreached++', line: 'unreached--;', reason: 'the count only decides whether to look at the windows again, and looking again finds nothing new' },
  { file: BFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (edges !== undefined && machine.finished(cur)) done.set(head);', reason: 'the finished flags are read only with the edges, to judge progress; without edges they are set and never read' },
  ...['true', 'n >= 1'].map((replacement) => ({ file: BFS, mutator: replacement === 'true' ? 'ConditionalExpression' : 'EqualityOperator', replacement, line: 'if (por !== undefined && n > 1) {', column: 30, reason: 'with one enabled action or none the stubborn set is every action (reduce returns n), so the attempts stop at once and the state is expanded in full' })),
  { file: BFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (por !== undefined && n > 1 && tried[k] === 1) continue;', column: 13, reason: 'without partial-order reduction nothing marks an action tried: `tried` stays all zeros' },
  { file: STATE_STORE, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (table[2 * slot] === h) {', reason: 'the hash comparison only spares comparing whole states: comparing the state in every occupied slot gives the same answer' },
  { file: CUTOFF, mutator: 'ConditionalExpression', replacement: 'false', line: 'const blockOf = (i: number): number => (i < L.cpuBase ? -1 :', reason: GLOBAL_BLOCK },
  { file: CUTOFF, mutator: 'LogicalOperator', replacement: 'p.domain(i)[0] && 0', line: 'value: p.domain(i)[0] ?? 0', reason: "a field's value domain always starts at 0 (src/core/footprint.ts byteDomains), so both give 0" },
  { file: STATE_STORE, mutator: 'MethodExpression', replacement: 'Math.min(1, initialCapacity)', line: 'this.arena = new Int32Array(Math.max(1, initialCapacity) * this.words);', reason: ARENA },
  { file: STATE_STORE, mutator: 'EqualityOperator', replacement: 'states * this.words < this.arena.length', line: 'if (states * this.words <= this.arena.length) return;', reason: ARENA },
  { file: STATE_STORE, mutator: 'ArithmeticOperator', replacement: 'this.arena.length * this.words', line: 'let cap = this.arena.length / this.words;', reason: ARENA },
  { file: STATE_STORE, mutator: 'EqualityOperator', replacement: 'cap <= states', line: 'while (cap < states) cap *= 2;', reason: ARENA },
  { file: STATE_STORE, mutator: 'EqualityOperator', replacement: 'i <= old.length', line: 'for (let i = 0; i < old.length; i += 2) {', reason: 'one slot past the old table reads an undefined hash and index, which the typed array stores as 0 in an empty slot: it stays empty' },
  { file: STATE_STORE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (id === 0) continue;', reason: 'an empty slot is copied as (0, 0) into an empty slot of the new table: it stays empty' },
  { file: STATE_STORE, mutator: 'ArithmeticOperator', replacement: 'Math.imul(h, 5) - 0xe6546b64', line: 'h = (Math.imul(h, 5) + 0xe6546b64) | 0;', reason: ANOTHER_HASH },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'size <= best', line: 'if (size > 0 && size < best) {', reason: 'a closure that reaches the best size is abandoned and returns 0, so a size returned is below it' },
  { file: SYMMETRY, mutator: 'EqualityOperator', replacement: 'n <= cpus', line: 'n < cpus; n++) {', reason: 'the extra round is at the CPU count asked for, which has every role it has, so it returns what the fallback returns' },
  { file: SYMMETRY, mutator: 'ConditionalExpression', replacement: 'false', line: 'const blockOf = (i: number): number => (i < L.cpuBase ? -1 :', reason: GLOBAL_BLOCK },
  { file: PROGRESS, mutator: 'UnaryOperator', replacement: '+1', line: 'tree.record(0, -1, -1);', column: 22, reason: "the root's action is never read: a path stops at the root (SearchTree.pathTo)" },
  { file: PROGRESS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (i >= this.bits.length) {', reason: 'grows the flags even when they are large enough: a copy into an array of the same size' },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'i <= cur.length', line: 'if (cur[i]! > max[i]!) max[i] = cur[i]!;', reason: 'one byte past the state reads undefined, which is greater than nothing, so nothing is written' },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'cur[i]! >= max[i]!', line: 'if (cur[i]! > max[i]!) max[i] = cur[i]!;', reason: 'an equal value written over itself' },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'f <= P.cpuSize', line: 'fieldMax[f] = Math.max(fieldMax[f]!, seen[P.base(c) + f]!);', reason: "one field past the block: Math.max of undefined is NaN, and a typed array drops a write past its end" },
  { file: SYMMETRY_REACHABLE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (mine.length !== theirs.length ||', reason: 'a swap is its own inverse and the states checked are closed under it: where succ(σs) has more successors than σ(succ(s)), the check at σs compares the longer list first and finds the extra one' },
  { file: SYMMETRY_REACHABLE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (seen.size > MAX_REACHABLE_FOR_SYMMETRY) {', reason: REACHABLE_LIMIT },
  { file: SYMMETRY_REACHABLE, mutator: 'BlockStatement', replacement: '{}', line: 'if (seen.size > MAX_REACHABLE_FOR_SYMMETRY) {', reason: REACHABLE_LIMIT },
  { file: PARTIAL_ORDER, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (store.count > PROBE_MAX_STATES) throw', reason: 'without the size limit the probe is explored whole and its maxima are exact: only time and memory change' },
  { file: STUBBORN, mutator: 'UnaryOperator', replacement: '+1', line: "if (tree.kind === 'leaf') return tree.result ? { byte: -1", column: 58, reason: 'a true leaf has no children: reading on from it finds no node, the same undefined' },
  { file: STUBBORN, mutator: 'UnaryOperator', replacement: '+1', line: "if (tree.kind === 'leaf') return tree.result ? { byte: -1", column: 83, reason: "a false leaf's row is returned before its byte is looked at" },
  { file: STUBBORN, mutator: 'ArithmeticOperator', replacement: 'n * 32', line: 'const w = Math.max(1, Math.ceil(n / 32));', reason: 'bitsets wider than needed: the extra words stay zero' },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 't <= n', line: 'for (let t = 0; t < n; t++) if (T.visible[t] === 1) set(t);', reason: 'one past the last transition: T.visible[n] is undefined, so nothing is set' },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'i <= w', line: 'for (const b of bytes) for (let i = 0; i < w; i++) row[i]!', reason: PAST_END },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'i <= w', line: 'for (let i = 0; i < w; i++) blocked[i] = this.visibleRow[i]!;', reason: PAST_END },
  ...['true', 'n >= 1'].map((replacement) => ({ file: STUBBORN, mutator: replacement === 'true' ? 'ConditionalExpression' : 'EqualityOperator', replacement, line: 'if (n > 1) {', reason: 'with one enabled action or none the best starts at n <= 1, and seeds are tried only while the best is above 1' })),
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'k <= n', line: 'for (let k = 0; k < n; k++) order[k] = k;', reason: 'one slot past the n sorted ones (or past the array, dropped): only order[0..n) is sorted and read' },
  ...['true', 'best >= 1'].map((replacement) => ({ file: STUBBORN, mutator: replacement === 'true' ? 'ConditionalExpression' : 'EqualityOperator', replacement, line: 'for (let q = 0; q < n && best > 1; q++) {', reason: 'no closure has fewer than one enabled transition, so a seed tried once the best is 1 is never chosen' })),
  { file: STUBBORN, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (size > 0 && size < best) {', reason: 'a closure that reaches the best size is abandoned and returns 0, so a size returned is below it' },
  ...['false', 'k <= n'].map((replacement) => ({ file: STUBBORN, mutator: replacement === 'false' ? 'ConditionalExpression' : 'EqualityOperator', replacement, line: 'for (let k = 0; k < n; k++) out[k] = k;', reason: 'when no set is smaller than every action, reduce returns n and BFS expands in full without reading `out`' })),
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'this.sp >= 0', line: 'while (this.sp > 0) {', reason: 'one more round pops stack[-1], undefined, which names no transition and adds nothing' },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'i <= this.w', line: 'for (let i = 0; i < this.w; i++) {', reason: 'the extra word lies past the set and the enabled bits (undefined, so 0): its bits name transitions numbered past the last, which have no kind and add nothing' },
  { file: STUBBORN, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (fresh === 0) continue;', reason: 'a shortcut: a word with nothing new adds nothing' },
  { file: STUBBORN, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (e !== 0) {', reason: 'with no enabled bit the count does not grow, and here it is below the limit (it returned at the limit)' },
  { file: STUBBORN, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (this.count >= limit) return false;', reason: CLOSURE_LIMIT },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'this.count > limit', line: 'if (this.count >= limit) return false;', reason: CLOSURE_LIMIT },
  { file: STUBBORN, mutator: 'BooleanLiteral', replacement: 'true', line: 'if (this.count >= limit) return false;', reason: CLOSURE_LIMIT },
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: '++this.count > limit', line: 'if (++this.count >= limit) return false;', reason: CLOSURE_LIMIT },
  { file: STUBBORN, mutator: 'BooleanLiteral', replacement: 'true', line: 'if (++this.count >= limit) return false;', reason: CLOSURE_LIMIT },
  { file: STUBBORN, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (node.byte < 0) return undefined;', reason: 'at a true leaf (byte -1, no children) reading on finds no node: the same undefined' },
  ...['false', 'pc > T.length[x]!'].map((replacement) => ({ file: STUBBORN, mutator: replacement === 'false' ? 'ConditionalExpression' : 'EqualityOperator', replacement, line: 'if (pc >= T.length[x]!) return NONE;', reason: "a finished non-looping program's pc is past every step, so the next rule (a step behind the pc of a program that does not loop) gives NONE too; a looping program's pc wraps before its length" })),
  { file: STUBBORN, mutator: 'EqualityOperator', replacement: 'i <= pc', line: 'if (i < pc && T.loops[x] === 0) return NONE;', reason: 'i = pc returned ENABLERS on the line above' },
  { file: DFS, mutator: 'UnaryOperator', replacement: '+1', line: 'const stack: Frame[] = [frame(0, s0, -1)];', reason: "the root frame's action is never read: a trace starts after the root (path.slice(1))" },
  { file: DFS, mutator: 'UnaryOperator', replacement: 'r', line: 'stack.push(frame(~r, next, a));', reason: "a frame's index is never read" },
  { file: DFS, mutator: 'ConditionalExpression', replacement: 'false', line: 'bytesPerState: store.count === 0 ? 0 : store.bytes / store.count', reason: 'the initial state is stored before any report, so the count is never 0' },
  { file: DFS, mutator: 'EqualityOperator', replacement: 'stack.length - 1 >= maxDepth', line: 'if (stack.length - 1 > maxDepth) maxDepth = stack.length - 1;', reason: 'at an equal depth the same value is written again' },
  { file: CONCRETIZE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (a.length !== b.length) return false;', reason: "every state compared has the machine's state size" },
  { file: CONCRETIZE, mutator: 'BooleanLiteral', replacement: 'true', line: 'if (a.length !== b.length) return false;', reason: "every state compared has the machine's state size" },
  { file: CONCRETIZE, mutator: 'EqualityOperator', replacement: 'i <= a.length', line: 'for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;', reason: 'one past the end both read undefined, which are equal' },
  ...['true', 'false', 'local < e', 'local > e'].map((replacement) => ({ file: PARTIAL_ORDER, mutator: replacement.startsWith('local') ? 'EqualityOperator' : 'ConditionalExpression', replacement, line: 'if (local <= e) return table.eventBase[cpu]! + local - 1;', reason: CONTIGUOUS })),
  ...RANDOM_SHRINK_EQUIVALENT,
  ...PARALLEL_EQUIVALENT,
  { file: LASSO, mutator: 'ArrayDeclaration', replacement: '[]', line: 'const parent: number[] = [-1];', reason: "the start's parent is read only to stop a path there, and undefined stops it as -1 does (undefined >= 0 is false)" },
  ...['[]', '+1'].map((replacement) => ({ file: LASSO, mutator: replacement === '[]' ? 'ArrayDeclaration' : 'UnaryOperator', replacement, line: 'const via: number[] = [-1];', reason: "the start's action is never read: a path stops at the start" })),
  { file: LASSO, mutator: 'BooleanLiteral', replacement: 'false', line: 'prefer: (s: State) => boolean = () => true', reason: 'with no preference given, every state preferred or none: either way every state is tried in the same order' },
  { file: WHY_BLOCKED, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (v === cur) continue;', reason: 'probing the current value probes the state itself, where the guard is false (it returned above otherwise)' },
  ...[
    { mutator: 'ConditionalExpression', replacement: 'false', column: 15 },
    { mutator: 'LogicalOperator', replacement: 'a === s[base + i] && b === s[base + j]', column: 15 },
    { mutator: 'ConditionalExpression', replacement: 'false', column: 36 },
  ].map((m) => ({ file: WHY_BLOCKED, ...m, line: 'if (a === s[base + i] || b === s[base + j]) continue;', reason: SINGLE_CHANGE })),
  { file: COMPILE, mutator: 'UnaryOperator', replacement: '+1', line: 'const r = compiled[cpuRoles[cpu] ?? -1];', reason: 'cpuRoles has a number for every CPU (its length is checked just above), so the fallback is never taken' },
  { file: COMPILE, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (runnable && prog !== 0) {', column: 23, reason: 'currentStep gives no step to a CPU that has not chosen a program (prog 0), so none is offered either way' },
  { file: COMPILE, mutator: 'EqualityOperator', replacement: 'i <= size', line: 'for (let i = 0; i < size; i++) {', column: 21, reason: EQUAL_BLOCKS },
  { file: COMPILE, mutator: 'EqualityOperator', replacement: 'i <= gb.length', line: 'for (let i = 1; i < gb.length; i++) {', reason: EQUAL_BLOCKS },
  { file: COMPILE, mutator: 'ConditionalExpression', replacement: 'true', line: 'for (let j = i; j > 0 && compareBlocks(s, gb[j - 1]!, gb[j]!) > 0; j--)', reason: EQUAL_BLOCKS },
  { file: COMPILE, mutator: 'EqualityOperator', replacement: 'j >= 0', line: 'for (let j = i; j > 0 && compareBlocks(s, gb[j - 1]!, gb[j]!) > 0; j--)', reason: EQUAL_BLOCKS },
  { file: COMPILE, mutator: 'EqualityOperator', replacement: 'compareBlocks(s, gb[j - 1]!, gb[j]!) >= 0', line: 'for (let j = i; j > 0 && compareBlocks(s, gb[j - 1]!, gb[j]!) > 0; j--)', reason: EQUAL_BLOCKS },
  { file: FOOTPRINT, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (first === undefined) return undefined;', reason: "every group a guard tree is built from is non-empty: a trace has at least one path, and each value's group holds the paths that read it" },
  { file: FOOTPRINT, mutator: 'ConditionalExpression', replacement: 'true', line: 'paths = fns.length === 1 ? a.paths : undefined;', reason: "the paths are read only where one closure is traced (a guard's tree); of several closures only the reads are read" },
  { file: FOOTPRINT, mutator: 'ArrayDeclaration', replacement: '[]', line: 'return (i) => doms[i] ?? [0];', reason: 'no byte outside the layout is asked for: the tracing view reads only bytes below the state size' },
  { file: STICKY, mutator: 'EqualityOperator', replacement: 'ri <= spec.roles.length', line: 'for (let ri = 0; ri < spec.roles.length; ri++) {', reason: 'one role past the last: no CPU has it (indexOf gives -1), so it is passed over' },
  { file: TRACE_PATHS, mutator: 'EqualityOperator', replacement: 'i <= key.length', line: 'for (let i = 0; i < key.length; i++) {', reason: 'one character past the key: charCodeAt gives NaN, which is neither below 48 nor above 57' },
  { file: TRANSITIONS, mutator: 'EqualityOperator', replacement: 'i <= a.length', line: 'for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return true;', reason: BITS_PAST_END },
  { file: TRANSITIONS, mutator: 'EqualityOperator', replacement: 'd <= L.cpus', line: 'for (let d = 0; d < L.cpus; d++) if (d !== cpu && cpuRoles[d] === l.role)', reason: 'one CPU past the last has no role (undefined), so it is never added' },
  { file: TRANSITIONS, mutator: 'EqualityOperator', replacement: 'c <= cpus', line: "for (let c = 0; c < cpus; c++) instantiate(L, spec.cpuRoles, c, fp.alwaysReads.filter((l) => l.scope !== 'role'", reason: "one CPU past the last: its own fields are bytes past the state, which no transition writes" },
  ...[
    { mutator: 'MethodExpression', replacement: 'fp.alwaysReads' },
    { mutator: 'ConditionalExpression', replacement: 'true' },
  ].map((m) => ({ file: TRANSITIONS, ...m, line: "for (let c = 0; c < cpus; c++) instantiate(L, spec.cpuRoles, c, fp.alwaysReads.filter((l) => l.scope !== 'role'", reason: "the properties' role fields name bytes that their own fields, put for every CPU, already name: footprintsOf gives each field both ways (src/core/footprint.ts alwaysReads)" })),
  ...['b <= a', 'b >= a'].map((replacement) => ({ file: TRANSITIONS, mutator: 'EqualityOperator', replacement, line: 'if (b < a) continue;', reason: 'each unordered pair is still tested once (b = a is passed over above), and each dependence list still fills in ascending order' })),
  ...[
    { mutator: 'EqualityOperator', replacement: 'key(a) <= key(b)', column: 44 },
    { mutator: 'ConditionalExpression', replacement: 'true', column: 67 },
    { mutator: 'ConditionalExpression', replacement: 'false', column: 67 },
    { mutator: 'EqualityOperator', replacement: 'key(a) >= key(b)', column: 67 },
    { mutator: 'EqualityOperator', replacement: 'key(a) <= key(b)', column: 67 },
  ].map((m) => ({ file: FOOTPRINT, ...m, line: 'return [...out.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));', reason: DISTINCT_KEYS })),
  { file: TRACE_PATHS, mutator: 'ConditionalExpression', replacement: 'true', line: 'while (j >= 0 && choices[j]! + 1 >= widths[j]!) j--;', reason: 'at j = -1 choices[-1] is undefined, and NaN >= anything is false: the loop stops there as before' },
];

/**
 * Surviving mutants that are not equivalent and that no test kills yet: each with the reason it
 * is left (a behaviour the fast test set cannot reach, or a difference that no rule the engines
 * state depends on). They count against the score like any survivor; the section quotes the reason.
 */

/** More partial-order attempts per state before the full expansion. */
const MORE_ATTEMPTS = 'more reduced sets tried per state before the full expansion (up to every one): each failed attempt excludes its set, the proviso still holds, so the verdict is the same; only the states explored could change, and no toy needs a fifth attempt';


/** DFS's report besides its verdict. */
const DFS_REPORT = "DFS's report besides its verdict (race windows reached, how it searched, depth, seconds, bytes per state) has no test: a gap in the tests of the report";
/** When DFS checks its limits. */
const DFS_LIMITS = 'when DFS checks its limits and reports progress (every 16,384 states, at the cap) has no test of its own: a gap';
/** Another concrete action for a recorded orbit. */
const CONCRETE_CHOICE = 'another action reaching the recorded orbit (the last that does, or past the enabled ones where none does): the trace still replays; no test pins which action, or reaches a state with none';
/** What the overlay view answers beyond state bytes. */
const OVERLAY_GAP = 'the view answers what no traced step does here (its length, a symbol or method, a read or write past the state): a gap, the steps traced here read and write state bytes only';

/** Survivors of the shrinker that no test kills yet (issue 18, worktree engkill). */
const PAIRS_DO_IT = 'chunks or runs of two are no longer dropped by this move: dropPair tries every two steps of the same trace, so the same shorter traces are reached; only the work, and on some input which minimal trace, can change; no test tells them apart';
const ORDER = 'the move goes on from another place, or with other lengths, after a gain: the outer loop repeats every move while any gains, so the result still keeps every rule the tests state; only the work, and on some input which minimal trace, can change';
const OTHER_CANDIDATE = 'another candidate list (steps kept twice, or the step inserted elsewhere): only real runs that violate are accepted, and no test sees another result';
const ONE_FOR_ONE = 'a run of one step replaced by one other step: shortens a trace only where steps of other CPUs drop out with it (a handler of an IPI no longer sent); no toy in the fast set has that shape, a gap';
const WHOLE_RUN = "a CPU's whole run is not replaced by one step, only its shorter runs: no toy in the fast set needs the whole run replaced, a gap";
const NEXT_CPU_STEP = "one more replacement tried, the first action of the next CPU: a real run is still required, so only another candidate; no toy shows another result";
const REORDER_SHORTER = 'the switch pass would take a reordering that violates sooner, changing the length: no toy has a reordering shorter than a trace from which no one or two steps can be dropped, a gap';
const FIRST_SIZE_ONLY = 'chunks of the first size only (half the trace), then sizes past the trace until the 32-bit shift overflows: smaller chunks are left to the other moves; no test needs a chunk between two steps and half the trace, a gap';
const TAIL_RUNS = "extra candidates past the CPU's last step: shorter runs at its end, or no run, run like the others; only real runs that violate are accepted, and no test sees another result";
const WHOLE_CPU_ONLY = "drops all of the CPU's steps instead of a run of them: runs that are not the CPU's whole are left to the other moves; no test needs one, a gap";
const INSERT_ONLY = 'only inserts the replacement step, deleting nothing: the deferring run drops what no longer fits, and on the toys the other moves reach the same; a gap';
const ALL_AS_CPU0 = "every step counted as CPU0's and every action number tried as the replacement: more candidates, all real runs; the toys give the same result";
const ONE_PASS = 'one pass of moves instead of passes until none lowers the switches: on the toys one pass reaches the fewest; a gap';
const RANDOM_SHRINK_NOT_KILLED: readonly EquivalentMutant[] = [
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'size > 2', line: 'for (let size = best.length >> 1; size >= 2; size >>= 1) {', reason: PAIRS_DO_IT },
  { file: SHRINK, mutator: 'AssignmentOperator', replacement: 'size <<= 1', line: 'for (let size = best.length >> 1; size >= 2; size >>= 1) {', reason: FIRST_SIZE_ONLY },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'from - size', line: 'const cand = execute(machine, [...best.slice(0, from), ...best.slice(from + size)], property);', reason: OTHER_CANDIDATE },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'len > 2', line: 'for (let len = mine.length; len >= 2; len--) {', reason: PAIRS_DO_IT },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'from - len', line: 'for (let from = 0; from + len <= mine.length; from++) {', column: 26, reason: TAIL_RUNS }, // lines 52 and 100 alike
  { file: SHRINK, mutator: 'MethodExpression', replacement: 'mine', line: 'const drop = new Set(mine.slice(from, from + len));', column: 30, reason: WHOLE_CPU_ONLY },
  { file: SHRINK, mutator: 'MethodExpression', replacement: 'Math.max(len, mine.length + 1)', line: 'len = Math.min(len, mine.length + 1);', reason: ORDER },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'mine.length - 1', line: 'len = Math.min(len, mine.length + 1);', reason: ORDER },
  { file: SHRINK, mutator: 'UnaryOperator', replacement: '+1', line: 'from = -1;', reason: ORDER },
  { file: SHRINK, mutator: 'MethodExpression', replacement: 'Math.max(i, best.length)', line: 'i = Math.min(i, best.length);', reason: ORDER },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'machine.maxActions * machine.cpus', line: 'const perCpu = machine.maxActions / machine.cpus;', column: 18, reason: ALL_AS_CPU0 },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'len > 1', line: 'for (let len = mine.length; len >= 1; len--) {', reason: ONE_FOR_ONE },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'from + len < mine.length', line: 'for (let from = 0; from + len <= mine.length; from++) {', column: 26, reason: WHOLE_RUN },
  { file: SHRINK, mutator: 'ArithmeticOperator', replacement: 'from - len', line: 'const drop = new Set(mine.slice(from, from + len));', column: 47, reason: INSERT_ONLY },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'local <= perCpu', line: 'for (let local = 0; local < perCpu; local++) {', reason: NEXT_CPU_STEP },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (k === before) cand.push(cpu * perCpu + local);', reason: OTHER_CANDIDATE },
  { file: SHRINK, mutator: 'EqualityOperator', replacement: 'k !== before', line: 'if (k === before) cand.push(cpu * perCpu + local);', reason: OTHER_CANDIDATE },
  { file: SHRINK, mutator: 'BooleanLiteral', replacement: 'drop.has(k)', line: 'if (!drop.has(k)) cand.push(trace[k]!);', reason: OTHER_CANDIDATE },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (!drop.has(k)) cand.push(trace[k]!);', reason: INSERT_ONLY },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (best.length < start) continue;', reason: ORDER },
  { file: SHRINK, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (ran === undefined || ran.length !== best.length) continue;', column: 34, reason: REORDER_SHORTER },
  { file: SHRINK, mutator: 'BooleanLiteral', replacement: 'false', line: 'improved = true;', column: 22, reason: ONE_PASS },
];

export const NOT_KILLED: readonly EquivalentMutant[] = [
  { file: DFS, mutator: 'MethodExpression', replacement: 'machine.properties', line: "const sometimes = machine.properties.filter((p) => p.kind === 'sometimes');", reason: DFS_REPORT },
  { file: DFS, mutator: 'ConditionalExpression', replacement: 'true', line: "const sometimes = machine.properties.filter((p) => p.kind === 'sometimes');", reason: DFS_REPORT },
  { file: DFS, mutator: 'StringLiteral', replacement: '""', line: "detail: symmetry ? 'DFS, symmetry reduction' : 'DFS' };", reason: DFS_REPORT },
  { file: DFS, mutator: 'ArithmeticOperator', replacement: '(performance.now() - t0) * 1000', line: 'seconds: (performance.now() - t0) / 1000,', reason: DFS_REPORT },
  { file: DFS, mutator: 'ArithmeticOperator', replacement: 'performance.now() + t0', line: 'seconds: (performance.now() - t0) / 1000,', reason: DFS_REPORT },
  { file: DFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'bytesPerState: store.count === 0 ? 0 : store.bytes / store.count', reason: DFS_REPORT },
  { file: DFS, mutator: 'EqualityOperator', replacement: 'store.count !== 0', line: 'bytesPerState: store.count === 0 ? 0 : store.bytes / store.count', reason: DFS_REPORT },
  { file: DFS, mutator: 'ArithmeticOperator', replacement: 'store.bytes * store.count', line: 'bytesPerState: store.count === 0 ? 0 : store.bytes / store.count', reason: DFS_REPORT },
  { file: DFS, mutator: 'ObjectLiteral', replacement: '{}', line: "return { verdict: 'violated', property, trace, found, reached: { ...reached }, ...stats() };", reason: DFS_REPORT },
  { file: DFS, mutator: 'ObjectLiteral', replacement: '{}', line: "return { verdict: 'inconclusive', reason: store.count >= opts.maxStates", reason: DFS_REPORT },
  { file: DFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (stack.length - 1 > maxDepth) maxDepth = stack.length - 1;', reason: DFS_REPORT },
  { file: DFS, mutator: 'ArithmeticOperator', replacement: 'stack.length + 1', line: 'if (stack.length - 1 > maxDepth) maxDepth = stack.length - 1;', reason: DFS_REPORT },
  { file: DFS, mutator: 'ArithmeticOperator', replacement: '(now - t0) * 1000', line: 'opts.onProgress?.({ states: store.count', reason: DFS_REPORT },
  { file: DFS, mutator: 'ArithmeticOperator', replacement: 'now + t0', line: 'opts.onProgress?.({ states: store.count', reason: DFS_REPORT },
  { file: DFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'if ((++steps & 0x3fff) === 0) {', reason: DFS_LIMITS },
  { file: DFS, mutator: 'EqualityOperator', replacement: '(++steps & 0x3fff) !== 0', line: 'if ((++steps & 0x3fff) === 0) {', reason: DFS_LIMITS },
  { file: DFS, mutator: 'UpdateOperator', replacement: '--steps', line: 'if ((++steps & 0x3fff) === 0) {', reason: DFS_LIMITS },
  { file: DFS, mutator: 'EqualityOperator', replacement: 'store.count > opts.maxStates', line: 'if (store.count >= opts.maxStates || now - t0 > opts.timeoutMs) {', reason: DFS_LIMITS },
  { file: DFS, mutator: 'EqualityOperator', replacement: 'now - t0 >= opts.timeoutMs', line: 'if (store.count >= opts.maxStates || now - t0 > opts.timeoutMs) {', reason: DFS_LIMITS },
  { file: DFS, mutator: 'EqualityOperator', replacement: 'store.count > opts.maxStates', line: "return { verdict: 'inconclusive', reason: store.count >= opts.maxStates", reason: DFS_LIMITS },
  ...['true', 'false'].map((replacement) => ({ file: DFS, mutator: 'ConditionalExpression', replacement, line: 'if (symmetry) machine.canonicalize(s0);', reason: "DFS's initial state with or without symmetry reduction: the BFS test that replays a violation about one CPU has no DFS twin, a gap" })),
  { file: DFS, mutator: 'EqualityOperator', replacement: 'r > 0', line: 'if (r >= 0) continue;', reason: 'a step back to the initial state (index 0) taken as new re-explores it; no DFS toy steps back to its initial state, a gap' },
  { file: CONCRETIZE, mutator: 'LogicalOperator', replacement: 'k < n || chosen < 0', line: 'for (let k = 0; k < n && chosen < 0; k++) {', reason: CONCRETE_CHOICE },
  { file: CONCRETIZE, mutator: 'ConditionalExpression', replacement: 'true', line: 'for (let k = 0; k < n && chosen < 0; k++) {', reason: CONCRETE_CHOICE },
  { file: CONCRETIZE, mutator: 'EqualityOperator', replacement: 'k <= n', line: 'for (let k = 0; k < n && chosen < 0; k++) {', reason: CONCRETE_CHOICE },
  { file: CONCRETIZE, mutator: 'EqualityOperator', replacement: 'chosen <= 0', line: 'for (let k = 0; k < n && chosen < 0; k++) {', reason: CONCRETE_CHOICE },
  { file: CONCRETIZE, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (chosen < 0) throw new SymmetryUnsound(', reason: 'the guard against an unsound symmetry reduction: reached only if the symmetry check let a wrong declaration through; no test forces it' },
  { file: CONCRETIZE, mutator: 'StringLiteral', replacement: '``', line: 'if (chosen < 0) throw new SymmetryUnsound(', reason: 'the guard against an unsound symmetry reduction: reached only if the symmetry check let a wrong declaration through; no test forces it' },
  { file: OVERLAY, mutator: 'ConditionalExpression', replacement: 'false', line: "if (typeof prop !== 'string') return undefined;", reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'ConditionalExpression', replacement: 'false', line: "if (prop === 'length') return size;", reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'StringLiteral', replacement: '""', line: "if (prop === 'length') return size;", reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (!Number.isInteger(i)) return undefined;', reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'ConditionalExpression', replacement: 'false', line: 'if (i >= size) return undefined;', reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'EqualityOperator', replacement: 'i > size', line: 'if (i >= size) return undefined;', reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (Number.isInteger(i) && i < size) written.set(i, value & 0xff);', reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'LogicalOperator', replacement: 'Number.isInteger(i) || i < size', line: 'if (Number.isInteger(i) && i < size) written.set(i, value & 0xff);', reason: OVERLAY_GAP },
  { file: OVERLAY, mutator: 'EqualityOperator', replacement: 'i <= size', line: 'if (Number.isInteger(i) && i < size) written.set(i, value & 0xff);', reason: OVERLAY_GAP },
  { file: PARTIAL_ORDER, mutator: 'EqualityOperator', replacement: 'store.count >= PROBE_MAX_STATES', line: 'if (store.count > PROBE_MAX_STATES) throw', reason: 'one state off at exactly 2,000,000 probe states: too large for the fast test set' },
  { file: PARTIAL_ORDER, mutator: 'StringLiteral', replacement: '``', line: 'if (store.count > PROBE_MAX_STATES) throw', reason: 'the refusal of a probe over 2,000,000 states: too large for the fast test set' },
  { file: BFS, mutator: 'ConditionalExpression', replacement: 'true', line: 'attempt < POR_ATTEMPTS && !expanded', column: 29, reason: MORE_ATTEMPTS },
  { file: BFS, mutator: 'EqualityOperator', replacement: 'attempt <= POR_ATTEMPTS', line: 'attempt < POR_ATTEMPTS && !expanded', reason: MORE_ATTEMPTS },
  { file: BFS, mutator: 'UpdateOperator', replacement: 'attempt--', line: 'attempt < POR_ATTEMPTS && !expanded', reason: MORE_ATTEMPTS },
  {
    file: CUTOFF,
    mutator: 'StringLiteral',
    replacement: '""',
    line: "fail('the interchangeable CPUs change role with the CPU count')",
    reason: 'the two probes disagree on the worker role past the role checks only when a role declared symmetric has one CPU with two workers and two with three, before the worker role; no toy has that shape yet',
  },
  { file: SYMMETRY_REACHABLE, mutator: 'EqualityOperator', replacement: 'seen.size >= MAX_REACHABLE_FOR_SYMMETRY', line: 'if (seen.size > MAX_REACHABLE_FOR_SYMMETRY) {', reason: 'one state off at exactly 400,000 reachable states: a probe that large takes minutes, past the fast test set' },
  { file: SYMMETRY_REACHABLE, mutator: 'StringLiteral', replacement: '``', line: 'return { applies: false, reason: `its steps have too many paths to check symmetry', reason: 'the refusal past 400,000 reachable states: a probe that large takes minutes, past the fast test set' },
  ...RANDOM_SHRINK_NOT_KILLED,
  ...PARALLEL_NOT_KILLED,
  { file: LASSO, mutator: 'MethodExpression', replacement: 'list', line: 'for (const i of list.slice(0, MAX_CANDIDATES)) {', reason: 'tries every state for a cycle, not the first 500: a lasso found where the original gives none, only past 500 states none of which lies on a cycle; the limit bounds work and no rule fixes it' },
  { file: FOOTPRINT, mutator: 'ConditionalExpression', replacement: 'true', line: 'if (e instanceof TooManyPaths) return false;', reason: "an error (not too many paths) in one onlyIf guard, where an earlier step's onlyIf has too many paths and hides it from the program's trace: the footprint is computed instead of the error thrown (the error still comes when the model runs that guard); no test has that" },
  { file: FOOTPRINT, mutator: 'ConditionalExpression', replacement: 'true', line: 'return g.tree !== undefined ? { ...fp, guardTree: g.tree } : fp;', column: 14, reason: "an event's footprint without a tree gets guardTree: undefined instead of no key; the table and the stubborn sets read both as no tree, and the footprint test checks that key for program steps only" },
];
