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
import type { BuiltCModel } from '../../cmodel/build/assemble.js';
import type { CModel } from '../../cmodel/index.js';
import type { ModelSpec } from '../../core/model.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import type { Extent } from './extents.js';

export interface SourceCoverage {
  /** Was the statement starting at this extent lowered into some code unit? */
  lowered(x: Extent): boolean;
  /** Instructions compiled from inside the extent (or inlined through a call inside it). */
  compiled(x: Extent): number;
  /** Did one of them run? */
  executed(x: Extent): boolean;
}

const inside = (l: Loc, x: Extent): boolean =>
  l.file === x.start.file && (l.line > x.start.line || (l.line === x.start.line && l.col >= x.start.col)) && (l.line < x.end.line || (l.line === x.end.line && l.col < x.end.col));

/**
 * `m` built for one configuration with every instruction it runs recorded: explore `spec`
 * exhaustively (symmetric CPUs run the same code, so one state of each orbit runs the same
 * instructions), then ask `coverage()`.
 */
export function instrumented(m: CModel, arch: ArchConfig, cpus: number, mm: MemoryModelName): { readonly spec: ModelSpec; readonly cutBlocks: ReadonlySet<string>; coverage(): SourceCoverage } {
  const ran: number[][] = [];
  const built = m.build(arch, cpus, mm, undefined, { trace: (u, i) => ((ran[u] ??= [])[i] = 1) });
  const lowered = built.code.flatMap((u) => u.lowered);
  return {
    spec: built.spec,
    cutBlocks: blockKeys(built),
    coverage: () => {
      const instrs = built.code.flatMap((u, ui) => u.instrs.map((ins, i) => ({ at: [ins.loc, ...(ins.sites ?? [])], ran: ran[ui]?.[i] === 1 })));
      return {
        lowered: (x) => lowered.some((l) => l.file === x.start.file && l.line === x.start.line && l.col === x.start.col),
        compiled: (x) => instrs.filter((i) => i.at.some((l) => inside(l, x))).length,
        executed: (x) => instrs.some((i) => i.ran && i.at.some((l) => inside(l, x))),
      };
    },
  };
}

/**
 * The `__atomic_block`s a build runs step by step where its patch reached into them, as
 * `file:line:col`, each line numbered by `line` (a mutant's: as in the unmutated file).
 */
export function blockKeys(built: BuiltCModel, line: (l: Loc) => number = (l) => l.line): ReadonlySet<string> {
  return new Set(built.splitAtomicBlockLocs.map((l) => `${l.file}:${line(l)}:${l.col}`));
}
