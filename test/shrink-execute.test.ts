/**
 * How the shrinker runs a candidate list of actions (src/engines/shrink-execute.ts), on a toy
 * whose runs are worked out by hand. CPU0 (controller) sets x to 1, then to 2, and has an
 * event that sets w; CPU1 (worker) waits for x >= 1 and sets y, and has an event that sets z
 * once (enabled while z is 0).
 * - `execute` runs the list in order, passing over an action that is not enabled; it returns
 *   exactly what ran, up to the violation of the property asked for, and nothing when another
 *   property fails first or none does;
 * - `executeDeferring` lets an action that is not enabled yet wait (its CPU's later actions
 *   wait behind it) while other CPUs' actions run, and drops the earliest waiting action only
 *   when nothing can run.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import type { State } from '../src/core/model.js';
import { execute, executeDeferring } from '../src/engines/shrink-execute.js';
import { field, toy, type Toy } from './toys/toy-spec.js';

const build = toy({
  globals: [field('x', 3), field('y'), field('z'), field('w')],
  cpuFields: [],
  controllers: 1,
  controller: [
    { name: 'x=1', run: (s, _c, t) => void (s[t.g('x')] = 1) },
    { name: 'x=2', run: (s, _c, t) => void (s[t.g('x')] = 2) },
  ],
  controllerEvents: [{ name: 'w=1', run: (s, _c, t) => void (s[t.g('w')] = 1) }],
  worker: [[{ name: 'y=1', enabled: (s, _c, t) => s[t.g('x')]! >= 1, run: (s, _c, t) => void (s[t.g('y')] = 1) }]],
  workerEvents: [{ name: 'z=1', enabled: (s, _c, t) => s[t.g('z')] === 0, run: (s, _c, t) => void (s[t.g('z')] = 1) }],
  bad: () => false,
});

/** The toy at 2 CPUs with the always-properties given (name -> violated when true). */
function machine(bad: Record<string, (s: State, t: Toy) => boolean>): { m: Machine; A0: number; E0: number; A1: number; E1: number } {
  const spec = build(2);
  const L = spec.layout;
  const t: Toy = { L, cpus: 2, workers: [1], g: (name) => L.globalFields.findIndex((f) => f.name === name), at: () => -1 };
  const properties = Object.entries(bad).map(([name, f]) => ({ name, kind: 'always' as const, doc: name, check: (s: State) => !f(s, t) }));
  const m = compileModel({ ...spec, properties });
  const perCpu = m.maxActions / m.cpus;
  // Local action 0 is a CPU's next program step, 1 its first event.
  return { m, A0: 0, E0: 1, A1: perCpu, E1: perCpu + 1 };
}

const X2 = { 'x=2': (s: State, t: Toy) => s[t.g('x')] === 2 };
const Y1 = { 'y=1': (s: State, t: Toy) => s[t.g('y')] === 1 };

describe('execute (in list order, passing over what is not enabled)', () => {
  it('passes over an action that is not enabled where it stands', () => {
    const { m, A0, A1 } = machine({ ...X2, ...Y1 });
    // CPU1's wait is not enabled at x = 0: passed over, not run.
    expect(execute(m, [A1, A0, A0], 'x=2')).toEqual([A0, A0]);
  });

  it('passes over an action enabled a step ago and not now', () => {
    const { m, A0, E1 } = machine(X2);
    expect(execute(m, [E1, E1, A0, A0], 'x=2')).toEqual([E1, A0, A0]);
    expect(executeDeferring(m, [E1, E1, A0, A0], 'x=2')).toEqual([E1, A0, A0]);
  });

  it('returns what ran up to the violation of the property asked for, and no further', () => {
    const { m, A0, A1 } = machine({ ...X2, ...Y1 });
    expect(execute(m, [A0, A1, A0], 'y=1')).toEqual([A0, A1]);
    expect(execute(m, [A0, A0, A1], 'x=2')).toEqual([A0, A0]);
  });

  it('returns nothing when another property fails first, or none does', () => {
    const { m, A0, A1 } = machine({ ...X2, ...Y1 });
    expect(execute(m, [A0, A1, A0], 'x=2')).toBeUndefined();
    expect(execute(m, [A0], 'x=2')).toBeUndefined();
    expect(execute(m, [], 'x=2')).toBeUndefined();
  });
});

describe('executeDeferring (per-CPU order, earliest enabled first)', () => {
  it('a step listed before it can run waits and runs as soon as it can', () => {
    const { m, A0, A1 } = machine(Y1);
    expect(execute(m, [A1, A0], 'y=1')).toBeUndefined();
    expect(executeDeferring(m, [A1, A0], 'y=1')).toEqual([A0, A1]);
    expect(executeDeferring(m, [A1, A0, A0], 'y=1')).toEqual([A0, A1]);
  });

  it("a CPU's later action waits behind its earlier one that cannot run yet", () => {
    const zNoY = { 'z before y': (s: State, t: Toy) => s[t.g('z')] === 1 && s[t.g('y')] === 0 };
    const both = { 'y and z': (s: State, t: Toy) => s[t.g('z')] === 1 && s[t.g('y')] === 1 };
    const { m, A0, A1, E1 } = machine({ ...zNoY, ...both });
    expect(executeDeferring(m, [A1, E1, A0], 'y and z')).toEqual([A0, A1, E1]);
  });

  it('the earliest enabled action in the list runs first', () => {
    const { m, A0, E1 } = machine({ 'z then x': (s, t) => s[t.g('z')] === 1 && s[t.g('x')] === 1, 'x then z': (s, t) => s[t.g('z')] === 0 && s[t.g('x')] === 1 });
    expect(executeDeferring(m, [E1, A0], 'z then x')).toEqual([E1, A0]);
    expect(executeDeferring(m, [A0, E1], 'x then z')).toEqual([A0]);
  });

  it('when nothing can run, the earliest waiting action is dropped and the rest go on', () => {
    const { m, A0, E0 } = machine({ 'w=1': (s, t) => s[t.g('w')] === 1 });
    // CPU0's program has two steps: the third A0 never runs, and E0 waits behind it until it is dropped.
    expect(executeDeferring(m, [A0, A0, A0, E0], 'w=1')).toEqual([A0, A0, E0]);
    expect(executeDeferring(m, [A0, A0, A0], 'w=1')).toBeUndefined();
  });

  it('returns nothing when another property fails first', () => {
    const { m, A0, A1 } = machine({ ...Y1, ...X2 });
    expect(executeDeferring(m, [A0, A1, A0], 'x=2')).toBeUndefined();
    expect(executeDeferring(m, [A0, A0, A1], 'x=2')).toEqual([A0, A0]);
  });
});
