/**
 * `shootdown mutate [scenario] [--cpus N] [--json]`: the mutation catalogue. Every
 * configuration whose unmutated model holds is mutated; per scenario it prints how many
 * automatic mutants were caught (a counterexample, or a wait that can never complete) or
 * justified (derived, or a written reason), then lists what is left: known model gaps,
 * survivors of reviewed variants (regressions), and findings: survivors of variants nobody has
 * reviewed yet, each to be caught by the model or given a reason. A mutant whose run holds but
 * never reaches a race window is inconclusive (vacuous), as `check` says: neither caught nor a
 * survivor; a configuration whose unmutated run is vacuous is not mutated, and is listed.
 * `--json`: one object per scenario with the counts, score = (caught + justified) / mutants,
 * every survivor (a gap, a regression or a finding) and every inconclusive mutant, apart.
 * Exit 1 on a regression or a stale catalogue entry; findings alone exit 0. A C model (a `.c`
 * path, and every committed one by default) is mutated in its source instead
 * (src/mutate/c/): the model as committed, or the variants `--variant` names (its patches, or
 * a reviewer's patch file); the same counts, its findings, and mutants refused or not judged.
 */
import { match } from 'ts-pattern';
import { EQUIVALENT } from '../mutate/equivalent.js';
import { MODEL_GAPS } from '../mutate/model-gaps.js';
import { mutateScenario, type MutantOutcome, type MutantResult, type MutationScore } from '../mutate/run-mutants.js';
import { staleEntries } from '../mutate/stale-entries.js';
import { allScenarios } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { CScenario } from '../cmodel/scenario.js';
import { cMutationJson, reportCMutation } from '../mutate/c/report.js';
import { mutateCModel } from '../mutate/c/run.js';
import { cpusArg, scenarioArg, variantsArg } from './options.js';
import { InputError } from '../report/input-error.js';

const line = (r: MutantResult): string => `${r.variant}/${r.arch} ${r.id}`;

/** Where `--json` lists a result: caught and justified are counted only; an inconclusive run survived nothing. */
const listedAs = (o: MutantOutcome): 'counted' | 'survivor' | 'inconclusive' =>
  match(o)
    .returnType<'counted' | 'survivor' | 'inconclusive'>()
    .with('caught', 'justified', () => 'counted')
    .with('gap', 'survived', 'finding', () => 'survivor')
    .with('inconclusive', () => 'inconclusive')
    .exhaustive();

export function reportMutation(s: MutationScore, stale: readonly string[], out: (s: string) => void): void {
  const extra = [s.gaps > 0 ? `${s.gaps} known model gaps` : '', s.findings > 0 ? `${s.findings} findings` : '', s.inconclusive > 0 ? `${s.inconclusive} inconclusive` : ''].filter(
    (x) => x !== '',
  );
  out(`${s.scenario}: ${s.mutants} mutants, ${s.caught} caught, ${s.justified} justified${extra.map((x) => `, ${x}`).join('')}, score ${(s.score * 100).toFixed(1)}%\n`);
  if (s.notMutated.length > 0) out(`  not mutated (the unmutated model does not hold): ${s.notMutated.length} configurations\n`);
  // Violated configurations are what the matrix shows; an inconclusive one is named, with why.
  for (const n of s.notMutated.filter((x) => x.verdict === 'inconclusive')) out(`    ${n.variant}/${n.arch}: inconclusive (${n.detail})\n`);
  for (const r of s.results.filter((x) => x.outcome === 'gap')) out(`  model gap: ${line(r)}\n`);
  for (const r of s.results.filter((x) => x.outcome === 'survived')) out(`  REGRESSION, survived on a reviewed variant: ${line(r)} (${r.detail})\n`);
  const findings = s.results.filter((x) => x.outcome === 'finding');
  if (findings.length > 0) {
    out(`  findings: survivors of variants nobody has reviewed (src/mutate/reviewed.ts); for each, make the model catch it or write why it is harmless (src/mutate/equivalent.ts):\n`);
    for (const r of findings) out(`    ${line(r)} (${r.detail})\n`);
  }
  const inconclusive = s.results.filter((x) => x.outcome === 'inconclusive');
  if (inconclusive.length > 0) {
    out(`  inconclusive, neither caught nor survived (the mutant's run holds but a race window was never reached, so \`check\` would not call it holds):\n`);
    for (const r of inconclusive) out(`    ${line(r)}: inconclusive (${r.detail})\n`);
  }
  for (const e of stale) out(`  stale catalogue entry (no longer describes a survivor): ${e}\n`);
}

/** One scenario's `--json` object: the counts, the score, and the survivors and inconclusive mutants apart. */
export function mutationJson(s: MutationScore, stale: readonly string[]): unknown {
  const listed = (as: 'survivor' | 'inconclusive') => s.results.filter((r) => listedAs(r.outcome) === as);
  return {
    scenario: s.scenario,
    mutants: s.mutants,
    caught: s.caught,
    justified: s.justified,
    gaps: s.gaps,
    findings: s.findings,
    inconclusive: s.inconclusive,
    score: s.score,
    notMutated: s.notMutated,
    survivors: listed('survivor'),
    inconclusiveMutants: listed('inconclusive'),
    stale,
  };
}

export function mutateCommand(positionals: readonly string[], f: { cpus?: string; json?: boolean; variant?: string }, out: (s: string) => void): number {
  const all = positionals.length === 1 ? [scenarioArg(positionals[0])] : allScenarios();
  // C models are mutated in their source (src/mutate/c/), the TypeScript scenarios in their step lists.
  const isC = (s: Scenario): s is CScenario => (s as Partial<CScenario>).kind === 'c';
  if (f.variant !== undefined && !(all.length === 1 && isC(all[0]!))) throw new InputError('--variant applies to a C model (mutate model.c --variant V); a scenario is mutated in every variant');
  // A C model: the model as committed unless --variant names its patches (or a patch file).
  const cRuns = all.filter(isC).map((s) => mutateCModel(s, cpusArg(s, f.cpus), { variants: f.variant === undefined ? ['baseline'] : variantsArg(s, f.variant) }));
  const scenarios = all.filter((s) => !isC(s));
  const runs = scenarios.map((s) => {
    const score = mutateScenario(s, cpusArg(s, f.cpus));
    // Catalogue entries are written for the default CPU count.
    const stale = f.cpus === undefined ? [...staleEntries(EQUIVALENT, score), ...staleEntries(MODEL_GAPS, score)] : [];
    return { score, stale };
  });
  if (f.json === true) {
    const json = runs.map(({ score, stale }) => mutationJson(score, stale));
    out(JSON.stringify([...json, ...cRuns.map(cMutationJson)], null, 2) + '\n');
  } else {
    for (const { score, stale } of runs) reportMutation(score, stale, out);
    for (const c of cRuns) reportCMutation(c, out);
  }
  const bad = runs.some(({ score, stale }) => stale.length > 0 || score.results.some((r) => r.outcome === 'survived'));
  return bad ? 1 : 0;
}
