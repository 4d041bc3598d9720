/**
 * What lowering an expression gives: a value in an operand (`RValue`), or a place
 * (`LValue`): a register local, or a memory location (an object instance and a path into it).
 */
import type { Addr, Reg, Val } from '../ir.js';
import type { CType } from '../types.js';
import type { Local } from './emitter.js';

export interface RValue {
  readonly val: Val;
  readonly type: CType;
  /** For a pointer: the place it points to when known at compile time (`&x`, `this_cpu_ptr(&x)`). */
  readonly points?: Addr;
  /** The operand holds a CPU number (or a pointer to another CPU's data). */
  readonly cpuValued?: boolean;
}

export type LValue =
  | { readonly k: 'reg'; readonly local: Local; readonly name: string }
  | { readonly k: 'mem'; readonly addr: Addr; readonly type: CType; readonly name: string };

export type MemPlace = Extract<LValue, { k: 'mem' }>;

/**
 * `dst` is given the value `v`: it becomes CPU-valued if `v` is, and stays known to name only
 * the executing CPU while every such value it is given does (src/cmodel/ir.ts `selfPtr`).
 */
export function flowCpu(dst: Reg, v: RValue): void {
  if (v.cpuValued !== true) return;
  const self = v.val.k === 'r' && (v.val.r.selfPtr === true || v.val.r.selfId === true);
  dst.selfPtr = (dst.cpuValued ? dst.selfPtr === true : true) && self;
  dst.cpuValued = true;
}

/** The constant operand of a value, or null. */
export function constantOf(v: RValue): number | null {
  return v.val.k === 'c' ? v.val.v : null;
}
