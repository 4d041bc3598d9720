/**
 * Which instructions another CPU, or this CPU's own interrupt handlers and hardware, could
 * observe: those are steps of their own; the rest merge into the step before them. Memory an
 * object has is private when only one CPU's main code ever touches it — a per-CPU object only
 * through `this_cpu_*`/`this_cpu_ptr()` from program code, or a shared object only from the
 * program of a role that has one CPU — and no handler, alternative or hardware part touches
 * it. A private access commutes with everything any other actor does, so merging it loses no
 * behaviour (the reduction SPIN applies to local statements).
 */
import type { MemoryModelName } from '../../memory/model-name.js';
import type { Addr, Instr } from '../ir.js';
import type { HwOpInfo } from '../hardware/hardware.js';
import type { Symbols } from '../symbols.js';
import type { RoleUnit } from './units.js';

export interface Visibility {
  readonly visible: (i: Instr) => boolean;
  /** Is this part (an object, or one top-level member of a struct object) private? */
  readonly isPrivate: (obj: number, member: number | null) => boolean;
}

/**
 * Privacy is decided per part: a whole object, or each top-level member of a struct object on
 * its own (a sender's `cfd->cpumask` is private while the `csd`s beside it are read by the
 * targets' handlers).
 */
export function partKey(sym: Symbols, a: Extract<Addr, { k: 'obj' }>): string {
  const t = sym.objects[a.obj]!.type;
  const first = a.path[0];
  return t.kind === 'struct' && first !== undefined && first.k === 'field' ? `${a.obj}.${first.index}` : `${a.obj}`;
}

export function computeVisibility(
  sym: Symbols,
  roles: readonly { readonly units: readonly RoleUnit[]; readonly cpus: number }[],
  hwTouched: ReadonlySet<number>,
  ghosts: ReadonlySet<number>,
  hwInfo: (name: string) => HwOpInfo,
  mm: MemoryModelName,
): Visibility {
  const sharedObjects = new Set<number>(hwTouched);
  const shared = new Set<string>();
  const ownerRole = new Map<string, number>();
  const written = new Set<string>();
  let everything = false;
  const note = (a: Addr, role: number, kind: RoleUnit['kind'], writes: boolean): void => {
    if (a.k === 'ptr') {
      everything = true;
      return;
    }
    const key = partKey(sym, a);
    if (writes) written.add(key);
    const decl = sym.objects[a.obj]!;
    if (kind !== 'program') shared.add(key);
    if (decl.perCpu) {
      if (a.cpu === null || a.cpu.k !== 'self') shared.add(key);
      return;
    }
    const prev = ownerRole.get(key);
    if (prev !== undefined && prev !== role) shared.add(key);
    ownerRole.set(key, role);
    if (roles[role]!.cpus !== 1) shared.add(key);
  };
  roles.forEach((r, ri) => {
    for (const u of r.units) {
      for (const i of u.unit.instrs) {
        const writes = i.op === 'store' || i.op === 'rmw' || i.op === 'hw';
        forEachAddr(i, (a) => note(a, ri, u.kind, writes));
      }
    }
  });
  // Ghost state is no exception: its reads must happen when they happen (another CPU may
  // write it), so a ghost is private only if one CPU's program alone touches it.
  void ghosts;
  const isPrivate = (obj: number, member: number | null): boolean => {
    if (everything || sharedObjects.has(obj)) return false;
    const key = member === null ? `${obj}` : `${obj}.${member}`;
    // Memory nobody writes (cpu_online_mask) reads the same for everyone at any time.
    if (!written.has(key) && !written.has(`${obj}`)) return true;
    return !shared.has(key) && !shared.has(`${obj}`);
  };
  const privateAddr = (a: Addr): boolean => {
    if (a.k !== 'obj') return false;
    const first = a.path[0];
    const member = sym.objects[a.obj]!.type.kind === 'struct' && first !== undefined && first.k === 'field' ? first.index : null;
    return isPrivate(a.obj, member);
  };
  return {
    isPrivate,
    visible: (i) => {
      switch (i.op) {
        case 'load':
        case 'store':
        case 'rmw':
          return !privateAddr(i.addr);
        case 'fence':
          return mm !== 'sc';
        case 'wait':
          return true;
        case 'hw':
          return hwInfo(i.name).visible;
        default:
          return false;
      }
    },
  };
}

export function forEachAddr(i: Instr, f: (a: Addr) => void): void {
  switch (i.op) {
    case 'load':
    case 'store':
    case 'rmw':
      f(i.addr);
      return;
    case 'hw':
      i.addrs.forEach(f);
      return;
    case 'wait':
      for (const c of i.cond) forEachAddr(c, f);
      return;
    default:
      return;
  }
}
