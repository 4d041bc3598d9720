/**
 * Patched kernel text as something a CPU can hold stale: after the patch every other CPU's
 * instruction stream may still hold the old instruction until a context-synchronisation event
 * on that CPU (arm64 ISB, x86 sync_core(), handling an IPI, exception return; exception entry
 * where the configuration says so: `exceptionEntrySyncsContext`).
 *
 * Kernel: arch/arm64/kernel/patching.c aarch64_insn_patch_text_nosync() + kick_all_cpus_sync()
 * (kernel/smp.c); arch/x86/kernel/alternative.c text_poke_bp_batch() + text_poke_sync();
 * arch/powerpc/lib/code-patching.c patch_instruction().
 * Left out: the int3 breakpoint protocol of text_poke_bp (the final sync is modelled), caches
 * other than the instruction stream, several patch sites.
 */
import type { Step } from '../core/model.js';
import { Hazard, Kick, Text, cf, setCf, type EqsLayout } from './eqs-state.js';

/** The patch itself: from now on every other CPU may run the old instruction. */
export function patchText(L: EqsLayout, name: string, source: string): Step {
  return {
    name,
    source,
    text: `${name}(): write the new instruction`,
    tags: ['publish'],
    run: (s, self) => {
      s[L.g.text] = Text.patched;
      for (let cpu = 0; cpu < L.cpus; cpu++) if (cpu !== self) setCf(L, s, cpu, 'stale', 1);
    },
  };
}

/**
 * A CPU executes the patched site. Harmful once the sender's sync returned: the protocol
 * promised every CPU runs the new instruction from then on.
 */
export function executePatchedSite(L: EqsLayout, name: string, source: string, where: string): Step {
  return {
    name,
    source,
    text: (s, cpu) => `${where}: executes patched site${cf(L, s, cpu, 'stale') === 1 && s[L.g.text] === Text.patched ? ' (stale instruction stream)' : ''}`,
    tags: ['critical'],
    run: (s, cpu) => {
      if (s[L.g.text] === Text.patched && cf(L, s, cpu, 'stale') === 1 && s[L.g.kick] === Kick.returned) s[L.g.hazard] = Hazard.staleText;
    },
  };
}

/** ISB / sync_core() / isync: the CPU's instruction stream is synchronised. */
export function contextSync(L: EqsLayout, s: Uint8Array, cpu: number): void {
  setCf(L, s, cpu, 'stale', 0);
}
