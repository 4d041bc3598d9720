/**
 * Source mutants of a C model: the edits a broken kernel patch would make, found in the
 * parsed syntax tree of the kernel code the model compiles (the model file's and the
 * prelude's functions reachable from its roles and interrupt handlers):
 *
 * - drop one call of a synchronisation primitive (./primitives.ts), or of a function that is
 *   nothing but such calls, or a spin-wait (`while (cond) cpu_relax();`);
 * - drop both halves of an IRQ/preemption/lock pair written in one block;
 * - weaken an ordered primitive to its relaxed form (`smp_store_release(&x, v)` ->
 *   `WRITE_ONCE(x, v)`, `atomic_fetch_xor()` -> `atomic_fetch_xor_relaxed()`);
 * - move a statement past its neighbour in the same block where one of the two is such a
 *   call (or an ordered access).
 *
 * Each is named by what it does and where (`drop smp_mb() at prelude/kernel/smp.c:208`) and
 * carries the mutated text of the one file it edits; ./patch.ts turns it into a unified diff.
 */
import type { Expr, FunctionDef, Loc, Stmt } from '../../c/ast.js';
import type { CModel } from '../../cmodel/index.js';
import { walkStmt } from '../../cmodel/lower/scan.js';
import { exprText } from '../../cmodel/lower/text.js';
import { applyPieces, type Edited, type Piece } from './edit.js';
import { FileExtents, type Extent } from './extents.js';
import { PAIRS, syncGroup, weakening, type PrimitiveGroup } from './primitives.js';

export type SourceMutantKind = 'drop' | 'drop-pair' | 'weaken' | 'move';

/** What an edit is about: a statement or a call, and the built-in it calls (null: a function of the sources). */
export interface Subject {
  readonly extent: Extent;
  /** The primitive a dropped or moved statement calls when the model supplies it (not a function of the sources). */
  readonly builtin: string | null;
}

export interface SourceMutant {
  readonly id: string;
  readonly kind: SourceMutantKind;
  readonly group: PrimitiveGroup;
  readonly file: string;
  readonly line: number;
  /** The function the edit is in. */
  readonly fn: string;
  readonly subjects: readonly Subject[];
  readonly edited: Edited;
}

/**
 * The kernel code the model compiles: functions reachable by calls and function values from its
 * roles, and from the interrupt handlers when that code sends an IPI (as the compiler includes
 * the handlers only then). A function only the witnesses reach is the specification (it only
 * reads) and is not mutated.
 */
export function reachableFunctions(m: CModel): FunctionDef[] {
  const fns = m.sym.functions;
  const seen = new Set<string>();
  let sendsIpi = false;
  const visit = (todo: string[]): void => {
    while (todo.length > 0) {
      const name = todo.pop()!;
      if (seen.has(name) || !fns.has(name)) continue;
      seen.add(name);
      const note = (e: Expr): void => {
        if (e.kind === 'call' && fns.has(e.callee)) todo.push(e.callee);
        if (e.kind === 'call' && !fns.has(e.callee) && syncGroup(e.callee) === 'ipi') sendsIpi = true;
        if (e.kind === 'ident' && fns.has(e.name)) todo.push(e.name);
      };
      for (const s of fns.get(name)!.def.body) walkStmt(s, note, () => {});
    }
  };
  visit(m.decls.roles.flatMap((r) => r.functions));
  if (sendsIpi) visit(m.decls.interrupts.map((i) => i.handler));
  return [...seen].sort().map((n) => fns.get(n)!.def);
}

/** A statement list (a block's or a case's body) or a lone body (of an if, a loop, a block macro). */
interface Place {
  readonly list: readonly Stmt[] | null;
  readonly stmt: Stmt;
}

function places(body: readonly Stmt[]): Place[] {
  const out: Place[] = [];
  const inList = (list: readonly Stmt[]): void => {
    for (const s of list) {
      out.push({ list, stmt: s });
      inner(s);
    }
  };
  const lone = (s: Stmt): void => {
    if (s.kind === 'block') return inList(s.body);
    out.push({ list: null, stmt: s });
    inner(s);
  };
  const inner = (s: Stmt): void => {
    switch (s.kind) {
      case 'block':
        return inList(s.body);
      case 'if':
        lone(s.then);
        if (s.otherwise !== null) lone(s.otherwise);
        return;
      case 'while':
      case 'do':
      case 'for':
      case 'macro-block':
      case 'label':
        return lone(s.body);
      case 'switch':
        for (const c of s.cases) inList(c.body);
        return;
      default:
        return;
    }
  };
  inList(body);
  return out;
}

const topCall = (s: Stmt): Extract<Expr, { kind: 'call' }> | null => (s.kind === 'expr' && s.expr.kind === 'call' ? s.expr : null);

function isSpinWait(s: Stmt): boolean {
  if (s.kind !== 'while' && s.kind !== 'do') return false;
  const spin = (b: Stmt): boolean =>
    b.kind === 'empty' || (b.kind === 'block' && b.body.every(spin)) || (b.kind === 'expr' && b.expr.kind === 'call' && (b.expr.callee === 'cpu_relax' || b.expr.callee === 'barrier'));
  return spin(s.body);
}

/** An ordered access a statement is made of: `smp_store_release(...)`, `x = atomic_fetch_xor(...)`, `int v = smp_load_acquire(...)`. */
function orderedCall(s: Stmt): Extract<Expr, { kind: 'call' }> | null {
  const e = s.kind === 'expr' ? (s.expr.kind === 'assign' ? s.expr.value : s.expr) : s.kind === 'decl' && s.decls.length === 1 ? s.decls[0]!.init : null;
  return e !== null && e.kind === 'call' && weakening(e.callee) !== null ? e : null;
}

/** How a statement reads in a mutant's name. */
function describe(s: Stmt): string {
  const call = topCall(s);
  if (call !== null) return `${call.callee}()`;
  switch (s.kind) {
    case 'expr': {
      const t = exprText(s.expr);
      return t.length <= 40 ? t : s.expr.kind === 'assign' ? `${exprText(s.expr.target)} = ...` : 'the statement';
    }
    case 'decl':
      return `the declaration of ${s.decls.map((d) => d.name).join(', ')}`;
    case 'macro-block':
      return `the ${s.macro.name}() block`;
    case 'while':
    case 'do':
      return isSpinWait(s) ? 'the spin-wait' : `the ${s.kind} loop`;
    default:
      return `the ${s.kind} statement`;
  }
}

function namesUsed(s: Stmt): Set<string> {
  const out = new Set<string>();
  walkStmt(
    s,
    (e) => {
      if (e.kind === 'ident') out.add(e.name);
    },
    () => {},
  );
  return out;
}

/** The mutants of a loaded model (a variant: its patch already applied to `m.sources`). */
export function sourceMutants(m: CModel): SourceMutant[] {
  const finder = new Finder(m);
  for (const fn of reachableFunctions(m)) finder.inFunction(fn);
  return finder.out;
}

/** Finds the mutants of one model, function by function, keeping each edited text once. */
class Finder {
  readonly out: SourceMutant[] = [];
  private readonly texts: ReadonlyMap<string, string>;
  private readonly extents = new Map<string, FileExtents>();
  private readonly groupOfCall: (callee: string) => PrimitiveGroup | null;
  private readonly seenText = new Set<string>();
  private readonly ids = new Map<string, number>();

  constructor(private readonly m: CModel) {
    this.texts = new Map(m.sources.map((f) => [f.name, f.text]));
    this.groupOfCall = wrapperGroups(reachableFunctions(m));
  }

  inFunction(fn: FunctionDef): void {
    const x = this.extentsOf(fn.loc.file);
    if (x === undefined) return;
    for (const { list, stmt } of places(fn.body)) {
      const e = x.statement(stmt);
      if (e === undefined) continue;
      this.drops(fn, x, list, stmt, e);
      if (list !== null) this.moveAfter(fn, x, list, stmt, e);
    }
    for (const s of fn.body) walkStmt(s, (ex) => this.weaken(fn, ex), () => {});
  }

  private extentsOf(file: string): FileExtents | undefined {
    let x = this.extents.get(file);
    if (x === undefined) {
      const text = this.texts.get(file);
      if (text === undefined) return undefined;
      x = new FileExtents(file, text);
      this.extents.set(file, x);
    }
    return x;
  }

  private syncCall(s: Stmt): { callee: string; group: PrimitiveGroup } | null {
    const c = topCall(s);
    const g = c === null ? null : this.groupOfCall(c.callee);
    return c === null || g === null ? null : { callee: c.callee, group: g };
  }

  private subject(s: Stmt, e: Extent): Subject {
    const c = topCall(s);
    return { extent: e, builtin: c !== null && !this.m.sym.functions.has(c.callee) ? c.callee : null };
  }

  private add(fn: FunctionDef, kind: SourceMutantKind, group: PrimitiveGroup, what: string, at: Loc, subjects: Subject[], pieces: Piece[]): void {
    const x = this.extentsOf(at.file)!;
    const edited = applyPieces(x.text, pieces);
    const key = `${at.file}\u0000${edited.text}`;
    if (edited.text === x.text || this.seenText.has(key)) return;
    this.seenText.add(key);
    const base = `${what} at ${at.file}:${at.line}`;
    const n = (this.ids.get(base) ?? 0) + 1;
    this.ids.set(base, n);
    this.out.push({ id: n === 1 ? base : `${base} #${n}`, kind, group, file: at.file, line: at.line, fn: fn.name, subjects, edited });
  }

  /** Drop the statement (a lone body becomes `{}`), and a pair it opens in the same block. */
  private drops(fn: FunctionDef, x: FileExtents, list: readonly Stmt[] | null, stmt: Stmt, e: Extent): void {
    const sync = this.syncCall(stmt);
    if (sync === null && !isSpinWait(stmt)) return;
    const what = sync !== null ? `drop ${sync.callee}()` : 'drop the spin-wait';
    const piece: Piece = list === null ? { ...e, text: '{}' } : { ...(x.wholeLines(e) ?? e), text: '' };
    this.add(fn, 'drop', sync?.group ?? 'wait', what, stmt.loc, [this.subject(stmt, e)], [piece]);
    const closes = sync === null ? undefined : PAIRS.get(sync.callee);
    if (list === null || sync === null || closes === undefined) return;
    const closer = list.slice(list.indexOf(stmt) + 1).find((t) => topCall(t)?.callee === closes);
    const ce = closer === undefined ? undefined : x.statement(closer);
    if (closer === undefined || ce === undefined) return;
    this.add(fn, 'drop-pair', sync.group, `drop ${sync.callee}()/${closes}()`, stmt.loc, [this.subject(stmt, e), this.subject(closer, ce)], [
      { ...(x.wholeLines(e) ?? e), text: '' },
      { ...(x.wholeLines(ce) ?? ce), text: '' },
    ]);
  }

  /** Swap `a` with the statement after it, when one of the two is a primitive. */
  private moveAfter(fn: FunctionDef, x: FileExtents, list: readonly Stmt[], a: Stmt, ea: Extent): void {
    const b = list[list.indexOf(a) + 1];
    const eb = b === undefined ? undefined : x.statement(b);
    if (b === undefined || eb === undefined) return;
    const key = (s: Stmt): boolean => this.syncCall(s) !== null || isSpinWait(s) || orderedCall(s) !== null;
    const fixed = (s: Stmt): boolean => s.kind === 'return' || s.kind === 'break' || s.kind === 'continue' || s.kind === 'empty' || s.kind === 'label';
    if (!(key(a) || key(b)) || fixed(a) || fixed(b)) return;
    // B would come before the declaration of a name it uses: not C any more.
    if (a.kind === 'decl') {
      const used = namesUsed(b);
      if (a.decls.some((d) => used.has(d.name))) return;
    }
    const wa = x.wholeLines(ea);
    const wb = x.wholeLines(eb);
    // Whole lines move with their comments; two statements sharing a line swap in place.
    const [ra, rb] = wa !== null && wb !== null && wa.to <= wb.from ? [wa, wb] : [ea, eb];
    const moved = key(a) ? a : b;
    const other = moved === a ? b : a;
    const what = `move ${describe(moved)} ${moved === a ? 'past' : 'before'} ${describe(other)}`;
    const group = this.syncCall(moved)?.group ?? (orderedCall(moved) !== null ? 'ordered' : 'wait');
    this.add(fn, 'move', group, what, moved.loc, [this.subject(a, ea), this.subject(b, eb)], [
      { from: ra.from, to: ra.to, copy: { from: rb.from, to: rb.to } },
      { from: rb.from, to: rb.to, copy: { from: ra.from, to: ra.to } },
    ]);
  }

  /** Rename an ordered call to its relaxed form (and pass the place, not its address, where the relaxed form takes one). */
  private weaken(fn: FunctionDef, e: Expr): void {
    if (e.kind !== 'call') return;
    const w = weakening(e.callee);
    const x = this.extentsOf(e.calleeLoc.file);
    const call = x?.call(e.loc, e.callee);
    if (w === null || x === undefined || call === undefined) return;
    const at = x.offset(e.calleeLoc);
    const pieces: Piece[] = [{ from: at, to: at + e.callee.length, text: w.to }];
    if (w.deref) {
      const arg = e.args[0];
      const ax = call.args[0];
      if (arg === undefined || ax === undefined) return;
      if (arg.kind === 'unary' && arg.op === '&' && x.text[ax.from] === '&') pieces.push({ from: ax.from, to: ax.from + 1, text: '' });
      else pieces.push({ from: ax.from, to: ax.from, text: '*(' }, { from: ax.to, to: ax.to, text: ')' });
    }
    this.add(fn, 'weaken', 'ordered', `weaken ${e.callee}() to ${w.to}()`, e.loc, [{ extent: call.call, builtin: e.callee }], pieces);
  }
}

/**
 * The group of each callee a patch may drop: a primitive of ./primitives.ts, or a function of
 * the sources whose body is nothing but calls of such (found until nothing changes).
 */
function wrapperGroups(fns: readonly FunctionDef[]): (callee: string) => PrimitiveGroup | null {
  const derived = new Map<string, PrimitiveGroup>();
  const groupOf = (c: string): PrimitiveGroup | null => derived.get(c) ?? syncGroup(c);
  const isListed = (c: string): boolean => syncGroup(c) !== null;
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of fns) {
      if (derived.has(f.name) || isListed(f.name) || f.body.length === 0) continue;
      const calls = f.body.map((s) => topCall(s));
      if (calls.some((c) => c === null)) continue;
      const groups = calls.map((c) => groupOf(c!.callee));
      if (groups.some((g) => g === null)) continue;
      derived.set(f.name, groups[0]!);
      grew = true;
    }
  }
  return groupOf;
}
