/**
 * State-space cost of each memory model on the same scenario: eqs-kick on arm64 (baseline and
 * the posted code skip-eqs-isb-after-exit) and ct-defer on x86-native (coalesce-tlbi-ordered),
 * under every memory model the scenario models, at 3..N CPUs; states, transitions, seconds and
 * the ratio to sc measured in the same run. Used by bench/run.ts (a section of BENCHMARKS.md);
 * `npx tsx bench/memory-model-cost.ts` prints it.
 */
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { MEMORY_MODEL_NAMES } from '../src/memory/model-name.js';
import { findScenario } from '../src/scenarios/index.js';

const CASES = [
  { scenario: 'eqs-kick', arch: 'arm64', variant: 'baseline' },
  { scenario: 'eqs-kick', arch: 'arm64', variant: 'skip-eqs-isb-after-exit' },
  { scenario: 'ct-defer', arch: 'x86-native', variant: 'coalesce-tlbi-ordered' },
] as const;

export function memoryModelCost(maxCpus: number, log: (s: string) => void = () => {}): string[] {
  const lines = [
    '## Memory models: state-space cost on the same scenario',
    '',
    'Exhaustive BFS with symmetry, holds configurations; `x sc` = this row over the sc row of the same variant and CPUs.',
    '',
    '| scenario | variant | CPUs | model | verdict | states | transitions | s | states x sc | time x sc |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of CASES) {
    const sc = findScenario(c.scenario);
    if (sc === undefined) continue;
    for (let n = 3; n <= maxCpus; n++) {
      let base: { states: number; seconds: number } | undefined;
      for (const mm of MEMORY_MODEL_NAMES.filter((m) => sc.memoryModels.includes(m))) {
        const r = runCheck(sc, c.variant, c.arch, { ...defaultCheckOptions, cpus: n, memoryModel: mm });
        base ??= r;
        log(`${c.scenario}/${c.variant}/${c.arch}/${mm} N=${n}: ${r.verdict} ${r.states} states ${r.seconds.toFixed(2)} s`);
        lines.push(
          `| ${c.scenario} | ${c.variant} | ${n} | ${mm} | ${r.verdict} | ${r.states} | ${r.transitions} | ${r.seconds.toFixed(3)} | ${(r.states / base.states).toFixed(2)} | ${(r.seconds / Math.max(base.seconds, 1e-9)).toFixed(2)} |`,
        );
      }
    }
  }
  return [...lines, ''];
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(memoryModelCost(5, (s) => process.stderr.write(s + '\n')).join('\n') + '\n');
