/**
 * Writes a violation as a counterexample file (JSON), its column diagram (text) and its HTML
 * report (swimlanes, IPI arrows, state per step).
 */
import { join } from 'node:path';
import { ARCHES } from '../arch/index.js';
import { buildMachine, type CheckResult } from '../check.js';
import { modelFingerprint } from '../core/fingerprint.js';
import { writeFileAtomic } from '../report/atomic-write.js';
import type { FileChange } from '../report/commit-files.js';
import { COUNTEREXAMPLE_FORMAT, counterexampleName, serializeCounterexample, type CounterexampleFile } from '../report/counterexample-file.js';
import { replayNamed } from '../core/replay.js';
import { commandLines, renderDiagram } from '../report/diagram.js';
import { renderHtmlReport } from '../report/html.js';
import { findScenario } from '../scenarios/index.js';
import { configLabel } from '../scenarios/scenario.js';

export function toCounterexample(r: CheckResult): CounterexampleFile {
  const scenario = findScenario(r.scenario)!;
  const v = scenario.variants.find((x) => x.name === r.variant)!;
  return {
    format: COUNTEREXAMPLE_FORMAT,
    name: counterexampleName(r.scenario, r.variant, r.arch, r.memoryModel),
    question: `${r.scenario} / ${r.variant} (${v.summary}) on ${configLabel(r.arch, r.memoryModel)}: can '${r.property}' be violated?`,
    scenario: r.scenario,
    variant: r.variant,
    arch: r.arch,
    memoryModel: r.memoryModel,
    cpus: r.cpus,
    property: r.property ?? '',
    explanation: r.explanation ?? '',
    found: r.found,
    modelFingerprint: modelFingerprint(scenario.build(r.variant, ARCHES[r.arch], r.cpus, r.memoryModel)),
    trace: r.trace ?? [],
    ...(r.cycleFrom !== undefined ? { cycleFrom: r.cycleFrom } : {}),
  };
}

function howFound(r: CheckResult): string {
  return r.engine === 'exhaustive'
    ? `exhaustive ${r.found.detail}, ${r.states} states, shortest trace ${r.trace?.length ?? 0} steps`
    : `${r.found.detail}; shrunk to ${r.trace?.length ?? 0} steps`;
}

const titleOf = (r: CheckResult): string => `${r.scenario} / ${r.variant} / ${configLabel(r.arch, r.memoryModel)}: ${r.property} VIOLATED`;

export function diagramFor(r: CheckResult, file: string): string {
  return renderDiagram({
    title: titleOf(r),
    header: [`${r.cpus} CPUs; found by ${howFound(r)}`, ...commandLines('replay:', `npx shootdown replay ${file}`)],
    trace: r.trace ?? [],
    ...(r.cycleFrom !== undefined ? { cycleFrom: r.cycleFrom } : {}),
    ...(r.property !== undefined ? { property: r.property } : {}),
    verdictLine: r.explanation ?? r.property ?? '',
  });
}

/** The HTML report: replays the trace on the model to recover each step's state. */
export function htmlFor(r: CheckResult, file: string): string {
  const machine = buildMachine(findScenario(r.scenario)!, r.variant, r.arch, r.cpus, r.memoryModel);
  const replay = replayNamed(machine, r.trace ?? []);
  return renderHtmlReport({
    title: titleOf(r),
    header: [`${r.cpus} CPUs; found by ${howFound(r)}`, `replay: npx shootdown replay ${file}`, `explain: npx shootdown explain ${file}`],
    steps: replay.steps,
    states: replay.states.map((s) => machine.decode(s)),
    cpuRoles: machine.cpuRoles,
    verdictLine: r.explanation ?? r.property ?? '',
  });
}

/** The files of a violation under `dir`: its JSON counterexample, its diagram and (`html`) its report. */
export function violationFiles(r: CheckResult, dir: string, html = true): FileChange[] {
  const stem = counterexampleName(r.scenario, r.variant, r.arch, r.memoryModel);
  const json = join(dir, `${stem}.json`);
  return [
    { path: json, content: serializeCounterexample(toCounterexample(r)) },
    { path: join(dir, `${stem}.txt`), content: diagramFor(r, json) },
    ...(html ? [{ path: join(dir, `${stem}.html`), content: htmlFor(r, json) }] : []),
  ];
}

/** Writes the files of a violation (each atomically); returns the JSON path written. */
export function writeViolation(r: CheckResult, dir: string, html = true): string {
  const files = violationFiles(r, dir, html);
  for (const f of files) writeFileAtomic(f.path, f.content ?? '');
  return files[0]!.path;
}
