/**
 * TLB invalidation with issue/complete semantics.
 *
 * arm64: `__tlbi(...is)` broadcast marks every matching entry "pending, issued by CPU c"; a
 * pending entry may still be used until the invalidation completes, which the hardware may do
 * at any time and must have done once CPU c executes `dsb(ish)`. A DSB on another CPU does not
 * complete c's TLBIs (Arm ARM, quoted by Ryan Roberts: "completion of the TLB maintenance
 * instruction is guaranteed only by the execution of a DSB by the observer that performed
 * the TLB maintenance instruction"). x86: an IPI runs flush_tlb_func on each target and the
 * sender waits (native_flush_tlb_multi).
 */
import type { State, Step } from '../core/model.js';
import type { BatchLayout } from './batched-unmap-state.js';

/**
 * `__tlbi(...is)` issued by CPU `issuer`: every valid entry gets the issuer added to its set of
 * pending invalidations (a bitmask, so at most 8 CPUs); it stays usable until one completes.
 */
export function issueTlbi(L: BatchLayout, s: State, issuer: number): void {
  for (let cpu = 0; cpu < L.cpus; cpu++) {
    const b = L.base(cpu);
    if (s[b + L.c.tlb] === 1) s[b + L.c.pend] = (s[b + L.c.pend] ?? 0) | (1 << issuer);
  }
}

/** "CPU0+CPU2" for an issuer bitmask. */
export function issuers(mask: number): string {
  const out: string[] = [];
  for (let c = 0; c < 8; c++) if ((mask & (1 << c)) !== 0) out.push(`CPU${c}`);
  return out.join('+');
}

/** `dsb(ish)` executed by CPU `cpu`: completes only the TLBIs that CPU issued. */
export function dsb(L: BatchLayout, s: State, cpu: number): void {
  for (let t = 0; t < L.cpus; t++) {
    const b = L.base(t);
    if (((s[b + L.c.pend] ?? 0) & (1 << cpu)) !== 0) {
      s[b + L.c.tlb] = 0;
      s[b + L.c.pend] = 0;
    }
  }
}

/**
 * x86: queue flush_tlb_func on every CPU that may hold an entry (the mm's CPUs, or with
 * `onlyBatch` the CPUs recorded in the batch cpumask); the sender then waits.
 */
export function sendFlushIpis(L: BatchLayout, s: State, self: number, onlyBatch = false): void {
  for (let cpu = 0; cpu < L.cpus; cpu++) {
    const b = L.base(cpu);
    const target = onlyBatch ? s[b + L.c.inBatch] === 1 : s[b + L.c.tlb] === 1;
    if (cpu !== self && target) s[b + L.c.flushIpi] = 1;
    if (onlyBatch) s[b + L.c.inBatch] = 0;
  }
  s[L.base(self) + L.c.tlb] = 0;
}

export function flushIpisDone(L: BatchLayout) {
  return (s: State): boolean => {
    for (let cpu = 0; cpu < L.cpus; cpu++) if (s[L.base(cpu) + L.c.flushIpi] === 1) return false;
    return true;
  };
}

/** Hardware: a pending invalidation may complete at any time. */
export function tlbiCompletes(L: BatchLayout): Step {
  return {
    name: 'TLBI completes',
    source: 'spec: Arm ARM, TLB maintenance (completion is guaranteed only by a DSB of the PE that issued the TLBI; until then it may complete at any time)',
    text: (s, cpu) => `(TLBI by ${issuers(s[L.base(cpu) + L.c.pend] ?? 0)} completes here)`,
    ignoresRunnable: true,
    enabled: (s, cpu) => s[L.base(cpu) + L.c.pend] !== 0,
    run: (s, cpu) => {
      s[L.base(cpu) + L.c.tlb] = 0;
      s[L.base(cpu) + L.c.pend] = 0;
    },
  };
}

/** x86: the flush IPI handler on a user CPU. */
export function flushIpiHandlerBatch(L: BatchLayout): Step {
  return {
    name: 'flush_tlb_func',
    source: 'arch/x86/mm/tlb.c: flush_tlb_func()',
    text: 'IPI: flush_tlb_func: local flush',
    ipi: 'handle',
    tags: ['flush'],
    enabled: (s, cpu) => s[L.base(cpu) + L.c.flushIpi] === 1,
    run: (s, cpu) => {
      s[L.base(cpu) + L.c.flushIpi] = 0;
      s[L.base(cpu) + L.c.tlb] = 0;
    },
  };
}
