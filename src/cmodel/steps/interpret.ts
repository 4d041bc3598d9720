/**
 * Runs a step: from its first instruction to the start of the next step, one instruction's
 * closure (../exec/codegen.ts) at a time. The rules, which the generated code of ./jit.ts
 * follows to the letter:
 *
 * - A step ends where another starts, outside every atomic block, once it has run something
 *   another CPU can see; the registers dead at that start are cleared. It returns that step.
 * - A finished unit (its `end`, or past its last instruction) clears all of its registers and
 *   returns -1; a looping unit starts over instead.
 * - An instruction that cannot run now (a wait whose condition is false, a hardware action
 *   that refuses) returns -2 at once: the step is not enabled.
 * - A loop on registers alone is refused as endless after `budget` backward jumps (the looping
 *   unit's restart counts as one) within one step.
 * - With source coverage, each instruction reports its index before it runs.
 */
import type { Instr } from '../ir.js';
import type { CodegenContext, Exec } from '../exec/codegen.js';
import type { Frame } from '../exec/frame.js';

/** What running a unit's steps needs, the closure interpreter and the generated code alike. */
export interface StepCode {
  readonly instrs: readonly Instr[];
  /** Each instruction's closure: does it and returns the next instruction (-1 at the end). */
  readonly code: readonly Exec[];
  /** The step that starts at each instruction, or -1. */
  readonly stepAt: Int32Array;
  /** 1 where an instruction is observable by another CPU (or starts an atomic block). */
  readonly visible: Uint8Array;
  /** +1 at an atomic block's start, -1 at its end, 0 elsewhere. */
  readonly nesting: Int8Array;
  readonly loop: boolean;
  /** Block offsets of the registers dead at each step's start; of every register. */
  readonly dead: readonly Int32Array[];
  readonly all: Int32Array;
  readonly cpuBase: number;
  readonly cpuSize: number;
  readonly cg: CodegenContext;
  /** A register-only loop that does not end (from the step starting at `start`). */
  readonly tooLong: (start: number) => never;
  /** Backward jumps one step may take. */
  readonly budget: number;
  /** Called with each instruction's index as it runs (source coverage). */
  readonly trace?: (instr: number) => void;
}

/** Instructions that may set `x.blocked` (a wait whose condition is false; a hardware action: ../exec/codegen.ts HwOp). */
export const BLOCKING_OPS: ReadonlySet<Instr['op']> = new Set<Instr['op']>(['wait', 'hw']);

/** Runs the step that starts at instruction `start`: the next step's index, -1 (finished) or -2 (blocked). */
export function interpretStep(c: StepCode, blocks: Uint8Array, x: Frame, start: number): number {
  const n = c.instrs.length;
  const rb = c.cpuBase + x.task * c.cpuSize;
  let i = start;
  let depth = 0;
  let vis = false;
  let budget = c.budget;
  for (;;) {
    if (i === -1) {
      if (!c.loop) return finish(c, x, rb);
      if (--budget === 0) c.tooLong(start);
      i = 0;
    }
    if (i >= n) return finish(c, x, rb);
    const step = c.stepAt[i]!;
    if (step >= 0 && depth === 0 && vis) {
      const d = c.dead[step]!;
      for (let k = 0; k < d.length; k++) x.s[rb + d[k]!] = 0;
      return step;
    }
    depth += c.nesting[i]!;
    if (c.visible[i] === 1) vis = true;
    c.trace?.(i);
    const next = c.code[i]!(x);
    if (blocks[i] === 1 && x.blocked) return -2;
    if (next !== -1 && next <= i && --budget === 0) c.tooLong(start);
    i = next;
  }
}

/** Per instruction, 1 if it may block (BLOCKING_OPS). */
export function blockingMap(instrs: readonly Instr[]): Uint8Array {
  return Uint8Array.from(instrs, (ins) => (BLOCKING_OPS.has(ins.op) ? 1 : 0));
}

function finish(c: StepCode, x: Frame, rb: number): number {
  for (let k = 0; k < c.all.length; k++) x.s[rb + c.all[k]!] = 0;
  return -1;
}
