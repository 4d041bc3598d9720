/**
 * `shootdown explain <counterexample.json> [--against V] [--json]`: why another variant (the
 * scenario's `baseline` unless `--against` names one) is safe on the same schedule. Replays the
 * counterexample's schedule on that variant (same configuration and CPUs) and names the first
 * step where it diverges and the step that blocks there, with what it waits for. Exit 0 with an
 * explanation, 2 on bad input (a file whose trace does not fit its model included).
 */
import { ARCHES } from '../arch/index.js';
import { compileModel } from '../core/compile.js';
import { divergence } from '../core/divergence.js';
import { renderExplanation } from '../report/explanation.js';
import { InputError } from '../report/input-error.js';
import { configLabel } from '../scenarios/scenario.js';
import { resolveCounterexample } from './counterexample-model.js';
import { loadCounterexample } from './replay-cmd.js';
import { actorName } from '../report/actor-name.js';

export const BASELINE = 'baseline';

export function explainFile(path: string, against?: string): { text: string; json: unknown } {
  const { cx, scenario, arch, memoryModel: mm } = resolveCounterexample(loadCounterexample(path), path);
  const names = scenario.variants.map((v) => v.name);
  const other = against ?? BASELINE;
  if (!names.includes(other)) {
    const hint = against === undefined ? `; name the variant to compare with: --against V (one of: ${names.join(', ')})` : `; one of: ${names.join(', ')}`;
    throw new InputError(`${scenario.name} has no variant '${other}'${hint}`);
  }
  if (other === cx.variant) throw new InputError(`${path} is a counterexample of ${other} itself; compare with another variant (--against V)`);
  const spec = scenario.build(other, ARCHES[arch], cx.cpus, mm);
  const machine = compileModel(spec);
  const d = divergence(machine, cx.trace);
  const state = machine.decode(d.state);
  const label = configLabel(arch, mm);
  const config = `${cx.scenario}/${cx.variant}/${label}`;
  const actors = spec.cpuRoles.map((r, cpu) => actorName(spec.roles[r]!.name, cpu));
  const text = renderExplanation({ config, baseline: `${cx.scenario}/${other}/${label}`, other, scheduleLength: cx.trace.length, divergence: d, state, actors });
  const { state: _raw, ...rest } = d;
  return { text, json: { file: path, scenario: cx.scenario, variant: cx.variant, arch, memoryModel: mm, cpus: cx.cpus, against: other, ...rest, stateAtDivergence: state } };
}

export function explainCommand(positionals: readonly string[], f: { against?: string; json?: boolean }, out: (s: string) => void): number {
  const { text, json } = explainFile(positionals[0]!, f.against);
  out(f.json === true ? JSON.stringify(json, null, 2) + '\n' : text);
  return 0;
}
