/** DFS explores the same reachable set as BFS: same verdicts, same state counts for holds. */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import { replayNamed } from '../src/core/replay.js';
import { mmuGather } from '../src/scenarios/mmu-gather/index.js';

describe('DFS', () => {
  for (const v of mmuGather.variants) {
    it(`agrees with BFS on every configuration of mmu-gather/${v.name}`, () => {
      for (const arch of mmuGather.arches) {
        const b = runCheck(mmuGather, v.name, arch, { ...defaultCheckOptions, cpus: 3 });
        const d = runCheck(mmuGather, v.name, arch, { ...defaultCheckOptions, cpus: 3, search: 'dfs' });
        expect(d.verdict, arch).toBe(b.verdict);
        if (b.verdict === 'holds') expect(d.states, arch).toBe(b.states);
        if (d.verdict === 'violated') {
          expect(d.property).toBe(b.property);
          const m = compileModel(mmuGather.build(v.name, ARCHES[arch], d.cpus));
          expect(replayNamed(m, d.trace ?? []).outcome).toBe('violated');
        }
      }
    });
  }
});
