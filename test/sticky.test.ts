/**
 * Whether a violation is sticky (src/core/sticky.ts), which lets partial-order reduction drop
 * its visibility condition: it is only where no step of any CPU that exists can take a state
 * violating some always-property to one violating none. Sometimes-properties do not count, a
 * step its configuration leaves out does not count, a property that reads a program counter
 * (the compiler rewrites them on every step) is never sticky, and where the paths cannot all
 * be enumerated the answer is no.
 */
import { describe, expect, it } from 'vitest';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Property, type Role, type State, type Step } from '../src/core/model.js';
import { violationIsSticky } from '../src/core/sticky.js';

const bit = (name: string) => ({ name, values: ['0', '1'] });
// Globals hazard (0), other (1), x (2); per CPU prog (0), pc (1), f (2).
const L = defineLayout([bit('hazard'), bit('other'), bit('x')], [...programFields, bit('f')], 2);
const step = (name: string, run: (s: State, cpu: number) => void, more: Partial<Step> = {}): Step => ({ name, source: 'test', run, ...more });
const always = (name: string, check: (s: State) => boolean): Property => ({ name, kind: 'always', doc: '', check });
const sometimes = (name: string, check: (s: State) => boolean): Property => ({ name, kind: 'sometimes', doc: '', check });
const noHazard = always('no-hazard', (s) => s[0] === 0);

function model(opts: { steps?: Step[]; events?: Step[]; properties?: Property[]; absent?: Role }): ModelSpec {
  const r: Role = { name: 'r', symmetric: true, programs: [{ name: 'p', source: 'test', loop: false, steps: opts.steps ?? [step('set', (s) => void (s[0] = 1))] }], events: opts.events ?? [] };
  return { name: 'sticky', layout: L, roles: opts.absent === undefined ? [r] : [r, opts.absent], cpuRoles: [0, 0], init: () => undefined, properties: opts.properties ?? [noHazard] };
}
const sticky = (spec: ModelSpec) => violationIsSticky(spec, () => 1);
const clear = (s: State) => void (s[0] = 0);

describe('a violation', () => {
  it('is sticky where nothing clears the hazard, and not where a program step or an event does', () => {
    expect(sticky(model({}))).toBe(true);
    expect(sticky(model({ steps: [step('set', (s) => void (s[0] = 1)), step('clear', clear)] }))).toBe(false);
    expect(sticky(model({ events: [step('clear', clear)] }))).toBe(false);
  });

  it('stays sticky with a clearing step its configuration leaves out, or of a role no CPU has', () => {
    expect(sticky(model({ steps: [step('clear', clear, { onlyIf: () => false })] }))).toBe(true);
    const absent: Role = { name: 'absent', symmetric: false, programs: [{ name: 'q', source: 'test', loop: false, steps: [step('clear', clear)] }], events: [] };
    expect(sticky(model({ absent }))).toBe(true);
  });

  it('is judged on the always-properties together: some violated stays some violated', () => {
    // A step clears `other` only while the hazard is set: one of the two stays violated.
    const two = [noHazard, always('no-other', (s) => s[1] === 0)];
    expect(sticky(model({ properties: two, steps: [step('heal', (s) => void (s[0] === 1 && (s[1] = 0)))] }))).toBe(true);
  });

  it('ignores sometimes-properties, even one that reads a program counter', () => {
    const windows = [noHazard, sometimes('window', (s) => s[2] === 1), sometimes('past', (s) => s[L.base(0) + 1] === 1)];
    expect(sticky(model({ properties: windows, steps: [step('open', (s) => void (s[2] = 1))] }))).toBe(true);
  });

  it('is never sticky where an always-property reads a CPU\'s prog or pc, and may be where it reads other fields', () => {
    const reads = (b: number) => sticky(model({ properties: [always('p', (s) => s[0] === 0 && s[b] === 0)] }));
    expect(reads(L.base(0))).toBe(false);
    expect(reads(L.base(1) + 1)).toBe(false);
    expect(reads(L.base(1) + 2)).toBe(true);
    expect(reads(2)).toBe(true);
    expect(sticky(model({ properties: [noHazard, always('past', (s) => s[L.base(1) + 1] === 0)] }))).toBe(false);
    // Program registers after the other fields, two CPU fields after two globals: a global is
    // not a program register however the offsets line up.
    const F = defineLayout([bit('hazard'), bit('y')], [bit('f'), ...programFields], 2);
    const fieldsFirst = (b: number): boolean =>
      violationIsSticky({ ...model({}), layout: F, properties: [always('p', (s) => s[0] === 0 && s[b] === 0)] }, () => 1);
    expect(fieldsFirst(F.base(1))).toBe(true);
    expect(fieldsFirst(F.base(1) + 2)).toBe(false);
    const G = defineLayout([bit('hazard'), bit('y')], [...programFields], 2);
    expect(violationIsSticky({ ...model({}), layout: G }, () => 1)).toBe(true);
  });

  it('is not sticky where a step or a property has too many paths to enumerate, and an error in a step is not taken for that', () => {
    // Fields without value names take the domain 0..255 here: three of them are 16 million paths.
    const W = defineLayout([{ name: 'hazard' }, { name: 'u' }, { name: 'v' }], [...programFields], 2);
    const wide = (properties: Property[], steps: Step[]): boolean => violationIsSticky({ ...model({ steps, properties }), layout: W }, () => 255);
    const many = (s: State) => s[0]! + s[1]! + s[2]! > 0;
    expect(wide([noHazard], [step('wide', (s) => void (many(s) && (s[0] = 1)))])).toBe(false);
    expect(wide([always('wide', (s) => !many(s))], [step('set', (s) => void (s[0] = 1))])).toBe(false);
    expect(wide([always('wide', (s) => !many(s))], [step('never', (s) => void (s[0] = 1), { onlyIf: () => false })])).toBe(false);
    expect(() => sticky(model({ properties: [always('bad', () => { throw new Error('a bug in the property'); })] }))).toThrow('a bug in the property');
    expect(() => sticky(model({ steps: [step('bad', () => { throw new Error('a bug in the step'); })] }))).toThrow('a bug in the step');
  });
});
