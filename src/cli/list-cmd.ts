/** `shootdown list [--json]`: scenarios, their variants (the patch each models) and configurations. */
import { ARCHES } from '../arch/index.js';
import { allScenarios } from '../scenarios/index.js';
import { configLabel } from '../scenarios/scenario.js';

export function listCommand(f: { json?: boolean }, out: (s: string) => void): number {
  const data = allScenarios().map((s) => ({
    scenario: s.name,
    summary: s.summary,
    cpus: { default: s.defaultCpus, min: s.minCpus, max: s.maxCpus, roles: s.cpuRolesDoc },
    arches: s.arches.map((a) => ({ name: a, doc: ARCHES[a].doc })),
    memoryModels: s.memoryModels,
    variants: s.variants.map((v) => ({
      name: v.name,
      summary: v.summary,
      patch: v.patch,
      expected: Object.fromEntries(s.arches.flatMap((a) => s.memoryModels.map((mm) => [configLabel(a, mm), v.expect(ARCHES[a], mm)]))),
    })),
  }));
  if (f.json === true) {
    out(JSON.stringify(data, null, 2) + '\n');
    return 0;
  }
  for (const s of data) {
    out(`${s.scenario}: ${s.summary}\n  CPUs: ${s.cpus.roles} (default ${s.cpus.default})\n  arches: ${s.arches.map((a) => a.name).join(', ')}\n  memory models: ${s.memoryModels.join(', ')}\n`);
    for (const v of s.variants) out(`  - ${v.name}: ${v.summary}\n      models: ${v.patch}\n`);
    out('\n');
  }
  return 0;
}
