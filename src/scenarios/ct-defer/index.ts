/**
 * Scenario `ct-defer`: CPU0 patches text (smp_text_poke_batch_finish()) or vfree()s a vmalloc area and
 * flushes kernel TLBs, and lets CPUs in EQS do the sync_core() / TLB flush themselves on their
 * next kernel entry (context-tracking work, or a full flush after SWITCH_TO_KERNEL_CR3);
 * CPU1.. move between EQS (nohz_full user, idle, guest) and the kernel, running entry code
 * before the deferred work is flushed.
 * Kernel: Valentin Schneider v5 25/25, v7 24/31 (idx:27081588206), COALESCE_TLBI RFC v6/v7;
 * kernel/context_tracking.c, arch/x86/kernel/alternative.c, arch/x86/mm/tlb.c.
 * Left out: the int3 phases of text_poke_bp, NMIs in the entry path, INVLPGB (untouched by the
 * series), the objtool noinstr checks (modelled as "entry text immutable" or not).
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Role, State, Step } from '../../core/model.js';
import { Work, cr3LoadedVisible, eqsLayout, setCf } from '../../mechanisms/eqs-state.js';
import { cr3LoadedCommitEvent, eqsPrograms, isUserProgram, onKernelCr3 } from '../../mechanisms/eqs-entry.js';
import { drainText, patchText, textCommitEvent } from '../../mechanisms/kernel-text.js';
import { syncCallSteps, syncCondEvent, syncIpiEvent, type SenderOrdering } from '../../mechanisms/sync-call.js';
import { drainVmap, hardwareFill, pteFreeKernel, speculativePscWalk, vmallocReuse, vmapCommitEvent, vunmap } from '../../mechanisms/vmalloc-tlb.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import { defineScenario } from '../scenario.js';
import { readBySender } from '../eqs-common/sender-reads.js';
import { variantFiles } from '../variant-files.js';
import { pteStoreBufferWindow, storeBufferWindow, textProperties, tlbProperties } from '../eqs-common/properties.js';
import { ctDeferBase, type CtDeferParams } from './params.js';

function build(p: CtDeferParams, arch: ArchConfig, cpus: number, name: string, mm: MemoryModelName): ModelSpec {
  const L = eqsLayout(cpus);
  const text = p.sender === 'text-poke';
  const drainSender = (s: State): void => (text ? drainText(L, s, 0) : drainVmap(L, s, p.freesTables));
  const order: SenderOrdering = { mm, senderMb: false, drainSender };
  const senderSteps: Step[] = text
    ? [
        patchText(L, 'smp_text_poke_batch_finish', 'arch/x86/kernel/alternative.c: smp_text_poke_batch_finish() -> text_poke() (text_poke_bp_batch() when Schneider v5 was posted)', mm),
        ...syncCallSteps(L, p.cond, 'smp_text_poke_sync_each_cpu', 'do_sync_core', order),
      ]
    : [
        vunmap(L, p.freesTables, mm),
        {
          name: 'smp_mb',
          source: 'patch: smp_mb() between vunmap_range_noflush() and the kernel_cr3_loaded reads of flush_tlb_kernel_range_deferrable() (COALESCE_TLBI RFC v7 30/31 as Dave Hansen asked)',
          text: 'smp_mb(): the PTE clear is visible before any kernel_cr3_loaded is read',
          tags: ['barrier'],
          onlyIf: () => p.senderMb,
          run: drainSender,
        },
        ...syncCallSteps(L, p.cond, 'flush_tlb_kernel_range', 'do_kernel_range_flush', order),
        ...(p.freesTables ? [pteFreeKernel(L)] : []),
        vmallocReuse(L, p.freesTables, mm),
      ];
  const sender: Role = {
    name: text ? 'text_poke' : 'vfree',
    programs: [{ name: text ? 'smp_text_poke_batch_finish' : 'vfree + flush_tlb_kernel_range', source: senderSteps[0]!.source, loop: false, steps: senderSteps }],
    events: mm === 'sc' ? [] : [text ? textCommitEvent(L) : vmapCommitEvent(L, p.freesTables)],
    symmetric: false,
  };
  const eqs = eqsPrograms(L, arch, {
    isbBeforeExit: false,
    isbAfterExit: false,
    entryRunsPatchedText: text && p.entryRunsPatchedText,
    entryTouchesVmalloc: !text && p.entryTouchesVmalloc,
    ctWorkFlush: p.ctWorkFlush,
    coalesceTlbi: p.coalesceTlbi,
    kernelRunsPatchedText: text,
    eqsExitAtomic: 'atomic_add_return',
    mm,
    kernelTouchesVmalloc: !text,
  });
  const cr3Loaded = (s: State, c: number): boolean => !isUserProgram(L, s, c) || cr3LoadedVisible(L, s, c) === 1;
  const events: Step[] = [
    ...(p.cond === 'all' ? [] : [readBySender(syncCondEvent(L, p.cond, text ? Work.sync : Work.tlbi, cr3Loaded, order), 0)]),
    syncIpiEvent(L, text ? 'do_sync_core' : 'do_kernel_range_flush', eqs.irqsOn),
    ...(text ? [] : [hardwareFill(L, onKernelCr3(L))]),
    ...(!text && p.freesTables ? [speculativePscWalk(L)] : []),
    ...(mm !== 'sc' && p.coalesceTlbi !== 'off' ? [cr3LoadedCommitEvent(L)] : []),
  ];
  const dweller: Role = { name: 'EQS CPU', programs: eqs.programs, events, symmetric: true };
  return {
    name,
    layout: L,
    roles: [sender, dweller],
    cpuRoles: Array.from({ length: cpus }, (_, c) => (c === 0 ? 0 : 1)),
    init: (s: State) => {
      if (text) return;
      for (let c = 1; c < cpus; c++) {
        setCf(L, s, c, 'tlb', 1);
        setCf(L, s, c, 'psc', 1);
      }
    },
    properties: [
      ...(text ? textProperties(L, eqs.irqsOn) : tlbProperties(L, p.freesTables)),
      ...(mm === 'sc' ? [] : [text ? storeBufferWindow(L) : pteStoreBufferWindow(L)]),
    ],
  };
}

export const ctDefer = defineScenario<CtDeferParams>({
  name: 'ct-defer',
  summary: 'defer sync_core() / kernel TLB flushes for EQS CPUs to their next kernel entry (Valentin Schneider 2023-25)',
  arches: ['x86-native'],
  memoryModels: ['sc', 'tso'],
  defaultCpus: 3,
  minCpus: 2,
  maxCpus: 24,
  cpuRolesDoc: 'CPU0 patches text or vfree()s + flushes; CPU1.. enter and leave EQS (user, idle, guest)',
  base: ctDeferBase,
  variants: await variantFiles<CtDeferParams>('ct-defer'),
  build,
});

export default ctDefer;
