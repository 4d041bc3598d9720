/**
 * The CPU's interrupt flag and inter-processor interrupts.
 *
 * - `local_irq_save(flags)`, `local_irq_restore(flags)`, `local_irq_disable()`,
 *   `local_irq_enable()`, `irqs_disabled()`: the CPU's IRQ flag (`irqs_off`).
 * - `arch_send_call_function_ipi_mask(mask)`, `arch_send_call_function_single_ipi(cpu)`: raise
 *   the call-function IPI on each target (`ipi`); the sender goes on at once.
 * - A CPU with the IPI raised, IRQs on, running (not preempted) and in no handler takes it at
 *   any moment: the IPI is cleared, IRQs go off, and the handler the model declared with
 *   `INTERRUPT(CALL_FUNCTION_VECTOR, handler)` runs (each of its steps is a step of that CPU);
 *   at its end IRQs are on again. Exception entry and return are context-synchronising where
 *   the configuration says so (./text.ts).
 */
import type { State } from '../../core/model.js';
import type { HwOp } from '../exec/codegen.js';
import { BOOL } from '../types.js';
import type { HardwarePart, HwRuntime, IrqEntry } from './hardware.js';

export const CPU_OPS = ['local_irq_save', 'local_irq_restore', 'local_irq_disable', 'local_irq_enable', 'irqs_disabled', 'ipi_send_mask', 'ipi_send_one'] as const;

export interface ExceptionHooks {
  /** Runs at interrupt entry and at return from it (context synchronisation, ./text.ts). */
  readonly entry: ((s: State, cpu: number) => void)[];
  readonly exit: ((s: State, cpu: number) => void)[];
}

export const cpuPart: HardwarePart = {
  name: 'cpu',
  present: () => true,
  allocate: (_cx, fa) => {
    fa.addCpu('irqs_off', BOOL, 'the IRQ flag is clear (local_irq_save/disable, or in an interrupt handler)');
    fa.addCpu('ipi', BOOL, 'the call-function IPI is raised and not yet taken');
  },
  ops: (rt) => {
    const irq = rt.c('irqs_off');
    const ipi = rt.c('ipi');
    const ops: Record<string, HwOp> = {
      local_irq_save: {
        run: (x) => {
          const b = rt.base(x.cpu) + irq;
          const old = x.s[b]!;
          x.s[b] = 1;
          return old;
        },
      },
      local_irq_restore: {
        run: (x, [flags]) => {
          x.s[rt.base(x.cpu) + irq] = flags === 0 ? 0 : 1;
          return 0;
        },
      },
      local_irq_disable: {
        run: (x) => {
          x.s[rt.base(x.cpu) + irq] = 1;
          return 0;
        },
      },
      local_irq_enable: {
        run: (x) => {
          x.s[rt.base(x.cpu) + irq] = 0;
          return 0;
        },
      },
      irqs_disabled: { run: (x) => x.s[rt.base(x.cpu) + irq]! },
      ipi_send_mask: {
        run: (x, bits) => {
          for (let c = 0; c < bits.length; c++) if (bits[c] !== 0 && c !== x.cpu) x.s[rt.base(c) + ipi] = 1;
          return 0;
        },
      },
      ipi_send_one: {
        run: (x, [cpu]) => {
          if (cpu !== undefined && cpu >= 0 && cpu < rt.cpus) x.s[rt.base(cpu) + ipi] = 1;
          return 0;
        },
      },
    };
    return ops;
  },
  queries: (rt) => {
    const irq = rt.c('irqs_off');
    return { irqs_disabled: { run: (x) => x.s[rt.base(x.cpu) + irq]! } };
  },
  events: () => [],
  init: () => {},
  touches: () => new Set(),
};

/** How a CPU takes the call-function IPI; `running` is the hypervisor's say (not preempted). */
export function callFunctionIrq(rt: HwRuntime, running: (s: State, cpu: number) => boolean, hooks: ExceptionHooks): IrqEntry {
  const irq = rt.c('irqs_off');
  const ipi = rt.c('ipi');
  const irqpc = rt.c('irqpc');
  return {
    canEnter: (s, cpu) => {
      const b = rt.base(cpu);
      return s[b + ipi] === 1 && s[b + irq] === 0 && s[b + irqpc] === 0 && running(s, cpu);
    },
    running,
    enter: (s, cpu) => {
      const b = rt.base(cpu);
      s[b + ipi] = 0;
      s[b + irq] = 1;
      for (const h of hooks.entry) h(s, cpu);
    },
    exit: (s, cpu) => {
      s[rt.base(cpu) + irq] = 0;
      for (const h of hooks.exit) h(s, cpu);
    },
  };
}
