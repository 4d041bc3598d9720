/**
 * A configuration: which implementation each hook of a mechanism has on this architecture or
 * hypervisor. Data only; mechanisms read the fields they need. Adding a field means setting it
 * for every configuration, so each one states its answer (and its kernel source) explicitly.
 */
export type ArchName = 'x86-native' | 'x86-pcid' | 'x86-kvm-pv' | 'x86-hyperv' | 'x86-xen' | 'x86-invlpgb' | 'arm64' | 'powerpc';

/**
 * How a user TLB flush (`flush_tlb_mm_range()` and its arch equivalents) reaches other CPUs:
 * - `ipi`: an IPI runs `flush_tlb_func()` on each target; the sender waits (x86 native).
 * - `hypercall`: the hypervisor flushes the vCPUs' TLBs; no guest IPI, nothing waits for the
 *   targets to enable interrupts (Hyper-V, Xen).
 * - `broadcast`: a broadcast invalidation instruction reaches every CPU's TLB and
 *   paging-structure caches with no interrupt (INVLPGB+TLBSYNC, arm64 TLBI IS + DSB).
 */
export type FlushTransport = 'ipi' | 'hypercall' | 'broadcast';

export interface ArchConfig {
  readonly name: ArchName;
  /** One line for reports: what this configuration is. */
  readonly doc: string;
  readonly flushTransport: FlushTransport;
  /**
   * Lazy-TLB CPUs are left out of a flush unless it asks to wake them (the `freed_tables`
   * argument of flush_tlb_mm_range(); Lance Yang v8 2/2 passes `freed_tables ||
   * unshared_tables` from tlb_flush()): x86 `should_flush_tlb()`, Hyper-V `do_lazy`.
   * Broadcast invalidation and Xen's `MMUEXT_TLB_FLUSH_MULTI` reach them anyway.
   */
  readonly lazySkippedUnlessWoken: boolean;
  /**
   * `kvm_flush_tlb_multi()`: a target vCPU whose `steal_time.preempted` is set gets
   * `KVM_VCPU_FLUSH_TLB` instead of an IPI; the host flushes before the next VM-entry.
   */
  readonly pvFlushSkipsPreempted: boolean;
  /** vCPUs can be preempted by the hypervisor at any instruction, IRQs on or off. */
  readonly vcpuPreemption: boolean;
  /** `pv_ops.mmu.flush_tlb_multi == native_flush_tlb_multi` (Lance Yang v8 2/2's test). */
  readonly nativeFlushTlbMulti: boolean;
  /** `cpu_feature_enabled(X86_FEATURE_INVLPGB)`. */
  readonly invlpgb: boolean;
  /**
   * `cpu_feature_enabled(X86_FEATURE_PCID)`: TLB entries are tagged with the address space's
   * PCID, so a CR3 write keeps other address spaces' entries, and with NOFLUSH the new one's
   * too (x86 `choose_new_asid()`, `load_new_mm_cr3()`). Without it every CR3 write flushes.
   * Only the C models' hardware reads it (src/cmodel/hardware/mmu.ts).
   */
  readonly pcid: boolean;
  /**
   * Taking an exception (syscall, IRQ) is a context-synchronisation event for the instruction
   * stream: arm64 (SCTLR_EL1.EIS set by Linux; always before FEAT_ExS), powerpc (interrupts are
   * context synchronising). Not on x86: exception entry is not serialising (IRET is).
   * Used by the EQS-exit scenarios (eqs-kick, ct-defer).
   */
  readonly exceptionEntrySyncsContext: boolean;
  /**
   * Yury Norov v2 3/5 and 4/5 add isb() at EQS exit on arm64 only (`isb_if_eqs`,
   * arm64's `rcu_dynticks_eqs_exit_sync()`); elsewhere the weak hook is empty.
   */
  readonly eqsExitIsbHooks: boolean;
  /**
   * Hugetlb PMD tables can be shared between processes (ARCH_WANT_HUGE_PMD_SHARE: x86-64 and
   * arm64 with 4K pages; not powerpc), so `huge_pmd_unshare()` is one of the table-freeing
   * callers (mm/hugetlb.c).
   */
  readonly hugetlbPmdSharing: boolean;
  /**
   * CONFIG_PT_RECLAIM (mm/Kconfig: `def_bool y` with MMU_GATHER_RCU_TABLE_FREE and without
   * HAVE_ARCH_TLB_REMOVE_TABLE: x86 and arm64, not powerpc): empty PTE tables are freed by
   * `zap_pte_range()` under read locks, where a page fault can hold them, and the
   * batch-allocation fallback frees through call_rcu() instead of synchronize_rcu().
   */
  readonly ptReclaim: boolean;
  /** Where the facts come from. */
  readonly source: string;
}
