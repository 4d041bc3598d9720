/**
 * `runLitmus`: answer a litmus test as herd7 does. Every candidate execution the model allows
 * (and the `filter` keeps) is counted as positive or negative for the condition's
 * proposition; the answer is Never (no positive), Always (no negative) or Sometimes, with
 * herd7's counts, the distinct final states, the flags raised (`data-race`, ...) and a
 * witness execution. Over the budget the answer is `inconclusive`, never a guess; an
 * allowed execution that needs what is not modelled (an address used as a number) refuses
 * the test.
 *
 * @example
 *   await loadCGrammar();
 *   const r = runLitmus(readFileSync('litmus/SB+poonceonces.litmus', 'utf8'), { file: 'SB.litmus' });
 *   r.status === 'answer' && r.outcome; // 'Sometimes'
 */
import { match } from 'ts-pattern';
import { LitmusError } from './error.js';
import { Budget, BudgetExceeded, DEFAULT_LIMITS, type BudgetLimits } from './exec/budget.js';
import { enumerateExecutions, type Execution } from './exec/candidates.js';
import { PathBudgetExceeded } from './exec/paths.js';
import { allPaths } from './exec/values.js';
import { litmusModel } from './models/index.js';
import type { LitmusModelName } from './models/model.js';
import { parseLitmus, type Cond, type LitmusTest, type ObsRef } from './parse.js';
import type { Expr, Stmt } from './program.js';
import type { Expected } from './source/layout.js';
import { raceOf, showValue, witnessOf, type RaceWitness, type Witness } from './witness.js';

export type Outcome = 'Never' | 'Sometimes' | 'Always';

export interface Explored {
  /** Paths of all processes (reads returning each possible value). */
  readonly paths: number;
  /** Candidate executions examined (reads-from and coherence choices). */
  readonly candidates: number;
  /** Candidate executions the model allows. */
  readonly executions: number;
}

interface Common {
  readonly name: string;
  readonly model: LitmusModelName;
  readonly expected: Expected | null;
  readonly test: LitmusTest;
  readonly explored: Explored;
}

export interface LitmusAnswer extends Common {
  readonly status: 'answer';
  readonly outcome: Outcome;
  readonly positive: number;
  readonly negative: number;
  /** Distinct final states of the allowed executions, herd7-style (`0:r0=1; [x]=2;`), sorted. */
  readonly states: readonly string[];
  readonly flags: readonly string[];
  /** An allowed execution satisfying the proposition (null when there is none). */
  readonly witness: Witness | null;
  /** With the `data-race` flag: the first allowed execution that raised it, and a racing pair. */
  readonly race: RaceWitness | null;
}

export interface LitmusInconclusive extends Common {
  readonly status: 'inconclusive';
  readonly reason: string;
}

export type LitmusResult = LitmusAnswer | LitmusInconclusive;

export interface RunOptions {
  readonly model?: LitmusModelName;
  readonly file?: string;
  readonly limits?: BudgetLimits;
  /** Processes with more paths than this are inconclusive. */
  readonly maxPaths?: number;
}

export function runLitmus(text: string, opts: RunOptions = {}): LitmusResult {
  return runTest(parseLitmus(text, opts.file ?? 'test.litmus'), opts);
}

export function runTest(test: LitmusTest, opts: RunOptions = {}): LitmusResult {
  const modelName = opts.model ?? 'lkmm';
  const model = litmusModel(modelName);
  refuseUnmodelled(test, modelName);
  const budget = new Budget(opts.limits ?? DEFAULT_LIMITS);
  let pathCount = 0;
  let executions = 0;
  let positive = 0;
  let negative = 0;
  const states = new Set<string>();
  const flags = new Set<string>();
  let witness: Witness | null = null;
  let race: RaceWitness | null = null;
  const explored = (): Explored => ({ paths: pathCount, candidates: budget.candidates, executions });
  const common = { name: test.name, model: modelName, expected: test.expected, test };
  try {
    const { paths } = allPaths(test.program, opts.maxPaths ?? 200_000);
    pathCount = paths.reduce((n, ps) => n + ps.length, 0);
    const filter = test.filter;
    const kept = filter === null ? null : compileCond(filter);
    const positiveCond = compileCond(test.cond);
    enumerateExecutions(test.program, paths, budget, {
      keepPaths: filter === null ? undefined : (chosen) => decided(filter, (o) => (o.kind === 'reg' && o.thread < chosen.length ? (chosen[o.thread]!.regs[o.r] ?? 0) : undefined)) !== false,
      prefilter: (x) => model.judge(x, false).allowed,
      visit: (x) => {
        const j = model.judge(x, true);
        if (!j.allowed) return;
        const final = finalState(test, x);
        if (kept !== null && !kept(final)) return;
        refusePoison(test, x);
        executions++;
        for (const f of j.flags) flags.add(f);
        if (j.race !== undefined) race ??= raceOf(test, x, j.race);
        states.add(test.observed.map((o) => `${label(o)}=${showValue(test, final(o))};`).join(' '));
        if (positiveCond(final)) {
          positive++;
          witness ??= witnessOf(test, x);
        } else {
          negative++;
        }
      },
    });
  } catch (e) {
    if (e instanceof BudgetExceeded) return { ...common, status: 'inconclusive', reason: e.why, explored: explored() };
    if (e instanceof PathBudgetExceeded) return { ...common, status: 'inconclusive', reason: `a process has more than ${opts.maxPaths ?? 200_000} paths`, explored: explored() };
    throw e;
  }
  const outcome: Outcome = positive === 0 ? 'Never' : negative === 0 ? 'Always' : 'Sometimes';
  return {
    ...common,
    status: 'answer',
    outcome,
    positive,
    negative,
    states: [...states].sort(),
    flags: [...flags].sort(),
    witness,
    race,
    explored: explored(),
  };
}

/** herd7's name of an observed location: `0:r1`, `[x]`. */
export function label(o: ObsRef): string {
  return o.kind === 'reg' ? o.name : `[${o.name}]`;
}

type Final = (o: ObsRef) => number;

function finalState(test: LitmusTest, x: Execution): Final {
  return (o) => {
    if (o.kind === 'reg') return x.sk.paths[o.thread]!.regs[o.r] ?? 0;
    const seq = x.coSeq[o.loc]!;
    const last = x.sk.ev(seq[seq.length - 1]!);
    if (last.kind !== 'W') throw new LitmusError(null, `${test.file}: the condition reads the spinlock '${o.name}'; its value is not modelled`);
    return last.value;
  };
}

export function holds(c: Cond, final: Final): boolean {
  return compileCond(c)(final);
}

/** A condition as a function of the final state, built once (it runs on every execution). */
export function compileCond(c: Cond): (final: Final) => boolean {
  return match(c)
    .returnType<(final: Final) => boolean>()
    .with({ k: 'true' }, () => () => true)
    .with({ k: 'false' }, () => () => false)
    .with({ k: 'not' }, (x) => {
      const p = compileCond(x.p);
      return (f) => !p(f);
    })
    .with({ k: 'and' }, (x) => {
      const [a, b] = [compileCond(x.a), compileCond(x.b)];
      return (f) => a(f) && b(f);
    })
    .with({ k: 'or' }, (x) => {
      const [a, b] = [compileCond(x.a), compileCond(x.b)];
      return (f) => a(f) || b(f);
    })
    .with({ k: 'implies' }, (x) => {
      const [a, b] = [compileCond(x.a), compileCond(x.b)];
      return (f) => !a(f) || b(f);
    })
    .with({ k: 'eq' }, (x) => (f) => Object.is(f(x.obs), x.value))
    .with({ k: 'same' }, (x) => (f) => Object.is(f(x.obs), f(x.other)))
    .exhaustive();
}

/**
 * A condition on what is known so far (Kleene's three-valued logic): true or false when the
 * known registers decide it whatever the rest holds, else undefined. Used to drop process
 * paths that the `filter` rejects before any reads-from or coherence order is chosen.
 */
export function decided(c: Cond, known: (o: ObsRef) => number | undefined): boolean | undefined {
  const not = (x: boolean | undefined): boolean | undefined => (x === undefined ? undefined : !x);
  const and = (a: boolean | undefined, b: boolean | undefined): boolean | undefined => (a === false || b === false ? false : a === true && b === true ? true : undefined);
  const or = (a: boolean | undefined, b: boolean | undefined): boolean | undefined => not(and(not(a), not(b)));
  return match(c)
    .returnType<boolean | undefined>()
    .with({ k: 'true' }, () => true)
    .with({ k: 'false' }, () => false)
    .with({ k: 'not' }, (x) => not(decided(x.p, known)))
    .with({ k: 'and' }, (x) => and(decided(x.a, known), decided(x.b, known)))
    .with({ k: 'or' }, (x) => or(decided(x.a, known), decided(x.b, known)))
    .with({ k: 'implies' }, (x) => or(not(decided(x.a, known)), decided(x.b, known)))
    .with({ k: 'eq' }, (x) => {
      const v = known(x.obs);
      return v === undefined ? undefined : Object.is(v, x.value);
    })
    .with({ k: 'same' }, (x) => {
      const a = known(x.obs);
      const b = known(x.other);
      return a === undefined || b === undefined ? undefined : Object.is(a, b);
    })
    .exhaustive();
}

function refusePoison(test: LitmusTest, x: Execution): void {
  x.sk.paths.forEach((p, t) => {
    if (p.poison === null) return;
    const at = { file: test.file, line: p.poison.src.line, col: p.poison.src.col };
    throw new LitmusError(at, `P${t} ${p.poison.reason} in an execution the model allows; shootdown does not model that`);
  });
}

/** RCU and SRCU have meaning in LKMM only; sc and tso refuse them by name. */
function refuseUnmodelled(test: LitmusTest, model: LitmusModelName): void {
  if (model === 'lkmm') return;
  const visit = (ss: readonly Stmt[]): void => {
    for (const s of ss) {
      const rcu =
        (s.k === 'fence' && ['rcu-lock', 'rcu-unlock', 'sync-rcu', 'after-srcu-read-unlock'].includes(s.fence)) ||
        s.k === 'srcu-sync' ||
        (s.k === 'store' && s.tag === 'srcu-unlock') ||
        stmtExprs(s).some(usesSrcuLock);
      if (rcu) throw new LitmusError({ file: test.file, line: s.src.line, col: s.src.col }, `RCU and SRCU are modelled by lkmm only, not by ${model}: '${s.src.text}'`);
      if (s.k === 'if') {
        visit(s.then);
        visit(s.otherwise);
      }
    }
  };
  for (const t of test.program.threads) visit(t.body);
}

function stmtExprs(s: Stmt): Expr[] {
  return match(s)
    .returnType<Expr[]>()
    .with({ k: 'assign' }, { k: 'eval' }, (x) => [x.e])
    .with({ k: 'store' }, (x) => [x.addr, x.value])
    .with({ k: 'atomic-op' }, (x) => [x.addr, x.operand])
    .with({ k: 'lock' }, { k: 'unlock' }, { k: 'srcu-sync' }, (x) => [x.addr])
    .with({ k: 'if' }, (x) => [x.cond])
    .with({ k: 'fence' }, () => [])
    .exhaustive();
}

function usesSrcuLock(e: Expr): boolean {
  return match(e)
    .with({ k: 'load' }, (x) => x.tag === 'srcu-lock' || usesSrcuLock(x.addr))
    .with({ k: 'bin' }, (x) => usesSrcuLock(x.a) || usesSrcuLock(x.b))
    .with({ k: 'un' }, (x) => usesSrcuLock(x.a))
    .with({ k: 'rmw' }, (x) => usesSrcuLock(x.addr) || usesSrcuLock(x.operand))
    .with({ k: 'cmpxchg' }, (x) => usesSrcuLock(x.addr) || usesSrcuLock(x.expected) || usesSrcuLock(x.desired))
    .with({ k: 'add-unless' }, (x) => usesSrcuLock(x.addr) || usesSrcuLock(x.add) || usesSrcuLock(x.unless))
    .with({ k: 'trylock' }, { k: 'islocked' }, (x) => usesSrcuLock(x.addr))
    .with({ k: 'const' }, { k: 'reg' }, () => false)
    .exhaustive();
}
