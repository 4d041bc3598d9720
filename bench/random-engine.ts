/**
 * The random engine on every violated configuration of the matrix: over `seeds` seeds, how
 * often it finds the violation within its default budget, the median time to find it (shrinking
 * included), and how much longer its shrunk trace is than BFS's shortest. Used by bench/run.ts
 * (a section of BENCHMARKS.md); `npx tsx bench/random-engine.ts [seeds] [filter]` prints it
 * (with a filter, only the configurations whose label contains it).
 */
import { buildMachine, defaultCheckOptions, runCheck } from '../src/check.js';
import { bfs } from '../src/engines/bfs.js';
import { SCENARIOS } from '../src/scenarios/index.js';
import { configLabel } from '../src/scenarios/scenario.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
};

export function randomEngineBench(seeds: number, log: (s: string) => void = () => {}, filter = ''): string[] {
  const rows: string[] = [];
  let configs = 0;
  let allFound = 0;
  let underSecond = 0;
  let withinTwo = 0;
  for (const s of SCENARIOS) {
    for (const v of s.variants) {
      for (const a of s.arches) {
        for (const mm of s.memoryModels) {
          if (!`${s.name}/${v.name}/${configLabel(a, mm)}`.includes(filter)) continue;
          // BFS's shortest trace on the same CPU count as the random runs.
          const shortest = bfs(buildMachine(s, v.name, a, s.defaultCpus, mm), { symmetry: true, maxStates: defaultCheckOptions.maxStates, timeoutMs: defaultCheckOptions.timeoutMs });
          if (shortest.verdict !== 'violated') continue;
          const bfsSteps = shortest.trace.length;
          configs++;
          const times: number[] = [];
          const extra: number[] = [];
          for (let seed = 1; seed <= seeds; seed++) {
            const r = runCheck(s, v.name, a, { ...defaultCheckOptions, memoryModel: mm, engine: 'random', seed });
            if (r.verdict !== 'violated') continue;
            times.push(r.seconds);
            extra.push((r.trace?.length ?? 0) - bfsSteps);
          }
          const label = `${s.name}/${v.name}/${configLabel(a, mm)}`;
          const med = median(times);
          if (times.length === seeds) allFound++;
          if (times.length === seeds && med < 1) underSecond++;
          if (extra.length > 0 && Math.max(...extra) <= 2) withinTwo++;
          log(`random ${label}: ${times.length}/${seeds} found, median ${med.toFixed(3)} s`);
          rows.push(`| ${label} | ${s.defaultCpus} | ${times.length}/${seeds} | ${med.toFixed(3)} | ${bfsSteps} | ${extra.length > 0 ? Math.max(...extra) : '-'} |`);
        }
      }
    }
  }
  return [
    '## Random engine on every violated configuration',
    '',
    `Default budget (${defaultCheckOptions.runs} runs of ${defaultCheckOptions.depth} steps), seeds 1..${seeds}, at the matrix CPU bound; time includes shrinking.`,
    `\`+steps\` = longest shrunk trace minus BFS's shortest on the same CPUs. Found by every seed: ${allFound}/${configs};`,
    `median under 1 s with every seed finding it: ${underSecond}/${configs}; shrunk within +2 steps for every seed: ${withinTwo}/${configs}.`,
    '',
    '| configuration | CPUs | found | median s | BFS steps | +steps (max) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = Number(process.argv[2] ?? 20);
  process.stdout.write(randomEngineBench(seeds, (s) => process.stderr.write(s + '\n'), process.argv[3] ?? '').join('\n') + '\n');
}
