/**
 * A CPU that lives in an extended quiescent state (nohz_full user, idle, KVM guest) and enters
 * the kernel: exception entry (or the idle wake-up, which takes no exception), the entry code
 * that runs before EQS exit, the EQS-exit atomic on the context-tracking word, the deferred
 * work flush, the rest of the kernel, and the exit path. One program per EQS kind; the same
 * step shape for all so that the IRQs-on window has the same indices.
 *
 * Kernel: kernel/context_tracking.c ct_kernel_enter_state() (`seq = ct_state_inc()` =
 * raw_atomic_add_return(), then ct_work_flush(seq) in Valentin Schneider's series),
 * ct_kernel_exit_state() (ct_state_inc_clear_work()); 2018: kernel/rcu/tree.c
 * rcu_dynticks_eqs_exit() (atomic_add_return + Norov v2 4/5's rcu_dynticks_eqs_exit_sync());
 * arch/arm64/kernel/entry.S el0_svc / el1_irq, arch/x86/entry/entry_64.S idtentry and
 * calling.h SWITCH_TO_KERNEL_CR3, kernel/sched/idle.c do_idle().
 * Under weak, an EQS exit by atomic_inc() leaves the increment in the store buffer
 * (`ctBuf`, committed by `ctCommitEvent`) past the ISB and the kernel's first instructions.
 * Left out: nested IRQ/NMI entry while already watching, preemption, the ct_state field.
 */
import { match } from 'ts-pattern';
import type { ArchConfig } from '../arch/arch.js';
import type { Program, State, Step } from '../core/model.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { cf, setCf, type EqsLayout } from './eqs-state.js';
import { bufferedNote, drainsStoreBuffer, storeIsBuffered } from './store-buffer.js';
import { contextSync, executePatchedSite } from './kernel-text.js';
import { flushTlbAll, touchVmalloc } from './vmalloc-tlb.js';

export type EqsKind = 'user' | 'idle' | 'guest';
export const EQS_KINDS: readonly EqsKind[] = ['user', 'idle', 'guest'];
type Family = 'x86' | 'arm64' | 'powerpc';

export interface EntryHooks {
  /** Norov v2 3/5: isb() early in el0_svc_naked / arch_cpu_idle_exit(), before EQS exit. */
  readonly isbBeforeExit: boolean;
  /** Norov v2 4/5: isb() right after atomic_add_return() in rcu_dynticks_eqs_exit(). */
  readonly isbAfterExit: boolean;
  /** A patched site runs on the entry path before EQS exit / ct_work_flush(). */
  readonly entryRunsPatchedText: boolean;
  /** The entry path touches vmalloc memory before ct_work_flush() (vmalloc'd stack...). */
  readonly entryTouchesVmalloc: boolean;
  /** ct_kernel_enter_state() runs ct_work_flush(seq) (Schneider's series). */
  readonly ctWorkFlush: boolean;
  /**
   * COALESCE_TLBI RFC: a full flush after SWITCH_TO_KERNEL_CR3 and `kernel_cr3_loaded = 1`,
   * set after the flush (RFC v7 as posted) or before it (Valentin Schneider's proposed fix,
   * replying to Dave Hansen on v7 30/31, 2025-11-21).
   */
  readonly coalesceTlbi: CoalesceTlbi;
  /** The rest of the kernel executes the patched site / touches V. */
  readonly kernelRunsPatchedText: boolean;
  readonly kernelTouchesVmalloc: boolean;
  /**
   * The EQS-exit increment of the ct word: `atomic_add_return()` (fully ordered, mainline and
   * Norov v2), `atomic_inc()` alone (unordered on weak), or `atomic_inc()` followed by
   * `smp_mb__after_atomic()`.
   */
  readonly eqsExitAtomic: EqsExitAtomic;
  /** The memory model the CPU's stores run under (src/mechanisms/store-buffer.ts). */
  readonly mm: MemoryModelName;
}

/**
 * Where the nohz_full entry sets `kernel_cr3_loaded = 1`: after the full flush (RFC v7 as
 * posted), right after SWITCH_TO_KERNEL_CR3 and before the flush (the proposed fix), or before
 * SWITCH_TO_KERNEL_CR3, whose MOV to CR3 is serialising (Intel SDM 9.3) and so makes the
 * store visible before any walk of the kernel page tables.
 */
export type CoalesceTlbi = 'off' | 'flag-after-flush' | 'flag-before-flush' | 'flag-before-cr3-switch';

export type EqsExitAtomic = 'atomic_add_return' | 'atomic_inc' | 'atomic_inc+smp_mb__after_atomic';

/** A CPU's own buffered store (flag `field` of its block) becomes visible: an event of the CPU. */
function commitEvent(L: EqsLayout, field: 'cr3Buf' | 'ctBuf', what: string, source: string, text: string): Step {
  return {
    name: `store buffer: commit ${what}`,
    source,
    text,
    tags: ['publish'],
    enabled: (s, cpu) => cf(L, s, cpu, field) === 1,
    run: (s, cpu) => setCf(L, s, cpu, field, 0),
  };
}

/** The CPU's buffered `kernel_cr3_loaded = 1` becomes visible to the flushing CPU (tso). */
export const cr3LoadedCommitEvent = (L: EqsLayout): Step =>
  commitEvent(
    L,
    'cr3Buf',
    'kernel_cr3_loaded',
    'model: memory model tso, the buffered this_cpu_write(kernel_cr3_loaded, 1) becomes visible (INVPCID is not a serialising instruction) | spec: Intel SDM vol. 3A, Serializing Instructions',
    'store buffer commits kernel_cr3_loaded = 1: flushing CPUs now see it',
  );

/** The CPU's buffered EQS-exit increment of its ct word becomes visible (weak). */
export const ctCommitEvent = (L: EqsLayout): Step =>
  commitEvent(
    L,
    'ctBuf',
    'ct',
    'model: memory model weak, the buffered EQS-exit increment of context_tracking.state (rdtp->dynticks in 2018) becomes visible',
    'store buffer commits the ct increment: other CPUs now see it watching',
  );

const family = (arch: ArchConfig): Family =>
  match<ArchConfig['name'], Family>(arch.name)
    .with('x86-native', 'x86-pcid', 'x86-kvm-pv', 'x86-hyperv', 'x86-xen', 'x86-invlpgb', () => 'x86')
    .with('arm64', () => 'arm64')
    .with('powerpc', () => 'powerpc')
    .exhaustive();

interface KindNames {
  readonly entry: string;
  readonly entrySource: string;
  readonly exception: boolean;
  readonly pre: string;
  readonly preSource: string;
  readonly ret: string;
  readonly retSource: string;
  readonly returnSyncs: boolean;
}

function names(kind: EqsKind, fam: Family): KindNames {
  return match(kind)
    .with('user', () => ({
      entry: match(fam).with('arm64', () => 'el0_svc').with('x86', () => 'idtentry').with('powerpc', () => 'system_call_exception').exhaustive(),
      entrySource: 'arch/arm64/kernel/entry-common.c: el0_svc() | arch/x86/entry/entry_64.S: idtentry | arch/powerpc/kernel/syscall.c: system_call_exception()',
      exception: true,
      pre: 'enter_from_user_mode',
      preSource: 'include/linux/irq-entry-common.h: irqentry_enter_from_user_mode() -> enter_from_user_mode() | arch/arm64/kernel/entry-common.c: arm64_enter_from_user_mode() -> enter_from_user_mode()',
      ret: match(fam).with('arm64', () => 'eret').with('x86', () => 'iretq').with('powerpc', () => 'rfid').exhaustive(),
      retSource: 'arch/arm64/kernel/entry.S: ret_to_user | arch/x86/entry/entry_64.S: swapgs_restore_regs_and_return_to_usermode',
      returnSyncs: true,
    }))
    .with('idle', () => ({
      entry: 'do_idle',
      entrySource: 'kernel/sched/idle.c: do_idle() -> cpuidle_idle_call() (wfi, hlt or mwait returns with IRQs off: no exception taken yet)',
      exception: false,
      // The code between the wake-up and ct_cpuidle_exit() (the idle driver's return path) is
      // what runs before the EQS exit; arch_cpu_idle_exit() comes only after it, in do_idle().
      pre: 'arch_cpu_idle',
      preSource: 'kernel/sched/idle.c: default_idle_call() -> arch_cpu_idle(), ct_cpuidle_exit() (what runs after wfi/hlt returns, before ct_cpuidle_exit(), is still in EQS)',
      ret: 'cpuidle_enter',
      retSource: 'kernel/sched/idle.c: default_idle_call() -> ct_cpuidle_enter(), arch_cpu_idle() (wfi / hlt)',
      returnSyncs: false,
    }))
    .with('guest', () => ({
      entry: 'VM-exit',
      entrySource: 'arch/x86/kvm/vmx/vmx.c: vmx_vcpu_enter_exit() | arch/arm64/kvm/arm.c: kvm_arch_vcpu_ioctl_run() (guest exit: an exception to the host)',
      exception: true,
      pre: 'guest_state_exit_irqoff',
      preSource: 'include/linux/kvm_host.h: guest_state_exit_irqoff() -> guest_context_exit_irqoff() -> context_tracking_guest_exit()',
      ret: 'VM-entry',
      retSource: 'include/linux/kvm_host.h: guest_state_enter_irqoff() -> guest_context_enter_irqoff() -> context_tracking_guest_enter() (then VM-entry, or eret to the guest)',
      returnSyncs: true,
    }))
    .exhaustive();
}

export const isUserProgram = (L: EqsLayout, s: State, cpu: number): boolean => cf(L, s, cpu, 'prog') === 1 + EQS_KINDS.indexOf('user');
/** A CPU on the kernel page tables: idle and guest-running CPUs never switch to the user CR3. */
export const onKernelCr3 = (L: EqsLayout) => (s: State, cpu: number): boolean => !isUserProgram(L, s, cpu) || cf(L, s, cpu, 'cr3') === 1;

/** Index of the first and last step of the IRQs-on window in the kernel (same in every program). */
export interface EqsPrograms {
  readonly programs: Program[];
  /** IPIs are handled here: the CPU is in the kernel with IRQs on. */
  readonly irqsOn: (s: State, cpu: number) => boolean;
}

export function eqsPrograms(L: EqsLayout, arch: ArchConfig, h: EntryHooks): EqsPrograms {
  const fam = family(arch);
  // The EQS-exit increment stays buffered unless the atomic (or smp_mb__after_atomic) drains.
  const exitBuffered = match(h.eqsExitAtomic)
    .with('atomic_add_return', () => false)
    .with('atomic_inc', () => storeIsBuffered(h.mm, 'atomic_inc'))
    .with('atomic_inc+smp_mb__after_atomic', () => storeIsBuffered(h.mm, 'atomic_inc') && !drainsStoreBuffer(h.mm, 'smp_mb__after_atomic'))
    .exhaustive();
  const flagBuffered = storeIsBuffered(h.mm, 'WRITE_ONCE');
  const isb = match(fam).with('arm64', () => 'isb').with('powerpc', () => 'isync').with('x86', () => 'sync_core').exhaustive();
  const build = (kind: EqsKind): Program => {
    const n = names(kind, fam);
    const user = kind === 'user';
    const steps: Step[] = [
      {
        name: n.entry,
        source: n.entrySource,
        text: n.exception ? `${n.entry}: exception entry${arch.exceptionEntrySyncsContext ? ' (context synchronising)' : ''}` : `${n.entry}: wake-up, no exception taken`,
        run: (s, cpu) => {
          if (n.exception && arch.exceptionEntrySyncsContext) contextSync(L, s, cpu);
        },
      },
      {
        name: 'SWITCH_TO_KERNEL_CR3',
        source: 'arch/x86/entry/calling.h: SWITCH_TO_KERNEL_CR3 | patch: COALESCE_TLBI RFC v7 30/31 (kernel_cr3_loaded = 1 around it)',
        text: match(h.coalesceTlbi)
          .with('off', 'flag-after-flush', () => 'SWITCH_TO_KERNEL_CR3')
          .with('flag-before-flush', () => `SWITCH_TO_KERNEL_CR3; kernel_cr3_loaded = 1${bufferedNote(h.mm, 'WRITE_ONCE')}`)
          .with('flag-before-cr3-switch', () => 'kernel_cr3_loaded = 1; SWITCH_TO_KERNEL_CR3 (serialising: the flag is visible first)')
          .exhaustive(),
        onlyIf: () => user && fam === 'x86',
        run: (s, cpu) => {
          setCf(L, s, cpu, 'cr3', 1);
          if (h.coalesceTlbi === 'flag-before-flush' || h.coalesceTlbi === 'flag-before-cr3-switch') setCf(L, s, cpu, 'cr3Loaded', 1);
          if (h.coalesceTlbi === 'flag-before-flush') setCf(L, s, cpu, 'cr3Buf', flagBuffered ? 1 : 0);
        },
      },
      {
        name: 'invpcid_flush_all',
        source: 'patch: COALESCE_TLBI RFC v6/v7 (Schneider), INVPCID type ALL_INCL_GLOBAL right after SWITCH_TO_KERNEL_CR3',
        text: 'full TLB flush (INVPCID type ALL_INCL_GLOBAL)',
        tags: ['flush'],
        onlyIf: () => user && h.coalesceTlbi !== 'off',
        run: (s, cpu) => flushTlbAll(L, s, cpu),
      },
      {
        name: 'kernel_cr3_loaded = 1',
        source: 'patch: COALESCE_TLBI RFC v7 30/31 (Schneider), SWITCH_TO_KERNEL_CR3; flush; kernel_cr3_loaded = 1 (the order as posted)',
        text: `kernel_cr3_loaded = 1: flush IPIs wanted from now on${bufferedNote(h.mm, 'WRITE_ONCE')}`,
        tags: ['publish'],
        onlyIf: () => user && h.coalesceTlbi === 'flag-after-flush',
        run: (s, cpu) => {
          setCf(L, s, cpu, 'cr3Loaded', 1);
          setCf(L, s, cpu, 'cr3Buf', flagBuffered ? 1 : 0);
        },
      },
      {
        name: isb,
        source: 'patch: Norov v2 3/5, isb_if_eqs in el0_svc_naked (arch/arm64/kernel/entry.S of 2018); its arch_cpu_idle_exit() isb() ran after rcu_idle_exit(), never in EQS',
        text: `${isb}() early, still in EQS`,
        tags: ['barrier'],
        // The idle ISB of v2 3/5 sat in arch_cpu_idle_exit(), which ran after rcu_idle_exit()
        // (rcu_is_watching() already true), so it never executed before the EQS exit.
        onlyIf: () => h.isbBeforeExit && arch.eqsExitIsbHooks && kind !== 'idle',
        run: (s, cpu) => contextSync(L, s, cpu),
      },
      { ...executePatchedSite(L, n.pre, n.preSource, `${n.pre} (before EQS exit)`), onlyIf: () => h.entryRunsPatchedText },
      { ...touchVmalloc(L, n.pre, n.preSource, `${n.pre} (before ct_work_flush)`), onlyIf: () => h.entryTouchesVmalloc },
      {
        name: 'ct_kernel_enter_state',
        source: `kernel/context_tracking.c: ct_kernel_enter_state() -> ct_state_inc() (rcu_dynticks_eqs_exit() in 2018) | include/linux/context_tracking.h: ct_state_inc() -> raw_atomic_add_return()${h.eqsExitAtomic === 'atomic_add_return' ? '' : ` | patch: the EQS-exit increment done with ${h.eqsExitAtomic.replace('+', '() + ')}()`}`,
        text: (s, cpu) => {
          const work = cf(L, s, cpu, 'work') !== 0 ? `, work bits ${cf(L, s, cpu, 'work')}` : '';
          return h.eqsExitAtomic === 'atomic_add_return'
            ? `seq = atomic_add_return(CT_RCU_WATCHING): RCU watching${work}`
            : `${h.eqsExitAtomic.replace('+', '(); ')}(): RCU watching${exitBuffered ? ' (the increment stays in the store buffer)' : ''}${work}`;
        },
        tags: ['barrier', 'critical'],
        run: (s, cpu) => {
          // An ordered EQS-exit atomic commits the CPU's earlier buffered stores first.
          if (!exitBuffered) setCf(L, s, cpu, 'cr3Buf', 0);
          setCf(L, s, cpu, 'ct', 1);
          setCf(L, s, cpu, 'ctBuf', exitBuffered ? 1 : 0);
          setCf(L, s, cpu, 'seqWork', cf(L, s, cpu, 'work'));
        },
      },
      {
        name: isb,
        source: 'patch: Norov v2 4/5, rcu_dynticks_eqs_exit() -> rcu_dynticks_eqs_exit_sync() (arm64: isb(); kernel/rcu/tree.c of 2018)',
        text: `rcu_dynticks_eqs_exit_sync(): ${isb}()`,
        tags: ['barrier'],
        onlyIf: () => h.isbAfterExit && arch.eqsExitIsbHooks,
        run: (s, cpu) => contextSync(L, s, cpu),
      },
      {
        name: 'ct_work_flush',
        source: 'patch: Schneider v7 24/31, ct_kernel_enter_state() -> ct_work_flush(seq) -> arch_context_tracking_work() (kernel/context_tracking.c)',
        text: (s, cpu) => {
          const w = cf(L, s, cpu, 'seqWork');
          return w === 0 ? 'ct_work_flush(): no work' : `ct_work_flush():${w & 1 ? ' sync_core()' : ''}${w & 2 ? ' __flush_tlb_all()' : ''}`;
        },
        tags: ['flush', 'barrier'],
        onlyIf: () => h.ctWorkFlush,
        run: (s, cpu) => {
          const w = cf(L, s, cpu, 'seqWork');
          if (w & 1) contextSync(L, s, cpu);
          if (w & 2) flushTlbAll(L, s, cpu);
          setCf(L, s, cpu, 'seqWork', 0);
        },
      },
      // The IRQs-on window starts here: IPIs are handled before or after the kernel's work.
      { ...executePatchedSite(L, 'kernel text', 'model: the rest of the kernel, a call through the patched site (static call, alternative, jump label)', 'kernel'), onlyIf: () => h.kernelRunsPatchedText },
      { ...touchVmalloc(L, 'kernel', 'model: the rest of the kernel, an access to a vmalloc object (module data, a vmalloc buffer)', 'kernel'), onlyIf: () => h.kernelTouchesVmalloc },
      {
        name: 'ct_kernel_exit_state',
        source: 'kernel/context_tracking.c: ct_kernel_exit_state() -> ct_state_inc() (rcu_dynticks_eqs_enter() in 2018) | patch: Schneider v7 24/31 clears the work bits here, ct_state_inc_clear_work()',
        text: 'atomic_add_return(CT_RCU_WATCHING), work bits cleared: EQS',
        tags: ['critical'],
        run: (s, cpu) => {
          // Value-returning: fully ordered, so a buffered EQS-exit increment commits first.
          setCf(L, s, cpu, 'ctBuf', 0);
          setCf(L, s, cpu, 'ct', 0);
          setCf(L, s, cpu, 'work', 0);
        },
      },
      {
        name: 'SWITCH_TO_USER_CR3',
        source: 'arch/x86/entry/calling.h: SWITCH_TO_USER_CR3_NOSTACK | patch: COALESCE_TLBI RFC v7 30/31 (kernel_cr3_loaded = 0 first)',
        text: h.coalesceTlbi !== 'off' ? 'kernel_cr3_loaded = 0; SWITCH_TO_USER_CR3' : 'SWITCH_TO_USER_CR3',
        onlyIf: () => user && fam === 'x86',
        run: (s, cpu) => {
          // The MOV to CR3 is serialising: the cleared flag is visible before user mode runs.
          setCf(L, s, cpu, 'cr3Loaded', 0);
          setCf(L, s, cpu, 'cr3Buf', 0);
          setCf(L, s, cpu, 'cr3', 0);
        },
      },
      {
        name: n.ret,
        source: n.retSource,
        text: n.returnSyncs ? `${n.ret}: back to ${kind} (context synchronising)` : `${n.ret}: back to ${kind}`,
        run: (s, cpu) => {
          if (n.returnSyncs) contextSync(L, s, cpu);
        },
      },
    ];
    return { name: `${kind}: ${n.entry} ... ${n.ret}`, source: n.entrySource, steps, loop: true };
  };
  const programs = EQS_KINDS.map(build);
  const first = programs[0]!.steps.findIndex((st) => st.name === 'kernel text');
  const last = programs[0]!.steps.findIndex((st) => st.name === 'ct_kernel_exit_state');
  return {
    programs,
    irqsOn: (s, cpu) => {
      const pc = cf(L, s, cpu, 'pc');
      return cf(L, s, cpu, 'prog') !== 0 && pc >= first && pc <= last;
    },
  };
}
