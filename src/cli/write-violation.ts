/** Writes a violation as a counterexample file (JSON) and its column diagram (text). */
import { join } from 'node:path';
import { ARCHES } from '../arch/index.js';
import type { CheckResult } from '../check.js';
import { modelFingerprint } from '../core/fingerprint.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import { COUNTEREXAMPLE_FORMAT, counterexampleName, serializeCounterexample, type CounterexampleFile } from '../report/counterexample-file.js';
import { renderDiagram } from '../report/diagram.js';
import { findScenario } from '../scenarios/index.js';

export function toCounterexample(r: CheckResult): CounterexampleFile {
  const scenario = findScenario(r.scenario)!;
  const v = scenario.variants.find((x) => x.name === r.variant)!;
  return {
    format: COUNTEREXAMPLE_FORMAT,
    name: counterexampleName(r.scenario, r.variant, r.arch),
    question: `${r.scenario} / ${r.variant} (${v.summary}) on ${r.arch}: can '${r.property}' be violated?`,
    scenario: r.scenario,
    variant: r.variant,
    arch: r.arch,
    cpus: r.cpus,
    property: r.property ?? '',
    explanation: r.explanation ?? '',
    found: r.found,
    modelFingerprint: modelFingerprint(scenario.build(r.variant, ARCHES[r.arch], r.cpus)),
    trace: r.trace ?? [],
  };
}

export function diagramFor(r: CheckResult, file: string): string {
  const how =
    r.engine === 'exhaustive'
      ? `exhaustive ${r.found.detail}, ${r.states} states, shortest trace ${r.trace?.length ?? 0} steps`
      : `${r.found.detail}; shrunk to ${r.trace?.length ?? 0} steps`;
  return renderDiagram({
    title: `${r.scenario} / ${r.variant} / ${r.arch}: ${r.property} VIOLATED`,
    header: [`${r.cpus} CPUs; found by ${how}`, `replay: npx shootdown replay ${file}`],
    trace: r.trace ?? [],
    verdictLine: r.explanation ?? r.property ?? '',
  });
}

/** Returns the JSON path written. */
export function writeViolation(r: CheckResult, dir: string): string {
  const stem = counterexampleName(r.scenario, r.variant, r.arch);
  const json = join(dir, `${stem}.json`);
  writeFileAtomic(json, serializeCounterexample(toCounterexample(r)));
  writeFileAtomic(join(dir, `${stem}.txt`), diagramFor(r, json));
  return json;
}
