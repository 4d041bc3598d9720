/**
 * State of CPUs that move between an extended quiescent state (nohz_full user, idle, guest)
 * and the kernel, and of the kernel objects they may hold stale: patched kernel text (the
 * instruction stream) and a vmalloc translation (TLB entry, paging-structure-cache pointer).
 *
 * The context-tracking word (`context_tracking.state`, kernel/context_tracking.c,
 * include/linux/context_tracking_state.h) is `ct` (the RCU watching counter, bounded to its
 * parity: 1 = watching / in the kernel) plus `work` (CT_WORK_* bits set by ct_set_cpu_work()).
 * The sender's view of each CPU (what it read of that CPU's ct word, whether it queued an IPI)
 * lives in that CPU's block, so CPUs running the same program stay interchangeable.
 *
 * Under a store-buffer memory model (src/mechanisms/store-buffer.ts) two stores may wait in
 * their CPU's store buffer: the sender's text patch (`textBuf`: `text` is then still the old
 * value in memory) and a CPU's own EQS-exit increment of its ct word (`ctBuf`: `ct` is the
 * CPU's own, forwarded view; other CPUs still read the old parity), and in ct-defer the
 * sender's store to V's PTE (`vmapBuf`: `vmap` is the value in memory, what page walks read)
 * and a CPU's `kernel_cr3_loaded = 1` (`cr3Buf`).
 *
 * Left out: the ct_state bits (user/guest/idle are program names here), NMIs, nesting
 * counters.
 */
import { defineLayout, type Layout } from '../core/layout.js';
import { programFields, type ProgramFieldName } from '../core/model.js';

/** Patched kernel text. */
export const Text = { orig: 0, patched: 1 } as const;
/** Where the sender (kick_all_cpus_sync / on_each_cpu_cond) is. */
export const Kick = { idle: 0, reading: 1, sent: 2, returned: 3 } as const;
/** The vmalloc area V: mapped to its old page A, unmapped, or reused (mapped to page B). */
export const Vmap = { a: 0, none: 1, b: 2 } as const;
/** A CPU's cached translation of V. */
export const Tlb = { none: 0, a: 1, b: 2 } as const;
/** The PTE-table page that maps V (freed only by ranges whose page tables are freed). */
export const PtTable = { live: 0, unlinked: 1, freed: 2 } as const;
/** What the sender's condition decided for a CPU. */
export const Snap = { unread: 0, eqs: 1, kernel: 2 } as const;
/** CT_WORK_* bits (Valentin Schneider v7: CT_WORK_SYNC, CT_WORK_TLBI). */
export const Work = { sync: 1, tlbi: 2 } as const;
export const Hazard = { none: 0, staleText: 1, staleTlb: 2, pscWalk: 3 } as const;

export const eqsGlobals = [
  { name: 'text', values: ['orig', 'patched'], doc: 'the patched kernel text site' },
  { name: 'kick', values: ['idle', 'reading', 'sent', 'returned'], doc: 'the sync call of the sender' },
  { name: 'vmap', values: ['A', 'none', 'B'], doc: 'vmalloc area V: page A, unmapped, reused for page B' },
  { name: 'ptTable', values: ['live', 'unlinked', 'freed'], doc: 'the PTE table page mapping V' },
  { name: 'vmapBuf', values: ['-', 'clear', 'B'], doc: "the sender's store to V's PTE (unmap, or reuse for page B) waits in its store buffer (tso)" },
  { name: 'textBuf', values: ['-', 'buffered'], doc: "the text patch waits in the sender's store buffer (tso/weak)" },
  { name: 'hazard', values: ['none', 'stale-text', 'stale-tlb', 'psc-walk-freed-table'], doc: 'set by the step that used stale state' },
] as const;

export const eqsCpuFields = [
  ...programFields,
  { name: 'ct', values: ['eqs', 'watching'], doc: 'RCU watching counter parity (CT_RCU_WATCHING)' },
  { name: 'work', doc: 'CT_WORK_* bits in context_tracking.state (1 sync_core, 2 tlbi)' },
  { name: 'seqWork', doc: 'work bits returned by atomic_add_return() in ct_kernel_enter_state()' },
  { name: 'stale', values: ['no', 'yes'], doc: 'instruction stream not synchronised since the text patch' },
  { name: 'tlb', values: ['-', 'A', 'B'], doc: 'TLB entry for V' },
  { name: 'psc', values: ['-', 'T'], doc: 'paging-structure cache points to the PTE table of V' },
  { name: 'cr3', values: ['user', 'kernel'], doc: 'PTI: which CR3 is loaded (user programs only)' },
  { name: 'cr3Loaded', values: ['0', '1'], doc: 'per_cpu(kernel_cr3_loaded) (COALESCE_TLBI RFC)' },
  { name: 'snap', values: ['unread', 'eqs', 'kernel'], doc: "sender's decision for this CPU" },
  { name: 'ipi', values: ['-', 'pending'], doc: 'csd queued + IPI sent, not yet handled' },
  { name: 'cr3Buf', values: ['-', 'buffered'], doc: 'kernel_cr3_loaded = 1 waits in the store buffer: other CPUs still read 0 (tso)' },
  { name: 'ctBuf', values: ['-', 'buffered'], doc: "this CPU's last ct increment waits in its store buffer: others read the old parity (weak)" },
] as const;

export type EqsGlobal = (typeof eqsGlobals)[number]['name'];
export type EqsCpu = Exclude<(typeof eqsCpuFields)[number]['name'], ProgramFieldName>;
export type EqsLayout = Layout<EqsGlobal, EqsCpu | ProgramFieldName>;

export function eqsLayout(cpus: number): EqsLayout {
  return defineLayout(eqsGlobals, eqsCpuFields, cpus);
}

/** Reads a per-CPU field. */
export const cf = (L: EqsLayout, s: Uint8Array, cpu: number, f: EqsCpu | ProgramFieldName): number => s[L.base(cpu) + L.c[f]] ?? 0;
/** Writes a per-CPU field. */
export const setCf = (L: EqsLayout, s: Uint8Array, cpu: number, f: EqsCpu | ProgramFieldName, v: number): void => {
  s[L.base(cpu) + L.c[f]] = v;
};

/** This CPU's ct word as other CPUs read it: the old parity while its increment is buffered. */
export const ctVisible = (L: EqsLayout, s: Uint8Array, cpu: number): number => (cf(L, s, cpu, 'ctBuf') === 1 ? 1 - cf(L, s, cpu, 'ct') : cf(L, s, cpu, 'ct'));

/** per_cpu(kernel_cr3_loaded, cpu) as other CPUs read it: 0 while the store of 1 is buffered. */
export const cr3LoadedVisible = (L: EqsLayout, s: Uint8Array, cpu: number): number => (cf(L, s, cpu, 'cr3Buf') === 1 ? 0 : cf(L, s, cpu, 'cr3Loaded'));
