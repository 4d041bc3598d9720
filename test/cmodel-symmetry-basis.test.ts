/**
 * How the symmetry declaration of each committed C model is established on its 3-CPU probe
 * (src/engines/symmetry.ts): on every path where its steps have few enough, else on the
 * probe's reachable states with the compiler's static argument. Pinned here: the stronger
 * basis must not be lost to a change in path counting or in the early path limit (a speed
 * setting: the models on every path have at most 10 paths per step, the others overflow it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { symmetryAt } from '../src/engines/symmetry.js';

beforeAll(async () => {
  await loadCGrammar();
});

const EVERY_PATH = ['models/arm64-batch.c', 'models/cve-2018-18281.c'];
const REACHABLE = ['models/eqs-kick.c', 'models/kick-async.c', 'models/mmu-gather.c'];

describe('symmetry basis of the committed C models', () => {
  it.each(EVERY_PATH)('%s on every path, on every configuration', (file) => {
    const sc = cModelScenario(file);
    for (const arch of sc.arches) expect(symmetryAt(sc.build('baseline', ARCHES[arch], 3, 'sc')), arch).toEqual({ applies: true });
  });

  it.each(REACHABLE)('%s on its reachable states, with the static argument', (file) => {
    const sc = cModelScenario(file);
    const v = symmetryAt(sc.build('baseline', ARCHES[sc.arches[0]!], 3, 'sc'));
    expect(v).toEqual({ applies: true, basis: expect.stringMatching(/^checked on the \d+ reachable states of the 3-CPU model .*for more CPUs: the C compiler found/) });
  });
});

describe('the symmetry probe of a C model (Scenario.buildProbe)', () => {
  it('is the build a search made at that count when there is one, else one of its own (steps kept interpreted) with the same verdict', () => {
    const sc = cModelScenario('models/kick-async.c');
    const arch = ARCHES['x86-native'];
    const searched = sc.build('baseline', arch, 3, 'sc');
    expect(sc.buildProbe!('baseline', arch, 3, 'sc')).toBe(searched);
    const probe = sc.buildProbe!('baseline', arch, 4, 'sc');
    const full = sc.build('baseline', arch, 4, 'sc');
    expect(full).not.toBe(probe);
    expect(symmetryAt(probe)).toEqual(symmetryAt(full));
  });
});
