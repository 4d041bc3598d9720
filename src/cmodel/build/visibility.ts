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
  readonly privateObjects: ReadonlySet<number>;
}

export function computeVisibility(
  sym: Symbols,
  roles: readonly { readonly units: readonly RoleUnit[]; readonly cpus: number }[],
  hwTouched: ReadonlySet<number>,
  ghosts: ReadonlySet<number>,
  hwInfo: (name: string) => HwOpInfo,
  mm: MemoryModelName,
): Visibility {
  const shared = new Set<number>(hwTouched);
  const ownerRole = new Map<number, number>();
  const allObjects = (): void => sym.objects.forEach((o) => shared.add(o.id));
  const note = (a: Addr, role: number, kind: RoleUnit['kind']): void => {
    if (a.k === 'ptr') return allObjects();
    const decl = sym.objects[a.obj]!;
    if (kind !== 'program') shared.add(a.obj);
    if (decl.perCpu) {
      if (a.cpu === null || a.cpu.k !== 'self') shared.add(a.obj);
      return;
    }
    const prev = ownerRole.get(a.obj);
    if (prev !== undefined && prev !== role) shared.add(a.obj);
    ownerRole.set(a.obj, role);
    if (roles[role]!.cpus !== 1) shared.add(a.obj);
  };
  roles.forEach((r, ri) => {
    for (const u of r.units) for (const i of u.unit.instrs) forEachAddr(i, (a) => note(a, ri, u.kind));
  });
  // Memory nobody writes (cpu_online_mask, constants kept in variables) reads the same for
  // everyone at any time: reading it commutes with every step.
  const written = new Set<number>(hwTouched);
  for (const r of roles) {
    for (const u of r.units) {
      for (const i of u.unit.instrs) {
        if (i.op === 'store' || i.op === 'rmw') {
          if (i.addr.k === 'ptr') sym.objects.forEach((o) => written.add(o.id));
          else written.add(i.addr.obj);
        }
        if (i.op === 'hw') i.addrs.forEach((a) => (a.k === 'obj' ? written.add(a.obj) : sym.objects.forEach((o) => written.add(o.id))));
      }
    }
  }
  for (const o of sym.objects) if (!written.has(o.id)) shared.delete(o.id);
  // Ghost state is no exception: its reads must happen when they happen (another CPU may
  // write it), so a ghost is private only if one CPU's program alone touches it.
  void ghosts;
  const privateObjects = new Set(sym.objects.map((o) => o.id).filter((id) => !shared.has(id)));
  const privateAddr = (a: Addr): boolean => a.k === 'obj' && privateObjects.has(a.obj);
  return {
    privateObjects,
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
