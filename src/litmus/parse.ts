/**
 * A litmus file to a `LitmusTest`: the layout (./source/layout.ts), the initial state and
 * final clause (parsed here, by hand, in herd7's grammar), and the processes (parsed by the
 * C front end, src/c, with the rest of the file blanked, then lowered by ./lower.ts).
 *
 * `await loadCGrammar()` (src/c/grammar.ts) once before the first parse.
 */
import { match } from 'ts-pattern';
import { parseC } from '../c/parse.js';
import { LitmusError } from './error.js';
import { addrOf } from './exec/value.js';
import { kindOfType, LocTable, lowerThreads, type RegInit } from './lower.js';
import type { Program } from './program.js';
import { parseClause, type ConstraintKind, type ObsLoc, type Prop, type PropOf } from './source/clause.js';
import { parseInit, type InitEntry, type InitValue } from './source/init.js';
import { layout, type Expected } from './source/layout.js';
import { SourceText } from './source/text.js';

export type ObsRef = { readonly kind: 'reg'; readonly thread: number; readonly r: number; readonly name: string } | { readonly kind: 'mem'; readonly loc: number; readonly name: string };

/** The condition with its names resolved: `0:r1` to a register, `x` to a location. */
export type Cond = PropOf<
  | { readonly k: 'eq'; readonly obs: ObsRef; readonly value: number }
  /** Two locations or registers hold the same value. */
  | { readonly k: 'same'; readonly obs: ObsRef; readonly other: ObsRef }
>;

export interface LitmusTest {
  readonly file: string;
  readonly name: string;
  readonly expected: Expected | null;
  readonly program: Program;
  readonly kind: ConstraintKind;
  readonly cond: Cond;
  readonly filter: Cond | null;
  /** What a final state shows: the `locations` items and the condition's, herd7's order. */
  readonly observed: readonly ObsRef[];
}

export function parseLitmus(text: string, file = 'test.litmus'): LitmusTest {
  const src = new SourceText(file, text);
  const lay = layout(src);
  const init = parseInit(src, lay.init);
  const clause = parseClause(src, lay.clause);
  const tu = parseC(lay.cText, file);
  const locs = new LocTable();
  for (const e of init) if (e.target.kind === 'mem') locs.ensure(e.target.name, kindOfType(initType(e)));
  const value = (v: InitValue): number => (v.kind === 'int' ? v.value : addrOf(locs.ensure(v.name)));
  const regInits: RegInit[] = init.flatMap((e) => (e.target.kind === 'reg' ? [{ proc: e.target.proc, name: e.target.name, value: e.value === null ? 0 : value(e.value) }] : []));
  const threads = lowerThreads(src, tu, locs, regInits);
  for (const e of init) if (e.target.kind === 'mem' && e.value !== null) locs.setInit(locs.ensure(e.target.name), value(e.value));
  for (const r of regInits) if (r.proc >= threads.length) throw src.error(init.find((e) => e.target.kind === 'reg' && e.target.proc === r.proc)!.at, `there is no process P${r.proc}`);
  const resolver = new Resolver(src, locs, threads.map((t) => t.regNames));
  const cond = resolver.cond(clause.prop);
  const filter = clause.filter === null ? null : resolver.cond(clause.filter);
  const observed = [...clause.locations.map((l) => resolver.obs(l.loc, l.at)), ...resolver.seen];
  return {
    file,
    name: lay.name,
    expected: lay.expected,
    program: { locs: locs.locs(), threads },
    kind: clause.kind,
    cond,
    filter,
    observed: herdOrder(observed),
  };
}

function initType(e: InitEntry): { base: string; pointers: number } | null {
  if (e.type === null) return e.pointer ? { base: 'int', pointers: 1 } : null;
  return { base: e.type, pointers: e.pointer ? 1 : 0 };
}

class Resolver {
  readonly seen: ObsRef[] = [];
  constructor(
    private readonly src: SourceText,
    private readonly locs: LocTable,
    private readonly regs: readonly (readonly string[])[],
  ) {}

  cond(p: Prop): Cond {
    return match(p)
      .returnType<Cond>()
      .with({ k: 'true' }, { k: 'false' }, (x) => x)
      .with({ k: 'not' }, (x) => ({ k: 'not', p: this.cond(x.p) }))
      .with({ k: 'and' }, { k: 'or' }, { k: 'implies' }, (x) => ({ k: x.k, a: this.cond(x.a), b: this.cond(x.b) }))
      .with({ k: 'eq' }, (x): Cond => {
        const obs = this.obs(x.loc, x.at);
        this.seen.push(obs);
        if (x.value.kind === 'loc') {
          const other = this.obs(x.value.loc, x.at);
          this.seen.push(other);
          return { k: 'same', obs, other };
        }
        const value = x.value.kind === 'int' ? x.value.value : addrOf(this.locs.ensure(x.value.name));
        return { k: 'eq', obs, value };
      })
      .exhaustive();
  }

  obs(l: ObsLoc, at: number): ObsRef {
    if (l.kind === 'mem') return { kind: 'mem', loc: this.locs.ensure(l.name), name: l.name };
    const names = this.regs[l.proc];
    if (names === undefined) throw this.src.error(at, `there is no process P${l.proc}`);
    // A register the process never names reads as 0, as in herd7.
    const r = names.indexOf(l.name);
    return { kind: 'reg', thread: l.proc, r, name: `${l.proc}:${l.name}` };
  }
}

/** Unique, registers first (by process, then name), then locations by name, as herd7 prints. */
function herdOrder(obs: readonly ObsRef[]): ObsRef[] {
  const key = (o: ObsRef): string => (o.kind === 'reg' ? `0 ${String(o.thread).padStart(4, '0')} ${o.name}` : `1 ${o.name}`);
  const uniq = new Map(obs.map((o) => [key(o), o]));
  return [...uniq.keys()].sort().map((k) => uniq.get(k)!);
}

export { LitmusError };
