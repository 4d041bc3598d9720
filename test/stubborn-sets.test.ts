/**
 * The stubborn sets and the reduced BFS do what their rules say: on random toy models (program
 * choice, loops, events, guards, violations that last and ones that do not), the reduced
 * search's verdict, state count and transition count are those of a second implementation
 * read off the same rules (./toys/naive-stubborn.ts: plain sets, every closure to its end).
 * Where test/reductions-random.test.ts shows the reduction keeps verdicts, this shows it
 * reduces as much as the rules allow and no more, so a change that only makes it weaker (or
 * stronger) fails here too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { partialOrderFor } from '../src/engines/partial-order.js';
import { naiveReducedBfs } from './toys/naive-stubborn.js';
import { randomToy, toyOf } from './toys/random-toy.js';

describe('stubborn sets, against the rules read directly', () => {
  it('explore the states and transitions the rules give, on random toy models', () => {
    fc.assert(
      fc.property(randomToy, fc.integer({ min: 2, max: 3 }), (r, cpus) => {
        const build = toyOf(r, false);
        const spec = build(cpus);
        const m = compileModel(spec);
        const got = bfs(m, { symmetry: false, maxStates: 1e6, timeoutMs: 6e4, partialOrder: partialOrderFor(build, spec, m, cpus).sets });
        expect({ verdict: got.verdict, states: got.states, transitions: got.transitions }).toEqual(naiveReducedBfs(build, cpus));
      }),
      { seed: 18, numRuns: 150 },
    );
  });
});
