/**
 * A C scenario builds each configuration once per check (src/cmodel/scenario.ts): `check`
 * builds the same one for the machine it explores, the symmetry check's probe and the CPU
 * counts it tries, the cutoff and the smaller models a counterexample is looked for on, and a
 * C build lowers and compiles the whole model. A kept build must be the same model every time:
 * two checks of one configuration in one process give the same verdict, counts and trace.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';

await loadCGrammar();

describe('C builds kept for a check', () => {
  it('a configuration asked for again is the build already made; another CPU count, arch, memory model or variant is not', () => {
    const c = cModelScenario('models/eqs-kick.c');
    const a = c.compile('baseline', ARCHES.arm64, 3, 'sc');
    expect(c.compile('baseline', ARCHES.arm64, 3, 'sc')).toBe(a);
    expect(c.compile('baseline', ARCHES.arm64, 4, 'sc')).not.toBe(a);
    expect(c.compile('baseline', ARCHES.arm64, 3, 'tso')).not.toBe(a);
    expect(c.compile('baseline', ARCHES.powerpc, 3, 'sc')).not.toBe(a);
    expect(c.compile(c.variants[1]!.name, ARCHES.arm64, 3, 'sc').spec).not.toBe(a.spec);
  });

  it('two checks of one configuration give the same result, a counterexample included', () => {
    const c = cModelScenario('models/eqs-kick.c');
    const violated = c.variants.find((v) => v.expect(ARCHES.arm64, 'sc').verdict === 'violated')!;
    for (const variant of ['baseline', violated.name]) {
      const run = () => {
        const r = runCheck(c, variant, 'arm64', { ...defaultCheckOptions, cpus: 3 });
        return { verdict: r.verdict, states: r.states, transitions: r.transitions, trace: r.verdict === 'violated' ? r.trace : undefined };
      };
      const first = run();
      expect(run(), variant).toEqual(first);
    }
  });
});
