/**
 * The core's pieces on small hand-made models, where the right answer can be worked out by
 * hand: the path enumeration footprints rest on, footprints and the dependency relation
 * partial-order reduction uses, stickiness, why a guard is false, named replay and where two
 * models' schedules part, layouts and fingerprints.
 */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import { divergence } from '../src/core/divergence.js';
import { modelFingerprint } from '../src/core/fingerprint.js';
import { byteDomains, footprintsOf, mergeLocs, neverRuns, type RelLoc } from '../src/core/footprint.js';
import { decodeState, defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Step } from '../src/core/model.js';
import { replayNamed, runActions } from '../src/core/replay.js';
import { violationIsSticky } from '../src/core/sticky.js';
import { MAX_PATHS, TooManyPaths, tracePaths } from '../src/core/trace-paths.js';
import { toTraceSteps } from '../src/core/trace.js';
import { transitionTable } from '../src/core/transitions.js';
import { formatSets, unblockingFields, unblockingSets } from '../src/core/why-blocked.js';

/**
 * CPU0 publishes x then waits for CPU1's ack; CPU1 waits for x, acks, and (if `checks`) sets
 * the hazard when x is 2. An IRQ event on CPU1 flips `irq` while IRQs are on.
 */
function handshake(opts: { checks?: boolean; healer?: boolean } = {}): ModelSpec {
  const L = defineLayout(
    [{ name: 'x', values: ['0', '1', '2'] }, { name: 'hazard', values: ['no', 'yes'] }],
    [...programFields, { name: 'ack', values: ['no', 'yes'] }, { name: 'irq', values: ['off', 'on'] }, { name: 'irqsOn', values: ['no', 'yes'] }],
    2,
  );
  const at = (c: number, f: number) => L.base(c) + f;
  const step = (name: string, run: Step['run'], enabled?: Step['enabled']): Step => ({ name, source: 'test', run, ...(enabled !== undefined ? { enabled } : {}) });
  return {
    name: 'handshake',
    layout: L,
    roles: [
      { name: 'sender', symmetric: false, events: [], programs: [{ name: 'send', source: 'test', loop: false, steps: [step('publish', (s) => void (s[L.g.x] = 1)), step('wait ack', () => {}, (s) => s[at(1, L.c.ack)] === 1)] }] },
      {
        name: 'receiver',
        symmetric: false,
        events: [
          step('irq', (s, c) => void (s[at(c, L.c.irq)] = 1 - s[at(c, L.c.irq)]!), (s, c) => s[at(c, L.c.irqsOn)] === 1),
          ...(opts.healer === true ? [step('heal', (s) => void (s[L.g.hazard] = 0))] : []),
        ],
        programs: [
          {
            name: 'receive',
            source: 'test',
            loop: false,
            steps: [
              step('wait x', () => {}, (s) => s[L.g.x] !== 0),
              step('ack', (s, c) => {
                s[at(c, L.c.ack)] = 1;
                if (opts.checks === true && s[L.g.x] === 2) s[L.g.hazard] = 1;
              }),
            ],
          },
        ],
      },
    ],
    cpuRoles: [0, 1],
    init: () => {},
    properties: [{ name: 'no-hazard', kind: 'always', doc: 'toy', check: (s) => s[L.g.hazard] === 0 }],
  };
}

const loc = (scope: 'global' | 'self', field: number): RelLoc => ({ scope, field });

describe('path enumeration', () => {
  it('enumerates every path of a closure, reads before writes, and gives up past MAX_PATHS', () => {
    const r = tracePaths(3, () => [0, 1, 2], (s) => {
      if (s[0] === 1) s[1] = 5;
      else if (s[2] === 2) return true;
      return s[1] === 5;
    });
    // s0=1: s1 is written, then read back (one path); s0=0 or 2: s2=2 returns, else s1 is read.
    expect(r.paths.length).toBe(1 + 2 * (1 + 2 * 3));
    expect([...r.reads].sort()).toEqual([0, 1, 2]);
    expect([...r.writes]).toEqual([1]);
    expect(r.paths.filter((p) => p.result).length).toBe(1 + 2);
    const wide = Array.from({ length: 17 }, () => [0, 1, 2]);
    const readAll = (s: Uint8Array): boolean => {
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += s[i]!;
      return sum > 0;
    };
    expect(() => tracePaths(17, (i) => wide[i]!, readAll)).toThrow(TooManyPaths);
    expect(MAX_PATHS).toBeLessThan(3 ** 17);
  });
});

describe('footprints and dependencies', () => {
  const spec = handshake({ checks: true });
  const fp = footprintsOf(spec, () => 2);
  const L = spec.layout;

  it('are what each step reads and writes, relative to its CPU', () => {
    const [publish, waitAck] = fp.roles[0]!.steps[0]!;
    const [waitX, ack] = fp.roles[1]!.steps[0]!;
    const pcRw = [loc('self', L.c.prog), loc('self', L.c.pc)];
    expect(publish!.writes).toEqual(mergeLocs([loc('global', L.g.x)], pcRw));
    expect(waitAck!.guardReads).toEqual(mergeLocs([{ scope: 'role', role: 1, field: L.c.ack }], pcRw));
    expect(waitX!.guardReads).toEqual(mergeLocs([loc('global', L.g.x)], pcRw));
    expect(ack!.reads).toEqual(mergeLocs([loc('global', L.g.x)], pcRw));
    expect(ack!.writes).toEqual(mergeLocs([loc('self', L.c.ack), loc('global', L.g.hazard)], pcRw));
    expect(fp.alwaysReads).toEqual([loc('global', L.g.hazard)]);
    expect(waitX!.guardTree).toBeDefined();
  });

  it('make a writer dependent on each reader of what it writes, and nothing else on it', () => {
    const t = transitionTable(spec, fp);
    const id = (cpu: number, i: number) => t.stepBase[cpu]![0]! + i;
    const deps = (x: number) => Array.from(t.depList.subarray(t.depStart[x]!, t.depStart[x + 1]!)).sort();
    // publish writes x, which receiver's wait (its guard) and ack read; and CPU0's own pc.
    expect(deps(id(0, 0))).toEqual([id(0, 1), id(1, 0), id(1, 1)]);
    expect(Array.from(t.enablerList.subarray(t.enablerStart[id(1, 0)]!, t.enablerStart[id(1, 0) + 1]!))).toContain(id(0, 0));
    expect(t.visible[id(1, 1)]).toBe(1);
    expect(t.visible[id(0, 0)]).toBe(0);
    // The IRQ event touches only CPU1's own irq bytes: independent of CPU0's steps.
    expect(deps(t.eventBase[1]!)).not.toContain(id(0, 0));
  });

  it('know a violation flag nothing clears is sticky, and one an event clears is not', () => {
    expect(violationIsSticky(handshake({ checks: true }), () => 2)).toBe(true);
    expect(violationIsSticky(handshake({ checks: true, healer: true }), () => 2)).toBe(false);
  });

  it('know a step whose onlyIf is always false never runs', () => {
    const dom = byteDomains(L, () => 2);
    expect(dom(L.g.x)).toEqual([0, 1, 2]);
    const never: Step = { name: 'never', source: 'test', onlyIf: () => false, run: () => {} };
    const sometimes: Step = { name: 'sometimes', source: 'test', onlyIf: (s) => s[L.g.x] === 1, run: () => {} };
    expect(neverRuns(L.size, dom, never, 0)).toBe(true);
    expect(neverRuns(L.size, dom, sometimes, 0)).toBe(false);
  });
});

describe('replay, blocking and divergence', () => {
  const m = compileModel(handshake({ checks: true }));
  const named = [
    { cpu: 0, step: 'publish' },
    { cpu: 1, step: 'wait x' },
    { cpu: 1, step: 'ack' },
    { cpu: 0, step: 'wait ack' },
  ];

  it('replays a named trace to its end, and says where one diverges', () => {
    const r = replayNamed(m, named);
    expect(r.outcome).toBe('completed');
    expect(toTraceSteps(r.steps).map((s) => `${s.cpu}:${s.step}:${s.kind}`)).toEqual(['0:publish:program', '1:wait x:program', '1:ack:program', '0:wait ack:program']);
    expect(runActions(m, r.actions).outcome).toBe('completed');
    const d = replayNamed(m, [{ cpu: 1, step: 'ack' }]);
    expect(d).toMatchObject({ outcome: 'diverged', at: 0, wanted: { cpu: 1, step: 'ack' }, enabledOnCpu: [] });
    expect(() => runActions(m, [r.actions[2]!])).toThrow(/not enabled/);
  });

  it('names what a blocked step waits for', () => {
    const s0 = m.initial();
    const blocked = m.blocked(s0);
    expect(blocked.map((b) => `${b.cpu}:${b.name}:${b.reason}`)).toEqual(['1:wait x:guard']);
    expect(blocked[0]!.waitsFor).toEqual([{ field: 'x', value: '0' }]);
    expect(blocked[0]!.responders.map((r) => `${r.cpu}:${r.name}:${r.enabled}`)).toEqual(['0:publish:true']);
    const L = handshake().layout;
    const both = (s: Uint8Array) => s[L.base(1) + L.c.irq] === 1 && s[L.base(1) + L.c.irqsOn] === 1;
    expect(unblockingFields(L, s0, both)).toEqual([]);
    const sets = unblockingSets(L, s0, both, 1);
    expect(formatSets(sets)).toBe('CPU1.irq=off and CPU1.irqsOn=no');
  });

  it('finds where another model parts from a schedule: it blocks, violates, or runs to the end', () => {
    expect(divergence(m, named)).toMatchObject({ kind: 'harmless', steps: 4, inserted: [] });
    const stuck = divergence(m, [{ cpu: 0, step: 'wait ack' }]);
    expect(stuck).toMatchObject({ kind: 'blocks', at: 0, wanted: { cpu: 0, step: 'wait ack' } });
    // CPU0 first runs its own skipped step (publish), then CPU0's wait blocks on the ack.
    expect(stuck.inserted.map((s) => s.name)).toEqual(['publish']);
  });
});

describe('layouts and fingerprints', () => {
  it('refuse a field declared twice, and decode values by name', () => {
    expect(() => defineLayout([{ name: 'a' }, { name: 'a' }], [], 1)).toThrow(/duplicate field 'a'/);
    const L = handshake().layout;
    const s = new Uint8Array(L.size);
    s[L.g.x] = 2;
    s[L.g.hazard] = 1;
    s[L.base(1) + L.c.irq] = 1;
    expect(decodeState(L, s)).toMatchObject({ global: { x: '2', hazard: 'yes' }, cpus: [{ irq: 'off' }, { irq: 'on', prog: '0' }] });
  });

  it('changes when a step is renamed or the CPU count changes, and only then', () => {
    const a = handshake();
    expect(modelFingerprint(a)).toBe(modelFingerprint(handshake()));
    const renamed: ModelSpec = { ...a, roles: [{ ...a.roles[0]!, programs: [{ ...a.roles[0]!.programs[0]!, steps: [{ ...a.roles[0]!.programs[0]!.steps[0]!, name: 'publish2' }, a.roles[0]!.programs[0]!.steps[1]!] }] }, a.roles[1]!] };
    expect(modelFingerprint(renamed)).not.toBe(modelFingerprint(a));
    expect(modelFingerprint({ ...a, layout: defineLayout(a.layout.globalFields, a.layout.cpuFields, 3), cpuRoles: [0, 1, 1] })).not.toBe(modelFingerprint(a));
    expect(modelFingerprint(a)).toMatch(/^[0-9a-f]{16}$/);
  });
});
