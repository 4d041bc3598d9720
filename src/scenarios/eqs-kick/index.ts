/**
 * Scenario `eqs-kick`: CPU0 patches kernel text (arm64 aarch64_insn_patch_text_nosync(),
 * powerpc patch_instruction()) and calls kick_all_cpus_sync() so that no CPU runs the old
 * instruction afterwards; CPU1.. move between EQS (nohz_full user, idle, guest) and the
 * kernel. Question: may kick_all_cpus_sync() skip CPUs in EQS (Yury Norov 2018, v1 and v2),
 * and which ISB placement at EQS exit makes that sound?
 * Kernel: kernel/smp.c kick_all_cpus_sync(); kernel/rcu/tree.c rcu_dynticks_eqs_exit();
 * arch/arm64/kernel/entry.S. Left out: slab's use of kick_all_cpus_sync().
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { ModelSpec, Role, State } from '../../core/model.js';
import { eqsLayout } from '../../mechanisms/eqs-state.js';
import { ctCommitEvent, eqsPrograms, isUserProgram } from '../../mechanisms/eqs-entry.js';
import { drainText, patchText, textCommitEvent } from '../../mechanisms/kernel-text.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import { syncCallSteps, syncCondEvent, syncIpiEvent } from '../../mechanisms/sync-call.js';
import { defineScenario } from '../scenario.js';
import { variantFiles } from '../variant-files.js';
import { storeBufferWindow, textProperties } from '../eqs-common/properties.js';
import { readBySender } from '../eqs-common/sender-reads.js';
import { eqsKickBase, type EqsKickParams } from './params.js';

function build(p: EqsKickParams, arch: ArchConfig, cpus: number, name: string, mm: MemoryModelName): ModelSpec {
  const L = eqsLayout(cpus);
  const patchName = arch.name === 'powerpc' ? 'patch_instruction' : 'aarch64_insn_patch_text_nosync';
  const patchSource = arch.name === 'powerpc' ? 'arch/powerpc/lib/code-patching.c: patch_instruction()' : 'arch/arm64/kernel/patching.c: aarch64_insn_patch_text_nosync()';
  const patcher: Role = {
    name: 'text patcher',
    programs: [
      {
        name: 'patch + kick_all_cpus_sync',
        source: 'kernel/smp.c: kick_all_cpus_sync()',
        loop: false,
        steps: [patchText(L, patchName, patchSource, mm), ...syncCallSteps(L, p.cond, 'kick_all_cpus_sync', 'do_nothing', { mm, senderMb: p.senderMb, drainSender: (s) => drainText(L, s, 0) })],
      },
    ],
    events: mm === 'sc' ? [] : [textCommitEvent(L)],
    symmetric: false,
  };
  const eqs = eqsPrograms(L, arch, {
    isbBeforeExit: p.isbBeforeExit,
    isbAfterExit: p.isbAfterExit,
    entryRunsPatchedText: p.entryRunsPatchedText,
    entryTouchesVmalloc: false,
    ctWorkFlush: false,
    coalesceTlbi: 'off',
    kernelRunsPatchedText: true,
    kernelTouchesVmalloc: false,
    eqsExitAtomic: p.eqsExitAtomic,
    mm,
  });
  const dweller: Role = {
    name: 'EQS CPU',
    programs: eqs.programs,
    events: [
      ...(p.cond === 'dynticks' ? [readBySender(syncCondEvent(L, 'dynticks', 0, (s, c) => !isUserProgram(L, s, c)), 0)] : []),
      syncIpiEvent(L, 'do_nothing', eqs.irqsOn),
      ...(mm === 'sc' ? [] : [ctCommitEvent(L)]),
    ],
    symmetric: true,
  };
  return {
    name,
    layout: L,
    roles: [patcher, dweller],
    cpuRoles: Array.from({ length: cpus }, (_, c) => (c === 0 ? 0 : 1)),
    init: (s: State) => {
      s[L.g.hazard] = 0;
    },
    properties: [...textProperties(L, eqs.irqsOn), ...(mm === 'sc' ? [] : [storeBufferWindow(L)])],
  };
}

export const eqsKick = defineScenario<EqsKickParams>({
  name: 'eqs-kick',
  summary: 'kick_all_cpus_sync() after text patching skips CPUs in EQS (Yury Norov 2018)',
  arches: ['arm64', 'powerpc'],
  memoryModels: ['sc', 'tso', 'weak'],
  defaultCpus: 3,
  minCpus: 2,
  maxCpus: 24,
  cpuRolesDoc: 'CPU0 patches text and calls kick_all_cpus_sync(); CPU1.. enter and leave EQS (user, idle, guest)',
  base: eqsKickBase,
  variants: await variantFiles<EqsKickParams>('eqs-kick'),
  build,
});

export default eqsKick;
