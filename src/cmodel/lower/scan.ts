/**
 * Syntactic scans over function bodies: which locals a function assigns (a parameter or local
 * never assigned can be bound to its initial constant or place), and which functions have
 * their address taken (the targets of calls through function pointers).
 */
import type { Expr, FunctionDef, Stmt } from '../../c/ast.js';

const assignedCache = new WeakMap<FunctionDef, ReadonlySet<string>>();

/** Names a function's body assigns, increments or takes the address of. */
export function assignedNames(fn: FunctionDef): ReadonlySet<string> {
  const cached = assignedCache.get(fn);
  if (cached !== undefined) return cached;
  const out = new Set<string>();
  for (const s of fn.body) walkStmt(s, (e) => targetOf(e, out), () => {});
  assignedCache.set(fn, out);
  return out;
}

function targetOf(e: Expr, out: Set<string>): void {
  if ((e.kind === 'assign' || e.kind === 'update') && e.target.kind === 'ident') out.add(e.target.name);
  if (e.kind === 'unary' && e.op === '&' && e.arg.kind === 'ident') out.add(e.arg.name);
  // for_each_cpu(cpu, ...) and try_cmpxchg(p, &old, new) assign their named argument.
  if (e.kind === 'call' && /^for_each_/.test(e.callee) && e.args[0]?.kind === 'ident') out.add(e.args[0].name);
}

/** Names of functions used as values (not called) anywhere in `fns`. */
export function addressTakenFunctions(fns: Iterable<FunctionDef>, isFunctionName: (name: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const fn of fns) {
    const locals = localNames(fn);
    const isFunction = (n: string): boolean => isFunctionName(n) && !locals.has(n);
    for (const s of fn.body) {
      walkStmt(
        s,
        (e) => {
          // __at(cpu, fn) (a witness's view of where a CPU is) names fn without taking its address.
          if (e.kind === 'call' && e.callee !== '__at') for (const a of e.args) if (a.kind === 'ident' && isFunction(a.name)) out.add(a.name);
          if (e.kind === 'assign' && e.value.kind === 'ident' && isFunction(e.value.name)) out.add(e.value.name);
          if (e.kind === 'unary' && e.op === '&' && e.arg.kind === 'ident' && isFunction(e.arg.name)) out.add(e.arg.name);
        },
        (d) => {
          if (d.kind === 'ident' && isFunction(d.name)) out.add(d.name);
        },
      );
    }
  }
  return out;
}

/** Parameters and locals a function declares (they shadow functions of the same name). */
function localNames(fn: FunctionDef): Set<string> {
  const out = new Set(fn.params.map((p) => p.name));
  const visit = (s: Stmt): void => {
    if (s.kind === 'decl') for (const d of s.decls) out.add(d.name);
    if (s.kind === 'block') s.body.forEach(visit);
    if (s.kind === 'if') {
      visit(s.then);
      if (s.otherwise !== null) visit(s.otherwise);
    }
    if (s.kind === 'while' || s.kind === 'do' || s.kind === 'macro-block' || s.kind === 'label') visit(s.body);
    if (s.kind === 'for') {
      if (s.init !== null) visit(s.init);
      visit(s.body);
    }
    if (s.kind === 'switch') for (const c of s.cases) c.body.forEach(visit);
  };
  fn.body.forEach(visit);
  return out;
}

/** Visits every expression of a statement (and, via `init`, declaration initialisers). */
export function walkStmt(s: Stmt, visit: (e: Expr) => void, init: (e: Expr) => void): void {
  const ex = (e: Expr | null): void => {
    if (e !== null) walkExpr(e, visit);
  };
  switch (s.kind) {
    case 'expr':
      return ex(s.expr);
    case 'decl':
      for (const d of s.decls) {
        if (d.init !== null) {
          init(d.init);
          ex(d.init);
        }
      }
      return;
    case 'block':
      for (const b of s.body) walkStmt(b, visit, init);
      return;
    case 'if':
      ex(s.test);
      walkStmt(s.then, visit, init);
      if (s.otherwise !== null) walkStmt(s.otherwise, visit, init);
      return;
    case 'while':
    case 'do':
      ex(s.test);
      walkStmt(s.body, visit, init);
      return;
    case 'for':
      if (s.init !== null) walkStmt(s.init, visit, init);
      ex(s.test);
      ex(s.update);
      walkStmt(s.body, visit, init);
      return;
    case 'switch':
      ex(s.test);
      for (const c of s.cases) for (const b of c.body) walkStmt(b, visit, init);
      return;
    case 'return':
      return ex(s.value);
    case 'label':
      return walkStmt(s.body, visit, init);
    case 'macro-block':
      for (const a of s.macro.args) walkExpr(a, visit);
      visit({ kind: 'call', loc: s.macro.loc, callee: s.macro.name, calleeLoc: s.macro.loc, args: s.macro.args });
      return walkStmt(s.body, visit, init);
    case 'break':
    case 'continue':
    case 'goto':
    case 'empty':
      return;
  }
}

export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'unary':
      return walkExpr(e.arg, visit);
    case 'binary':
      walkExpr(e.left, visit);
      return walkExpr(e.right, visit);
    case 'assign':
      walkExpr(e.target, visit);
      return walkExpr(e.value, visit);
    case 'update':
      return walkExpr(e.target, visit);
    case 'call':
      for (const a of e.args) walkExpr(a, visit);
      return;
    case 'cond':
      walkExpr(e.test, visit);
      walkExpr(e.then, visit);
      return walkExpr(e.otherwise, visit);
    case 'member':
      return walkExpr(e.object, visit);
    case 'index':
      walkExpr(e.array, visit);
      return walkExpr(e.index, visit);
    case 'cast':
      return walkExpr(e.arg, visit);
    case 'comma':
      for (const x of e.exprs) walkExpr(x, visit);
      return;
    case 'init-list':
      for (const i of e.items) walkExpr(i.value, visit);
      return;
    case 'num':
    case 'string':
    case 'ident':
      return;
  }
}

/**
 * What code can name: every function used as a value anywhere (the pointer values a model can
 * hold: small, and calls through a pointer may reach any of them), and the objects named by
 * the code reachable from `roots` (role, INIT, handler and WITNESS functions, and what the tool
 * runs itself: the scheduler's and the hotplug takedown's), which it also returns
 * (`reachable`). Syntactic, so an over-approximation: both branches of `IS_ENABLED()`
 * count, and a call through a function pointer reaches every function used as a value.
 */
export function namedByCode(
  fns: ReadonlyMap<string, { readonly def: FunctionDef }>,
  initialisers: Iterable<Expr>,
  roots: Iterable<string>,
  isObject: (name: string) => boolean,
): { readonly functions: ReadonlySet<string>; readonly objects: ReadonlySet<string>; readonly reachable: ReadonlySet<string> } {
  const functions = new Set<string>();
  const noteValues = (e: Expr): void => {
    if (e.kind === 'ident' && fns.has(e.name)) functions.add(e.name);
  };
  for (const { def } of fns.values()) for (const s of def.body) walkStmt(s, noteValues, () => {});
  for (const e of initialisers) walkExpr(e, noteValues);
  const objects = new Set<string>();
  const seen = new Set<string>();
  const todo = [...roots];
  let throughPointer = false;
  while (todo.length > 0) {
    const name = todo.pop()!;
    const fn = fns.get(name);
    if (seen.has(name) || fn === undefined) continue;
    seen.add(name);
    const locals = localNames(fn.def);
    for (const s of fn.def.body) {
      walkStmt(
        s,
        (e) => {
          if (e.kind === 'ident' && !fns.has(e.name)) objects.add(e.name);
          if (e.kind === 'ident' && fns.has(e.name)) todo.push(e.name);
          if (e.kind !== 'call') return;
          if (locals.has(e.callee) || isObject(e.callee)) throughPointer = true;
          else if (fns.has(e.callee)) todo.push(e.callee);
        },
        () => {},
      );
    }
    if (todo.length === 0 && throughPointer) {
      throughPointer = false;
      todo.push(...[...functions].filter((f) => !seen.has(f)));
    }
  }
  return { functions, objects, reachable: seen };
}
