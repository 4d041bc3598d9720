/**
 * How src/core/compile.ts turns a ModelSpec into a Machine, on small hand-written specs: it
 * refuses a malformed spec, numbers actions per CPU (the program step, each event, a choice per
 * program only where there are several), offers a program step only to a CPU its role lets run,
 * describes a step with its IPI role and who runs it, calls a CPU finished by its own
 * registers wherever they sit in its block, and calls CPUs interchangeable only where a
 * symmetric role has two or more.
 */
import { describe, expect, it } from 'vitest';
import { actionStride, compileModel } from '../src/core/compile.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Program, type Role, type Step } from '../src/core/model.js';

const bit = (name: string) => ({ name, values: ['0', '1'] });
const step = (name: string, more: Partial<Step> = {}): Step => ({ name, source: 'test', run: () => undefined, ...more });
const program = (name: string, steps: Step[], loop = false): Program => ({ name, source: 'test', loop, steps });
const role = (name: string, programs: Program[], more: Partial<Role> = {}): Role => ({ name, symmetric: false, programs, events: [], ...more });
const model = (roles: Role[], cpuRoles: number[], cpus = cpuRoles.length, fieldsFirst = false): ModelSpec => ({
  name: 'toy',
  layout: defineLayout([bit('x')], fieldsFirst ? [bit('f'), ...programFields] : [...programFields, bit('f')], cpus),
  roles,
  cpuRoles,
  init: () => undefined,
  properties: [],
});
const one = program('p', [step('s')]);

describe('a malformed spec', () => {
  it('is refused: a role count that is not the CPU count, a role without programs, two events of one name, a CPU without a role', () => {
    expect(() => compileModel(model([role('r', [one])], [0, 0], 3))).toThrow('toy: 2 CPU roles for 3 CPUs');
    expect(() => compileModel(model([role('r', [])], [0]))).toThrow('toy: role r has no program');
    expect(() => compileModel(model([role('r', [one], { events: [step('e'), step('f'), step('e')] })], [0]))).toThrow("toy: role r has two events named 'e'");
    expect(() => compileModel(model([role('r', [one])], [0, 1]))).toThrow('toy: CPU1 has no role');
  });
});

describe('actions', () => {
  it('are numbered per CPU: the program step, each event, and a choice per program only where there are several', () => {
    expect(actionStride([role('r', [one], { events: [step('a'), step('b')] })])).toBe(3);
    expect(actionStride([role('r', [one, one], { events: [step('a')] }), role('q', [one])])).toBe(4);
    const m = compileModel(model([role('r', [one], { events: [step('a')] })], [0, 0]));
    expect(m.maxActions).toBe(4);
    const acts = new Int32Array(m.maxActions);
    expect(Array.from(acts.subarray(0, m.enabled(m.initial(), acts)))).toEqual([0, 1, 2, 3]);
  });

  it('offer a CPU\'s program step or program choice only while its role lets it run; an event that ignores that, always', () => {
    const r = role('r', [one], { runnable: (s) => s[0] === 1, events: [step('irq'), step('nmi', { ignoresRunnable: true })] });
    const m = compileModel(model([r], [0]));
    const acts = new Int32Array(m.maxActions);
    const s = m.initial();
    expect(Array.from(acts.subarray(0, m.enabled(s, acts)))).toEqual([2]);
    s[0] = 1;
    expect(Array.from(acts.subarray(0, m.enabled(s, acts)))).toEqual([0, 1, 2]);
    const two = compileModel(model([{ ...r, programs: [one, one] }], [0]));
    expect(Array.from(acts.subarray(0, two.enabled(two.initial(), acts)))).toEqual([2]);
  });
});

describe('a step described', () => {
  it('has its IPI role where it has one, the CPU its task runs on, and the CPU that runs it where that is another', () => {
    const r = role('task', [program('p', [step('send', { ipi: 'send', by: (_s, c) => c })]), program('q', [step('quiet', { by: () => 1 })])], {
      runsOn: () => 7,
      events: [step('handle', { ipi: 'handle' })],
    });
    const m = compileModel(model([r], [0]));
    const s = m.initial();
    expect(m.info(s, 3)).toStrictEqual({ cpu: 0, role: 'task', kind: 'choose', name: 'q', source: 'test', text: 'q', tags: [], on: 7 });
    expect(m.info(s, 1)).toStrictEqual({ cpu: 0, role: 'task', kind: 'event', name: 'handle', source: 'test', text: 'handle', tags: [], ipi: 'handle', on: 7 });
    const send = new Uint8Array(m.stateSize);
    m.apply(s, 2, send);
    expect(m.info(send, 0)).toStrictEqual({ cpu: 0, role: 'task', kind: 'program', name: 'send', source: 'test', text: 'send', tags: [], ipi: 'send', on: 7 });
    const quiet = new Uint8Array(m.stateSize);
    m.apply(s, 3, quiet);
    expect(m.info(quiet, 0)).toStrictEqual({ cpu: 0, role: 'task', kind: 'program', name: 'quiet', source: 'test', text: 'quiet', tags: [], on: 7, by: 1 });
  });
});

describe('finished', () => {
  it('reads each CPU\'s own program registers, wherever they sit in its block', () => {
    const m = compileModel(model([role('r', [one])], [0, 0], 2, true));
    const s = m.initial();
    expect(m.finished(s)).toBe(false);
    const a = new Uint8Array(m.stateSize);
    const b = new Uint8Array(m.stateSize);
    m.apply(s, 0, a);
    expect(m.finished(a)).toBe(false);
    m.apply(a, 1, b);
    expect(m.finished(b)).toBe(true);
    // Past its last step a CPU has no program step to take or describe.
    expect(() => m.apply(b, 0, new Uint8Array(m.stateSize))).toThrow('toy: CPU0 has no program step');
    expect(() => m.info(b, 0)).toThrow('toy: CPU0 has no program step');
  });

  it('holds of a CPU that has not chosen a program only when every program it could choose loops', () => {
    const loops = program('l', [step('spin')], true);
    const all = compileModel(model([role('r', [loops, loops])], [0]));
    expect(all.finished(all.initial())).toBe(true);
    const some = compileModel(model([role('r', [loops, one])], [0]));
    expect(some.finished(some.initial())).toBe(false);
  });
});

describe('interchangeable CPUs', () => {
  it('are those of a symmetric role with two or more CPUs', () => {
    const sym = (cpuRoles: number[]) => compileModel(model([role('w', [one], { symmetric: true }), role('c', [one])], cpuRoles)).symmetric;
    expect(sym([1, 0, 0])).toBe(true);
    expect(sym([1, 0])).toBe(false);
    expect(sym([1, 1])).toBe(false);
  });
});
