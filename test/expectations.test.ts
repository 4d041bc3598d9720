/**
 * A variant's expectation names configurations (`x86-native`, `arm64/weak`), never the ArchConfig
 * flags that drive the model: flipping a flag in src/arch/ changes the derived verdict and must
 * leave the expectation alone, so the matrix reports the disagreement instead of hiding it.
 */
import { describe, expect, it } from 'vitest';
import type { ArchConfig } from '../src/arch/arch.js';
import { ARCHES } from '../src/arch/index.js';
import { SCENARIOS } from '../src/scenarios/index.js';
import { configLabel } from '../src/scenarios/scenario.js';

/** The configuration with every flag set to another value: booleans negated, the transport moved on. */
function flipped(arch: ArchConfig): ArchConfig {
  const flags = Object.fromEntries(Object.entries(arch).map(([k, val]) => [k, typeof val === 'boolean' ? !val : val]));
  return { ...arch, ...flags, flushTransport: arch.flushTransport === 'ipi' ? 'broadcast' : 'ipi' };
}

describe('variant expectations', () => {
  for (const s of SCENARIOS) {
    const configs = s.arches.flatMap((a) => s.memoryModels.map((mm) => ({ a, mm, label: configLabel(a, mm) })));
    for (const v of s.variants) {
      it(`${s.name}/${v.name}: does not read the configuration's flags`, () => {
        for (const { a, mm } of configs) {
          expect(v.expect(flipped(ARCHES[a]), mm)).toEqual(v.expect(ARCHES[a], mm));
          expect(v.expect({ name: a }, mm)).toEqual(v.expect(ARCHES[a], mm));
        }
      });

      it(`${s.name}/${v.name}: names only configurations the scenario checks`, () => {
        const labels = new Set<string>(configs.map((c) => c.label));
        const named = Object.keys(v.expected).filter((k) => k !== 'otherwise');
        expect(named.filter((k) => !labels.has(k))).toEqual([]);
      });
    }
  }
});
