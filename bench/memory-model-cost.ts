/**
 * State-space cost of each memory model on the same scenario: eqs-kick on arm64, the posted
 * code (skip-eqs-isb-after-exit) and the baseline, under sc, tso and weak, at 3..5 CPUs;
 * states, transitions, seconds and the ratio to sc measured in the same run. Used by
 * bench/run.ts (a section of BENCHMARKS.md); `npx tsx bench/memory-model-cost.ts` prints it.
 */
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { MEMORY_MODEL_NAMES } from '../src/memory/model-name.js';
import { findScenario } from '../src/scenarios/index.js';

export function memoryModelCost(maxCpus: number, log: (s: string) => void = () => {}): string[] {
  const sc = findScenario('eqs-kick');
  if (sc === undefined) return [];
  const lines = [
    '## Memory models: state-space cost on eqs-kick (arm64)',
    '',
    'Exhaustive BFS with symmetry; `x sc` = this row over the sc row of the same variant and CPUs.',
    '',
    '| variant | CPUs | model | verdict | states | transitions | s | states x sc | time x sc |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const variant of ['baseline', 'skip-eqs-isb-after-exit']) {
    for (let n = 3; n <= maxCpus; n++) {
      let base: { states: number; seconds: number } | undefined;
      for (const mm of MEMORY_MODEL_NAMES) {
        const r = runCheck(sc, variant, 'arm64', { ...defaultCheckOptions, cpus: n, memoryModel: mm });
        base ??= r;
        log(`eqs-kick/${variant}/arm64/${mm} N=${n}: ${r.verdict} ${r.states} states ${r.seconds.toFixed(2)} s`);
        lines.push(
          `| ${variant} | ${n} | ${mm} | ${r.verdict} | ${r.states} | ${r.transitions} | ${r.seconds.toFixed(3)} | ${(r.states / base.states).toFixed(2)} | ${(r.seconds / Math.max(base.seconds, 1e-9)).toFixed(2)} |`,
        );
      }
    }
  }
  return [...lines, ''];
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(memoryModelCost(5, (s) => process.stderr.write(s + '\n')).join('\n') + '\n');
