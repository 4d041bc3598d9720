/**
 * What each step of a scenario trace does to shared memory, for `shootdown litmus --from`
 * (./from-counterexample.ts): the kernel primitive behind the step, on which location, with
 * which value. Only the steps of the scenarios that model store buffers (eqs-kick, ct-defer)
 * are listed; a step whose name is not here is refused by name, never guessed at.
 *
 * Locations: `text` (the patched kernel text site), `pte_V` (the PTE that maps the vmalloc
 * area V: 1 = page A, its initial value; 0 = cleared; 2 = page B), and per CPU `ctN`
 * (`context_tracking.state` of CPU N, RCU's `rdtp->dynticks` in 2018: 0 = in an extended
 * quiescent state, +1 per EQS exit, +2 for a CT_WORK bit) and `cr3_loadedN`
 * (`per_cpu(kernel_cr3_loaded, N)`, COALESCE_TLBI RFC v7).
 *
 * Two kinds of step are not LKMM accesses but decide what an instruction fetch returns: a
 * context-synchronisation event (`sync`: arm64 ISB, an exception entry that synchronises) is
 * where the CPU's instruction stream reads the text, and executing the patched site (`fetch`)
 * returns what the stream read there (`stale`) or, if the stream is up to date, what memory
 * holds now. The export writes that read as a READ_ONCE() of `text` at that point.
 */
import type { SbPrimitive } from '../../mechanisms/store-buffer.js';

/** Whose location: the CPU that runs the step, or the CPU the sender reads about. */
export type Whose = 'self' | 'target';

export type LocRef = { readonly k: 'global'; readonly name: 'text' | 'pte_V' } | { readonly k: 'per-cpu'; readonly name: 'ct' | 'cr3_loaded'; readonly of: Whose };

export type Access =
  | { readonly k: 'store'; readonly loc: LocRef; readonly value: number; readonly prim: 'WRITE_ONCE' }
  | { readonly k: 'load'; readonly loc: LocRef; readonly prim: 'READ_ONCE' | 'atomic_read'; readonly expect: (v: number) => boolean }
  | { readonly k: 'rmw'; readonly loc: LocRef; readonly prim: 'atomic_add_return' | 'atomic_inc'; readonly add: number }
  | { readonly k: 'cmpxchg'; readonly loc: LocRef; readonly old: number; readonly new: number; readonly expect: (v: number) => boolean }
  | { readonly k: 'fence'; readonly prim: Extract<SbPrimitive, 'smp_mb' | 'smp_mb__after_atomic'>; readonly why: string }
  | { readonly k: 'sync' }
  | { readonly k: 'fetch'; readonly stale: boolean }
  | { readonly k: 'commit'; readonly loc: LocRef };

export interface StepMeaning {
  readonly step: string;
  /** When the same step name covers several texts: the text this entry is for. */
  readonly text?: RegExp;
  /** Who performs the accesses: the CPU of the step, or the sender (the CPU that sends the IPIs). */
  readonly by: 'self' | 'sender';
  readonly accesses: readonly Access[];
}

/** A step that is shared-memory behaviour LKMM has no words for: the export refuses it. */
export interface Inexpressible {
  readonly step: string;
  readonly text?: RegExp;
  readonly why: string;
}

const text: LocRef = { k: 'global', name: 'text' };
const pte: LocRef = { k: 'global', name: 'pte_V' };
const ct = (of: Whose): LocRef => ({ k: 'per-cpu', name: 'ct', of });
const cr3Loaded = (of: Whose): LocRef => ({ k: 'per-cpu', name: 'cr3_loaded', of });
const even = (v: number): boolean => v % 2 === 0;
const zero = (v: number): boolean => v === 0;
const any = (): boolean => true;
const none = (step: string, t?: RegExp): StepMeaning => ({ step, ...(t === undefined ? {} : { text: t }), by: 'self', accesses: [] });
const self = (step: string, accesses: readonly Access[], t?: RegExp): StepMeaning => ({ step, ...(t === undefined ? {} : { text: t }), by: 'self', accesses });
const patch: Access = { k: 'store', loc: text, value: 1, prim: 'WRITE_ONCE' };
const mbSerialising: Access = { k: 'fence', prim: 'smp_mb', why: 'MOV to CR3 serialises (Intel SDM vol. 3A 9.3)' };

/** The steps with their accesses, first match wins (an entry with `text` before one without). */
export const STEP_MEANINGS: readonly StepMeaning[] = [
  // The text patch (arch/arm64/kernel/patching.c, arch/powerpc/lib/code-patching.c,
  // arch/x86/kernel/alternative.c): a store of the new instruction.
  self('aarch64_insn_patch_text_nosync', [patch]),
  self('patch_instruction', [patch]),
  self('smp_text_poke_batch_finish', [patch]),
  // kick_all_cpus_sync() / on_each_cpu_cond() (kernel/smp.c): the leading smp_mb(), or none.
  self('smp_mb', [{ k: 'fence', prim: 'smp_mb', why: 'smp_mb()' }]),
  none('kick_all_cpus_sync'),
  none('on_each_cpu_cond'),
  none('smp_call_function_many'),
  none('csd_lock_wait'),
  none('flush_tlb_kernel_range'),
  none('smp_text_poke_sync_each_cpu'),
  // The sender reads a CPU's context-tracking word (kernel/rcu/tree.c of 2018:
  // rcu_dynticks_in_eqs(atomic_read(&rdtp->dynticks))); Schneider's ct_set_cpu_work()
  // (kernel/context_tracking.c) sets a work bit with atomic_try_cmpxchg() while not watching.
  { step: 'rcu_dynticks_in_eqs', text: /EQS -> skipped/, by: 'sender', accesses: [{ k: 'load', loc: ct('target'), prim: 'atomic_read', expect: even }] },
  { step: 'ct_set_cpu_work', text: /not watching: work bit set/, by: 'sender', accesses: [{ k: 'cmpxchg', loc: ct('target'), old: 0, new: 2, expect: zero }] },
  // COALESCE_TLBI RFC v7 30/31: the flushing CPU reads per_cpu(kernel_cr3_loaded, cpu).
  { step: 'kernel_cr3_loaded', text: /kernel_cr3_loaded == 0/, by: 'sender', accesses: [{ k: 'load', loc: cr3Loaded('target'), prim: 'READ_ONCE', expect: zero }] },
  // EQS exit (kernel/context_tracking.c ct_kernel_enter_state()).
  self('ct_kernel_enter_state', [{ k: 'rmw', loc: ct('self'), prim: 'atomic_add_return', add: 1 }], /atomic_add_return/),
  self('ct_kernel_enter_state', [{ k: 'rmw', loc: ct('self'), prim: 'atomic_inc', add: 1 }, { k: 'fence', prim: 'smp_mb__after_atomic', why: 'smp_mb__after_atomic()' }], /atomic_inc\(\); smp_mb__after_atomic/),
  self('ct_kernel_enter_state', [{ k: 'rmw', loc: ct('self'), prim: 'atomic_inc', add: 1 }], /atomic_inc\(\)/),
  // Context synchronisation (arm64 isb(), powerpc isync, an exception entry that synchronises).
  self('isb', [{ k: 'sync' }]),
  self('el0_svc', [{ k: 'sync' }], /context synchronising/),
  self('system_call_exception', [{ k: 'sync' }], /context synchronising/),
  self('idtentry', [{ k: 'sync' }], /context synchronising/),
  none('el0_svc'),
  none('system_call_exception'),
  none('idtentry'),
  none('do_idle'),
  // Executing the patched site: an instruction fetch of `text`.
  // Executing the patched site (src/mechanisms/kernel-text.ts executePatchedSite()): an
  // instruction fetch of `text`, from a stale instruction stream or from memory.
  ...['kernel text', 'arch_cpu_idle', 'enter_from_user_mode', 'guest_state_exit_irqoff'].flatMap((name) => [
    self(name, [{ k: 'fetch', stale: true }], /executes patched site \(stale instruction stream\)/),
    self(name, [{ k: 'fetch', stale: false }], /executes patched site/),
  ]),
  // x86 entry with COALESCE_TLBI (arch/x86/entry/calling.h SWITCH_TO_KERNEL_CR3).
  self('SWITCH_TO_KERNEL_CR3', [mbSerialising, { k: 'store', loc: cr3Loaded('self'), value: 1, prim: 'WRITE_ONCE' }], /SWITCH_TO_KERNEL_CR3; kernel_cr3_loaded = 1/),
  self('SWITCH_TO_KERNEL_CR3', [{ k: 'store', loc: cr3Loaded('self'), value: 1, prim: 'WRITE_ONCE' }, mbSerialising], /kernel_cr3_loaded = 1; SWITCH_TO_KERNEL_CR3/),
  self('SWITCH_TO_KERNEL_CR3', [mbSerialising]),
  self('kernel_cr3_loaded = 1', [{ k: 'store', loc: cr3Loaded('self'), value: 1, prim: 'WRITE_ONCE' }]),
  none('invpcid_flush_all'),
  // vmalloc area V (mm/vmalloc.c): unmap clears its PTE, reuse maps page B; a hardware page
  // walk reads the PTE; an access through a TLB entry already filled reads no memory.
  self('vunmap_range_noflush', [{ k: 'store', loc: pte, value: 0, prim: 'WRITE_ONCE' }], /PTEs cleared \(/),
  self('__vmalloc_node_range', [{ k: 'store', loc: pte, value: 2, prim: 'WRITE_ONCE' }]),
  self('page walk (TLB fill)', [{ k: 'load', loc: pte, prim: 'READ_ONCE', expect: any }]),
  none('enter_from_user_mode', /through stale TLB entry/),
  none('arch_cpu_idle', /through stale TLB entry/),
  // The scenarios' own store-buffer commits (src/mechanisms/store-buffer.ts).
  self('store buffer: commit text', [{ k: 'commit', loc: text }]),
  self('store buffer: commit PTE', [{ k: 'commit', loc: pte }]),
  self('store buffer: commit ct', [{ k: 'commit', loc: ct('self') }]),
  self('store buffer: commit kernel_cr3_loaded', [{ k: 'commit', loc: cr3Loaded('self') }]),
];

export const INEXPRESSIBLE: readonly Inexpressible[] = [
  { step: 'vunmap_range_noflush', text: /pmd_clear\(\)/, why: 'pmd_clear() unlinks a page-table page that is then freed; LKMM has no memory reuse' },
  { step: 'pte_free_kernel', why: 'a page-table page is freed; LKMM has no memory reuse' },
  { step: 'page walk via paging-structure cache', why: 'a walk through a cached pointer into a freed page table; LKMM has no memory reuse' },
];

const matches = (m: { step: string; text?: RegExp }, step: string, txt: string): boolean => m.step === step && (m.text === undefined || m.text.test(txt));

/** The meaning of a step, the reason it cannot be expressed, or null when the table does not know it. */
export function meaningOf(step: string, txt: string): StepMeaning | Inexpressible | null {
  return INEXPRESSIBLE.find((m) => matches(m, step, txt)) ?? STEP_MEANINGS.find((m) => matches(m, step, txt)) ?? null;
}
