/**
 * Every reduction against plain BFS (no reduction) on a few hundred random toy models
 * (./toys/random-toy.ts): steps that wait, write, copy and count over shared and per-CPU
 * bytes, program choice, looping programs and events. A reduction may explore fewer states,
 * never find another verdict:
 * - partial-order reduction: the plain verdict, never more states where it holds, and a
 *   counterexample that replays on the unreduced machine;
 * - symmetry reduction, where the declaration is accepted: the plain verdict, on exactly as
 *   many states as the naive explorer counts orbits;
 * - the cutoff, where it applies: the verdict with two workers is the plain verdict with
 *   three and four.
 * The seeds are fixed: a run is the same run every time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { runActions } from '../src/core/replay.js';
import { bfs } from '../src/engines/bfs.js';
import { cutoffFor } from '../src/engines/cutoff.js';
import { partialOrderFor } from '../src/engines/partial-order.js';
import { symmetryFor } from '../src/engines/symmetry.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { randomToy, toyOf } from './toys/random-toy.js';
import { plain } from './toys/toy-spec.js';

const limits = { maxStates: 1_000_000, timeoutMs: 60_000 };
const cpuCount = fc.integer({ min: 2, max: 3 });

describe('reductions against plain BFS on random toy models', () => {
  it('partial-order reduction: the plain verdict, on no more states where it holds, with a trace that replays', () => {
    let reducedSomewhere = 0;
    fc.assert(
      fc.property(randomToy, cpuCount, (r, cpus) => {
        const build = toyOf(r, false);
        const spec = build(cpus);
        const m = compileModel(spec);
        const p = bfs(m, { ...limits, symmetry: false });
        const q = bfs(m, { ...limits, symmetry: false, partialOrder: partialOrderFor(build, spec, m, cpus).sets });
        expect(q.verdict).toBe(p.verdict);
        // (A violation ends each search at once, after however many states its order met first.)
        if (q.verdict === 'holds') expect(q.states).toBeLessThanOrEqual(p.states);
        if (q.verdict === 'holds' && q.states < p.states) reducedSomewhere++;
        if (q.verdict === 'violated') expect(runActions(m, q.trace).outcome).toBe('violated');
      }),
      { seed: 18, numRuns: 300 },
    );
    expect(reducedSomewhere).toBeGreaterThan(100);
  });

  it('symmetry reduction, where the declaration is accepted: the plain verdict, one state per orbit', () => {
    let accepted = 0;
    fc.assert(
      fc.property(randomToy, fc.integer({ min: 3, max: 4 }), (r, cpus) => {
        const build = toyOf(r);
        if (!symmetryFor(build, cpus, 2).applies) return;
        accepted++;
        const spec = build(cpus);
        const q = bfs(compileModel(spec), { ...limits, symmetry: true });
        expect(q.verdict).toBe(plain(spec).verdict);
        if (q.verdict === 'holds') expect(q.states).toBe(naiveExplore(spec).orbits);
        if (q.verdict === 'violated') expect(runActions(compileModel(spec), q.trace).outcome).toBe('violated');
      }),
      { seed: 18, numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('the cutoff, where it applies: the two-worker verdict is the plain verdict with three and four workers', () => {
    let applied = 0;
    fc.assert(
      fc.property(randomToy, (r) => {
        const build = toyOf(r);
        const c = cutoffFor(build, 8, 2, 8);
        if (!c.applies) return;
        applied++;
        const two = plain(build(c.cpus)).verdict;
        for (const more of [1, 2]) expect(plain(build(c.cpus + more)).verdict, `${c.cpus + more} CPUs`).toBe(two);
      }),
      { seed: 18, numRuns: 200 },
    );
    expect(applied).toBeGreaterThan(20);
  });
});
