/**
 * Statements to instructions: declarations (registers, or the constant or place a local is
 * initialised with when it is never changed), if/else, loops, switch, break/continue/return,
 * labels, and the kernel's block macros: `for_each_cpu(cpu, mask)` and friends, and
 * `__atomic_block("why") { ... }`. A spin-wait — `while (cond) cpu_relax();` whose condition
 * only reads — is one blocking step that waits until the condition is false.
 */
import type { Expr, Loc, Stmt, VarDecl } from '../../c/ast.js';
import { CError } from '../../c/error.js';
import { constant, reg, type Instr } from '../ir.js';
import { BOOL, INT, typeName, type CType } from '../types.js';
import type { CLabel } from './emitter.js';
import type { Lowerer } from './lowerer.js';
import { beginBlock, resumeAfterChanged, suspendForChangedStmt } from './atomic-trust.js';
import { exprText } from './text.js';
import { flowCpu } from './values.js';
import { cpumaskPlace } from '../builtins/cpumask.js';

export function lowerStatements(lw: Lowerer, body: readonly Stmt[]): void {
  lw.em.pushScope();
  for (const s of body) lowerStmt(lw, s);
  lw.em.popScope();
}

export function lowerStmt(lw: Lowerer, s: Stmt): void {
  // A statement the patch changed runs step by step even inside a prelude __atomic_block (./atomic-trust.ts).
  const suspended = suspendForChangedStmt(lw, s);
  lowerOneStmt(lw, s);
  if (suspended !== null) resumeAfterChanged(lw, suspended, s.loc);
}

function lowerOneStmt(lw: Lowerer, s: Stmt): void {
  const em = lw.em;
  em.lowered.push(s.loc);
  switch (s.kind) {
    case 'expr':
      lw.rvalue(s.expr);
      return;
    case 'decl':
      for (const d of s.decls) declareLocal(lw, d);
      return;
    case 'block':
      return lowerStatements(lw, s.body);
    case 'empty':
      return;
    case 'if': {
      const test = lw.truth(lw.rvalue(s.test), s.loc);
      // A constant condition (a configuration test) lowers only the branch taken.
      if (test.k === 'c') {
        if (test.v !== 0) lowerStatements(lw, [s.then]);
        else if (s.otherwise !== null) lowerStatements(lw, [s.otherwise]);
        return;
      }
      const t = em.label();
      const f = em.label();
      const join = em.label();
      em.branch(test, t, f, s.loc, `if (${exprText(s.test)})`);
      em.place(t);
      lowerStatements(lw, [s.then]);
      em.jump(join, s.loc);
      em.place(f);
      if (s.otherwise !== null) lowerStatements(lw, [s.otherwise]);
      em.place(join);
      return;
    }
    case 'while':
      if (isSpinBody(s.body) && tryWait(lw, s.test, s.loc)) return;
      return loop(lw, s.loc, null, s.test, null, s.body, false);
    case 'do':
      if (isSpinBody(s.body) && tryWait(lw, s.test, s.loc)) return;
      return loop(lw, s.loc, null, s.test, null, s.body, true);
    case 'for':
      em.pushScope();
      if (s.init !== null) lowerStmt(lw, s.init);
      loop(lw, s.loc, null, s.test, s.update, s.body, false);
      em.popScope();
      return;
    case 'switch':
      return lowerSwitch(lw, s);
    case 'break': {
      const b = em.breakTarget(s.loc);
      em.jumpOut(b.to, b.atomicDepth, s.loc, 'break');
      return;
    }
    case 'continue': {
      const c = em.continueTarget(s.loc);
      em.jumpOut(c.to, c.atomicDepth, s.loc, 'continue');
      return;
    }
    case 'return': {
      const frame = em.frames.at(-1);
      if (s.value !== null) {
        const v = lw.rvalue(s.value);
        if (frame?.result != null) em.emit({ op: 'set', dst: frame.result, args: [v.val], fn: (a) => a[0]!, loc: s.loc, text: `return ${exprText(s.value)}` });
        if (frame?.result != null) flowCpu(frame.result, v);
        frame?.returns?.push(v.val.k === 'c' ? v.val.v : null);
      }
      if (frame === undefined) em.jumpOut(lw.unitEnd, 0, s.loc, 'return');
      else em.jumpOut(frame.exit, frame.atomicDepth ?? 0, s.loc, 'return');
      return;
    }
    case 'label': {
      const l = cLabel(lw, s.name, s.loc);
      if (l.placedIn !== null) throw new CError(s.loc, `the label '${s.name}' is defined twice in ${em.currentFn()}()`);
      l.placedIn = em.atomicBlocks;
      em.place(l.label);
      em.cLabels.set(s.name, em.instrs.length);
      lw.labelsAt.set(em.instrs.length, s.name);
      return lowerStmt(lw, s.body);
    }
    case 'goto': {
      const l = cLabel(lw, s.label, s.loc);
      l.gotos.push({ loc: s.loc, atomicBlocks: em.atomicBlocks });
      em.jump(l.label, s.loc, `goto ${s.label}`);
      return;
    }
    case 'macro-block':
      return lowerMacroBlock(lw, s);
  }
}

/** The C label `name` of the function being lowered, made on first use. */
function cLabel(lw: Lowerer, name: string, loc: Loc): CLabel {
  const labels = lw.em.frames.at(-1)?.labels;
  if (labels === undefined) throw new CError(loc, `'${name}': a label outside a function`);
  let l = labels.get(name);
  if (l === undefined) {
    l = { label: lw.em.label(), placedIn: null, gotos: [] };
    labels.set(name, l);
  }
  return l;
}

/**
 * At the end of a function: every label a goto names is defined in it, and no goto enters or
 * leaves an `__atomic_block` (a block is one step from its start to its end; use return or
 * break to leave one, which ends it on the way).
 */
export function checkGotos(labels: ReadonlyMap<string, CLabel>, fn: string): void {
  for (const [name, l] of labels) {
    for (const g of l.gotos) {
      if (l.placedIn === null) throw new CError(g.loc, `goto ${name}: there is no label '${name}' in ${fn}()`);
      if (g.atomicBlocks !== l.placedIn) throw new CError(g.loc, `goto ${name} enters or leaves an __atomic_block; leave a block with return or break, which end it`);
    }
  }
}

function declareLocal(lw: Lowerer, d: VarDecl): void {
  const t = lw.env.sym.resolveDecl(d);
  if (t.kind === 'struct' || t.kind === 'array' || t.kind === 'cpumask') {
    throw new CError(d.loc, `the local '${d.name}' is a ${typeName(t)}: locals are scalars (declare the object at top level, or use a pointer)`);
  }
  const name = `${lw.em.currentFn()}.${d.name}`;
  if (d.init !== null && d.init.kind !== 'init-list') {
    const v = lw.rvalue(d.init);
    if (!lw.assigned.has(d.name)) {
      if (v.points !== undefined && t.kind === 'pointer') {
        lw.em.declare(d.name, { k: 'alias', val: v.val, points: v.points, type: t }, d.loc);
        return;
      }
      if (v.val.k === 'c') {
        lw.em.declare(d.name, { k: 'const', value: v.val.v, type: t }, d.loc);
        return;
      }
    }
    const r = lw.em.newReg(name, t);
    flowCpu(r, v);
    if (v.val.k === 'r' && v.val.r.selfId === true && !lw.assigned.has(d.name)) r.selfId = true;
    lw.em.emit({ op: 'set', dst: r, args: [v.val], fn: (a) => a[0]!, loc: d.loc, text: `${d.name} = ${exprText(d.init)}` });
    lw.em.declare(d.name, { k: 'reg', reg: r, type: t }, d.loc);
    return;
  }
  if (d.init !== null) throw new CError(d.loc, `the local '${d.name}' cannot take an initialiser list`);
  const r = lw.em.newReg(name, t);
  // C leaves it undefined; the model starts it at 0 and says so in the language reference.
  lw.em.emit({ op: 'set', dst: r, args: [constant(0)], fn: () => 0, loc: d.loc, text: '' });
  lw.em.declare(d.name, { k: 'reg', reg: r, type: t }, d.loc);
}

function loop(lw: Lowerer, loc: Loc, _init: null, test: Expr | null, update: Expr | null, body: Stmt, testAfter: boolean): void {
  const em = lw.em;
  const head = em.label();
  const bodyL = em.label();
  const cont = em.label();
  const exit = em.label();
  if (testAfter) em.jump(bodyL, loc);
  em.place(head);
  if (test !== null) {
    const t = lw.truth(lw.rvalue(test), loc);
    em.branch(t, bodyL, exit, loc, `while (${exprText(test)})`);
  }
  em.place(bodyL);
  em.pushLoop(exit, cont);
  lowerStatements(lw, [body]);
  em.popLoop();
  em.place(cont);
  if (update !== null) lw.rvalue(update);
  em.jump(head, loc);
  em.place(exit);
}

function isSpinBody(s: Stmt): boolean {
  if (s.kind === 'empty') return true;
  if (s.kind === 'expr') return s.expr.kind === 'call' && (s.expr.callee === 'cpu_relax' || s.expr.callee === 'barrier') && s.expr.args.length === 0;
  if (s.kind === 'block') return s.body.every(isSpinBody);
  return false;
}

/**
 * `while (cond) cpu_relax();` as one blocking step: it waits until `cond` is false. Only when
 * the condition reads and computes (no store, no call with an effect); otherwise false.
 */
function tryWait(lw: Lowerer, cond: Expr, loc: Loc): boolean {
  // The test is computed by the condition's own instructions, which the wait re-runs.
  const { instrs, result } = lw.em.capture(() => lw.set(BOOL, [lw.truth(lw.rvalue(cond), loc)], (a) => (a[0] === 0 ? 1 : 0), loc, ''));
  if (!instrs.every(readOnly)) return false;
  lw.em.emit({ op: 'wait', cond: [...instrs], test: result.val, loc, text: `while (${exprText(cond)}) cpu_relax()` });
  return true;
}

export function readOnly(i: Instr): boolean {
  return i.op === 'set' || i.op === 'load' || i.op === 'br' || i.op === 'jmp' || i.op === 'cpuid';
}

function lowerSwitch(lw: Lowerer, s: Extract<Stmt, { kind: 'switch' }>): void {
  const em = lw.em;
  const v = lw.rvalue(s.test);
  const exit = em.label();
  const bodies = s.cases.map(() => em.label());
  let defaultIdx = -1;
  s.cases.forEach((c, i) => {
    if (c.value === null) {
      defaultIdx = i;
      return;
    }
    const k = lw.rvalue(c.value);
    if (k.val.k !== 'c') throw new CError(c.loc, 'a case label must be a constant');
    const kv = k.val.v;
    const eq = lw.set(BOOL, [v.val], (a) => (a[0] === kv ? 1 : 0), c.loc, '');
    const next = em.label();
    em.branch(eq.val, bodies[i]!, next, c.loc, `case ${exprText(c.value)}`);
    em.place(next);
  });
  em.jump(defaultIdx >= 0 ? bodies[defaultIdx]! : exit, s.loc, 'default');
  em.pushLoop(exit, null);
  s.cases.forEach((c, i) => {
    em.place(bodies[i]!);
    lowerStatements(lw, c.body); // falls through into the next case, as C does
  });
  em.popLoop();
  em.place(exit);
}

/** `for_each_cpu(cpu, mask)`, `for_each_online_cpu(cpu)`, `__atomic_block("why")`. */
function lowerMacroBlock(lw: Lowerer, s: Extract<Stmt, { kind: 'macro-block' }>): void {
  const m = s.macro;
  switch (m.name) {
    case '__atomic_block': {
      const why = m.args[0];
      if (m.args.length !== 1 || why === undefined || why.kind !== 'string') throw new CError(m.loc, '__atomic_block("why the block is invisible to other CPUs") takes one string');
      const block = { loc: m.loc, reason: why.value };
      beginBlock(lw, block, m.loc, false);
      lw.openBlocks.push(block);
      lw.em.openAtomic();
      lowerStatements(lw, [s.body]);
      lw.em.closeAtomic();
      lw.openBlocks.pop();
      lw.em.emit({ op: 'atomic-end', loc: m.loc, text: '' });
      return;
    }
    case 'for_each_cpu':
    case 'for_each_online_cpu':
    case 'for_each_possible_cpu':
    case 'for_each_present_cpu':
    case 'for_each_cpu_and':
    case 'for_each_cpu_andnot':
      return forEachCpu(lw, s);
    default:
      throw new CError(m.loc, `unknown block macro '${m.name}' (supported: for_each_cpu, for_each_cpu_and, for_each_cpu_andnot, for_each_online_cpu, for_each_possible_cpu, for_each_present_cpu, __atomic_block)`);
  }
}

/**
 * CPUs in increasing order, each tested against the mask(s) when it is reached, as
 * find_next_bit() does. The possible and present masks hold every CPU of the model, and so does
 * the online mask unless the model declares HOTPLUG(...).
 */
function forEachCpu(lw: Lowerer, s: Extract<Stmt, { kind: 'macro-block' }>): void {
  const m = s.macro;
  const em = lw.em;
  const cpuArg = m.args[0];
  if (cpuArg === undefined || cpuArg.kind !== 'ident') throw new CError(m.loc, `${m.name}(cpu, ...) needs a local variable as its first argument`);
  const local = em.lookup(cpuArg.name);
  if (local === undefined || local.k !== 'reg') throw new CError(cpuArg.loc, `'${cpuArg.name}' must be a local int declared before ${m.name}()`);
  const cpu = local.reg;
  cpu.cpuValued = true;
  const want = m.name === 'for_each_cpu' ? 1 : m.name === 'for_each_cpu_and' || m.name === 'for_each_cpu_andnot' ? 2 : 0;
  if (m.args.length - 1 !== want) throw new CError(m.loc, `${m.name}() takes ${want + 1} argument${want === 0 ? '' : 's'}`);
  // With HOTPLUG, for_each_online_cpu() is for_each_cpu(cpu, cpu_online_mask).
  const masks: readonly Expr[] = m.name === 'for_each_online_cpu' && lw.env.hotplug === true ? [{ kind: 'ident', name: 'cpu_online_mask', loc: m.loc }] : m.args.slice(1);
  const head = em.label();
  const test = em.label();
  const bodyL = em.label();
  const cont = em.label();
  const exit = em.label();
  em.emit({ op: 'set', dst: cpu, args: [], fn: () => 0, loc: m.loc, text: `${m.name}(${cpuArg.name}, ...)` });
  em.place(head);
  const inRange = lw.set(BOOL, [reg(cpu)], (a) => (a[0]! < lw.env.cpus ? 1 : 0), m.loc, '');
  em.branch(inRange.val, test, exit, m.loc, '');
  em.place(test);
  if (masks.length >= 1) {
    const first = cpumaskPlaceOf(lw, masks[0]!);
    if (first !== null && m.name !== 'for_each_cpu_andnot' && first.addr.k === 'obj') cpu.rangeMask = first.addr.obj;
  }
  if (masks.length > 0) {
    const bits = masks.map((mask) => lw.cpumaskBit(mask, { val: reg(cpu), type: INT, cpuValued: true }, m.loc));
    const sel = m.name === 'for_each_cpu_andnot' ? lw.set(BOOL, [bits[0]!.val, bits[1]!.val], (a) => (a[0] !== 0 && a[1] === 0 ? 1 : 0), m.loc, '') : bits.length === 2 ? lw.set(BOOL, [bits[0]!.val, bits[1]!.val], (a) => (a[0] !== 0 && a[1] !== 0 ? 1 : 0), m.loc, '') : bits[0]!;
    em.branch(lw.truth(sel, m.loc), bodyL, cont, m.loc, `cpumask_test_cpu(${cpuArg.name}, ...)`);
  }
  em.place(bodyL);
  em.pushLoop(exit, cont);
  lowerStatements(lw, [s.body]);
  em.popLoop();
  em.place(cont);
  em.emit({ op: 'set', dst: cpu, args: [reg(cpu)], fn: (a) => a[0]! + 1, loc: m.loc, text: '' });
  em.jump(head, m.loc);
  em.place(exit);
}

/** The cpumask object a mask argument names, if it names one (for the loop variable's range). */
function cpumaskPlaceOf(lw: Lowerer, e: Expr): ReturnType<typeof cpumaskPlace> extends infer T ? Exclude<T, 'all'> | null : never {
  const p = lw.em.capture(() => cpumaskPlace(lw, e)).result;
  return p === 'all' ? null : p;
}

export type { CType };
