/**
 * `shootdown mutate [scenario] [--cpus N] [--json]`: the mutation catalogue. Prints, per
 * scenario, how many automatic mutants of its `holds` configurations were caught (a
 * counterexample, or a wait that can never complete), justified, or survived, and lists the
 * survivors: known model gaps (src/mutate/model-gaps.ts) first, then unexplained ones.
 * `--json`: `[{scenario, mutants, caught, justified, score}]`, score = (caught + justified) /
 * mutants. Exit 0 when every mutant is caught or justified, 1 otherwise.
 */
import { mutateScenario, type MutationScore } from '../mutate/run-mutants.js';
import { SCENARIOS } from '../scenarios/index.js';
import { cpusArg, scenarioArg } from './options.js';
import { InputError } from '../report/input-error.js';

export function mutateCommand(positionals: string[], f: { cpus?: string; json?: boolean }, out: (s: string) => void): number {
  if (positionals.length > 1) throw new InputError(`unexpected argument '${positionals[1]}'`);
  const scenarios = positionals.length === 1 ? [scenarioArg(positionals[0])] : [...SCENARIOS];
  const scores: MutationScore[] = scenarios.map((s) => mutateScenario(s, cpusArg(s, f.cpus)));
  if (f.json === true) {
    out(JSON.stringify(scores.map(({ scenario, mutants, caught, justified, score }) => ({ scenario, mutants, caught, justified, score })), null, 2) + '\n');
  } else {
    for (const s of scores) {
      const gaps = s.gaps > 0 ? `, ${s.gaps} known model gaps` : '';
      out(`${s.scenario}: ${s.mutants} mutants, ${s.caught} caught, ${s.justified} justified${gaps}, score ${(s.score * 100).toFixed(1)}%\n`);
      for (const r of s.results.filter((x) => x.outcome === 'gap')) out(`  model gap: ${r.variant}/${r.arch} ${r.id}\n`);
      for (const r of s.results.filter((x) => x.outcome === 'survived')) out(`  survived: ${r.variant}/${r.arch} ${r.id} (${r.detail})\n`);
    }
  }
  return scores.every((s) => s.score === 1) ? 0 : 1;
}
