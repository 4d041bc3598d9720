/**
 * Lowering a litmus test's processes from the C syntax tree (src/c) to the litmus program
 * (./program.ts), the way herd7 reads them:
 *
 * - a parameter `int *x` (`atomic_t *v`, `spinlock_t *l`, `struct srcu_struct *s`,
 *   `int **p`, `intptr_t *u`) names the shared location `x`; the parameter's value is its
 *   address, so `*x` is the location itself;
 * - a local (`int r0;`, `int *r1 = ...;`) is a register of its process, and so is any other
 *   name, declared or not (herd7 reads `r1 = READ_ONCE(*x);` without a declaration);
 * - `*e` is a plain load or store; a kernel primitive (./primitives.ts) an annotated one;
 * - `if`/`else` with any condition; casts are dropped; `+ - * / % & | ^ << >>`, comparisons,
 *   `&& || ! ~` on registers and values.
 *
 * Everything else (loops, `return`, member access, calls of unknown functions) is refused by
 * name at its own line and column.
 */
import type { Expr as CExpr, FunctionDef, Loc, Stmt as CStmt, TranslationUnit } from '../c/ast.js';
import { LitmusError } from './error.js';
import { addrOf } from './exec/value.js';
import { primitive, type ArgKind, type Lowered } from './primitives.js';
import type { BinOp, Expr, LocInfo, LocKind, Stmt, StmtBody, Thread } from './program.js';
import type { SourceText } from './source/text.js';

type Binding = { readonly kind: 'reg'; readonly r: number } | { readonly kind: 'param'; readonly loc: number };

/** The shared locations, by name, created on first mention. */
export class LocTable {
  private readonly infos: { name: string; kind: LocKind; init: number | null }[] = [];
  private readonly index = new Map<string, number>();

  ensure(name: string, kind: LocKind | null = null): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.infos.length;
      this.index.set(name, i);
      this.infos.push({ name, kind: kind ?? 'int', init: null });
    } else if (kind !== null && kind !== 'int') {
      this.infos[i]!.kind = kind;
    }
    return i;
  }

  find(name: string): number | null {
    return this.index.get(name) ?? null;
  }

  setInit(i: number, v: number): void {
    this.infos[i]!.init = v;
  }

  locs(): LocInfo[] {
    return this.infos.map((x) => ({ name: x.name, kind: x.kind, init: x.init ?? 0 }));
  }
}

export function kindOfType(t: { readonly base: string; readonly pointers: number } | null): LocKind | null {
  if (t === null) return null;
  if (t.base === 'spinlock_t') return 'spinlock';
  if (t.base === 'struct srcu_struct') return 'srcu';
  return t.pointers > 0 ? 'pointer' : 'int';
}

const BINOPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '==', '!=', '<', '<=', '>', '>=', '&&', '||']);

export interface RegInit {
  readonly proc: number;
  readonly name: string;
  readonly value: number;
}

export function lowerThreads(src: SourceText, tu: TranslationUnit, locs: LocTable, regInits: readonly RegInit[]): Thread[] {
  const fns: FunctionDef[] = [];
  for (const item of tu.items) {
    if (item.kind !== 'function') throw new LitmusError(item.loc, `only processes P0(...) { ... } may appear between the initial state and the final clause, not a ${item.kind}`);
    fns.push(item.fn);
  }
  if (fns.length === 0) throw new LitmusError({ file: src.file, line: 1, col: 1 }, 'the test has no processes');
  return fns.map((fn, i) => {
    if (fn.name !== `P${i}`) throw new LitmusError(fn.loc, `expected process P${i}, found '${fn.name}'`);
    return new ThreadLowering(src, locs, i, regInits.filter((x) => x.proc === i)).lower(fn);
  });
}

class ThreadLowering {
  private readonly scope = new Map<string, Binding>();
  private readonly regNames: string[] = [];
  private readonly regInit: number[] = [];

  constructor(
    private readonly src: SourceText,
    private readonly locs: LocTable,
    private readonly proc: number,
    inits: readonly RegInit[],
  ) {
    for (const x of inits) this.regInit[this.register(x.name)] = x.value;
  }

  lower(fn: FunctionDef): Thread {
    for (const p of fn.params) {
      if (p.type.pointers === 0) throw new LitmusError(p.loc, `parameter '${p.name}' must be a pointer to a shared location (${p.type.base} *${p.name})`);
      const loc = this.locs.ensure(p.name, kindOfType({ base: p.type.base, pointers: p.type.pointers - 1 }));
      this.scope.set(p.name, { kind: 'param', loc });
    }
    const body = this.stmts(fn.body);
    return { proc: this.proc, regNames: this.regNames, regInit: this.regNames.map((_, i) => this.regInit[i] ?? 0), body };
  }

  private register(name: string): number {
    const b = this.scope.get(name);
    if (b !== undefined && b.kind === 'reg') return b.r;
    const r = this.regNames.length;
    this.regNames.push(name);
    this.scope.set(name, { kind: 'reg', r });
    return r;
  }

  private stmts(ss: readonly CStmt[]): Stmt[] {
    return ss.flatMap((s) => this.stmt(s));
  }

  private at(loc: Loc, body: StmtBody): Stmt {
    const line = this.src.text.split('\n')[loc.line - 1] ?? '';
    return { ...body, src: { line: loc.line, col: loc.col, text: line.trim() } };
  }

  private stmt(s: CStmt): Stmt[] {
    switch (s.kind) {
      case 'expr':
        return this.exprStmt(s.expr).map((b) => this.at(s.loc, b));
      case 'decl':
        return s.decls.flatMap((d) => {
          if (d.arrayLength !== null) throw new LitmusError(d.loc, `the array '${d.name}' is not supported; use separate locations`);
          if (d.type.base === 'spinlock_t' || d.type.base === 'struct srcu_struct') {
            throw new LitmusError(d.loc, `a local ${d.type.base} is not supported; pass it as a parameter`);
          }
          const r = this.register(d.name);
          return d.init === null ? [] : [this.at(d.loc, { k: 'assign', r, e: this.value(d.init) })];
        });
      case 'block':
        return this.stmts(s.body);
      case 'if':
        return [
          this.at(s.loc, {
            k: 'if',
            cond: this.value(s.test),
            then: this.stmt(s.then),
            otherwise: s.otherwise === null ? [] : this.stmt(s.otherwise),
          }),
        ];
      case 'empty':
        return [];
      case 'while':
      case 'do':
      case 'for':
        throw new LitmusError(s.loc, `loops ('${s.kind}') are not supported: herd7 unrolls them, shootdown does not; write the iterations out`);
      case 'switch':
      case 'break':
      case 'continue':
      case 'return':
      case 'label':
      case 'goto':
      case 'macro-block':
        throw new LitmusError(s.loc, `'${s.kind}' statements are not supported in a litmus process`);
    }
  }

  private exprStmt(e: CExpr): StmtBody[] {
    if (e.kind === 'call') {
      const low = this.call(e);
      return low.kind === 'stmts' ? [...low.body] : [{ k: 'eval', e: low.expr }];
    }
    if (e.kind === 'assign') return [this.assign(e.target, e.op, e.value, e.loc)];
    if (e.kind === 'update') {
      const one: CExpr = { kind: 'num', loc: e.loc, value: 1 };
      return [this.assign(e.target, e.op === '++' ? '+=' : '-=', one, e.loc)];
    }
    return [{ k: 'eval', e: this.value(e) }];
  }

  private assign(target: CExpr, op: string, v: CExpr, loc: Loc): StmtBody {
    const rhs = this.value(v);
    if (target.kind === 'ident') {
      const b = this.scope.get(target.name) ?? { kind: 'reg', r: this.register(target.name) };
      if (b.kind === 'param') throw new LitmusError(target.loc, `assigning to the parameter '${target.name}' is not supported; declare a local`);
      const e: Expr = op === '=' ? rhs : { k: 'bin', op: compound(op, loc), a: { k: 'reg', r: b.r }, b: rhs };
      return { k: 'assign', r: b.r, e };
    }
    if (target.kind === 'unary' && target.op === '*') {
      if (op !== '=') throw new LitmusError(loc, `the compound assignment '${op}' to memory is not supported; read, compute, then write`);
      return { k: 'store', addr: this.value(target.arg), value: rhs, tag: 'plain' };
    }
    throw new LitmusError(target.loc, 'only a register or *pointer can be assigned');
  }

  private value(e: CExpr): Expr {
    switch (e.kind) {
      case 'num':
        return { k: 'const', v: e.value };
      case 'ident': {
        if (e.name === 'NULL') return { k: 'const', v: 0 };
        const b = this.scope.get(e.name) ?? { kind: 'reg', r: this.register(e.name) };
        return b.kind === 'reg' ? { k: 'reg', r: b.r } : { k: 'const', v: addrOf(b.loc) };
      }
      case 'unary':
        if (e.op === '*') return { k: 'load', addr: this.value(e.arg), tag: 'plain' };
        if (e.op === '+') return this.value(e.arg);
        if (e.op === '&') throw new LitmusError(e.loc, "'&' is not supported; a parameter's name is already its address");
        return { k: 'un', op: e.op, a: this.value(e.arg) };
      case 'binary':
        if (!BINOPS.has(e.op)) throw new LitmusError(e.loc, `the operator '${e.op}' is not supported`);
        return { k: 'bin', op: e.op as BinOp, a: this.value(e.left), b: this.value(e.right) };
      case 'cast':
        return this.value(e.arg);
      case 'call': {
        const low = this.call(e);
        if (low.kind === 'value') return low.expr;
        throw new LitmusError(e.loc, `${e.callee}() returns no value`);
      }
      case 'assign':
      case 'update':
        throw new LitmusError(e.loc, 'an assignment inside an expression is not supported; write it as its own statement');
      default:
        throw new LitmusError(e.loc, `the expression '${e.kind}' is not supported in a litmus process`);
    }
  }

  private call(e: Extract<CExpr, { kind: 'call' }>): Lowered {
    const p = primitive(e.callee);
    if (p === null) throw new LitmusError(e.calleeLoc, `unknown primitive '${e.callee}' (not in tools/memory-model/linux-kernel.def)`);
    if (e.args.length !== p.args.length) throw new LitmusError(e.loc, `${e.callee}() takes ${p.args.length} argument(s), not ${e.args.length}`);
    return p.build(e.args.map((a, i) => this.argument(e.callee, p.args[i]!, a)));
  }

  private argument(callee: string, kind: ArgKind, a: CExpr): Expr {
    if (kind !== 'lval') return this.value(a);
    const inner = a.kind === 'cast' ? a.arg : a;
    if (inner.kind === 'unary' && inner.op === '*') return this.value(inner.arg);
    throw new LitmusError(a.loc, `${callee}()'s first argument must be a dereference such as *x`);
  }
}

function compound(op: string, loc: Loc): BinOp {
  const b = op.slice(0, -1);
  if (!BINOPS.has(b)) throw new LitmusError(loc, `the operator '${op}' is not supported`);
  return b as BinOp;
}

