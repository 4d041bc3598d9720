/**
 * BFS judges progress (every-wait-completes) on the graph it explored exactly as the separate
 * progress check does, on scenarios with thousands of states, with and without symmetry. The
 * toy-model half of this is in test/engines.test.ts (the fast set StrykerJS runs per mutant).
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { checkProgress } from '../src/engines/progress.js';
import { findScenario } from '../src/scenarios/index.js';

describe('progress judged on the explored graph, on scenarios', () => {
  it('is what the separate progress check says', () => {
    const opts = { symmetry: false, maxStates: 5_000_000, timeoutMs: 60_000, progress: { maxEdges: 50_000_000 } };
    for (const [scenario, variant, arch] of [['mmu-gather', 'baseline', 'x86-kvm-pv'], ['preempt-wait', 'as-merged', 'x86-native'], ['eqs-kick', 'baseline', 'arm64']] as const) {
      const m = compileModel(findScenario(scenario)!.build(variant, ARCHES[arch], 3));
      for (const symmetry of [false, true]) {
        const fused = bfs(m, { ...opts, symmetry });
        expect(fused.verdict).toBe('holds');
        if (fused.verdict === 'holds') expect(fused.progress, `${scenario}/${variant} symmetry=${symmetry}`).toEqual(checkProgress(m, 5_000_000, undefined, symmetry));
      }
    }
  });
});
