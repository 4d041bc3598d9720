/**
 * flush_tlb_page() from the prelude (each architecture's: x86 flush_tlb_mm_range() of the page,
 * arm64 __flush_tlb_page(), powerpc radix__flush_tlb_page()). test/fixtures/cmodels/flush-page.c:
 * threads of mm use P through cached translations while CPU0 clears P's PTE, flushes the page
 * and frees P; the flush completes everywhere before the free, on every architecture, and
 * without it (flush-page-none.diff) a thread uses the freed P.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function verdict(arch: 'x86-native' | 'arm64' | 'powerpc', cpus: number, patch?: string): string {
  const m = loadCModelSync(`${F}/flush-page.c`, patch === undefined ? {} : { patch: `${F}/${patch}` });
  const r = bfs(compileModel(m.build(ARCHES[arch], cpus, 'sc').spec), { symmetry: true, maxStates: 100_000, timeoutMs: 60_000 });
  return r.verdict === 'violated' ? `violated ${r.property}` : r.verdict;
}

describe('flush_tlb_page()', () => {
  it.each(['x86-native', 'arm64', 'powerpc'] as const)('%s: the page is flushed everywhere before it is freed (2 and 3 CPUs)', (arch) => {
    expect(verdict(arch, 2)).toBe('holds');
    expect(verdict(arch, 3)).toBe('holds');
  });

  it.each(['x86-native', 'arm64', 'powerpc'] as const)('%s: without the flush a thread uses the freed page', (arch) => {
    expect(verdict(arch, 2, 'flush-page-none.diff')).toBe('violated no-stale-tlb-after-sync');
  });
});
