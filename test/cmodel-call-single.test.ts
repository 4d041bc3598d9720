/**
 * smp_call_function_single() and on_each_cpu() from the prelude (kernel/smp.c,
 * include/linux/smp.h). test/fixtures/cmodels/call-single.c: a waited call to another CPU has
 * run there, after the caller's earlier store, when it returns; without the wait it may not
 * have; a call to the calling CPU runs at once. Checked on x86-native and arm64 (the IPI send
 * orders the caller's stores on both).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import type { ArchName } from '../src/arch/arch.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function verdict(arch: ArchName, patch?: string) {
  const m = loadCModelSync(`${F}/call-single.c`, patch === undefined ? {} : { patch: `${F}/${patch}` });
  const r = bfs(compileModel(m.build(ARCHES[arch], 2, 'sc').spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000, progress: { maxEdges: 1e6 } });
  if (r.verdict === 'violated') return `violated ${r.property}`;
  return r.verdict === 'holds' ? `holds, progress ${r.progress?.verdict}` : r.verdict;
}

describe('smp_call_function_single()', () => {
  it.each(['x86-native', 'arm64'] as const)('%s: a waited call has run on the target, and seen the data, when it returns', (arch) => {
    expect(verdict(arch)).toBe('holds, progress progresses');
  });

  it.each(['x86-native', 'arm64'] as const)('%s: without the wait it may return before the target ran it', (arch) => {
    expect(verdict(arch, 'call-single-nowait.diff')).toBe('violated BUG_ON(READ_ONCE(seen) != 1)');
  });

  it('a call to the calling CPU runs the function there before it returns, waited for or not', () => {
    expect(verdict('x86-native', 'call-single-self.diff')).toBe('holds, progress progresses');
  });
});

describe('on_each_cpu()', () => {
  it('runs the function on every online CPU, this one included, before it returns', () => {
    const patch = `${F}/call-single-each.diff`;
    const m = loadCModelSync(`${F}/call-single.c`, { patch });
    const r = bfs(compileModel(m.build(ARCHES['x86-native'], 2, 'sc').spec), { symmetry: false, maxStates: 100_000, timeoutMs: 60_000 });
    expect(r.verdict).toBe('holds');
  });
});
