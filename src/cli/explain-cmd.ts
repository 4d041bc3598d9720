/**
 * `shootdown explain <counterexample.json> [--json]`: why the baseline is safe. Replays the
 * counterexample's schedule on the scenario's `baseline` variant (same configuration and CPUs)
 * and names the first step where it diverges and the baseline step that blocks there, with
 * what it waits for. Exit 0 with an explanation, 2 on bad input.
 */
import { ARCHES, isArchName } from '../arch/index.js';
import { compileModel } from '../core/compile.js';
import { divergence } from '../core/divergence.js';
import { renderExplanation } from '../report/explanation.js';
import { InputError } from '../report/input-error.js';
import { scenarioArg } from './options.js';
import { loadCounterexample } from './replay-cmd.js';

export const BASELINE = 'baseline';

export function explainFile(path: string): { text: string; json: unknown } {
  const cx = loadCounterexample(path);
  const scenario = scenarioArg(cx.scenario);
  if (!scenario.variants.some((v) => v.name === BASELINE)) throw new InputError(`${path}: scenario ${scenario.name} has no '${BASELINE}' variant`);
  if (!isArchName(cx.arch)) throw new InputError(`${path}: unknown arch '${cx.arch}'`);
  if (cx.cpus < scenario.minCpus || cx.cpus > scenario.maxCpus) throw new InputError(`${path}: cpus ${cx.cpus} outside ${scenario.minCpus}..${scenario.maxCpus}`);
  const machine = compileModel(scenario.build(BASELINE, ARCHES[cx.arch], cx.cpus));
  const d = divergence(machine, cx.trace);
  const state = machine.decode(d.state);
  const config = `${cx.scenario}/${cx.variant}/${cx.arch}`;
  const text = renderExplanation({ config, baseline: `${cx.scenario}/${BASELINE}/${cx.arch}`, scheduleLength: cx.trace.length, divergence: d, state });
  const { state: _raw, ...rest } = d;
  return { text, json: { file: path, scenario: cx.scenario, variant: cx.variant, arch: cx.arch, cpus: cx.cpus, baseline: BASELINE, ...rest, stateAtDivergence: state } };
}

export function explainCommand(positionals: string[], f: { json?: boolean }, out: (s: string) => void): number {
  if (positionals.length !== 1) throw new InputError('usage: shootdown explain <counterexample.json> [--json]');
  const { text, json } = explainFile(positionals[0]!);
  out(f.json === true ? JSON.stringify(json, null, 2) + '\n' : text);
  return 0;
}
