/**
 * Replaying a schedule by names (src/core/replay.ts, src/core/divergence.ts), on a model where
 * a program step and an event share a name: a step is matched by CPU, name and, where the
 * schedule gives it, kind; a replay that cannot go on says which steps that CPU could take; a
 * violation in the initial state is reported before any step. Where another model parts from
 * a schedule, a CPU's own program steps are run first to catch up (never for a wanted event,
 * never another CPU's, never an event of its own), up to a limit.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { divergence } from '../src/core/divergence.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type State, type Step } from '../src/core/model.js';
import { replayNamed } from '../src/core/replay.js';

// Global x (byte 0); per CPU prog, pc, tk: CPU1's pc is byte 5, its tk byte 6.
const L = defineLayout([{ name: 'x' }], [...programFields, { name: 'tk' }], 2);
const PC = 1;
const TK = 2;
const step = (name: string, more: Partial<Step> = {}): Step => ({ name, source: 'test', run: () => undefined, ...more });

/** Each CPU runs a, b (or spins for ever); its events: `a` (sets tk), `tick`, and `tock` once its program has begun. */
function model(opts: { spin?: boolean; init?: (s: State) => void } = {}): ModelSpec {
  return {
    name: 'named',
    layout: L,
    roles: [
      {
        name: 'r',
        symmetric: true,
        programs: [opts.spin === true ? { name: 'spin', source: 'test', loop: true, steps: [step('spin')] } : { name: 'p', source: 'test', loop: false, steps: [step('a'), step('b')] }],
        events: [step('a', { run: (s, c) => void (s[L.base(c) + TK] = 1) }), step('tick'), step('tock', { enabled: (s, c) => s[L.base(c) + PC]! >= 1 })],
      },
    ],
    cpuRoles: [0, 0],
    init: opts.init ?? (() => undefined),
    properties: [{ name: 'x-clear', kind: 'always', doc: '', check: (s) => s[0] === 0 }],
  };
}
const where = (steps: readonly { cpu: number; name: string; kind: string }[]) => steps.map((x) => `${x.cpu}:${x.name}:${x.kind}`);

describe('a replay by names', () => {
  it('matches a step by CPU, name and the kind the schedule gives', () => {
    const m = compileModel(model());
    expect(where(replayNamed(m, [{ cpu: 1, step: 'a' }]).steps)).toEqual(['1:a:program']);
    expect(where(replayNamed(m, [{ cpu: 1, step: 'a', kind: 'event' }]).steps)).toEqual(['1:a:event']);
    expect(where(replayNamed(m, [{ cpu: 1, step: 'a' }, { cpu: 1, step: 'b' }]).steps)).toEqual(['1:a:program', '1:b:program']);
  });

  it('that cannot go on says where, and which steps that CPU could take there', () => {
    const r = replayNamed(compileModel(model()), [{ cpu: 1, step: 'b' }]);
    expect(r).toMatchObject({ outcome: 'diverged', at: 0, wanted: { cpu: 1, step: 'b' }, enabledOnCpu: ['a', 'a', 'tick'] });
  });

  it('reports a violation of the initial state before any step', () => {
    const r = replayNamed(compileModel(model({ init: (s) => void (s[0] = 1) })), [{ cpu: 0, step: 'a' }]);
    expect(r).toMatchObject({ outcome: 'violated', property: 'x-clear', at: -1, actions: [] });
  });
});

describe('where a model parts from a schedule', () => {
  it('the CPU\'s own program steps are run first to catch up', () => {
    const d = divergence(compileModel(model()), [{ cpu: 1, step: 'b' }]);
    expect(d.kind).toBe('harmless');
    expect(where(d.inserted)).toEqual(['1:a:program']);
  });

  it('a wanted event is matched by kind, and is not caught up to', () => {
    const m = compileModel(model());
    const ev = divergence(m, [{ cpu: 1, step: 'a', kind: 'event' }]);
    expect(ev).toMatchObject({ kind: 'harmless', inserted: [] });
    expect(ev.state[L.base(1) + TK]).toBe(1);
    expect(ev.state[L.base(1) + PC]).toBe(0);
    expect(divergence(m, [{ cpu: 1, step: 'tock', kind: 'event' }])).toMatchObject({ kind: 'differs', at: 0, inserted: [], enabledOnCpu: ['a', 'a', 'tick'] });
  });

  it('a CPU that has finished its program is not caught up by its events', () => {
    const d = divergence(compileModel(model()), [{ cpu: 1, step: 'a' }, { cpu: 1, step: 'b' }, { cpu: 1, step: 'zzz' }]);
    expect(d).toMatchObject({ kind: 'differs', at: 2, inserted: [], enabledOnCpu: ['a', 'tick', 'tock'] });
  });

  it('catching up stops after 64 inserted steps', () => {
    const d = divergence(compileModel(model({ spin: true })), [{ cpu: 1, step: 'never' }]);
    expect(d.kind).toBe('differs');
    expect(d.inserted.length).toBe(64);
    expect(new Set(where(d.inserted))).toEqual(new Set(['1:spin:program']));
  });
});
