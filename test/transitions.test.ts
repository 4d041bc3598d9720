/**
 * The transition table partial-order reduction works on (src/core/transitions.ts), built from
 * footprints given by hand so that each answer is derived here: a role-relative location is
 * the field in the other CPUs of that role (not the acting CPU's own), a transition enables
 * another whose guard reads a byte it writes, two are dependent where one writes what the
 * other reads or writes, a transition is visible where it writes what an always-property
 * reads, each byte lists its writers, and each transition keeps its guard's decision tree.
 */
import { describe, expect, it } from 'vitest';
import type { GuardTree, ModelFootprints, RelFootprint, RelLoc } from '../src/core/footprint.js';
import { defineLayout } from '../src/core/layout.js';
import { programFields, type ModelSpec, type Role } from '../src/core/model.js';
import { bytesOf, transitionTable, type TransitionTable } from '../src/core/transitions.js';

// Global g (byte 0); per CPU prog, pc, f: CPU0's f is byte 3, CPU1's 6, CPU2's 9.
const L = defineLayout([{ name: 'g' }], [...programFields, { name: 'f' }], 3);
const F = 2;
const G = (field: number): RelLoc => ({ scope: 'global', field });
const self = (field: number): RelLoc => ({ scope: 'self', field });
const others = (role: number, field: number): RelLoc => ({ scope: 'role', role, field });
const tree: GuardTree = { kind: 'leaf', result: true, reads: [] };
const fp = (guardReads: RelLoc[], writes: RelLoc[], more: Partial<RelFootprint> = {}): RelFootprint => ({ guardReads, reads: [], writes, ...more });
const none = fp([], []);

const role = (name: string, events: number): Role => ({
  name,
  symmetric: false,
  programs: [{ name: 'p', source: 'test', loop: false, steps: [{ name: 's', source: 'test', run: () => undefined }] }],
  events: Array.from({ length: events }, (_, i) => ({ name: `e${i}`, source: 'test', run: () => undefined })),
});
const spec: ModelSpec = { name: 'table', layout: L, roles: [role('r', 1), role('q', 0)], cpuRoles: [0, 0, 1], init: () => undefined, properties: [] };
// Role r (CPU0, CPU1): step s waits on the other r CPU's f and writes its own f; event e0
// writes g and its own f. Role q (CPU2): step s waits on g.
const footprints: ModelFootprints = {
  roles: [
    { steps: [[fp([others(0, F)], [self(F)], { guardTree: tree })]], events: [fp([], [G(0), self(F)])], choose: none },
    { steps: [[fp([G(0)], [])]], events: [], choose: none },
  ],
  alwaysReads: [G(0)],
};
// Transitions: 0 CPU0.s, 1 CPU0.e0, 2 CPU1.s, 3 CPU1.e0, 4 CPU2.s.
const table = (): TransitionTable => transitionTable(spec, footprints);
const lists = (start: Int32Array, list: Int32Array) => Array.from({ length: start.length - 1 }, (_, t) => Array.from(list.subarray(start[t]!, start[t + 1]!)));

describe('the transition table', () => {
  it('places a role-relative location in the other CPUs of the role only', () => {
    expect(bytesOf(L, spec.cpuRoles, 0, others(0, F))).toEqual([6]);
    expect(bytesOf(L, spec.cpuRoles, 2, others(0, F))).toEqual([3, 6]);
    expect(bytesOf(L, spec.cpuRoles, 1, self(F))).toEqual([6]);
  });

  it('has as enablers of a transition those that write a byte its guard reads', () => {
    const t = table();
    expect(lists(t.enablerStart, t.enablerList)).toEqual([[2, 3], [], [0, 1], [], [1, 3]]);
  });

  it('makes dependent two transitions where one writes what the other reads or writes', () => {
    const t = table();
    expect(lists(t.depStart, t.depList)).toEqual([[1, 2, 3], [0, 2, 3, 4], [0, 1, 3], [0, 1, 2, 4], [1, 3]]);
  });

  it('marks visible the transitions that write what an always-property reads, lists the writers of each byte, and keeps guard trees', () => {
    const t = table();
    expect(Array.from(t.visible)).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(t.writersOfByte, (w) => Array.from(w))).toEqual([[1, 3], [], [], [0, 1], [], [], [2, 3], [], [], []]);
    expect(t.guardTree).toEqual([tree, undefined, tree, undefined, undefined]);
  });
});
