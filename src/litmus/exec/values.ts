/**
 * Which values each location can hold, and every path of every process under them.
 *
 * A read returns a value some write wrote (or the initial value), and a write's value is
 * computed from values read. Seeds: the initial values, and every value a process writes
 * whatever its reads return (a seeding pass where reads return TOP and both sides of a
 * condition on them run): a constant written on a path that only an execution's own writes
 * make possible (LB shapes with control flow) is found this way. Then each round runs every
 * process with its reads returning any value known so far and adds the values written. A
 * value computed from reads is derived from the seeds through a chain of at most as many
 * writes as the program has write instructions (it has no loops), so that many rounds find
 * every such value. Values found that no execution produces only add paths whose reads no
 * write matches; those are dropped when reads-from is chosen.
 */
import { match } from 'ts-pattern';
import type { Expr, Program, Stmt } from '../program.js';
import type { ThreadPath } from './event.js';
import { ANYWHERE, threadPaths, type ValueSets } from './paths.js';
import { TOP } from './value.js';

export interface PathsResult {
  readonly paths: readonly (readonly ThreadPath[])[];
  readonly values: ValueSets;
}

export function allPaths(prog: Program, pathBudget: number): PathsResult {
  let values: number[][] = seeds(prog, pathBudget);
  const rounds = 1 + prog.threads.reduce((n, t) => n + writeSites(t.body), 0);
  for (let round = 0; ; round++) {
    const paths = prog.threads.map((t) => threadPaths(prog, t, values, pathBudget));
    const next = values.map((vs) => new Set(vs));
    for (const ps of paths) for (const p of ps) for (const e of p.events) if (e.kind === 'W') next[e.loc]!.add(e.value);
    const grown = next.some((s, l) => s.size !== values[l]!.length);
    if (!grown || round >= rounds) return { paths, values };
    values = next.map((s) => [...s].sort(byValue));
  }
}

function seeds(prog: Program, pathBudget: number): number[][] {
  const sets = prog.locs.map((l) => new Set([l.init]));
  for (const t of prog.threads) {
    for (const p of threadPaths(prog, t, null, pathBudget)) {
      for (const e of p.events) {
        if (e.kind !== 'W' || e.value === TOP || Number.isNaN(e.value)) continue;
        if (e.loc === ANYWHERE) for (const s of sets) s.add(e.value);
        else sets[e.loc]?.add(e.value);
      }
    }
  }
  return sets.map((s) => [...s].sort(byValue));
}

const byValue = (a: number, b: number): number => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b);

function writeSites(ss: readonly Stmt[]): number {
  return ss.reduce(
    (n, s) =>
      n +
      match(s)
        .with({ k: 'if' }, (i) => exprWrites(i.cond) + writeSites(i.then) + writeSites(i.otherwise))
        .with({ k: 'store' }, (x) => 1 + exprWrites(x.addr) + exprWrites(x.value))
        .with({ k: 'atomic-op' }, () => 1)
        .with({ k: 'assign' }, { k: 'eval' }, (x) => exprWrites(x.e))
        .with({ k: 'fence' }, { k: 'lock' }, { k: 'unlock' }, { k: 'srcu-sync' }, () => 0)
        .exhaustive(),
    0,
  );
}

function exprWrites(e: Expr): number {
  return match(e)
    .with({ k: 'rmw' }, { k: 'cmpxchg' }, { k: 'add-unless' }, () => 1)
    .with({ k: 'bin' }, (b) => exprWrites(b.a) + exprWrites(b.b))
    .with({ k: 'un' }, (u) => exprWrites(u.a))
    .with({ k: 'load' }, (l) => exprWrites(l.addr))
    .with({ k: 'const' }, { k: 'reg' }, { k: 'trylock' }, { k: 'islocked' }, () => 0)
    .exhaustive();
}
