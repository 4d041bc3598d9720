/**
 * Which source statements a C model runs on one configuration, as the compiler and the
 * exhaustive exploration say: every statement the compiler lowered, every instruction it
 * compiled (with the calls it was inlined through), and every instruction a reachable step
 * ran. A statement never lowered is not in this configuration's kernel (a configuration test,
 * a function no role reaches here); one lowered into no instruction has no effect in the model;
 * one whose instructions never ran is unreachable here. Guards try blocking steps on a copy of
 * the state, which counts as running: coverage is over-approximated, never under.
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { Loc } from '../../c/ast.js';
import type { CModel } from '../../cmodel/index.js';
import type { BuiltCModel } from '../../cmodel/build/assemble.js';
import { compileModel } from '../../core/compile.js';
import { StateStore } from '../../engines/state-store.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import type { Extent } from './extents.js';

export interface SourceCoverage {
  /** Was the statement starting at this extent lowered into some code unit? */
  lowered(x: Extent): boolean;
  /** Instructions compiled from inside the extent (or inlined through a call inside it). */
  compiled(x: Extent): number;
  /** Did one of them run in a reachable state? */
  executed(x: Extent): boolean;
  /** The largest value each byte took (the domains the footprints enumerate). */
  readonly maxByte: Uint8Array;
}

const inside = (l: Loc, x: Extent): boolean =>
  l.file === x.start.file && (l.line > x.start.line || (l.line === x.start.line && l.col >= x.start.col)) && (l.line < x.end.line || (l.line === x.end.line && l.col < x.end.col));

/** Coverage of `m` on one configuration; undefined if the state space has more than `maxStates` states. */
export function sourceCoverage(m: CModel, arch: ArchConfig, cpus: number, mm: MemoryModelName, maxStates: number): SourceCoverage | undefined {
  const ran: number[][] = [];
  const built: BuiltCModel = m.build(arch, cpus, mm, undefined, { trace: (u, i) => ((ran[u] ??= [])[i] = 1) });
  const machine = compileModel(built.spec);
  const store = new StateStore(machine.stateSize);
  const maxByte = new Uint8Array(machine.stateSize);
  const s0 = machine.initial();
  machine.canonicalize(s0);
  store.intern(s0);
  const cur = new Uint8Array(machine.stateSize);
  const next = new Uint8Array(machine.stateSize);
  const acts = new Int32Array(machine.maxActions);
  // Symmetric CPUs run the same code: one state of each orbit runs the same instructions.
  for (let head = 0; head < store.count; head++) {
    if (store.count > maxStates) return undefined;
    store.read(head, cur);
    for (let b = 0; b < cur.length; b++) if (cur[b]! > maxByte[b]!) maxByte[b] = cur[b]!;
    const n = machine.enabled(cur, acts);
    for (let k = 0; k < n; k++) {
      machine.apply(cur, acts[k]!, next);
      machine.canonicalize(next);
      store.intern(next);
    }
  }
  const instrs = built.code.flatMap((u, ui) => u.instrs.map((ins, i) => ({ at: [ins.loc, ...(ins.sites ?? [])], ran: ran[ui]?.[i] === 1 })));
  const lowered = built.code.flatMap((u) => u.lowered);
  return {
    lowered: (x) => lowered.some((l) => l.file === x.start.file && l.line === x.start.line && l.col === x.start.col),
    compiled: (x) => instrs.filter((i) => i.at.some((l) => inside(l, x))).length,
    executed: (x) => instrs.some((i) => i.ran && i.at.some((l) => inside(l, x))),
    maxByte,
  };
}
