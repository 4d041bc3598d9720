/**
 * `shootdown replay <counterexample.json> [--variant V] [--json]`: re-runs a stored schedule.
 * Exit 1 if it still violates; 0 if it no longer does (harmless, or infeasible on the variant
 * asked for: the first step that is not enabled is named); 2 on a bad file, including one
 * whose trace does not fit the model it names (./counterexample-model.ts).
 */
import { readFileSync } from 'node:fs';
import { ARCHES } from '../arch/index.js';
import { compileModel } from '../core/compile.js';
import { modelFingerprint } from '../core/fingerprint.js';
import { replayNamed, type ReplayOutcome } from '../core/replay.js';
import type { Machine } from '../core/machine.js';
import type { State } from '../core/model.js';
import { checkProgress, PROGRESS_PROPERTY } from '../engines/progress.js';
import { toTraceSteps } from '../core/trace.js';
import { parseCounterexample, type CounterexampleFile } from '../report/counterexample-file.js';
import { renderDiagram } from '../report/diagram.js';
import { InputError } from '../report/input-error.js';
import { paragraph } from '../report/paragraph.js';
import type { MemoryModelName } from '../memory/model-name.js';
import { resolveCounterexample } from './counterexample-model.js';
import { variantsArg } from './options.js';

export interface ReplayResult {
  readonly file: string;
  readonly scenario: string;
  readonly variant: string;
  readonly arch: string;
  readonly memoryModel: MemoryModelName;
  readonly outcome: ReplayOutcome['outcome'];
  readonly property?: string;
  readonly stepsReplayed: number;
  readonly divergence?: { readonly at: number; readonly wanted: string; readonly enabledOnCpu: readonly string[] };
  readonly fingerprintMatches: boolean;
}

function isStuck(machine: Machine, s: State): boolean {
  const r = checkProgress(machine, 5_000_000, s);
  return r.verdict === 'stuck' && r.trace.length === 0;
}

export function loadCounterexample(path: string): CounterexampleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`cannot read '${path}'`);
  }
  return parseCounterexample(text, path);
}

export function replayFile(path: string, variantOverride?: string): { result: ReplayResult; outcome: ReplayOutcome } {
  const { cx, scenario, arch, memoryModel: mm } = resolveCounterexample(loadCounterexample(path), path);
  if (variantOverride !== undefined && (variantOverride.includes(',') || variantOverride === 'all')) throw new InputError('--variant takes one variant for replay');
  const variant = variantsArg(scenario, variantOverride ?? cx.variant)[0]!;
  const spec = scenario.build(variant, ARCHES[arch], cx.cpus, mm);
  const machine = compileModel(spec);
  const replayed = replayNamed(machine, cx.trace);
  // A progress counterexample ends in a stuck state: no state predicate marks it, so check
  // that no schedule from the last state lets every waiting program finish.
  const last = replayed.states[replayed.states.length - 1];
  const outcome: ReplayOutcome =
    cx.property === PROGRESS_PROPERTY && replayed.outcome === 'completed' && last !== undefined && isStuck(machine, last)
      ? { ...replayed, outcome: 'violated', property: PROGRESS_PROPERTY, at: replayed.steps.length - 1 }
      : replayed;
  const result: ReplayResult = {
    file: path,
    scenario: cx.scenario,
    variant,
    arch: cx.arch,
    memoryModel: mm,
    outcome: outcome.outcome,
    ...(outcome.outcome === 'violated' ? { property: outcome.property } : {}),
    stepsReplayed: outcome.steps.length,
    ...(outcome.outcome === 'diverged'
      ? { divergence: { at: outcome.at, wanted: `CPU${outcome.wanted.cpu} ${outcome.wanted.step}`, enabledOnCpu: outcome.enabledOnCpu } }
      : {}),
    fingerprintMatches: variantOverride !== undefined && variantOverride !== cx.variant ? true : modelFingerprint(spec) === cx.modelFingerprint,
  };
  return { result, outcome };
}

const wrapped = (text: string): string => paragraph(text).join('\n') + '\n';

export function replayCommand(positionals: readonly string[], f: { variant?: string; json?: boolean }, out: (s: string) => void): number {
  if (positionals.length !== 1) throw new InputError('usage: shootdown replay <counterexample.json> [--variant V] [--json]');
  const { result, outcome } = replayFile(positionals[0]!, f.variant);
  if (f.json === true) out(JSON.stringify(result, null, 2) + '\n');
  else {
    const fp = result.fingerprintMatches ? '' : ' (note: the model changed since this file was written)';
    const head = `${result.scenario}/${result.variant}/${result.arch}${result.memoryModel === 'sc' ? '' : `/${result.memoryModel}`}`;
    if (outcome.outcome === 'violated') {
      out(renderDiagram({ title: `${head}: replay still violates ${outcome.property}${fp}`, header: [], trace: toTraceSteps(outcome.steps), property: outcome.property, verdictLine: outcome.property }));
    } else if (outcome.outcome === 'completed') {
      out(wrapped(`${head}: the schedule replays in full (${outcome.steps.length} steps) and no property is violated${fp}`));
    } else {
      out(wrapped(`${head}: the schedule is infeasible here: step ${outcome.at + 1} (CPU${outcome.wanted.cpu} ${outcome.wanted.step}) is not enabled; CPU${outcome.wanted.cpu} could instead: ${outcome.enabledOnCpu.join(', ') || 'nothing'}${fp}`));
    }
  }
  return outcome.outcome === 'violated' ? 1 : 0;
}
