/**
 * A counterexample file checked against the model it names before anything is replayed: the
 * scenario, variant, configuration and memory model exist, the CPU count is one the scenario
 * models, and the trace is not empty and names only CPUs the file has, each under the role
 * that CPU has in the model, doing a step that role has. A file from another scenario, or
 * edited by hand, is refused in one line (exit 2) instead of replaying as "infeasible".
 */
import { ARCHES, isArchName } from '../arch/index.js';
import type { ArchName } from '../arch/arch.js';
import type { ModelSpec } from '../core/model.js';
import type { StepKind } from '../core/machine.js';
import { isMemoryModelName, type MemoryModelName } from '../memory/model-name.js';
import type { CounterexampleFile } from '../report/counterexample-file.js';
import { InputError } from '../report/input-error.js';
import { findScenario, SCENARIOS } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { CScenario } from '../cmodel/scenario.js';

export interface ResolvedCounterexample {
  readonly cx: CounterexampleFile;
  readonly scenario: Scenario;
  readonly arch: ArchName;
  readonly memoryModel: MemoryModelName;
}

/** Step names of a role, by kind: program steps, events, and program choices. */
function roleSteps(spec: ModelSpec, role: number): Record<StepKind, ReadonlySet<string>> {
  const r = spec.roles[role]!;
  return {
    program: new Set(r.programs.flatMap((p) => p.steps.map((s) => s.name))),
    event: new Set(r.events.map((e) => e.name)),
    choose: new Set(r.programs.length > 1 ? r.programs.map((p) => p.name) : []),
  };
}

export function resolveCounterexample(cx: CounterexampleFile, path: string): ResolvedCounterexample {
  const scenario = findScenario(cx.scenario);
  if (scenario === undefined) throw new InputError(`${path}: unknown scenario '${cx.scenario}'; one of: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const known = scenario.variants.some((v) => v.name === cx.variant);
  // A C model's variant may be a reviewer's patch or override file, registered on first use.
  const isPatch = !known && (scenario as Partial<CScenario>).kind === 'c' && /\.(diff|patch|c)$/.test(cx.variant);
  if (isPatch) (scenario as CScenario).addVariant(cx.variant);
  else if (!known) throw new InputError(`${path}: ${scenario.name} has no variant '${cx.variant}'`);
  if (!isArchName(cx.arch) || !scenario.arches.includes(cx.arch)) throw new InputError(`${path}: arch '${cx.arch}' is not modelled for ${scenario.name}; one of: ${scenario.arches.join(', ')}`);
  const mm = cx.memoryModel;
  if (!isMemoryModelName(mm) || !scenario.memoryModels.includes(mm)) throw new InputError(`${path}: unknown memory model '${mm}' for ${scenario.name}; one of: ${scenario.memoryModels.join(', ')}`);
  if (cx.cpus < scenario.minCpus || cx.cpus > scenario.maxCpus) throw new InputError(`${path}: cpus ${cx.cpus} outside ${scenario.minCpus}..${scenario.maxCpus} for ${scenario.name}`);
  if (cx.trace.length === 0) throw new InputError(`${path}: the trace is empty: nothing to replay`);
  const spec = scenario.build(cx.variant, ARCHES[cx.arch], cx.cpus, mm);
  const steps = spec.roles.map((_, i) => roleSteps(spec, i));
  cx.trace.forEach((t, i) => {
    const at = `${path}: trace[${i}]`;
    const role = spec.cpuRoles[t.cpu];
    if (role === undefined) throw new InputError(`${at}: CPU${t.cpu}, but the file has ${cx.cpus} CPUs (CPU0..CPU${cx.cpus - 1})`);
    const name = spec.roles[role]!.name;
    if (t.role !== name) throw new InputError(`${at}: CPU${t.cpu} is '${t.role}' in the file but '${name}' in ${scenario.name}`);
    if (!steps[role]![t.kind].has(t.step)) throw new InputError(`${at}: ${name} has no ${t.kind === 'event' ? 'event' : t.kind === 'choose' ? 'program' : 'step'} '${t.step}' in ${scenario.name}/${cx.variant}`);
  });
  return { cx, scenario, arch: cx.arch, memoryModel: mm };
}
