/**
 * PCID (the x86-pcid configuration, src/cmodel/hardware/mmu.ts): TLB entries are tagged with
 * the address space's PCID. A CR3 write flushes the entries of the PCID it loads, or none with
 * NOFLUSH; a local flush (CR3 reload, INVLPG) reaches the current PCID only; __flush_tlb_all()
 * every PCID. Without PCID every CR3 write flushes, and NOFLUSH is refused.
 *
 * The toy: one CPU caches P's translation in mm, switches to init_mm, the PTE is cleared (no
 * walk can cache P again), a flush runs, and the CPU switches back. By hand: the translation
 * survives the switch to init_mm and a local flush there, and a NOFLUSH switch back, so the
 * BUG_ON fires; any flush of mm's PCID removes it.
 *
 * models/switch-mm.c: 83b0177a ("x86/mm: Fix SMP ordering in switch_mm_irqs_off()") as a race
 * PCID and x86's store buffer make together: without the smp_mb() the stale translation is
 * used on x86-pcid under tso only (the barrier cpumask_set_cpu() gives when it runs:
 * test/cmodel-cpumask-order.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import type { ArchName } from '../src/arch/arch.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import type { MemoryModelName } from '../src/memory/model-name.js';
import { writeModel } from './model-file.js';
import { runCli as run } from './run-cli.js';

beforeAll(async () => {
  await loadCGrammar();
});

const toy = (flush: string, back: string): string => `
struct mm_struct mm;
struct page P = PAGE_FILLED;
pte_t pte = &P;

static void cpu(void)
{
	load_cr3(&mm);
	__user_access(&pte);
	load_cr3(&init_mm);
	WRITE_ONCE(pte, NULL);
	${flush};
	${back}(&mm);
	BUG_ON(__tlb_cached(&pte) != NULL);
}

ROLE("cpu", CPU(0), ONCE, cpu);
MODEL_ARCHES("x86-pcid", "x86-native");
`;

function verdict(flush: string, back: string, arch: ArchName): string {
  const m = loadCModelSync(writeModel(toy(flush, back), 'pcid'));
  const r = bfs(compileModel(m.build(ARCHES[arch], 1, 'sc').spec), { symmetry: false, maxStates: 10_000, timeoutMs: 60_000 });
  return r.verdict;
}

describe('PCID: TLB entries tagged with the address space', () => {
  it('a switch to another PCID, a local flush there and a NOFLUSH switch back keep the translation', () => {
    expect(verdict('flush_tlb_local()', 'load_cr3_noflush', 'x86-pcid')).toBe('violated');
    expect(verdict('flush_tlb_one_user(&pte)', 'load_cr3_noflush', 'x86-pcid')).toBe('violated');
  });

  it('__flush_tlb_all() reaches every PCID, and a flushing CR3 write the PCID it loads', () => {
    expect(verdict('__flush_tlb_all()', 'load_cr3_noflush', 'x86-pcid')).toBe('holds');
    expect(verdict('flush_tlb_local()', 'load_cr3', 'x86-pcid')).toBe('holds');
  });

  it('without PCID the switch to init_mm flushed already', () => {
    expect(verdict('flush_tlb_local()', 'load_cr3', 'x86-native')).toBe('holds');
  });

  it('a NOFLUSH CR3 write where there is no PCID is refused with its location (exit 2)', async () => {
    const file = writeModel(toy('flush_tlb_local()', 'load_cr3_noflush'), 'pcid-refused');
    const r = await run(['check', file, '--arch', 'x86-native']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/m\.c:\d+:\d+: load_cr3_noflush\(\): a CR3 write with NOFLUSH needs PCID, which x86-native does not have/);
  });
});

describe('models/switch-mm.c: switch_mm_irqs_off() against flush_tlb_mm_range()', () => {
  const scenario = () => cModelScenario('models/switch-mm.c');
  const configs: [ArchName, MemoryModelName][] = [
    ['x86-pcid', 'sc'],
    ['x86-pcid', 'tso'],
    ['x86-native', 'sc'],
    ['x86-native', 'tso'],
  ];
  const check = (variant: string, arch: ArchName, mm: MemoryModelName) => runCheck(scenario(), variant, arch, { ...defaultCheckOptions, memoryModel: mm });

  it.each(configs)('as in the kernel (with 83b0177a) it holds on %s/%s, every race window reached', (arch, mm) => {
    const r = check('baseline', arch, mm);
    expect(r.verdict).toBe('holds');
    expect(r.vacuous).toEqual([]);
  });

  it('without the smp_mb() the stale translation is used only with PCID and a store buffer', () => {
    const verdicts = configs.map(([arch, mm]) => check('no-mb-in-cpumask', arch, mm)).map((r) => (r.verdict === 'violated' ? r.property : r.verdict));
    expect(verdicts).toEqual(['holds', 'no-stale-tlb-after-sync', 'holds', 'holds']);
  });

  it('the counterexample: CPU1 reads the old tlb_gen with LOADED_MM_SWITCHING still buffered, and switches back without a flush', () => {
    const r = check('no-mb-in-cpumask', 'x86-pcid', 'tso');
    const texts = (r.trace ?? []).map((t) => t.text);
    expect(r.verdict).toBe('violated');
    const switching = texts.findIndex((t) => t.includes('&loaded_mm_switching'));
    const readGen = texts.findIndex((t, k) => k > switching && t.includes('atomic64_read(&next->context.tlb_gen) = 0'));
    const inc = texts.findIndex((t) => t.includes('inc_mm_tlb_gen'));
    expect(switching).toBeGreaterThanOrEqual(0);
    expect(readGen).toBeGreaterThan(switching);
    expect(inc).toBeGreaterThan(readGen);
    expect(texts.slice(inc).some((t) => t.includes('load_cr3_noflush(next)'))).toBe(true);
  });
});
