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
import { loadCounterexample, memoryModelOf } from './replay-cmd.js';
import { configLabel } from '../scenarios/scenario.js';

export const BASELINE = 'baseline';

export function explainFile(path: string): { text: string; json: unknown } {
  const cx = loadCounterexample(path);
  const scenario = scenarioArg(cx.scenario);
  if (!scenario.variants.some((v) => v.name === BASELINE)) throw new InputError(`${path}: scenario ${scenario.name} has no '${BASELINE}' variant`);
  if (!isArchName(cx.arch)) throw new InputError(`${path}: unknown arch '${cx.arch}'`);
  if (cx.cpus < scenario.minCpus || cx.cpus > scenario.maxCpus) throw new InputError(`${path}: cpus ${cx.cpus} outside ${scenario.minCpus}..${scenario.maxCpus}`);
  const mm = memoryModelOf(scenario, cx.memoryModel, path);
  const machine = compileModel(scenario.build(BASELINE, ARCHES[cx.arch], cx.cpus, mm));
  const d = divergence(machine, cx.trace);
  const state = machine.decode(d.state);
  const label = configLabel(cx.arch, mm);
  const config = `${cx.scenario}/${cx.variant}/${label}`;
  const text = renderExplanation({ config, baseline: `${cx.scenario}/${BASELINE}/${label}`, scheduleLength: cx.trace.length, divergence: d, state });
  const { state: _raw, ...rest } = d;
  return { text, json: { file: path, scenario: cx.scenario, variant: cx.variant, arch: cx.arch, memoryModel: mm, cpus: cx.cpus, baseline: BASELINE, ...rest, stateAtDivergence: state } };
}

export function explainCommand(positionals: string[], f: { json?: boolean }, out: (s: string) => void): number {
  if (positionals.length !== 1) throw new InputError('usage: shootdown explain <counterexample.json> [--json]');
  const { text, json } = explainFile(positionals[0]!);
  out(f.json === true ? JSON.stringify(json, null, 2) + '\n' : text);
  return 0;
}
