/**
 * The rules a shrunk counterexample keeps (src/engines/shrink.ts), on random toy models
 * (./toys/random-toy.ts) whose violating runs come from the random engine's own run function:
 * - it replays step by step (every step enabled) to a violation of the same property, at its
 *   last step;
 * - it is no longer than the input and no shorter than the shortest counterexample (the naive
 *   explorer's depth);
 * - it is locally minimal: dropping any one step, or any two, and running the rest in order
 *   (passing over steps that are no longer enabled) no longer reaches that violation;
 * - it is the same for the same input;
 * - `minimize` keeps the length of `shrinkSteps`, has no more CPU switches, and no single step
 *   moved earlier gives a trace of that length that still violates with fewer switches.
 * The oracles here (a lenient run, the switch count) are written apart from the shrinker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import { runActions } from '../src/core/replay.js';
import { runChoices, runsArbitrary } from '../src/engines/random.js';
import { cpuSwitches, minimize, shrinkSteps } from '../src/engines/shrink.js';
import { naiveExplore } from './toys/naive-explorer.js';
import { randomToy, toyOf } from './toys/random-toy.js';

/** Runs `actions` in order, passing over the ones not enabled; the first property violated, if any. */
function lenient(m: Machine, actions: readonly number[]): { property?: string; ran: number[] } {
  let s = m.initial();
  const next = new Uint8Array(m.stateSize);
  const buf = new Int32Array(m.maxActions);
  const ran: number[] = [];
  for (const a of actions) {
    const n = m.enabled(s, buf);
    if (!Array.from(buf.subarray(0, n)).includes(a)) continue;
    m.apply(s, a, next);
    s = Uint8Array.from(next);
    ran.push(a);
    const bad = m.properties.find((p) => p.kind === 'always' && !p.check(s));
    if (bad !== undefined) return { property: bad.name, ran };
  }
  return { ran };
}

/** CPU changes between consecutive steps, counted from the steps' own descriptions. */
function switches(m: Machine, trace: readonly number[]): number {
  const r = runActions(m, trace);
  let n = 0;
  for (let i = 1; i < r.steps.length; i++) if (r.steps[i]!.cpu !== r.steps[i - 1]!.cpu) n++;
  return n;
}

interface Case {
  readonly m: Machine;
  readonly trace: number[];
  readonly property: string;
  readonly shortest: number;
}

/** Random toys with a violating random run of at least 3 steps (the longest of 20 runs): the first 40. */
const cases: Case[] = fc
  .sample(fc.tuple(randomToy, fc.integer({ min: 2, max: 3 }), fc.array(runsArbitrary(24), { minLength: 20, maxLength: 20 })), { seed: 18, numRuns: 320 })
  .flatMap(([r, cpus, runs]) => {
    const spec = toyOf(r, false)(cpus);
    const m = compileModel(spec);
    const hit = runs.map((x) => runChoices(m, x)).filter((o) => o.property !== undefined && o.trace.length >= 3).sort((a, b) => b.trace.length - a.trace.length)[0];
    if (hit === undefined) return [];
    return [{ m, trace: hit.trace, property: hit.property!, shortest: naiveExplore(spec).violatedAt! }];
  })
  .slice(0, 40);

describe('shrinkSteps on random toys', () => {
  it('has enough cases, some of them long', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.some((c) => c.trace.length >= 10)).toBe(true);
    expect(cases.some((c) => c.m.cpus === 3)).toBe(true);
  });

  it('replays to the same violation, is no longer than its input and no shorter than the shortest', () => {
    for (const c of cases) {
      const s = shrinkSteps(c.m, c.trace, c.property);
      const r = runActions(c.m, s);
      expect(r.outcome).toBe('violated');
      if (r.outcome !== 'violated') continue;
      expect(r.property).toBe(c.property);
      expect(r.actions.length).toBe(s.length);
      expect(s.length).toBeLessThanOrEqual(c.trace.length);
      expect(s.length).toBeGreaterThanOrEqual(c.shortest);
      expect(shrinkSteps(c.m, c.trace, c.property)).toEqual(s);
    }
  });

  it('is locally minimal: no one or two steps can be dropped', () => {
    for (const c of cases) {
      const s = shrinkSteps(c.m, c.trace, c.property);
      for (let i = 0; i < s.length; i++) {
        expect(lenient(c.m, s.filter((_, k) => k !== i)).property === c.property).toBe(false);
        for (let j = 0; j < i; j++) expect(lenient(c.m, s.filter((_, k) => k !== i && k !== j)).property === c.property).toBe(false);
      }
    }
  });
});

describe('minimize on random toys', () => {
  it('keeps the length, replays, and has no more switches than the steps-only shrink', () => {
    for (const c of cases) {
      const steps = shrinkSteps(c.m, c.trace, c.property);
      const min = minimize(c.m, c.trace, c.property);
      expect(min.length).toBe(steps.length);
      const r = runActions(c.m, min);
      expect(r.outcome === 'violated' && r.property).toBe(c.property);
      expect(cpuSwitches(c.m, min)).toBe(switches(c.m, min));
      expect(switches(c.m, min)).toBeLessThanOrEqual(switches(c.m, steps));
    }
  });

  it('no step moved earlier gives a violation of the same length with fewer switches', () => {
    for (const c of cases) {
      const min = minimize(c.m, c.trace, c.property);
      const sw = switches(c.m, min);
      for (let i = 1; i < min.length; i++) {
        for (let j = 0; j < i; j++) {
          const cand = [...min.slice(0, j), min[i]!, ...min.slice(j, i), ...min.slice(i + 1)];
          const r = lenient(c.m, cand);
          if (r.property !== c.property || r.ran.length !== min.length) continue;
          expect(switches(c.m, r.ran)).toBeGreaterThanOrEqual(sw);
        }
      }
    }
  });
});
