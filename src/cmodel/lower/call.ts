/**
 * Calls: every call is inlined (recursion refused). A parameter bound to a constant or to a
 * known place (`&x`, `per_cpu_ptr(&x, cpu)`) becomes that constant or place, so pointer
 * parameters cost no state; others get a register. A call through a function pointer
 * (`func(info)` with `func` a `smp_call_func_t`) is a dispatch over the functions whose
 * address the model takes, each inlined.
 */
import type { Expr, FunctionDef, Loc } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { constant, reg } from '../ir.js';
import { VOID, typeName, type CType } from '../types.js';
import type { CLabel, Local } from './emitter.js';
import type { Lowerer } from './lowerer.js';
import { resumeAfterChanged, suspendForChanged } from './atomic-trust.js';
import { assignedNames } from './scan.js';
import { checkGotos, lowerStatements } from './stmt.js';
import { flowCpu, type RValue } from './values.js';

export function lowerCallExpr(lw: Lowerer, e: Extract<Expr, { kind: 'call' }>): RValue {
  const local = lw.em.lookup(e.callee);
  if (local !== undefined) return indirectCall(lw, lw.localValue(local), e.args, e.loc, e.callee);
  const obj = lw.env.sym.objectByName.get(e.callee);
  if (obj !== undefined && obj.type.kind === 'function') {
    return indirectCall(lw, lw.load({ k: 'mem', addr: { k: 'obj', obj: obj.id, cpu: null, path: [] }, type: obj.type, name: e.callee }, 'plain', e.loc, e.callee), e.args, e.loc, e.callee);
  }
  const info = lw.env.sym.functions.get(e.callee);
  if (info === undefined) {
    throw new CError(e.calleeLoc, `unknown function '${e.callee}': not defined in the model, an override or the prelude, and not a built-in`);
  }
  const args = e.args.map((a) => lw.rvalue(a));
  return inlineCall(lw, info.def, args, e.loc);
}

export function inlineCall(lw: Lowerer, fn: FunctionDef, args: readonly RValue[], loc: Loc): RValue {
  if (args.length !== fn.params.length) {
    throw new CError(loc, `${fn.name}() takes ${fn.params.length} argument${fn.params.length === 1 ? '' : 's'}, ${args.length} given (defined at ${fn.loc.file}:${fn.loc.line})`);
  }
  const retType: CType = fn.returnType === null ? VOID : lw.resolveType(fn.returnType.base, fn.returnType.pointers, fn.loc);
  const result = retType.kind === 'void' ? null : lw.em.newReg(`${fn.name}()`, retType);
  const exit = lw.em.label();
  const returns: (number | null)[] = [];
  const labels = new Map<string, CLabel>();
  // A function the patch changed runs step by step even inside a prelude __atomic_block (./atomic-trust.ts).
  const suspended = suspendForChanged(lw, fn, loc);
  const saved = lw.em.enterCall({ fn: fn.name, callLoc: loc, exit, result, returns, atomicDepth: lw.em.atomicDepth, labels }, loc);
  const loops = lw.em.saveLoops();
  const assigned = assignedNames(fn);
  const outerAssigned = lw.assigned;
  lw.assigned = assigned;
  fn.params.forEach((p, i) => {
    const t = lw.resolveType(p.type.base, p.type.pointers, p.loc);
    const a = args[i]!;
    lw.em.declare(p.name, bindParam(lw, `${fn.name}.${p.name}`, t, a, assigned.has(p.name), p.loc), p.loc);
  });
  lowerStatements(lw, fn.body);
  checkGotos(labels, fn.name);
  lw.assigned = outerAssigned;
  lw.em.place(exit);
  lw.em.restoreLoops(loops);
  lw.em.leaveCall(saved);
  if (suspended !== null) resumeAfterChanged(lw, suspended, loc);
  if (result === null) return { val: constant(0), type: VOID };
  // A function whose every return gives the same constant (a configuration test written as a
  // function) is that constant: a branch on it lowers only the side taken.
  const c = returns[0];
  if (returns.length > 0 && c !== null && c !== undefined && returns.every((r) => r === c) && endsInReturn(fn)) return { val: constant(c), type: retType };
  return { val: reg(result), type: retType, cpuValued: result.cpuValued };
}

function bindParam(lw: Lowerer, name: string, t: CType, a: RValue, reassigned: boolean, loc: Loc): Local {
  if (!reassigned) {
    if (a.points !== undefined && t.kind === 'pointer') return { k: 'alias', val: a.val, points: a.points, type: t };
    if (a.val.k === 'c') return { k: 'const', value: a.val.v, type: t };
  }
  if (a.points !== undefined && a.val.k === 'c' && a.val.v === 0 && t.kind === 'pointer') {
    throw new CError(loc, `'${name}' is changed in the function but bound to a place that has no pointer value (a member or a per-CPU instance): copy what you need`);
  }
  const r = lw.em.newReg(name, t);
  flowCpu(r, a);
  lw.em.emit({ op: 'set', dst: r, args: [a.val], fn: (x) => x[0]!, loc, text: '' });
  return { k: 'reg', reg: r, type: t };
}

/** A call through a function pointer: inline each function it can name. */
function indirectCall(lw: Lowerer, target: RValue, argExprs: readonly Expr[], loc: Loc, text: string): RValue {
  if (target.type.kind !== 'function') throw new CError(loc, `'${text}' is a ${typeName(target.type)}, not a function`);
  const args = argExprs.map((a) => lw.rvalue(a));
  if (target.val.k === 'c') {
    const name = lw.env.addrs.fnOf[target.val.v];
    if (name === null || name === undefined) throw new CError(loc, `call through a NULL function pointer '${text}'`);
    return inlineCall(lw, lw.env.sym.functions.get(name)!.def, args, loc);
  }
  const candidates = [...lw.env.addressTaken]
    .sort()
    .map((n) => lw.env.sym.functions.get(n)!.def)
    .filter((f) => f.params.length === args.length);
  // With no candidate the pointer can hold no function here: the call below is always the NULL one.
  const done = lw.em.label();
  const results: RValue[] = [];
  const dst = lw.em.temp({ kind: 'int', name: 'int', lo: -128, hi: 127 });
  for (const f of candidates) {
    const id = lw.env.addrs.ofFunction(f.name);
    const yes = lw.em.label();
    const no = lw.em.label();
    const is = lw.set({ kind: 'int', name: 'bool', lo: 0, hi: 1 }, [target.val], (x) => (x[0] === id ? 1 : 0), loc, '');
    lw.em.branch(is.val, yes, no, loc, `${text} == ${f.name}`);
    lw.em.place(yes);
    const r = inlineCall(lw, f, args, loc);
    results.push(r);
    lw.em.emit({ op: 'set', dst, args: [r.val], fn: (x) => x[0]!, loc, text: '' });
    lw.em.jump(done, loc);
    lw.em.place(no);
  }
  const nullCall = lw.env.props.intern('no-call-through-null', 'no function pointer called is NULL or names a function not in the model', null);
  lw.em.emit({ op: 'assert', cond: constant(1), property: nullCall, loc, text: `${text}(): NULL or unknown function pointer` });
  lw.em.place(done);
  return { val: reg(dst), type: results[0]?.type ?? VOID };
}

/** The function's last statement is a return: no path reaches its end without one. */
function endsInReturn(fn: FunctionDef): boolean {
  const last = fn.body.at(-1);
  return last !== undefined && last.kind === 'return';
}
