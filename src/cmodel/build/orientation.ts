/**
 * Where a per-CPU object's CPU-indexed part lives (a per-CPU cpumask, or a per-CPU array of
 * NR_CPUS elements: one entry per pair of CPUs, owner and index). Either in the index CPU's
 * block with a field per owner (`cfd.cpumask@0`), or in the owner's block with a field per
 * index (`call_single_queue[0]`). Symmetry reduction permutes CPU blocks but not field names,
 * so the CPUs that name fields must never be interchangeable ones: the side written only by,
 * or only for, CPUs of roles that are not symmetric names the fields. ./symmetry.ts refuses
 * symmetry when neither side qualifies.
 */
import type { ModelDecls } from '../declarations.js';
import type { Addr, CpuSel, Instr, Val } from '../ir.js';
import type { Symbols } from '../symbols.js';
import type { CType } from '../types.js';
import type { RoleUnit } from './units.js';

export type Orientation = 'index-major' | 'owner-major';

/** Who a CPU operand is, as far as the compiler can tell. */
type CpuRef = { readonly k: 'role'; readonly role: number } | { readonly k: 'cpu'; readonly cpu: number } | { readonly k: 'mask'; readonly obj: number } | { readonly k: 'unknown' };

export interface PairWrite {
  readonly owner: CpuRef;
  readonly index: CpuRef;
  readonly instr: Instr;
}

/** Every write into a CPU-indexed part of a per-CPU object, by object id. */
export function pairWrites(sym: Symbols, units: readonly (readonly RoleUnit[])[]): Map<number, PairWrite[]> {
  const out = new Map<number, PairWrite[]>();
  units.forEach((role, ri) => {
    for (const u of role) {
      for (const i of u.unit.instrs) {
        if (i.op !== 'store' && i.op !== 'rmw') continue;
        const a = i.addr;
        if (a.k !== 'obj') continue;
        const decl = sym.objects[a.obj]!;
        const index = byCpuIndex(decl.type, a);
        if (index === null) continue;
        const w: PairWrite = { owner: cpuRef(a.cpu, ri), index: valRef(index, ri), instr: i };
        out.set(a.obj, [...(out.get(a.obj) ?? []), w]);
      }
    }
  });
  return out;
}

/** The orientation of each per-CPU object with a CPU-indexed part (index-major by default). */
export function orientations(sym: Symbols, decls: ModelDecls, cpuRoles: readonly number[], writes: Map<number, PairWrite[]>): Map<number, Orientation> {
  const out = new Map<number, Orientation>();
  for (const [obj, ws] of writes) {
    if (!sym.objects[obj]!.perCpu) continue;
    const safe = (r: CpuRef): boolean => safeRef(r, decls, cpuRoles, writes);
    if (ws.every((w) => safe(w.owner))) out.set(obj, 'index-major');
    else if (ws.every((w) => safe(w.index))) out.set(obj, 'owner-major');
    else out.set(obj, 'index-major');
  }
  return out;
}

/**
 * A CPU reference that names no interchangeable CPU: the executing CPU of a role that is not
 * symmetric, a constant CPU of such a role, or a for_each_cpu() variable over a mask whose bits
 * are only ever set for such CPUs.
 */
export function safeRef(r: CpuRef, decls: ModelDecls, cpuRoles: readonly number[], writes: ReadonlyMap<number, readonly PairWrite[]>, seen: ReadonlySet<number> = new Set()): boolean {
  switch (r.k) {
    case 'role':
      return !decls.roles[r.role]!.symmetric;
    case 'cpu':
      return !decls.roles[cpuRoles[r.cpu] ?? 0]!.symmetric;
    case 'mask': {
      if (seen.has(r.obj)) return true;
      const ws = writes.get(r.obj) ?? [];
      const next = new Set([...seen, r.obj]);
      return ws.every((w) => w.instr.op === 'store' && isClear(w.instr) ? true : safeRef(w.index, decls, cpuRoles, writes, next));
    }
    case 'unknown':
      return false;
  }
}

/** A store of 0 clears a bit: it adds no CPU to the mask's range. */
function isClear(i: Instr): boolean {
  return i.op === 'store' && i.val.k === 'c' && i.val.v === 0;
}

function cpuRef(c: CpuSel | null, role: number): CpuRef {
  if (c === null) return { k: 'unknown' };
  if (c.k === 'self') return { k: 'role', role };
  if (c.k === 'task') return { k: 'unknown' };
  return valRef(c.v, role);
}

export function valRef(v: Val, role: number): CpuRef {
  if (v.k === 'c') return { k: 'cpu', cpu: v.v };
  if (v.r.selfId === true || v.r.selfPtr === true) return { k: 'role', role };
  return v.r.rangeMask !== undefined ? { k: 'mask', obj: v.r.rangeMask } : { k: 'unknown' };
}

/** The value indexing the CPU-indexed part along the address's path, or null if none. */
function byCpuIndex(t: CType, a: Extract<Addr, { k: 'obj' }>): Val | null {
  let cur: CType = t;
  for (const p of a.path) {
    if (cur.kind === 'struct' && p.k === 'field') cur = cur.fields[p.index]!.type;
    else if (cur.kind === 'array' && p.k === 'index') {
      if (cur.length < 0) return p.v;
      cur = cur.elem;
    } else if (cur.kind === 'cpumask' && p.k === 'index') return p.v;
    else return null;
  }
  return null;
}
