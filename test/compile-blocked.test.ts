/**
 * What a blocked CPU waits for (Machine.blocked, src/core/compile.ts), on a hand-written model
 * whose answer is read off its code: a CPU is listed when its step's guard is false or its role
 * does not let it run (and then says which); it waits for the fields whose change would let it
 * run, never a program counter; its responders are the steps of other CPUs (never its own) that
 * would unblock it if they ran now, each enabled only if its guard and its role's `runnable`
 * (unless an event ignores it) allow, else with the fields that keep it from running. A CPU that
 * has not chosen its program is not listed.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Role, type State } from '../src/core/model.js';

const bit = (name: string) => ({ name, values: ['0', '1'] });
// Per CPU: prog (0), pc (1), off (2: the CPU cannot run), ack (3), ready (4).
const L = defineLayout([bit('x')], [...programFields, bit('off'), bit('ack'), bit('ready')], 3);
const OFF = 2;
const ACK = 3;
const READY = 4;
const at = (cpu: number, f: number) => L.base(cpu) + f;

/** CPU0 waits for CPU1's ack; its own event `poke` would set it too. */
const waiter: Role = {
  name: 'waiter',
  symmetric: false,
  programs: [{ name: 'wait', source: 'test', loop: false, steps: [{ name: 'wait ack', source: 'test', enabled: (s) => s[at(1, ACK)] === 1, run: () => undefined }] }],
  events: [{ name: 'poke', source: 'test', run: (s) => void (s[at(1, ACK)] = 1) }],
};
/** CPU1 and CPU2 ack by a program step (once ready), an event, or an event that runs even while the CPU is off. */
const handler: Role = {
  name: 'handler',
  symmetric: false,
  runnable: (s, c) => s[at(c, OFF)] === 0,
  programs: [{ name: 'handle', source: 'test', loop: false, steps: [{ name: 'send ack', source: 'test', enabled: (s, c) => s[at(c, READY)] === 1, run: (s, c) => void (s[at(c, ACK)] = 1) }] }],
  events: [
    { name: 'irq', source: 'test', run: (s, c) => void (s[at(c, ACK)] = 1) },
    { name: 'nmi', source: 'test', ignoresRunnable: true, run: (s, c) => void (s[at(c, ACK)] = 1) },
    { name: 'noise', source: 'test', run: (s) => void (s[0] = 1) },
  ],
};
const spec: ModelSpec = { name: 'blocked', layout: L, roles: [waiter, handler], cpuRoles: [0, 1, 1], init: () => undefined, properties: [] };

/** The initial state with CPU1 off, and CPU2 off but ready. */
function offState(): State {
  const m = compileModel(spec);
  const s = m.initial();
  s[at(1, OFF)] = 1;
  s[at(2, OFF)] = 1;
  s[at(2, READY)] = 1;
  return s;
}

describe('a blocked CPU', () => {
  it('is listed with its reason: its guard, or its role not letting it run; and waits for the fields that would let it run', () => {
    const b = compileModel(spec).blocked(offState());
    expect(b.map((x) => [x.cpu, x.name, x.reason])).toEqual([
      [0, 'wait ack', 'guard'],
      [1, 'send ack', 'guard'],
      [2, 'send ack', 'not-runnable'],
    ]);
    expect(b[0]!.waitsFor).toStrictEqual([{ cpu: 1, field: 'ack', value: '0' }]);
    // CPU1 needs both `off` cleared and `ready` set: no single field.
    expect(b[1]!.waitsFor).toStrictEqual([]);
    expect(b[2]!.waitsFor).toStrictEqual([{ cpu: 2, field: 'off', value: '1' }]);
  });

  it('has as responders the steps of other CPUs that would unblock it, each enabled or with what keeps it from running', () => {
    const r = compileModel(spec).blocked(offState())[0]!.responders;
    expect(r.map((x) => ({ cpu: x.cpu, name: x.name, enabled: x.enabled, blockedBy: x.blockedBy }))).toStrictEqual([
      {
        cpu: 1,
        name: 'send ack',
        enabled: false,
        blockedBy: [
          [
            { cpu: 1, field: 'off', value: '1' },
            { cpu: 1, field: 'ready', value: '0' },
          ],
        ],
      },
      { cpu: 1, name: 'irq', enabled: false, blockedBy: [[{ cpu: 1, field: 'off', value: '1' }]] },
      { cpu: 1, name: 'nmi', enabled: true, blockedBy: [] },
    ]);
  });

  it('never waits for a program counter', () => {
    // CPU0 waits for CPU1 to be past its step or not to have a program: only prog and pc unblock it.
    const pcWait: Role = { ...waiter, programs: [{ name: 'wait', source: 'test', loop: false, steps: [{ name: 'wait pc', source: 'test', enabled: (s) => s[at(1, 1)] === 1 || s[at(1, 0)] === 0, run: () => undefined }] }] };
    const m = compileModel({ ...spec, roles: [pcWait, handler] });
    const b = m.blocked(m.initial());
    expect(b[0]!.name).toBe('wait pc');
    expect(b[0]!.waitsFor).toStrictEqual([]);
  });

  it('is not listed before it has chosen its program', () => {
    const twoPrograms: Role = { ...handler, programs: [...handler.programs, { name: 'other', source: 'test', loop: false, steps: [{ name: 'idle', source: 'test', enabled: () => false, run: () => undefined }] }] };
    const m = compileModel({ ...spec, roles: [waiter, twoPrograms] });
    expect(m.blocked(m.initial()).map((x) => x.cpu)).toEqual([0]);
  });
});
