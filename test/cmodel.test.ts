/**
 * C models end to end on small models whose answers are known: message passing under each
 * memory model, a release store that fixes it, kick_all_cpus_sync() from the prelude with and
 * without its wait (a patch to the prelude), symmetry granted where the CPUs are
 * interchangeable, and the state counts checked against an exploration without symmetry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import type { MemoryModelName } from '../src/memory/model-name.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function verdict(file: string, cpus: number, mm: MemoryModelName, patch?: string, symmetry = true) {
  const m = loadCModelSync(file, patch === undefined ? {} : { patch });
  const built = m.build(ARCHES['x86-native'], cpus, mm);
  const r = bfs(compileModel(built.spec), { symmetry, maxStates: 1_000_000, timeoutMs: 60_000 });
  return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined, states: r.states, symmetry: built.symmetry };
}

describe('C models', () => {
  it.each([
    ['sc', 'holds'],
    ['tso', 'holds'],
    ['weak', 'violated'],
  ] as const)('message passing with plain stores under %s: %s', (mm, expected) => {
    const r = verdict(`${F}/mp.c`, 2, mm);
    expect(r.verdict).toBe(expected);
    if (expected === 'violated') expect(r.property).toBe('BUG_ON(READ_ONCE(data) != 1)');
  });

  it('a release store (a patch to the model file) restores message passing under weak', () => {
    expect(verdict(`${F}/mp.c`, 2, 'weak', `${F}/mp-release.diff`).verdict).toBe('holds');
  });

  it('kick_all_cpus_sync() from the prelude: every CPU took the IPI when it returns; without the wait it is violated', () => {
    for (const cpus of [2, 3, 4]) expect(verdict(`${F}/kick.c`, cpus, 'sc').verdict).toBe('holds');
    const broken = verdict(`${F}/kick.c`, 3, 'sc', `${F}/kick-nowait.diff`);
    expect(broken.verdict).toBe('violated');
    expect(broken.property).toBe('BUG_ON(returned && !this_cpu_read(took))');
  });

  it('grants symmetry to interchangeable CPUs, and symmetry changes no verdict', () => {
    const sym = verdict(`${F}/kick.c`, 4, 'sc');
    const full = verdict(`${F}/kick.c`, 4, 'sc', undefined, false);
    expect(sym.symmetry.find((s) => s.role === 'other')?.symmetric).toBe(true);
    expect(full.verdict).toBe(sym.verdict);
    expect(sym.states).toBeLessThan(full.states);
  });
});
