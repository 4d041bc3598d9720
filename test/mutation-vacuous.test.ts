/**
 * A mutant that leaves one of the model's race windows (a sometimes-property) unreached proves
 * nothing there: `check` calls such a holds inconclusive (vacuous), and `mutate` must too, for
 * a TypeScript scenario as for a C model (test/c-mutation.test.ts): neither caught nor a
 * survivor. A configuration whose unmutated run is vacuous is not mutated at all. Toy: CPU0
 * raises a flag (a step tagged as synchronisation, so `mutate` drops it); each worker looks,
 * and the race window is a worker having seen the flag. Dropping the raise changes the
 * reachable graph (the safety property reads the flag), and every property still holds.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../src/core/model.js';
import { mutateScenario } from '../src/mutate/run-mutants.js';
import { mutationJson, reportMutation } from '../src/cli/mutate-cmd.js';
import { field, toy, type Toy } from './toys/toy-spec.js';
import { toyScenario } from './toys/toy-scenario.js';

const flagged = (opts: { readonly looks: boolean }) =>
  toy({
    globals: [field('flag'), field('seen')],
    cpuFields: [],
    controllers: 1,
    controller: [{ name: 'raise flag', run: (s, _c, t) => void (s[t.g('flag')] = 1) }],
    worker: [[{ name: 'look', run: (s, _c, t) => void (s[t.g('seen')] = opts.looks && s[t.g('flag')] === 1 ? 1 : 0) }]],
    // Never true, but it reads the flag: the flag decides the verdict, so its graph is observed.
    bad: (s, t) => s[t.g('flag')] === 1 && s[t.g('seen')] === 2,
    window: (s: Uint8Array, t: Toy) => s[t.g('seen')] === 1,
  });

/** The raise tagged as synchronisation, as a scenario's steps are: `mutate` drops it. */
const tagged = (build: (cpus: number) => ModelSpec) => (cpus: number): ModelSpec => {
  const spec = build(cpus);
  const roles = spec.roles.map((r) => ({
    ...r,
    programs: r.programs.map((p) => ({ ...p, steps: p.steps.map((s) => (s.name === 'raise flag' ? { ...s, tags: ['sync' as const] } : s)) })),
  }));
  return { ...spec, roles };
};

const scenario = toyScenario({ sound: tagged(flagged({ looks: true })), blind: tagged(flagged({ looks: false })) });
const score = mutateScenario(scenario, 3, { maxStates: 100_000, reviewed: () => false });
const DROP = 'drop:controller/control/raise flag@0';

describe('mutate: a holds that never reaches a race window is inconclusive', () => {
  it('a mutant that removes the race window is inconclusive (vacuous), not a finding nor caught', () => {
    expect(score.results.filter((r) => r.variant === 'sound')).toEqual([
      { variant: 'sound', arch: 'x86-native', id: DROP, kind: 'drop', outcome: 'inconclusive', detail: 'vacuous: toy-window never reached' },
    ]);
    expect(score.inconclusive).toBe(1);
    expect(score.findings).toBe(0);
    expect(score.caught).toBe(0);
    // Not killed: it stays out of the score.
    expect(score.score).toBe(0);
  });

  it('a configuration whose unmutated run is vacuous is not mutated, and says why', () => {
    expect(score.results.filter((r) => r.variant === 'blind')).toEqual([]);
    expect(score.notMutated).toEqual([{ variant: 'blind', arch: 'x86-native', verdict: 'inconclusive', detail: 'vacuous: toy-window never reached' }]);
  });

  it('the report says inconclusive with the windows never reached, and names the configuration not mutated', () => {
    let text = '';
    reportMutation(score, [], (s) => void (text += s));
    expect(text).toContain('1 mutants, 0 caught, 0 justified, 1 inconclusive, score 0.0%');
    expect(text).toContain(`sound/x86-native ${DROP}: inconclusive (vacuous: toy-window never reached)`);
    expect(text).toContain('blind/x86-native: inconclusive (vacuous: toy-window never reached)');
    expect(text).not.toContain('findings');
  });

  it('--json lists it apart from the survivors, with its outcome', () => {
    const json = mutationJson(score, []) as { inconclusive: number; findings: number; survivors: unknown[]; inconclusiveMutants: { id: string; outcome: string }[] };
    expect(json.survivors).toEqual([]);
    expect(json.findings).toBe(0);
    expect(json.inconclusive).toBe(1);
    expect(json.inconclusiveMutants).toMatchObject([{ id: DROP, outcome: 'inconclusive', detail: 'vacuous: toy-window never reached' }]);
  });
});
