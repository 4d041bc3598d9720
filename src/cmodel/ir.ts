/**
 * The model's intermediate form: each role's code, inlined, as a list of three-address
 * instructions over registers (a CPU's locals) and locations (shared, per-CPU and hardware
 * state). One instruction that touches anything but the CPU's own registers is one atomic
 * step; runs of register-only instructions are merged into the step before them (as SPIN
 * merges statements), and `atomic-begin`/`atomic-end` merge a prelude block the compiler was
 * told (and, where it can, checked) is invisible to the other CPUs.
 */
import type { Loc } from '../c/ast.js';
import type { CType } from './types.js';

/** A register: a local of an inlined function instance on the executing CPU. */
export interface Reg {
  readonly id: number;
  /** `function.local` as the reviewer wrote it. */
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
  /** Holds a CPU number or a pointer to another CPU's data (breaks CPU symmetry if kept). */
  cpuValued: boolean;
  /** Holds the executing CPU's own number (smp_processor_id()) and nothing else. */
  selfId?: boolean;
  /**
   * Every CPU-valued value it is given names the executing CPU (its number, or its instance of
   * a per-CPU object: `this_cpu_ptr(&x)`); meaningful only when `cpuValued`.
   */
  selfPtr?: boolean;
  /** A for_each_cpu() variable: it only takes CPUs whose bit is set in this cpumask object. */
  rangeMask?: number;
}

/** An operand: a constant or a register. */
export type Val = { readonly k: 'c'; readonly v: number } | { readonly k: 'r'; readonly r: Reg };

/** Which instance of a per-CPU object: the executing CPU, or a CPU number operand. */
/**
 * Whose instance of a per-CPU object: the executing CPU's, a given CPU's, or (a per-task
 * object) the running task's.
 */
export type CpuSel = { readonly k: 'self' } | { readonly k: 'cpu'; readonly v: Val } | { readonly k: 'task' };

/** Where a location is: a declared object (instance), a path of fields and indices inside it. */
export type Addr =
  | { readonly k: 'obj'; readonly obj: number; readonly cpu: CpuSel | null; readonly path: readonly PathElem[] }
  /**
   * Through a pointer value held in an operand (resolved through the address table at run
   * time); `to` is the pointer's static target type (an object of another type faults).
   */
  | { readonly k: 'ptr'; readonly ptr: Val; readonly to: CType; readonly path: readonly PathElem[] };

export type PathElem = { readonly k: 'field'; readonly index: number } | { readonly k: 'index'; readonly v: Val };

export type LoadKind = 'plain' | 'once' | 'acquire';
export type StoreKind = 'plain' | 'once' | 'release';
/** Ordering of a read-modify-write, as the kernel API names it (atomic_t.txt). */
export type RmwOrder = 'relaxed' | 'acquire' | 'release' | 'full' | 'none';
export type RmwOp = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'andnot' | 'xchg' | 'cmpxchg';
export type FenceKind = 'mb' | 'wmb' | 'rmb' | 'before-atomic' | 'after-atomic' | 'acquire';

/** Every instruction: where it is written, its text, and the function it was inlined from. */
export type Instr = {
  readonly loc: Loc;
  readonly text: string;
  readonly inFn?: string;
  readonly chain?: string;
  /** Where each inlined call that led here is written, outermost first (source coverage). */
  readonly sites?: readonly Loc[];
} & (
  | {
      readonly op: 'set';
      readonly dst: Reg;
      readonly args: readonly Val[];
      readonly fn: (a: readonly number[]) => number;
      /** A comparison of a CPU number with this constant (`cpu == 2`): names a CPU by number. */
      readonly comparesCpuWith?: number;
    }
  /**
   * The executing CPU's number (smp_processor_id()), or with `task` the running task's actor
   * block (what names its instance of a per-task object; it never changes).
   */
  | { readonly op: 'cpuid'; readonly dst: Reg; readonly task?: true }
  | { readonly op: 'br'; readonly cond: Val; readonly t: number; readonly f: number }
  | { readonly op: 'jmp'; readonly t: number }
  | { readonly op: 'load'; readonly dst: Reg; readonly addr: Addr; readonly kind: LoadKind }
  | { readonly op: 'store'; readonly addr: Addr; readonly val: Val; readonly kind: StoreKind }
  | {
      readonly op: 'rmw';
      readonly dst: Reg | null;
      /** `old` for fetch_*, xchg, cmpxchg; `new` for *_return. */
      readonly returns: 'old' | 'new';
      readonly addr: Addr;
      readonly rmw: RmwOp;
      readonly args: readonly Val[];
      readonly order: RmwOrder;
    }
  | { readonly op: 'fence'; readonly kind: FenceKind }
  /** Blocks until the instructions of `cond` (loads and register work only) leave `test` true. */
  | { readonly op: 'wait'; readonly cond: readonly Instr[]; readonly test: Val }
  /** A hardware or runtime action the tool supplies (./hardware). */
  | { readonly op: 'hw'; readonly name: string; readonly args: readonly Val[]; readonly dst: Reg | null; readonly addrs: readonly Addr[] }
  /** BUG_ON and friends: if `cond` is non-zero the property `property` is violated. */
  | { readonly op: 'assert'; readonly cond: Val; readonly property: number }
  /** `resumed`: the block starting again after code of the patch's that ran outside it (lower/atomic-trust.ts). */
  | { readonly op: 'atomic-begin'; readonly reason: string; readonly resumed?: true }
  | { readonly op: 'atomic-end' }
  /** The end of a role function: the program finishes (once) or starts over (loop). */
  | { readonly op: 'end' }
);

export type Op = Instr['op'];

export const constant = (v: number): Val => ({ k: 'c', v });
export const reg = (r: Reg): Val => ({ k: 'r', r });
