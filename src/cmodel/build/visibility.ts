/**
 * Which instructions another CPU, or this CPU's own interrupt handlers and hardware, could
 * observe: those are steps of their own; the rest merge into the step before them. Memory an
 * object has is private when only one CPU's main code ever touches it — a per-CPU object only
 * through `this_cpu_*`/`this_cpu_ptr()` from program code, or a shared object only from the
 * program of a role that has one CPU — and no handler, alternative or hardware part touches
 * it. A private access commutes with everything any other actor does, so merging it loses no
 * behaviour (the reduction SPIN applies to local statements).
 *
 * A load is not observable either when no code can change what it reads in the meantime: a
 * location no code writes (a field set only by an initialiser, like `vma->vm_mm`), or one
 * only the loading CPU's own code writes, outside interrupt handlers (its own per-CPU data
 * written through `this_cpu_*`, or a shared object of a one-CPU role). Other CPUs may read it;
 * the load still reads the same value whenever it runs, so it commutes with their steps.
 *
 * In a model with tasks (./tasks.ts) the CPU's per-CPU data is shared by every task that runs
 * there, and a task may move to another CPU between two steps: no per-CPU access is private or
 * quiet, and reading the CPU's number (`smp_processor_id()`) is a step of its own (merged into
 * the step before it, it would be read before a migration that can come between the two).
 */
import type { MemoryModelName } from '../../memory/model-name.js';
import type { Addr, Instr } from '../ir.js';
import type { HwOpInfo } from '../hardware/hardware.js';
import type { Symbols } from '../symbols.js';
import { pointeesOf } from '../pointees.js';
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
  tasks = false,
): Visibility {
  const shared = new Set<string>();
  const ownerRole = new Map<string, number>();
  const written = new Set<string>();
  const note = (a: Addr, role: number, kind: RoleUnit['kind'], writes: boolean): void => {
    if (a.k === 'ptr') {
      // Through a pointer: every object of the pointer's type (src/cmodel/pointees.ts), whole.
      for (const o of pointeesOf(sym.objects, a.to)) {
        shared.add(`${o.id}`);
        if (writes) written.add(`${o.id}`);
      }
      return;
    }
    const key = partKey(sym, a);
    if (writes) written.add(key);
    const decl = sym.objects[a.obj]!;
    if (kind !== 'program') shared.add(key);
    if (decl.perCpu) {
      if (tasks || a.cpu === null || a.cpu.k !== 'self') shared.add(key);
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
    if (hwTouched.has(obj)) return false;
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
  const quiet = quietLoads(sym, roles, hwTouched, tasks);
  return {
    isPrivate,
    visible: (i) => {
      switch (i.op) {
        case 'load':
          return !privateAddr(i.addr) && !quiet.has(i);
        case 'store':
        case 'rmw':
          return !privateAddr(i.addr);
        case 'fence':
          return mm !== 'sc';
        case 'wait':
          return true;
        case 'hw':
          return hwInfo(i.name).visible;
        case 'cpuid':
          // A task's own number never changes; the CPU it runs on may between two steps.
          return tasks && i.task !== true;
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

/** A location accessed: which object, which instance, which path (`*` for a run-time index). */
interface Access {
  readonly obj: number;
  /** The executing CPU's instance of a per-CPU object, another's or unknown, or a shared object. */
  readonly cpu: 'self' | 'other' | 'shared';
  readonly path: readonly (number | '*')[];
  readonly role: number;
  readonly irq: boolean;
}

function accessesOf(sym: Symbols, a: Addr, role: number, irq: boolean): Access[] {
  const path = a.path.map((p) => (p.k === 'field' ? p.index : p.v.k === 'c' ? p.v.v : '*'));
  if (a.k === 'ptr') {
    // A pointer known to name the executing CPU's instance (this_cpu_ptr(), ../ir.ts selfPtr).
    const own = a.ptr.k === 'r' && a.ptr.r.cpuValued && a.ptr.r.selfPtr === true;
    return pointeesOf(sym.objects, a.to).map((o) => ({ obj: o.id, cpu: !o.perCpu ? 'shared' : own ? 'self' : 'other', path, role, irq }));
  }
  const cpu = !sym.objects[a.obj]!.perCpu ? 'shared' : a.cpu !== null && a.cpu.k === 'self' ? 'self' : 'other';
  return [{ obj: a.obj, cpu, path, role, irq }];
}

/** Two paths into one object may name the same location (a run-time index matches any). */
function overlap(p: readonly (number | '*')[], q: readonly (number | '*')[]): boolean {
  for (let k = 0; k < Math.min(p.length, q.length); k++) if (p[k] !== '*' && q[k] !== '*' && p[k] !== q[k]) return false;
  return true;
}

/** The loads whose value no other actor can change (see the header). */
function quietLoads(sym: Symbols, roles: readonly { readonly units: readonly RoleUnit[]; readonly cpus: number }[], hwTouched: ReadonlySet<number>, tasks: boolean): Set<Instr> {
  const writes: Access[] = [];
  roles.forEach((r, ri) => {
    for (const u of r.units) {
      for (const i of u.unit.instrs) {
        if (i.op === 'store' || i.op === 'rmw') writes.push(...accessesOf(sym, i.addr, ri, u.kind === 'irq'));
        if (i.op === 'hw') for (const a of i.addrs) writes.push(...accessesOf(sym, a, ri, u.kind === 'irq'));
      }
    }
  });
  const byObj = new Map<number, Access[]>();
  for (const w of writes) byObj.set(w.obj, [...(byObj.get(w.obj) ?? []), w]);
  /** Only the loading CPU's code (handlers with handlers, main code with main code) writes it. */
  const ownWriter = (w: Access, l: Access): boolean => {
    if (w.irq !== l.irq) return false;
    // Another task on the same CPU writes the same instance.
    if (l.cpu === 'self') return !tasks && w.cpu === 'self';
    return l.cpu === 'shared' && w.role === l.role && roles[l.role]!.cpus === 1;
  };
  const out = new Set<Instr>();
  roles.forEach((r, ri) => {
    for (const u of r.units) {
      for (const i of u.unit.instrs) {
        if (i.op !== 'load') continue;
        const ls = accessesOf(sym, i.addr, ri, u.kind === 'irq');
        const quietAt = (l: Access): boolean => !hwTouched.has(l.obj) && (byObj.get(l.obj) ?? []).filter((w) => overlap(w.path, l.path)).every((w) => ownWriter(w, l));
        if (ls.length > 0 && ls.every(quietAt)) out.add(i);
      }
    }
  });
  return out;
}
