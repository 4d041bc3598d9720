/**
 * Expressions to instructions. A value lands in an operand; every memory access is an
 * instruction of its own (the step builder decides later which ones other CPUs can see); `&&`,
 * `||` and `?:` branch, so that a load on their right runs only when C says it does.
 */
import type { BinaryOp, Expr, Loc } from '../../c/ast.js';
import type { OpenBlock } from './atomic-trust.js';
import { CError } from '../../c/error.js';
import { constant, reg, type Addr, type CpuSel, type LoadKind, type PathElem, type StoreKind, type Val } from '../ir.js';
import { BOOL, INT, typeName, UINT, type CType } from '../types.js';
import { BUILTIN_MASKS } from '../symbols.js';
import { lowerBuiltin, lowerBuiltinPlace } from '../builtins/index.js';
import { Emitter, type Label, type Local } from './emitter.js';
import { cpumaskPlace } from '../builtins/cpumask.js';
import type { LowerEnv } from './env.js';
import { constantOf, flowCpu, type LValue, type MemPlace, type RValue } from './values.js';
import { lowerCallExpr } from './call.js';
import { exprText } from './text.js';
import { mayNameCpuData } from '../pointees.js';

const POINTER_ANY: CType = { kind: 'pointer', to: { kind: 'void' } };

/** A per-task object named in code: the running task's instance (../build/per-task.ts). */
const TASK: CpuSel = { k: 'task' };

export class Lowerer {
  /** Where a `return` of the unit's own function goes. */
  readonly unitEnd: Label;
  /** C labels by instruction index, for traces and `at(cpu, label)`. */
  readonly labelsAt = new Map<number, string>();
  /** Names the function being lowered assigns (never-assigned locals bind to their value). */
  assigned: ReadonlySet<string> = new Set();
  /** The `__atomic_block`s open where lowering is, outermost first (./atomic-trust.ts). */
  readonly openBlocks: OpenBlock[] = [];

  constructor(
    readonly env: LowerEnv,
    readonly em: Emitter,
  ) {
    this.unitEnd = em.label();
  }

  /** Bit `cpu` of a cpumask expression (`cfd->cpumask`, `cpu_online_mask`, `mm_cpumask(mm)`). */
  cpumaskBit(mask: Expr, cpu: RValue, loc: Loc): RValue {
    const place = cpumaskPlace(this, mask);
    if (place === 'all') return { val: constant(1), type: BOOL };
    return this.load(this.indexOf(place, cpu, loc), 'plain', loc, `cpumask_test_cpu(${exprText(mask)})`);
  }

  // ---- operands -------------------------------------------------------------------------

  set(type: CType, args: readonly Val[], fn: (a: readonly number[]) => number, loc: Loc, text: string, cpuValued = false, comparesCpuWith?: number): RValue {
    const known = args.every((a) => a.k === 'c');
    if (known) return { val: constant(fn(args.map((a) => (a as { v: number }).v))), type, cpuValued };
    const dst = this.em.temp(type);
    dst.cpuValued = cpuValued;
    this.em.emit({ op: 'set', dst, args, fn, loc, text, ...(comparesCpuWith !== undefined ? { comparesCpuWith } : {}) });
    return { val: reg(dst), type, cpuValued };
  }

  /** Copies a value into a fresh register (so that a later change of the source does not leak). */
  materialize(v: RValue, loc: Loc): RValue {
    const dst = this.em.temp(v.type);
    flowCpu(dst, v);
    this.em.emit({ op: 'set', dst, args: [v.val], fn: (a) => a[0]!, loc, text: '' });
    return { ...v, val: reg(dst) };
  }

  /** smp_processor_id(); with `task`, the running task's own block (what names its per-task instances). */
  cpuid(loc: Loc, task = false): RValue {
    const dst = this.em.temp({ ...INT, name: 'int' });
    dst.cpuValued = true;
    // A task may migrate: the number it read is kept, not re-read (../build/tasks.ts).
    if (this.env.tasks !== true && !task) dst.selfId = true;
    this.em.emit(task ? { op: 'cpuid', dst, task: true, loc, text: 'current' } : { op: 'cpuid', dst, loc, text: 'smp_processor_id()' });
    return { val: reg(dst), type: INT, cpuValued: true };
  }

  /** C truthiness of a value as 0/1. */
  truth(v: RValue, loc: Loc): Val {
    if (v.type.kind === 'int' && v.type.lo === 0 && v.type.hi === 1) return v.val;
    return this.set(BOOL, [v.val], (a) => (a[0] !== 0 ? 1 : 0), loc, '').val;
  }

  // ---- rvalues --------------------------------------------------------------------------

  rvalue(e: Expr): RValue {
    switch (e.kind) {
      case 'num':
        return { val: constant(e.value), type: INT };
      case 'string':
        throw new CError(e.loc, 'a string is only allowed as a macro argument');
      case 'ident':
        return this.ident(e.name, e.loc);
      case 'unary':
        return this.unary(e);
      case 'binary':
        return this.binary(e.op, e.left, e.right, e.loc);
      case 'assign':
        return this.assign(e);
      case 'update': {
        const lv = this.lvalue(e.target);
        const old = this.materialize(this.load(lv, 'plain', e.loc, exprText(e)), e.loc);
        const next = this.set(old.type, [old.val], e.op === '++' ? (a) => a[0]! + 1 : (a) => a[0]! - 1, e.loc, exprText(e));
        this.store(lv, next, 'plain', e.loc, exprText(e));
        return e.prefix ? next : old;
      }
      case 'call':
        return lowerBuiltin(this, e) ?? lowerCallExpr(this, e);
      case 'cond': {
        const test = this.truth(this.rvalue(e.test), e.loc);
        if (test.k === 'c') return this.rvalue(test.v !== 0 ? e.then : e.otherwise);
        const t = this.em.label();
        const f = this.em.label();
        const join = this.em.label();
        this.em.branch(test, t, f, e.loc, exprText(e.test));
        this.em.place(t);
        const a = this.rvalue(e.then);
        const dst = this.em.temp(a.type);
        this.em.emit({ op: 'set', dst, args: [a.val], fn: (x) => x[0]!, loc: e.loc, text: '' });
        this.em.jump(join, e.loc);
        this.em.place(f);
        const b = this.rvalue(e.otherwise);
        this.em.emit({ op: 'set', dst, args: [b.val], fn: (x) => x[0]!, loc: e.loc, text: '' });
        this.em.place(join);
        return { val: reg(dst), type: a.type };
      }
      case 'member':
      case 'index':
        return this.load(this.lvalue(e), 'plain', e.loc, exprText(e));
      case 'cast': {
        const v = this.rvalue(e.arg);
        return { ...v, type: this.resolveType(e.type.base, e.type.pointers, e.loc) };
      }
      case 'comma': {
        let last: RValue = { val: constant(0), type: INT };
        for (const x of e.exprs) last = this.rvalue(x);
        return last;
      }
      case 'init-list':
        throw new CError(e.loc, 'an initialiser list is only allowed in a declaration');
    }
  }

  resolveType(base: string, pointers: number, loc: Loc): CType {
    return this.env.sym.resolveDecl({ loc, name: '', type: { base, pointers }, arrayLength: null, arraySizeName: null, init: null, storage: [], prefixes: [] });
  }

  private ident(name: string, loc: Loc): RValue {
    const local = this.em.lookup(name);
    if (local !== undefined) return this.localValue(local);
    const c = this.env.sym.constants.get(name);
    if (c !== undefined) return { val: constant(c.value), type: c.type };
    if (name === 'NULL') return { val: constant(0), type: POINTER_ANY };
    if (name === 'true') return { val: constant(1), type: BOOL };
    if (name === 'false') return { val: constant(0), type: BOOL };
    if (name === 'nr_cpu_ids' || name === 'NR_CPUS') return { val: constant(this.env.cpus), type: INT };
    const mask = BUILTIN_MASKS[name];
    if (mask !== undefined) return this.addressOf({ kind: 'ident', name: mask, loc });
    if (this.env.sym.functions.has(name)) return { val: constant(this.env.addrs.ofFunction(name)), type: { kind: 'function' } };
    const obj = this.env.sym.objectByName.get(name);
    if (obj !== undefined) return this.load(this.lvalue({ kind: 'ident', name, loc }), 'plain', loc, name);
    throw new CError(loc, `unknown name '${name}'`);
  }

  localValue(local: Local): RValue {
    switch (local.k) {
      case 'alias':
        return { val: local.val, type: local.type, points: local.points, cpuValued: true };
      case 'const':
        return { val: constant(local.value), type: local.type };
      case 'reg':
        return { val: reg(local.reg), type: local.type, cpuValued: local.reg.cpuValued };
    }
  }

  private unary(e: Extract<Expr, { kind: 'unary' }>): RValue {
    if (e.op === '&') return this.addressOf(e.arg);
    if (e.op === '*') return this.load(this.lvalue(e), 'plain', e.loc, exprText(e));
    const v = this.rvalue(e.arg);
    const fn = e.op === '!' ? (a: readonly number[]) => (a[0] === 0 ? 1 : 0) : e.op === '-' ? (a: readonly number[]) => -a[0]! : e.op === '~' ? (a: readonly number[]) => ~a[0]! : (a: readonly number[]) => a[0]!;
    return this.set(e.op === '!' ? BOOL : v.type.kind === 'int' ? { ...INT, name: v.type.name } : INT, [v.val], fn, e.loc, exprText(e));
  }

  binary(op: BinaryOp, left: Expr, right: Expr, loc: Loc): RValue {
    if (op === '&&' || op === '||') return this.shortCircuit(op, left, right, loc);
    const a = this.rvalue(left);
    const b = this.rvalue(right);
    const fn = BINARY_FNS[op];
    const boolResult = op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=';
    const type: CType = boolResult ? BOOL : a.type.kind === 'int' ? { ...INT, name: a.type.name } : INT;
    if ((op === '/' || op === '%') && constantOf(b) === 0) throw new CError(loc, 'division by zero');
    const cpuConst = boolResult ? cpuConstantOf(a, b) : undefined;
    return this.set(type, [a.val, b.val], fn, loc, `${exprText(left)} ${op} ${exprText(right)}`, (a.cpuValued === true || b.cpuValued === true) && !boolResult, cpuConst);
  }

  private shortCircuit(op: '&&' | '||', left: Expr, right: Expr, loc: Loc): RValue {
    const a = this.truth(this.rvalue(left), loc);
    // A constant left side decides statically: the right side is not even lowered (it may
    // call through a NULL hook, or use a built-in another configuration does not have).
    if (a.k === 'c') {
      if ((op === '&&' && a.v === 0) || (op === '||' && a.v !== 0)) return { val: constant(a.v === 0 ? 0 : 1), type: BOOL };
      return { val: this.truth(this.rvalue(right), loc), type: BOOL };
    }
    const dst = this.em.temp(BOOL);
    const evalRight = this.em.label();
    const done = this.em.label();
    this.em.emit({ op: 'set', dst, args: [a], fn: (x) => x[0]!, loc, text: '' });
    if (op === '&&') this.em.branch(a, evalRight, done, loc, exprText(left));
    else this.em.branch(a, done, evalRight, loc, exprText(left));
    this.em.place(evalRight);
    const b = this.truth(this.rvalue(right), loc);
    this.em.emit({ op: 'set', dst, args: [b], fn: (x) => x[0]!, loc, text: '' });
    this.em.place(done);
    return { val: reg(dst), type: BOOL };
  }

  private assign(e: Extract<Expr, { kind: 'assign' }>): RValue {
    const lv = this.lvalue(e.target);
    let v: RValue;
    if (e.op === '=') v = this.rvalue(e.value);
    else {
      const old = this.load(lv, 'plain', e.loc, exprText(e.target));
      const rhs = this.rvalue(e.value);
      const op = e.op.slice(0, -1) as Exclude<BinaryOp, '&&' | '||'>;
      v = this.set(old.type, [old.val, rhs.val], BINARY_FNS[op], e.loc, exprText(e));
    }
    this.store(lv, v, 'plain', e.loc, exprText(e));
    return v;
  }

  // ---- places ---------------------------------------------------------------------------

  lvalue(e: Expr): LValue {
    switch (e.kind) {
      case 'ident': {
        const local = this.em.lookup(e.name);
        if (local !== undefined) return { k: 'reg', local, name: e.name };
        const obj = this.env.sym.objectByName.get(e.name);
        if (obj === undefined) {
          if (this.env.sym.constants.has(e.name)) throw new CError(e.loc, `'${e.name}' is a constant, not a variable`);
          throw new CError(e.loc, `unknown variable '${e.name}'`);
        }
        return { k: 'mem', addr: { k: 'obj', obj: obj.id, cpu: obj.perTask === true ? TASK : null, path: [] }, type: obj.type, name: e.name };
      }
      case 'unary': {
        if (e.op !== '*') throw new CError(e.loc, `'${exprText(e)}' is not a place`);
        const p = this.rvalue(e.arg);
        return this.deref(p, e.loc, exprText(e));
      }
      case 'member': {
        const base = e.arrow ? this.deref(this.rvalue(e.object), e.loc, exprText(e.object)) : this.lvalue(e.object);
        return this.memberOf(base, e.field, e.loc);
      }
      case 'index': {
        const base = this.arrayBase(e.array);
        const idx = this.rvalue(e.index);
        return this.indexOf(base, idx, e.loc);
      }
      case 'call': {
        const lv = lowerBuiltinPlace(this, e);
        if (lv !== undefined) return lv;
        throw new CError(e.loc, `'${exprText(e)}' is not a place`);
      }
      default:
        throw new CError(e.loc, `'${exprText(e)}' is not a place`);
    }
  }

  /** What `a` in `a[i]` names: an array place, or the array a pointer points to. */
  private arrayBase(a: Expr): LValue {
    if (a.kind === 'call' && lowerBuiltinPlace(this, a) === undefined) return this.deref(this.rvalue(a), a.loc, exprText(a));
    const lv = this.lvalue(a);
    if (lv.k === 'reg') return this.deref(this.localValue(lv.local), a.loc, exprText(a));
    if (lv.type.kind === 'pointer') return this.deref(this.load(lv, 'plain', a.loc, exprText(a)), a.loc, exprText(a));
    return lv;
  }

  /** The place a pointer value points to. */
  deref(p: RValue, loc: Loc, text: string): LValue {
    if (p.type.kind !== 'pointer') throw new CError(loc, `'${text}' is not a pointer (${typeName(p.type)})`);
    const to = p.type.to;
    if (p.points !== undefined) return this.placeOf(p.points, to, text);
    if (to.kind === 'void') throw new CError(loc, `'${text}' points to no known type: dereference it with the accessor (pmd_page_vaddr(), ...)`);
    return { k: 'mem', addr: { k: 'ptr', ptr: p.val, to, path: [] }, type: to, name: `*${text}` };
  }

  placeOf(addr: Addr, type: CType, name: string): MemPlace {
    return { k: 'mem', addr, type, name };
  }

  memberOf(base: LValue, field: string, loc: Loc): LValue {
    if (base.k !== 'mem' || base.type.kind !== 'struct') throw new CError(loc, `'.${field}' of something that is not a struct (${base.k === 'mem' ? typeName(base.type) : 'a register'})`);
    const index = base.type.fields.findIndex((f) => f.name === field);
    if (index < 0) throw new CError(loc, `struct ${base.type.name} has no member '${field}'`);
    const f = base.type.fields[index]!;
    return { ...base, addr: extend(base.addr, { k: 'field', index }), type: f.type, name: `${base.name}.${field}` };
  }

  indexOf(base: LValue, idx: RValue, loc: Loc): LValue {
    if (base.k !== 'mem') throw new CError(loc, 'indexing a register');
    const elem = elementType(base.type);
    if (elem === null) throw new CError(loc, `'${base.name}' is not an array or cpumask`);
    return { ...base, addr: extend(base.addr, { k: 'index', v: idx.val }), type: elem, name: `${base.name}[${idx.val.k === 'c' ? idx.val.v : '…'}]` };
  }

  /** `&x`, `&per_cpu(x, cpu)`, `&s->field`: a pointer whose target is known here. */
  addressOf(e: Expr): RValue {
    if (e.kind === 'ident' && this.env.sym.functions.has(e.name) && this.em.lookup(e.name) === undefined) {
      return { val: constant(this.env.addrs.ofFunction(e.name)), type: { kind: 'function' } };
    }
    const lv = this.lvalue(e);
    if (lv.k === 'reg') {
      const instead = this.env.tasks === true ? 'DEFINE_PER_TASK(type, name) for what a task keeps on its stack and passes by address' : 'DEFINE_PER_CPU(type, name) for what a CPU keeps on its stack and passes by address';
      throw new CError(e.loc, `the address of the local '${lv.name}' is not supported: locals live in registers; declare ${instead}`);
    }
    return this.pointerTo(lv, e.loc);
  }

  pointerTo(lv: MemPlace, loc: Loc): RValue {
    const type: CType = { kind: 'pointer', to: lv.type };
    const a = lv.addr;
    if (a.k === 'ptr') {
      if (a.path.length === 0) return { val: a.ptr, type, cpuValued: true };
      return { val: constant(0), type, points: a, cpuValued: true };
    }
    return this.objectPointer(this.withEvaluatedCpu(a, loc), type, lv.name, loc);
  }

  /**
   * `this_cpu_ptr(&x)` names the instance of the CPU the code runs on when it is evaluated. A
   * task may move to another CPU before the pointer is used (kept in a local, passed to a
   * function), so in a model with tasks the CPU is read now and the place keeps that number.
   */
  private withEvaluatedCpu(a: Extract<Addr, { k: 'obj' }>, loc: Loc): Extract<Addr, { k: 'obj' }> {
    if (this.env.tasks !== true || a.cpu === null || a.cpu.k !== 'self') return a;
    return { ...a, cpu: { k: 'cpu', v: this.cpuid(loc).val } };
  }

  private objectPointer(a: Extract<Addr, { k: 'obj' }>, type: CType, name: string, loc: Loc): RValue {
    // A pointer value names an object instance; a member's address, or a per-CPU object's with
    // no CPU given, is only a compile-time place.
    const decl = this.env.sym.objects[a.obj]!;
    if (a.path.length > 0 || (a.cpu === null && decl.perCpu)) return { val: constant(0), type, points: a, cpuValued: a.cpu !== null && a.cpu.k === 'cpu' };
    if (!decl.perCpu || a.cpu === null) return { val: constant(this.env.addrs.ofObject(a.obj, null)), type, points: a };
    const cpu = this.cpuOperand(a.cpu, loc);
    // Instance values are consecutive: per CPU from CPU 0, per task from the first task's block.
    const first = decl.perTask === true ? this.env.cpus : 0;
    const base = this.env.addrs.ofObject(a.obj, first) - first;
    const p = this.set(type, [cpu.val], (x) => base + x[0]!, loc, `&${name}`, true);
    // this_cpu_ptr(&x): the executing CPU's instance.
    if (p.val.k === 'r' && a.cpu.k === 'self') p.val.r.selfPtr = true;
    return { ...p, points: a };
  }

  cpuOperand(c: CpuSel, loc: Loc): RValue {
    if (c.k === 'cpu') return { val: c.v, type: INT, cpuValued: true };
    return this.cpuid(loc, c.k === 'task');
  }

  // ---- memory ---------------------------------------------------------------------------

  load(lv: LValue, kind: LoadKind, loc: Loc, text: string): RValue {
    if (lv.k === 'reg') return this.localValue(lv.local);
    this.checkScalar(lv, loc);
    const type = scalarType(lv.type);
    const dst = this.em.temp(type);
    dst.cpuValued = type.kind === 'pointer' && mayNameCpuData(this.env.sym.objects, type);
    this.em.emit({ op: 'load', dst, addr: this.checkedAddr(lv, loc), kind, loc, text });
    return { val: reg(dst), type, cpuValued: dst.cpuValued };
  }

  store(lv: LValue, v: RValue, kind: StoreKind, loc: Loc, text: string): void {
    if (lv.k === 'reg') {
      const local = lv.local;
      if (local.k !== 'reg') throw new CError(loc, `'${lv.name}' is a parameter bound to ${local.k === 'const' ? 'a constant' : 'a place'} by inlining; copy it to a local to change it`);
      this.em.emit({ op: 'set', dst: local.reg, args: [v.val], fn: (a) => a[0]!, loc, text });
      flowCpu(local.reg, v);
      return;
    }
    this.checkScalar(lv, loc);
    this.em.emit({ op: 'store', addr: this.checkedAddr(lv, loc), val: v.val, kind, loc, text });
  }

  checkScalar(lv: MemPlace, loc: Loc): void {
    const t = lv.type;
    if (t.kind === 'int' || t.kind === 'enum' || t.kind === 'pointer' || t.kind === 'function' || (t.kind === 'hw' && t.what === 'insn')) return;
    throw new CError(loc, `'${lv.name}' is a ${typeName(t)}, not a scalar: access its members${t.kind === 'cpumask' ? ' with cpumask_*()' : ''}`);
  }

  /** A memory address with every per-CPU object given its CPU. */
  checkedAddr(lv: MemPlace, loc: Loc): Addr {
    const a = lv.addr;
    if (a.k === 'obj' && a.cpu === null && this.env.sym.objects[a.obj]!.perCpu) {
      throw new CError(loc, `'${lv.name}' is per-CPU: use this_cpu_read()/this_cpu_write(), per_cpu(x, cpu) or this_cpu_ptr(&x)`);
    }
    return a;
  }

  /** Binds the CPU of a per-CPU place (per_cpu(x, cpu), this_cpu_*). */
  withCpu(lv: LValue, cpu: CpuSel, loc: Loc): LValue {
    if (lv.k !== 'mem' || lv.addr.k !== 'obj' || !this.env.sym.objects[lv.addr.obj]!.perCpu) throw new CError(loc, `'${lv.name}' is not a per-CPU variable`);
    if (lv.addr.cpu !== null) throw new CError(loc, `'${lv.name}' already names one CPU's instance`);
    return { ...lv, addr: { ...lv.addr, cpu } };
  }
}

function extend(a: Addr, p: PathElem): Addr {
  return a.k === 'obj' ? { ...a, path: [...a.path, p] } : { ...a, path: [...a.path, p] };
}

function elementType(t: CType): CType | null {
  if (t.kind === 'cpumask') return BOOL;
  if (t.kind === 'array') return t.elem;
  return null;
}

const BINARY_FNS: Record<Exclude<BinaryOp, '&&' | '||'>, (a: readonly number[]) => number> = {
  '+': (a) => a[0]! + a[1]!,
  '-': (a) => a[0]! - a[1]!,
  '*': (a) => a[0]! * a[1]!,
  '/': (a) => (a[1] === 0 ? 0 : Math.trunc(a[0]! / a[1]!)),
  '%': (a) => (a[1] === 0 ? 0 : a[0]! % a[1]!),
  '<<': (a) => a[0]! << a[1]!,
  '>>': (a) => a[0]! >> a[1]!,
  '&': (a) => a[0]! & a[1]!,
  '|': (a) => a[0]! | a[1]!,
  '^': (a) => a[0]! ^ a[1]!,
  '==': (a) => (a[0] === a[1] ? 1 : 0),
  '!=': (a) => (a[0] !== a[1] ? 1 : 0),
  '<': (a) => (a[0]! < a[1]! ? 1 : 0),
  '<=': (a) => (a[0]! <= a[1]! ? 1 : 0),
  '>': (a) => (a[0]! > a[1]! ? 1 : 0),
  '>=': (a) => (a[0]! >= a[1]! ? 1 : 0),
};

/** The value a scalar place holds: a text site (`kernel_insn_t`) holds an instruction number. */
function scalarType(t: CType): CType {
  return t.kind === 'hw' && t.what === 'insn' ? UINT : t;
}

/** The constant a comparison sets a CPU number against (`cpu == 2`), if it does. */
function cpuConstantOf(a: RValue, b: RValue): number | undefined {
  const cpuInt = (x: RValue): boolean => x.cpuValued === true && x.type.kind === 'int' && x.val.k === 'r';
  if (cpuInt(a) && b.val.k === 'c') return b.val.v;
  if (cpuInt(b) && a.val.k === 'c') return a.val.v;
  return undefined;
}
