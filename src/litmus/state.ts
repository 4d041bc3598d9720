/**
 * The explicit state of a litmus run: shared memory plus, per CPU, the progress of each
 * instruction, the value it loaded or will store, and the register file. A store with
 * status `buffered` is in the CPU's store buffer. States are immutable; `stateKey` gives the
 * visited-set key (a string, so iteration order never matters).
 */
import type { LitmusTest } from './ast.js';

/** 0: not yet issued; 1: buffered (stores only); 2: performed. Fences start performed. */
export type Status = 0 | 1 | 2;
export const PENDING: Status = 0;
export const BUFFERED: Status = 1;
export const DONE: Status = 2;

export interface CpuState {
  readonly status: readonly Status[];
  /** Per instruction: the value a buffered store will write. */
  readonly vals: readonly number[];
  readonly regs: readonly number[];
}

export interface LitmusState {
  readonly mem: readonly number[];
  readonly cpus: readonly CpuState[];
}

export function initialState(t: LitmusTest): LitmusState {
  return {
    mem: t.init.slice(),
    cpus: t.threads.map((th) => ({
      status: th.instrs.map((x) => (x.kind === 'fence' ? DONE : PENDING)),
      vals: th.instrs.map(() => 0),
      regs: th.regNames.map(() => 0),
    })),
  };
}

export function stateKey(s: LitmusState): string {
  return `${s.mem.join(',')}|${s.cpus.map((c) => `${c.status.join('')}:${c.vals.join(',')}:${c.regs.join(',')}`).join('|')}`;
}

export function isFinal(s: LitmusState): boolean {
  return s.cpus.every((c) => c.status.every((x) => x === DONE));
}
