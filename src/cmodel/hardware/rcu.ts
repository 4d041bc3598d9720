/**
 * RCU as the runtime provides it: read-side critical sections (`rcu_read_lock()`,
 * `rcu_read_unlock()`; a region with IRQs off is one too, as for RCU-sched), and grace periods:
 * `synchronize_rcu()` starts one and waits until every other CPU has reported a quiescent
 * state, which a CPU does (an event of its own, at any moment) when it is outside every
 * read-side section, IRQs on, in no interrupt handler and running.
 * A `call_rcu()` callback is run by the prelude after `synchronize_rcu()` on the caller's CPU
 * (the model has nothing else for that CPU to do meanwhile); kernel/rcu/tree.c runs it later
 * from softirq context, which changes nothing a model observes.
 */
import type { State, Step } from '../../core/model.js';
import { BOOL, INT } from '../types.js';
import type { HardwarePart, HwRuntime } from './hardware.js';

export const RCU_OPS = ['rcu_read_lock', 'rcu_read_unlock', '__rcu_gp_start', '__rcu_gp_wait'] as const;

export const rcuPart: HardwarePart = {
  name: 'rcu',
  present: (cx) => RCU_OPS.some((o) => cx.usedOps.has(o)),
  allocate: (_cx, fa) => {
    fa.addGlobal('rcu_gp', BOOL, 'a grace period is in progress');
    fa.addCpu('rcu_nesting', { ...INT, lo: 0, hi: 7 }, 'rcu_read_lock() depth');
    fa.addCpu('rcu_qs', BOOL, 'this CPU reported a quiescent state in the current grace period');
  },
  ops: (rt) => {
    const gp = rt.g('rcu_gp');
    const n = rt.c('rcu_nesting');
    const qs = rt.c('rcu_qs');
    return {
      rcu_read_lock: {
        run: (x) => {
          x.s[rt.base(x.cpu) + n]!++;
          return 0;
        },
      },
      rcu_read_unlock: {
        run: (x) => {
          const b = rt.base(x.cpu) + n;
          if (x.s[b]! > 0) x.s[b]!--;
          return 0;
        },
      },
      __rcu_gp_start: {
        run: (x) => {
          x.s[gp] = 1;
          for (let c = 0; c < rt.cpus; c++) x.s[rt.base(c) + qs] = c === x.cpu ? 1 : 0;
          return 0;
        },
      },
      __rcu_gp_wait: {
        run: (x) => {
          for (let c = 0; c < rt.cpus; c++) {
            if (x.s[rt.base(c) + qs] === 0) {
              x.blocked = true;
              return 0;
            }
          }
          x.s[gp] = 0;
          return 0;
        },
      },
    };
  },
  events: (rt) => [quiescentState(rt)],
  init: () => {},
  touches: () => new Set(),
};

function quiescentState(rt: HwRuntime): Step {
  const gp = rt.g('rcu_gp');
  const n = rt.c('rcu_nesting');
  const qs = rt.c('rcu_qs');
  const irq = rt.c('irqs_off');
  const irqpc = rt.c('irqpc');
  return {
    name: 'rcu_qs',
    source: 'kernel/rcu/tree.c: rcu_qs() / rcu_sched_clock_irq()',
    text: () => 'RCU: quiescent state reported',
    ignoresRunnable: true,
    enabled: (s: State, cpu: number) => {
      const b = rt.base(cpu);
      return s[gp] === 1 && s[b + qs] === 0 && s[b + n] === 0 && s[b + irq] === 0 && s[b + irqpc] === 0 && rt.running(s, cpu);
    },
    run: (s: State, cpu: number) => {
      s[rt.base(cpu) + qs] = 1;
    },
  };
}
