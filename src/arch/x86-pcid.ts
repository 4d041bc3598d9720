import type { ArchConfig } from './arch.js';
import { x86Native } from './x86-native.js';

/** x86-native with PCID: every other answer is bare metal's. */
export const x86Pcid: ArchConfig = {
  ...x86Native,
  name: 'x86-pcid',
  doc: 'x86 bare metal with PCID: flush by IPI to mm_cpumask; a CR3 write keeps TLB entries of other PCIDs (and of its own with NOFLUSH)',
  pcid: true,
  source: 'arch/x86/mm/tlb.c: switch_mm_irqs_off() -> choose_new_asid(), load_new_mm_cr3() (X86_FEATURE_PCID)',
};
