/**
 * Instructions to closures over a frame. Each closure does its instruction and returns the
 * index of the next one. Memory goes through the memory model (./memory-model.ts: sc, tso,
 * weak), values are checked against their types' domains on every store (a value that leaves
 * its domain is a violation, not a wrap-around), and hardware actions go to the hardware's
 * table (../hardware/).
 */
import type { Instr, Reg, Val } from '../ir.js';
import { decoderOf, encoderOf, type CType } from '../types.js';
import type { Frame } from './frame.js';
import { ModelRuntimeError } from './frame.js';
import { resolveAddr, type Fault, type LocationContext } from './locations.js';
import type { MemoryAccess } from './memory-model.js';

export type Exec = (x: Frame) => number;

export interface HwOp {
  /** Runs the action; returns its value (0 for none). Sets `x.blocked` if it cannot run now. */
  readonly run: (x: Frame, args: readonly number[], addrs: readonly ((x: Frame) => number)[]) => number;
}

export interface RegAccess {
  readonly get: (r: Reg) => (x: Frame) => number;
  readonly set: (r: Reg) => (x: Frame, v: number) => void;
}

export interface CodegenContext {
  readonly locs: LocationContext;
  readonly regs: RegAccess;
  readonly mem: MemoryAccess;
  readonly hw: (name: string) => HwOp;
  /** Records a violated assertion (property id) or a built-in fault. */
  readonly violate: (x: Frame, property: number) => void;
  readonly faultProperty: (f: Fault | 'value-in-domain') => number;
}

export function valueOf(cx: CodegenContext, v: Val): (x: Frame) => number {
  if (v.k === 'c') {
    const c = v.v;
    return () => c;
  }
  return cx.regs.get(v.r);
}

export function compileInstr(cx: CodegenContext, i: Instr, index: number, nested: (code: readonly Instr[]) => (x: Frame) => void): Exec {
  const next = index + 1;
  switch (i.op) {
    case 'set': {
      const set = cx.regs.set(i.dst);
      const args = i.args.map((a) => valueOf(cx, a));
      const fn = i.fn;
      if (args.length === 0) return (x) => (set(x, fn([])), next);
      if (args.length === 1) {
        const a0 = args[0]!;
        const buf = [0];
        return (x) => {
          buf[0] = a0(x);
          set(x, fn(buf));
          return next;
        };
      }
      const buf = new Array<number>(args.length).fill(0);
      return (x) => {
        for (let k = 0; k < args.length; k++) buf[k] = args[k]!(x);
        set(x, fn(buf));
        return next;
      };
    }
    case 'cpuid': {
      const set = cx.regs.set(i.dst);
      if (i.task === true) return (x) => (set(x, x.task), next);
      return (x) => (set(x, x.cpu), next);
    }
    case 'br': {
      const c = valueOf(cx, i.cond);
      const t = i.t;
      const f = i.f;
      return (x) => (c(x) !== 0 ? t : f);
    }
    case 'jmp': {
      const t = i.t;
      return () => t;
    }
    case 'load': {
      const r = resolveAddr(cx.locs, i.addr);
      const set = cx.regs.set(i.dst);
      const dec = decoderOf(r.type);
      const kind = i.kind;
      const offset = r.offset;
      const mem = cx.mem;
      return (x) => {
        set(x, dec(mem.load(x, offset(x), kind)));
        return next;
      };
    }
    case 'store': {
      const r = resolveAddr(cx.locs, i.addr);
      const v = valueOf(cx, i.val);
      const enc = encoder(cx, r.type);
      const kind = i.kind;
      const offset = r.offset;
      const mem = cx.mem;
      return (x) => {
        const off = offset(x);
        const b = enc(x, v(x));
        mem.store(x, off, b, kind);
        return next;
      };
    }
    case 'rmw':
      return compileRmw(cx, i, next);
    case 'fence': {
      const kind = i.kind;
      return (x) => (cx.mem.fence(x, kind), next);
    }
    case 'wait': {
      const cond = nested(i.cond);
      const test = valueOf(cx, i.test);
      return (x) => {
        cond(x);
        if (test(x) === 0) x.blocked = true;
        return next;
      };
    }
    case 'hw': {
      const op = cx.hw(i.name);
      const args = i.args.map((a) => valueOf(cx, a));
      const addrs = i.addrs.map((a) => resolveAddr(cx.locs, a).offset);
      const set = i.dst === null ? null : cx.regs.set(i.dst);
      const buf = new Array<number>(args.length).fill(0);
      return (x) => {
        for (let k = 0; k < args.length; k++) buf[k] = args[k]!(x);
        const v = op.run(x, buf, addrs);
        if (set !== null) set(x, v);
        return next;
      };
    }
    case 'assert': {
      const c = valueOf(cx, i.cond);
      const p = i.property;
      return (x) => {
        if (c(x) !== 0) cx.violate(x, p);
        return next;
      };
    }
    case 'atomic-begin':
    case 'atomic-end':
      return () => next;
    case 'end':
      return () => -1;
  }
}

/** Value -> storage byte for a location type; out of the domain is a violation. */
function encoder(cx: CodegenContext, t: CType): (x: Frame, v: number) => number {
  const prop = cx.faultProperty('value-in-domain');
  const encode = encoderOf(t);
  return (x, v) => {
    const b = encode(v);
    if (b === null) {
      cx.violate(x, prop);
      return 0;
    }
    return b;
  };
}

function compileRmw(cx: CodegenContext, i: Extract<Instr, { op: 'rmw' }>, next: number): Exec {
  const r = resolveAddr(cx.locs, i.addr);
  const dec = decoderOf(r.type);
  const args = i.args.map((a) => valueOf(cx, a));
  const set = i.dst === null ? null : cx.regs.set(i.dst);
  const enc = encoder(cx, r.type);
  const op = i.rmw;
  const returnsNew = i.returns === 'new';
  const order = i.order;
  const apply = (old: number, a: number, b: number): number => {
    switch (op) {
      case 'add':
        return old + a;
      case 'sub':
        return old - a;
      case 'and':
        return old & a;
      case 'or':
        return old | a;
      case 'xor':
        return old ^ a;
      case 'andnot':
        return old & ~a;
      case 'xchg':
        return a;
      case 'cmpxchg':
        return old === a ? b : old;
    }
  };
  // The operands and result of the run in progress, read by one callback made once per site
  // (a callback per run would be garbage at every atomic); a site's run never nests in itself.
  const cur = { x: null as Frame | null, a: 0, b: 0, result: 0 };
  const update = (oldByte: number): number | null => {
    const old = dec(oldByte);
    const nv = apply(old, cur.a, cur.b);
    cur.result = returnsNew ? nv : old;
    if (op === 'cmpxchg' && nv === old && old !== cur.a) return null; // failed: no store
    return enc(cur.x!, nv);
  };
  return (x) => {
    const off = r.offset(x);
    cur.x = x;
    cur.a = args[0]?.(x) ?? 0;
    cur.b = args[1]?.(x) ?? 0;
    cur.result = 0;
    cx.mem.rmw(x, off, order, op === 'cmpxchg', update);
    if (set !== null) set(x, cur.result);
    return next;
  };
}

/** Runs straight-line code (a wait's condition) from its first instruction to its end. */
export function runNested(code: readonly Exec[], x: Frame): void {
  let i = 0;
  let budget = 100_000;
  while (i >= 0 && i < code.length) {
    if (--budget === 0) throw new ModelRuntimeError('a wait condition loops without end');
    i = code[i]!(x);
  }
}
