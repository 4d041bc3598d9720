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
 * in(k) = uses(k) + (out(k) - defs(k)), out(k) = the union of in(s) over k's successors.
 * Solved one register at a time, backwards from its uses along the predecessor edges until a
 * definition: a register of inlined code is live over a few instructions, so the work is the
 * total length of the live ranges, not instructions times registers times sweeps.
 */
export function liveIn(instrs: readonly Instr[], loop: boolean): Set<number>[] {
  const n = instrs.length;
  const ud = instrs.map(usesDefs);
  const preds: number[][] = Array.from({ length: n }, () => []);
  instrs.forEach((i, k) => {
    for (const s of successors(i, k, loop)) if (s < n) preds[s]!.push(k);
  });
  /** Each register's uses, registers in the order they are first named. */
  const usesOf = new Map<number, number[]>();
  ud.forEach(({ uses }, k) => {
    for (const r of uses) {
      const at = usesOf.get(r);
      if (at === undefined) usesOf.set(r, [k]);
      else at.push(k);
    }
  });
  const live = Array.from({ length: n }, () => new Set<number>());
  const todo: number[] = [];
  for (const [r, at] of usesOf) {
    for (const k of at) {
      live[k]!.add(r);
      todo.push(k);
    }
    while (todo.length > 0) {
      const k = todo.pop()!;
      for (const p of preds[k]!) {
        // Live out of p: live into p unless p defines it (a use at p was seeded above).
        if (live[p]!.has(r) || ud[p]!.defs.has(r)) continue;
        live[p]!.add(r);
        todo.push(p);
      }
    }
  }
  return live;
}

export type { Reg };
