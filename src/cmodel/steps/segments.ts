/**
 * Straight-line runs of a unit's code, fused: from each instruction, the instructions after it
 * up to the next step start, the next instruction that may branch, block or act on the
 * hardware, run as one call. The step loop (./unit.ts) then checks for a step boundary, counts
 * atomic-block depth and notes an observable instruction once per run instead of once per
 * instruction: none of those checks can fire inside a run (no step starts inside it), and the
 * run's depth change and observability are the sums of its instructions'.
 */
import type { Instr } from '../ir.js';
import type { Exec } from '../exec/codegen.js';

export interface Segments {
  /** Runs the fused code from instruction i; returns what its last instruction returns. */
  readonly run: readonly Exec[];
  /** Atomic-block depth change over the run from i. */
  readonly depth: Int8Array;
  /** 1 if the run from i holds an observable instruction (or an atomic block's start). */
  readonly visible: Uint8Array;
}

/** Instructions that always go on to the next one and never block or call the hardware. */
const STRAIGHT: ReadonlySet<Instr['op']> = new Set<Instr['op']>(['set', 'cpuid', 'load', 'store', 'rmw', 'fence', 'assert', 'atomic-begin', 'atomic-end']);

export function fuseSegments(instrs: readonly Instr[], code: readonly Exec[], stepAt: Int32Array, visible: Uint8Array, nesting: Int8Array): Segments {
  const n = instrs.length;
  // len[i]: how many instructions the run from i covers (at least i itself).
  const len = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const extends_ = STRAIGHT.has(instrs[i]!.op) && i + 1 < n && stepAt[i + 1]! < 0;
    len[i] = extends_ ? 1 + len[i + 1]! : 1;
  }
  const depth = new Int8Array(n);
  const vis = new Uint8Array(n);
  const run: Exec[] = [];
  for (let i = 0; i < n; i++) {
    const l = len[i]!;
    let d = 0;
    let v = 0;
    for (let k = i; k < i + l; k++) {
      d += nesting[k]!;
      v |= visible[k]!;
    }
    depth[i] = d;
    vis[i] = v;
    run.push(fused(code.slice(i, i + l)));
  }
  return { run, depth, visible: vis };
}

function fused(cs: readonly Exec[]): Exec {
  const l = cs.length;
  const last = cs[l - 1]!;
  if (l === 1) return last;
  if (l === 2) {
    const a = cs[0]!;
    return (x) => (a(x), last(x));
  }
  const body = cs.slice(0, l - 1);
  const m = body.length;
  return (x) => {
    for (let k = 0; k < m; k++) body[k]!(x);
    return last(x);
  };
}
