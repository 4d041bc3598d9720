/**
 * Footprints (src/core/footprint.ts), which partial-order reduction trusts to tell which steps
 * commute, on a hand-written model whose footprints are read off its code: a step's guard
 * reads its role's `runnable` unless it is an event that ignores it, its reads include the
 * `onlyIf` guards that settle its program, a step its configuration leaves out touches
 * nothing, a guard that reads another CPU's field has no decision tree, an always-property's
 * per-CPU field counts for every CPU, and a closure with too many paths is assumed to touch
 * every byte.
 */
import { describe, expect, it } from 'vitest';
import { byteDomains, footprintsOf, mergeLocs, type GuardTree, type RelLoc } from '../src/core/footprint.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Role, type State } from '../src/core/model.js';

const bit = (name: string) => ({ name, values: ['0', '1'] });
const g = (field: number): RelLoc => ({ scope: 'global', field });
const self = (field: number): RelLoc => ({ scope: 'self', field });
const role = (r: number, field: number): RelLoc => ({ scope: 'role', role: r, field });

// Globals g (0), h (1); per CPU prog (0), pc (1), a (2), b (3); two CPUs of role 0.
const L = defineLayout([bit('g'), bit('h')], [...programFields, bit('a'), bit('b')], 2);
const A = 2;
const B = 3;
const at = (cpu: number, f: number) => L.base(cpu) + f;
const PC = [self(0), self(1)];

const worker: Role = {
  name: 'worker',
  symmetric: true,
  runnable: (s, c) => s[at(c, A)] === 0,
  programs: [
    {
      name: 'p',
      source: 'test',
      loop: false,
      steps: [
        { name: 'own', source: 'test', enabled: (s) => s[0] === 1, run: (s, c) => void (s[at(c, B)] = 1) },
        { name: 'other', source: 'test', enabled: (s, c) => s[at(1 - c, B)] === 1, onlyIf: (s) => s[1] === 0, run: (s) => void (s[1] = s[0]!) },
        { name: 'left out', source: 'test', onlyIf: () => false, run: (s) => void (s[0] = 1) },
      ],
    },
  ],
  events: [
    { name: 'irq', source: 'test', ignoresRunnable: true, enabled: (s) => s[1] === 1, run: (s, c) => void (s[at(c, A)] = 0) },
    { name: 'tick', source: 'test', enabled: (s) => s[0] === 0, run: () => undefined },
  ],
};
/** A role no CPU has at the probe count. */
const absent: Role = {
  name: 'absent',
  symmetric: false,
  programs: [{ name: 'q', source: 'test', loop: false, steps: [{ name: 'x', source: 'test', run: (s) => void (s[0] = 1) }] }],
  events: [{ name: 'y', source: 'test', run: (s) => void (s[1] = 1) }],
};
const spec: ModelSpec = {
  name: 'footprints',
  layout: L,
  roles: [worker, absent],
  cpuRoles: [0, 0],
  init: () => undefined,
  properties: [
    { name: 'safe', kind: 'always', doc: '', check: (s) => s[at(1, B)] === 0 || s[0] === 1 },
    { name: 'window', kind: 'sometimes', doc: '', check: (s) => s[1] === 1 },
  ],
};
// Computed in each test, not at load, so that each test is the one that covers what it asks.
const footprints = () => footprintsOf(spec, () => 1);
const steps = () => footprints().roles[0]!.steps[0]!;

describe('footprints of a program step', () => {
  it('read the guard, the role\'s runnable, prog and pc; the effect, the program\'s onlyIf guards; and write what the effect writes', () => {
    const [own, other] = steps();
    expect(own).toMatchObject({ guardReads: [g(0), ...PC, self(A)], reads: [g(1), ...PC], writes: [...PC, self(B)] });
    expect(other).toMatchObject({ guardReads: [role(0, B), ...PC, self(A)], reads: [g(0), g(1), ...PC], writes: [g(1), ...PC] });
  });

  it('are empty for a step its configuration leaves out', () => {
    expect(steps()[2]).toStrictEqual({ guardReads: [], reads: [], writes: [] });
  });

  it('have the guard\'s decision tree where it reads only global fields and its own, and none where it reads another CPU\'s', () => {
    const [own, other] = steps();
    const leaf = (result: boolean, reads: RelLoc[]): GuardTree => ({ kind: 'leaf', result, reads });
    // runnable reads a first; only where a = 0 does the guard go on to read g.
    expect(own!.guardTree).toStrictEqual({
      kind: 'read',
      loc: self(A),
      next: [{ kind: 'read', loc: g(0), next: [leaf(false, [g(0), self(A)]), leaf(true, [g(0), self(A)])] }, leaf(false, [self(A)])],
    });
    expect(other).not.toHaveProperty('guardTree');
  });
});

describe('footprints of events, the program choice, and the properties', () => {
  it('read the role\'s runnable in an event\'s guard unless the event ignores it', () => {
    const [irq, tick] = footprints().roles[0]!.events;
    expect(irq).toStrictEqual({
      guardReads: [g(1)],
      reads: [],
      writes: [self(A)],
      guardTree: { kind: 'read', loc: g(1), next: [{ kind: 'leaf', result: false, reads: [g(1)] }, { kind: 'leaf', result: true, reads: [g(1)] }] },
    });
    expect(tick!.guardReads).toEqual([g(0), self(A)]);
  });

  it('read the runnable and every onlyIf guard to choose a program', () => {
    expect(footprints().roles[0]!.choose).toStrictEqual({ guardReads: [...PC, self(A)], reads: [g(1), ...PC], writes: PC });
  });

  it('are empty for a role no CPU has', () => {
    const none = { guardReads: [], reads: [], writes: [] };
    expect(footprints().roles[1]).toStrictEqual({ steps: [[none]], events: [none], choose: none });
  });

  it('count a per-CPU field an always-property reads for every CPU, and leave out sometimes-properties', () => {
    expect(footprints().alwaysReads).toEqual([g(0), role(0, B), role(1, B), self(B)]);
  });
});

describe('a closure whose paths cannot all be enumerated', () => {
  // Fields without value names take the domain 0..255 here: three of them read by one
  // closure are 16 million paths, past the limit.
  const W = defineLayout([{ name: 'u' }, { name: 'v' }, { name: 'w' }], [...programFields], 1);
  const many = (s: State) => s[0]! + s[1]! + s[2]! > 0;
  const model = (r: Role): ModelSpec => ({ name: 'wide', layout: W, roles: [r], cpuRoles: [0], init: () => undefined, properties: [] });
  const everything = [g(0), g(1), g(2), role(0, 0), role(0, 1), self(0), self(1)];

  it('is assumed to read and write every byte', () => {
    const r: Role = { name: 'r', symmetric: false, events: [], programs: [{ name: 'p', source: 'test', loop: false, steps: [{ name: 'wide', source: 'test', run: (s) => void (s[0] = many(s) ? 1 : 0) }] }] };
    const step = footprintsOf(model(r), () => 255).roles[0]!.steps[0]![0]!;
    expect(step.reads).toEqual(everything);
    expect(step.writes).toEqual(everything);
  });

  it('in an onlyIf guard, leaves the step in (it may run)', () => {
    const r: Role = { name: 'r', symmetric: false, events: [], programs: [{ name: 'p', source: 'test', loop: false, steps: [{ name: 'maybe', source: 'test', onlyIf: many, run: () => undefined }] }] };
    expect(footprintsOf(model(r), () => 255).roles[0]!.steps[0]![0]!.reads).toEqual(everything);
  });

  it('is not confused with a step that throws', () => {
    const r: Role = { name: 'r', symmetric: false, events: [], programs: [{ name: 'p', source: 'test', loop: false, steps: [{ name: 'bad', source: 'test', run: () => { throw new Error('a bug in the step'); } }] }] };
    expect(() => footprintsOf(model(r), () => 1)).toThrow('a bug in the step');
  });
});

describe('the helpers', () => {
  it('merge locations into one sorted list without repeats', () => {
    expect(mergeLocs([self(1), role(0, 0), self(1)], [g(2), self(0), g(0)])).toEqual([g(0), g(2), role(0, 0), self(0), self(1)]);
    expect(mergeLocs([self(0)], [g(0)])).toEqual([g(0), self(0)]);
  });

  it('give each byte its field\'s declared values, or 0 to the largest value observed, at least two', () => {
    const D = defineLayout([{ name: 'g', values: ['a', 'b', 'c'] }], [{ name: 'x' }, { name: 'y', values: ['0', '1', '2', '3'] }, { name: 'z' }], 1);
    const dom = byteDomains(D, (i) => (i === 1 ? 6 : 0));
    expect([0, 1, 2, 3].map((i) => dom(i))).toEqual([[0, 1, 2], [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3], [0, 1]]);
    const G = byteDomains(defineLayout([{ name: 'g' }], [], 1), () => 2);
    expect(G(0)).toEqual([0, 1, 2]);
  });
});
