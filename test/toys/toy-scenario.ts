/**
 * A scenario around toy models (./toy-spec.ts), so that tests can run them through `runCheck`
 * like the CLI does: one variant per model, one configuration (x86-native, sc).
 */
import type { ModelSpec } from '../../src/core/model.js';
import { defineScenario, defineVariant, holds, type Expectation, type Scenario } from '../../src/scenarios/scenario.js';

export function toyScenario(models: Readonly<Record<string, (cpus: number) => ModelSpec>>, opts: { readonly expect?: Expectation; readonly minCpus?: number } = {}): Scenario {
  return defineScenario<string>({
    name: 'toy',
    summary: 'toy models for engine tests',
    arches: ['x86-native'],
    memoryModels: ['sc'],
    defaultCpus: 3,
    minCpus: opts.minCpus ?? 2,
    maxCpus: 8,
    cpuRolesDoc: 'CPU0 controls, the others work',
    base: '',
    variants: Object.keys(models).map((name) => defineVariant<string>({ name, summary: name, patch: 'test', apply: () => name, expect: { otherwise: opts.expect ?? holds }, expectSource: 'test' })),
    build: (name, _arch, cpus) => {
      const m = models[name];
      if (m === undefined) throw new Error(`no toy ${name}`);
      return m(cpus);
    },
  });
}
