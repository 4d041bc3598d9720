/**
 * What an instruction runs on: the state bytes, the executing CPU, and the scratch registers
 * (temporaries that never outlive a step; registers that do are state fields). One frame is
 * reused for every step of a machine (steps never nest).
 */
import type { State } from '../../core/model.js';
import { InputError } from '../../report/input-error.js';

export interface Frame {
  s: State;
  /** The CPU the code runs on: its per-CPU data, IRQ flag, TLB (smp_processor_id()). */
  cpu: number;
  /**
   * Whose registers: the actor block the code belongs to. The CPU itself, except for a task
   * (./build/tasks.ts), whose registers move with it from CPU to CPU.
   */
  task: number;
  /** Scratch registers, indexed by register id. */
  readonly scratch: Float64Array;
  /** Set by an instruction that may not run now (a wait whose condition is false). */
  blocked: boolean;
  /**
   * Stores past the store buffer's entries during one step (location id, value, epoch per
   * store): inside an atomic step nothing observes the buffer, so it may hold more for a moment;
   * what is still there when the step ends overflows the model's bound (./memory-model.ts).
   */
  readonly sbSpill: number[];
}

export function newFrame(regs: number): Frame {
  return { s: new Uint8Array(0), cpu: 0, task: 0, scratch: new Float64Array(Math.max(1, regs)), blocked: false, sbSpill: [] };
}

/**
 * A model error found while running a step (a loop with no shared access that never ends):
 * bad input like any other, one line with the location, exit 2.
 */
export class ModelRuntimeError extends InputError {}
