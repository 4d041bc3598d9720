/**
 * Static facts about one thread's program that every memory model consults: which
 * instructions read or write memory, which fences sit between two accesses, and which
 * po-earlier loads an access data-depends on (the register it uses was last written by them).
 */
import { match } from 'ts-pattern';
import type { Expr, FenceKind, Instr, Thread } from './ast.js';

export const isAccess = (x: Instr): boolean => x.kind !== 'fence';
export const reads = (x: Instr): boolean => x.kind === 'load' || x.kind === 'rmw';
export const writes = (x: Instr): boolean => x.kind === 'store' || x.kind === 'rmw';
export const locOf = (x: Instr): number =>
  match(x)
    .with({ kind: 'load' }, { kind: 'store' }, { kind: 'rmw' }, (a) => a.loc)
    .with({ kind: 'fence' }, () => -1)
    .exhaustive();
export const sameLoc = (a: Instr, b: Instr): boolean => isAccess(a) && isAccess(b) && locOf(a) === locOf(b);
export const isFullRmw = (x: Instr): boolean => x.kind === 'rmw' && x.ordered;
export const isAcquire = (x: Instr): boolean => x.kind === 'load' && x.acquire;
export const isRelease = (x: Instr): boolean => x.kind === 'store' && x.release;

/** The register an instruction writes, or null. */
export const regWritten = (x: Instr): number | null =>
  match(x)
    .with({ kind: 'load' }, (l) => l.reg)
    .with({ kind: 'rmw' }, (r) => r.reg)
    .with({ kind: 'store' }, { kind: 'fence' }, () => null)
    .exhaustive();

const exprRegs = (e: Expr): number[] =>
  match(e)
    .with({ kind: 'const' }, () => [])
    .with({ kind: 'reg' }, (r) => [r.reg])
    .with({ kind: 'binop' }, (b) => [...exprRegs(b.left), ...exprRegs(b.right)])
    .exhaustive();

/** Registers an instruction's value or operands use. */
export const regsRead = (x: Instr): number[] =>
  match(x)
    .with({ kind: 'store' }, (s) => exprRegs(s.value))
    .with({ kind: 'rmw' }, (r) =>
      match(r.op)
        .with({ kind: 'add' }, (o) => exprRegs(o.operand))
        .with({ kind: 'xchg' }, (o) => exprRegs(o.operand))
        .with({ kind: 'cmpxchg' }, (o) => [...exprRegs(o.expected), ...exprRegs(o.desired)])
        .exhaustive(),
    )
    .with({ kind: 'load' }, { kind: 'fence' }, () => [])
    .exhaustive();

/** For each instruction, the po-earlier instructions whose register results it uses. */
export function dataDeps(t: Thread): number[][] {
  return t.instrs.map((x, i) => {
    const out: number[] = [];
    for (const r of regsRead(x)) {
      for (let j = i - 1; j >= 0; j--) {
        const ins = t.instrs[j];
        if (ins !== undefined && regWritten(ins) === r) {
          if (!out.includes(j)) out.push(j);
          break;
        }
      }
    }
    return out.sort((a, b) => a - b);
  });
}

/** Fences strictly between positions j and i (j < i). */
export function fencesBetween(t: Thread, j: number, i: number): { readonly at: number; readonly fence: FenceKind }[] {
  const out: { at: number; fence: FenceKind }[] = [];
  for (let k = j + 1; k < i; k++) {
    const x = t.instrs[k];
    if (x !== undefined && x.kind === 'fence') out.push({ at: k, fence: x.fence });
  }
  return out;
}

/** Builds an i-by-j matrix from a pairwise rule over po-ordered accesses (j < i). */
export function pairwise(t: Thread, rule: (j: number, i: number, a: Instr, b: Instr) => boolean): boolean[][] {
  return t.instrs.map((b, i) =>
    t.instrs.map((a, j) => j < i && isAccess(a) && isAccess(b) && rule(j, i, a, b)),
  );
}
