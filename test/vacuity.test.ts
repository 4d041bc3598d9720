/**
 * A `holds` is only a proof if the race window it is about was reached: a model in which the
 * walker never gets between its two reads proves nothing about that window. Each engine
 * records the windows (sometimes-properties) it reached; `check` turns a `holds` with an
 * unreached window into `inconclusive`. Toy: CPU0 unlinks a table, waits for the walkers in
 * flight, frees it; each walker starts a walk only while the table is linked, then reads it.
 */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck, type CheckOptions } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import type { ModelSpec } from '../src/core/model.js';
import { bfs } from '../src/engines/bfs.js';
import { dfs } from '../src/engines/dfs.js';
import { countWorkers, field, plain, toy, type Toy } from './toys/toy-spec.js';
import { toyScenario } from './toys/toy-scenario.js';

/** `startsLate`: a model bug, walkers start only once the table is freed (so never inside the window). */
const walkers = (opts: { startsLate?: boolean; waits?: boolean }) =>
  toy({
    globals: [field('unlinked'), field('freed'), field('hazard')],
    cpuFields: [field('inWalk'), field('ptr')],
    controllers: 1,
    controller: [
      { name: 'unlink', run: (s, _c, t) => void (s[t.g('unlinked')] = 1) },
      { name: 'wait for walkers', enabled: (s, _c, t) => opts.waits === false || countWorkers(s, t, 'inWalk') === 0, run: () => {} },
      { name: 'free', run: (s, _c, t) => void (s[t.g('freed')] = 1) },
    ],
    worker: [
      [
        {
          name: 'start walk',
          enabled: (s, _c, t) => opts.startsLate !== true || s[t.g('freed')] === 1,
          run: (s, c, t) => {
            if (s[t.g('unlinked')] === 1) return;
            s[t.at(c, 'inWalk')] = 1;
            s[t.at(c, 'ptr')] = 1;
          },
        },
        {
          name: 'read table',
          run: (s, c, t) => {
            if (s[t.at(c, 'ptr')] === 1 && s[t.g('freed')] === 1) s[t.g('hazard')] = 1;
            s[t.at(c, 'inWalk')] = 0;
          },
        },
      ],
    ],
    bad: (s, t) => s[t.g('hazard')] === 1,
    window: (s: Uint8Array, t: Toy) => s[t.g('unlinked')] === 1 && countWorkers(s, t, 'inWalk') > 0,
  });

const models = { sound: walkers({}), 'starts-late': walkers({ startsLate: true }), 'no-wait': walkers({ waits: false }) };
const scenario = toyScenario(models);
const check = (variant: keyof typeof models, over: Partial<CheckOptions> = {}) => runCheck(scenario, variant, 'x86-native', { ...defaultCheckOptions, cpus: 3, ...over });
const limits = { maxStates: 100_000, timeoutMs: 10_000 };

describe('vacuity: an unreached race window makes a holds inconclusive', () => {
  it('BFS and DFS record which windows they reached, with and without symmetry', () => {
    for (const symmetry of [false, true]) {
      for (const engine of [bfs, dfs]) {
        const m = (spec: ModelSpec) => engine(compileModel(spec), { ...limits, symmetry });
        expect(m(models.sound(3))).toMatchObject({ verdict: 'holds', reached: { 'toy-window': true } });
        expect(m(models['starts-late'](3))).toMatchObject({ verdict: 'holds', reached: { 'toy-window': false } });
      }
    }
  });

  it('check: holds where the window is reached, inconclusive where it is not, violated without the wait', () => {
    expect(check('sound')).toMatchObject({ verdict: 'holds', vacuous: [], agrees: true });
    expect(check('starts-late')).toMatchObject({ verdict: 'inconclusive', vacuous: ['toy-window'], agrees: false });
    expect(check('no-wait')).toMatchObject({ verdict: 'violated', property: 'toy-safe' });
    expect(plain(models['no-wait'](3)).verdict).toBe('violated');
  });

  it('under every engine option that can prove: DFS, partial-order reduction, the cutoff', () => {
    for (const over of [{ search: 'dfs' as const }, { por: true }, { cutoff: true, cpus: 8 }]) {
      expect(check('sound', over), JSON.stringify(over)).toMatchObject({ verdict: 'holds', vacuous: [] });
      expect(check('starts-late', over), JSON.stringify(over)).toMatchObject({ verdict: 'inconclusive', vacuous: ['toy-window'] });
    }
  });
});
