/**
 * Register liveness over a unit's instructions (backward dataflow), so that only registers
 * live across a step boundary are kept in the state, and a register is cleared once dead:
 * two states that differ only in a dead register are one state.
 */
import type { Instr, Reg, Val } from '../ir.js';

function usesOfVal(v: Val, out: Set<number>): void {
  if (v.k === 'r') out.add(v.r.id);
}

/** Registers an instruction reads and writes (a wait's condition counts as part of it). */
export function usesDefs(i: Instr): { uses: Set<number>; defs: Set<number> } {
  const uses = new Set<number>();
  const defs = new Set<number>();
  const addrUses = (a: Extract<Instr, { op: 'load' }>['addr']): void => {
    if (a.k === 'ptr') usesOfVal(a.ptr, uses);
    else if (a.cpu !== null && a.cpu.k === 'cpu') usesOfVal(a.cpu.v, uses);
    for (const p of a.path) if (p.k === 'index') usesOfVal(p.v, uses);
  };
  switch (i.op) {
    case 'set':
      i.args.forEach((a) => usesOfVal(a, uses));
      defs.add(i.dst.id);
      break;
    case 'cpuid':
      defs.add(i.dst.id);
      break;
    case 'br':
      usesOfVal(i.cond, uses);
      break;
    case 'load':
      addrUses(i.addr);
      defs.add(i.dst.id);
      break;
    case 'store':
      addrUses(i.addr);
      usesOfVal(i.val, uses);
      break;
    case 'rmw':
      addrUses(i.addr);
      i.args.forEach((a) => usesOfVal(a, uses));
      if (i.dst !== null) defs.add(i.dst.id);
      break;
    case 'wait':
      for (const c of i.cond) {
        const ud = usesDefs(c);
        ud.uses.forEach((u) => {
          if (!defs.has(u)) uses.add(u);
        });
        ud.defs.forEach((d) => defs.add(d));
      }
      // The test is computed by the condition's instructions (a use only if they do not).
      if (i.test.k === 'r' && !defs.has(i.test.r.id)) uses.add(i.test.r.id);
      break;
    case 'hw':
      i.args.forEach((a) => usesOfVal(a, uses));
      i.addrs.forEach(addrUses);
      if (i.dst !== null) defs.add(i.dst.id);
      break;
    case 'assert':
      usesOfVal(i.cond, uses);
      break;
    case 'jmp':
    case 'fence':
    case 'atomic-begin':
    case 'atomic-end':
    case 'end':
      break;
  }
  return { uses, defs };
}

export function successors(i: Instr, index: number, loop: boolean): number[] {
  switch (i.op) {
    case 'br':
      return i.t === i.f ? [i.t] : [i.t, i.f];
    case 'jmp':
      return [i.t];
    case 'end':
      return loop ? [0] : [];
    default:
      return [index + 1];
  }
}

/**
 * Live-in register ids of every instruction: the least fixed point of
 * in(k) = uses(k) + (out(k) - defs(k)), out(k) = the union of in(s) over k's successors,
 * computed on bit sets (one bit per register the unit names) by backward sweeps until none
 * changes.
 */
export function liveIn(instrs: readonly Instr[], loop: boolean): Set<number>[] {
  const n = instrs.length;
  const ud = instrs.map(usesDefs);
  const ids: number[] = [];
  const bit = new Map<number, number>();
  for (const { uses, defs } of ud) {
    for (const r of [...uses, ...defs]) {
      if (!bit.has(r)) {
        bit.set(r, ids.length);
        ids.push(r);
      }
    }
  }
  const words = Math.max(1, Math.ceil(ids.length / 32));
  const setOf = (regs: ReadonlySet<number>): Uint32Array => {
    const b = new Uint32Array(words);
    for (const r of regs) {
      const i = bit.get(r)!;
      b[i >>> 5]! |= 1 << (i & 31);
    }
    return b;
  };
  const uses = ud.map((x) => setOf(x.uses));
  const kill = ud.map((x) => setOf(x.defs));
  const succ = instrs.map((i, k) => successors(i, k, loop).filter((s) => s < n));
  const live = new Uint32Array(n * words);
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = n - 1; k >= 0; k--) {
      const u = uses[k]!;
      const d = kill[k]!;
      const ss = succ[k]!;
      for (let w = 0; w < words; w++) {
        let out = 0;
        for (const s of ss) out |= live[s * words + w]!;
        const v = (u[w]! | (out & ~d[w]!)) >>> 0;
        if (v !== live[k * words + w]) {
          live[k * words + w] = v;
          changed = true;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, k) => {
    const s = new Set<number>();
    for (let w = 0; w < words; w++) {
      // The set bits of the word, lowest first.
      for (let v = live[k * words + w]!; v !== 0; v = (v & (v - 1)) >>> 0) s.add(ids[w * 32 + 31 - Math.clz32(v & -v)]!);
    }
    return s;
  });
}

export type { Reg };
