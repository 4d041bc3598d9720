/**
 * Patched kernel text as something a CPU can hold stale: after the patch every other CPU's
 * instruction stream may still hold the old instruction until a context-synchronisation event
 * on that CPU (arm64 ISB, x86 sync_core(), handling an IPI, exception return; exception entry
 * where the configuration says so: `exceptionEntrySyncsContext`).
 *
 * Kernel: arch/arm64/kernel/patching.c aarch64_insn_patch_text_nosync() + kick_all_cpus_sync()
 * (kernel/smp.c); arch/x86/kernel/alternative.c smp_text_poke_batch_finish() + smp_text_poke_sync_each_cpu()
 * (text_poke_bp_batch() and text_poke_sync() when Schneider's series was posted);
 * arch/powerpc/lib/code-patching.c patch_instruction().
 * Under tso/weak the patch is a buffered store (src/mechanisms/store-buffer.ts).
 * Left out: the int3 breakpoint protocol of text_poke_bp (the final sync is modelled), caches
 * other than the instruction stream, several patch sites.
 */
import type { Step } from '../core/model.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { bufferedNote, storeIsBuffered } from './store-buffer.js';
import { Hazard, Kick, Text, cf, setCf, type EqsLayout } from './eqs-state.js';

/**
 * The patch itself: from the moment the new instruction is visible, every other CPU may run
 * the old one until it synchronises. Under tso/weak the store first waits in the sender's
 * store buffer (`textCommitEvent` makes it visible); the arch routine's own cache maintenance
 * (arm64 caches_clean_inval_pou()'s dsb(ish), powerpc's sync) is left to the caller's barrier:
 * the question modelled is what kick_all_cpus_sync() itself guarantees to any caller (slab's
 * caller stores with a plain store).
 */
export function patchText(L: EqsLayout, name: string, source: string, mm: MemoryModelName = 'sc'): Step {
  const buffered = storeIsBuffered(mm, 'WRITE_ONCE');
  return {
    name,
    source,
    text: `${name}(): write the new instruction${bufferedNote(mm, 'WRITE_ONCE')}`,
    tags: ['publish'],
    run: (s, self) => {
      if (buffered) s[L.g.textBuf] = 1;
      else commitText(L, s, self);
    },
  };
}

/** The patched text reaches memory: every other CPU's instruction stream is stale from here. */
export function commitText(L: EqsLayout, s: Uint8Array, self: number): void {
  s[L.g.textBuf] = 0;
  s[L.g.text] = Text.patched;
  for (let cpu = 0; cpu < L.cpus; cpu++) if (cpu !== self) setCf(L, s, cpu, 'stale', 1);
}

/** The sender's store buffer commits the buffered text store (an event of the sender). */
export function textCommitEvent(L: EqsLayout): Step {
  return {
    name: 'store buffer: commit text',
    source: 'model: memory models tso and weak, the buffered store of the new instruction becomes visible to the other CPUs',
    text: 'store buffer commits the new instruction: now visible to every CPU',
    tags: ['publish'],
    enabled: (s) => s[L.g.textBuf] === 1,
    run: (s, self) => commitText(L, s, self),
  };
}

/** A full barrier (or fully ordered atomic) of the sender: its buffered text store commits first. */
export function drainText(L: EqsLayout, s: Uint8Array, self: number): void {
  if (s[L.g.textBuf] === 1) commitText(L, s, self);
}

/**
 * A CPU executes the patched site. Harmful once the sender's sync returned: the protocol
 * promised every CPU runs the new instruction from then on.
 */
export function executePatchedSite(L: EqsLayout, name: string, source: string, where: string): Step {
  return {
    name,
    source,
    text: (s, cpu) => `${where}: executes patched site${runsOldInstruction(L, s, cpu) ? (s[L.g.textBuf] === 1 ? ' (old instruction: the patch is still in the store buffer)' : ' (stale instruction stream)') : ''}`,
    tags: ['critical'],
    run: (s, cpu) => {
      if (runsOldInstruction(L, s, cpu) && s[L.g.kick] === Kick.returned) s[L.g.hazard] = Hazard.staleText;
    },
  };
}

/**
 * After the patch, this CPU runs the old instruction: the new one is not visible yet (still in
 * the sender's store buffer) or its instruction stream was not synchronised since it became so.
 */
function runsOldInstruction(L: EqsLayout, s: Uint8Array, cpu: number): boolean {
  return s[L.g.textBuf] === 1 || (s[L.g.text] === Text.patched && cf(L, s, cpu, 'stale') === 1);
}

/** ISB / sync_core() / isync: the CPU's instruction stream is synchronised. */
export function contextSync(L: EqsLayout, s: Uint8Array, cpu: number): void {
  setCf(L, s, cpu, 'stale', 0);
}
