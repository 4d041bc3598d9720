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

/** The write instructions a value was computed through (`thread:line:col:kind`), sorted. */
type Derivation = readonly string[];

/** Per location, per value: its minimal derivations (none of them a superset of another). */
type Table = Map<number, Derivation[]>[];

const MAX_DERIVATIONS = 16;

export function allPaths(prog: Program, pathBudget: number): PathsResult {
  let table = seeds(prog, pathBudget);
  const rounds = 1 + prog.threads.reduce((n, t) => n + writeSites(t.body), 0);
  for (let round = 0; ; round++) {
    const values = table.map((m) => [...m.keys()].sort(byValue));
    const paths = prog.threads.map((t) => threadPaths(prog, t, values, pathBudget));
    const next = derive(table, paths);
    if (sameTable(next, table) || round >= rounds) return { paths, values };
    table = next;
  }
}

/**
 * The values each write can produce from the values known now, with their derivations. A
 * value computed through a write instruction cannot be read back into that same instruction
 * (no loops: it runs once per execution), so a counter incremented by four instructions
 * reaches 4, not more; where the derivations get too many, they are merged into their common
 * part, which only allows more.
 */
function derive(table: Table, paths: readonly (readonly ThreadPath[])[]): Table {
  const next: Table = table.map((m) => new Map([...m].map(([v, ds]) => [v, ds.slice()])));
  paths.forEach((ps, t) => {
    for (const p of ps) {
      for (const e of p.events) {
        if (e.kind !== 'W' || e.value === TOP || Number.isNaN(e.value) || e.loc < 0) continue;
        const site = `${t}:${e.src.line}:${e.src.col}:${e.poi}`;
        let ds: Derivation[] = [[site]];
        for (const r of e.data) {
          const read = p.events[r]!;
          const from = table[read.loc]?.get(read.value) ?? [];
          ds = ds.flatMap((d) => from.filter((f) => !f.includes(site)).map((f) => union(d, f)));
          if (ds.length > MAX_DERIVATIONS * 4) ds = [common(ds)];
        }
        for (const d of ds) add(next[e.loc]!, e.value, d);
      }
    }
  });
  return next;
}

function add(m: Map<number, Derivation[]>, v: number, d: Derivation): void {
  const ds = m.get(v) ?? [];
  if (ds.some((x) => x.every((s) => d.includes(s)))) return;
  const kept = [...ds.filter((x) => !d.every((s) => x.includes(s))), d];
  m.set(v, kept.length > MAX_DERIVATIONS ? [common(kept)] : kept);
}

const union = (a: Derivation, b: Derivation): Derivation => [...new Set([...a, ...b])].sort();
const common = (ds: readonly Derivation[]): Derivation => (ds[0] ?? []).filter((s) => ds.every((d) => d.includes(s)));

function sameTable(a: Table, b: Table): boolean {
  return a.every((m, l) => {
    const o = b[l]!;
    return m.size === o.size && [...m].every(([v, ds]) => JSON.stringify(ds) === JSON.stringify(o.get(v)));
  });
}

function seeds(prog: Program, pathBudget: number): Table {
  const table: Table = prog.locs.map((l) => new Map([[l.init, [[]]]]));
  prog.threads.forEach((t, ti) => {
    for (const p of threadPaths(prog, t, null, pathBudget)) {
      for (const e of p.events) {
        if (e.kind !== 'W' || e.value === TOP || Number.isNaN(e.value)) continue;
        const d = [`${ti}:${e.src.line}:${e.src.col}:${e.poi}`];
        if (e.loc === ANYWHERE) for (const m of table) add(m, e.value, d);
        else if (table[e.loc] !== undefined) add(table[e.loc]!, e.value, d);
      }
    }
  });
  return table;
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
