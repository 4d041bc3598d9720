/**
 * What a WITNESS function may look at beyond the model's objects: the hardware's per-CPU
 * state and where a CPU's code is. Read-only, and only in witnesses (a race window is a
 * condition on the state, as a TypeScript scenario's `sometimes` property is):
 *
 *   __cached(cpu, &T)     the CPU's paging-structure cache holds T (and the TLB through it)
 *   __mm_loaded(cpu)      the CPU's cr3 holds a user mm (it can walk the model's slots)
 *   __irqs_off(cpu)       the CPU's interrupts are off
 *   __ipi_pending(cpu)    the call-function IPI is raised on the CPU and not yet taken
 *   __pt_state(&T)        the life state of page table T (PT_LIVE, PT_DEPOSITED, ...)
 *   __tlbi_pending(cpu)   a TLB invalidation issued without its DSB or TLBSYNC is pending on
 *                         one of the CPU's translations or walk-cache entries (arm64
 *                         __tlbi(), x86 __invlpgb())
 *   __at(cpu, fn)         the CPU is about to run a step of function fn (the step of its
 *                         interrupt handler if it is in one, else of the function it runs;
 *                         in a model with tasks, of the task running on it, if any)
 */
import type { State } from '../../core/model.js';
import type { HwOp } from '../exec/codegen.js';
import type { HwRuntime } from '../hardware/hardware.js';
import type { BuiltStep } from '../steps/unit.js';
import type { RoleUnit } from './units.js';
import { pendingFieldNames } from '../hardware/mmu.js';

export const VIEWS = ['__cached', '__mm_loaded', '__irqs_off', '__ipi_pending', '__pt_state', '__tlbi_pending'] as const;

interface ViewFields {
  readonly prog: number;
  readonly pc: number;
  readonly altpc: number;
  readonly irqpc: number;
}

/** The view named `name` (`__at:fn` for __at), or undefined. */
export function hardwareViews(
  rt: HwRuntime,
  roles: readonly (readonly { unit: RoleUnit; steps: readonly BuiltStep[] }[])[],
  f: ViewFields,
  /** In a model with tasks: the actor of the task running on the CPU (./tasks.ts), or -1. */
  runningTask?: (s: State, cpu: number) => number,
  /** ... and the role of each actor (the spec's). */
  actorRoles?: readonly number[],
): (name: string) => HwOp | undefined {
  const field = (n: string): number | null => {
    try {
      return rt.c(n);
    } catch {
      return null;
    }
  };
  const cpuField = (n: string) => {
    const k = field(n);
    return (s: State, cpu: number): number => (k === null ? 0 : s[rt.base(cpu) + k]!);
  };
  const irqs = cpuField('irqs_off');
  const ipi = cpuField('ipi');
  const cr3 = cpuField('cr3');
  const init = rt.sym.objectByName.get('init_mm');
  const initMm = init === undefined ? -1 : rt.addrs.ofObject(init.id, null);
  const tableOf = (ptr: number): { obj: number; name: string } | null => {
    const o = rt.addrs.objOf[ptr] ?? -1;
    const d = o < 0 ? undefined : rt.sym.objects[o];
    return d !== undefined && d.type.kind === 'hw' && d.type.what === 'page_table' ? { obj: d.id, name: d.name } : null;
  };
  const fnAt = stepFunctions(roles, runningTask, actorRoles);
  return (name) => {
    switch (name) {
      case '__cached':
        return {
          run: (x, [cpu, ptr]) => {
            const t = tableOf(ptr ?? 0);
            const k = t === null ? null : field(`psc.${t.name}`);
            return k === null ? 0 : x.s[rt.base(cpu ?? 0) + k]!;
          },
        };
      case '__mm_loaded':
        return { run: (x, [cpu]) => (cr3(x.s, cpu ?? 0) !== 0 && cr3(x.s, cpu ?? 0) !== initMm ? 1 : 0) };
      case '__irqs_off':
        return { run: (x, [cpu]) => irqs(x.s, cpu ?? 0) };
      case '__ipi_pending':
        return { run: (x, [cpu]) => ipi(x.s, cpu ?? 0) };
      case '__tlbi_pending': {
        const pendingOf = (o: (typeof rt.sym.objects)[number]): string[] => {
          if (o.perCpu) return [];
          if (o.type.kind === 'pointer' && o.type.entry === 'pte') return pendingFieldNames(o.name, rt.cpus);
          return o.type.kind === 'hw' && o.type.what === 'page_table' ? pendingFieldNames(`psc.${o.name}`, rt.cpus) : [];
        };
        const pend = rt.sym.objects.flatMap((o) => pendingOf(o).map(field)).filter((k): k is number => k !== null);
        return { run: (x, [cpu]) => (pend.some((k) => x.s[rt.base(cpu ?? 0) + k] !== 0) ? 1 : 0) };
      }
      case '__pt_state':
        return {
          run: (x, [ptr]) => {
            const t = tableOf(ptr ?? 0);
            return t === null ? 0 : x.s[rt.objectByte(t.obj, 0, 0)]!;
          },
        };
      default: {
        if (!name.startsWith('__at:')) return undefined;
        const fn = name.slice('__at:'.length);
        return { run: (x, [cpu]) => (fnAt(x.s, cpu ?? 0, rt, f) === fn ? 1 : 0) };
      }
    }
  };
}

/** The function the CPU's next step belongs to (its handler's, its alternative's or its program's). */
function stepFunctions(roles: readonly (readonly { unit: RoleUnit; steps: readonly BuiltStep[] }[])[], runningTask?: (s: State, cpu: number) => number, actorRoles?: readonly number[]) {
  const fnOf = (u: { unit: RoleUnit; steps: readonly BuiltStep[] }): string[] => u.steps.map((st) => u.unit.unit.instrs[st.start]!.inFn ?? u.unit.fn);
  const tables = roles.map((units) => {
    const progs = units.filter((u) => u.unit.kind === 'program').map(fnOf);
    const alts: string[] = [''];
    for (const u of units) if (u.unit.kind === 'alt') alts.push(...fnOf(u));
    const irq = units.find((u) => u.unit.kind === 'irq');
    return { progs, alts, irq: irq === undefined ? [] : fnOf(irq) };
  });
  return (s: State, cpu: number, rt: HwRuntime, f: ViewFields): string | undefined => {
    const t = tables[rt.cpuRoles[cpu]!]!;
    const b = rt.base(cpu);
    if (s[b + f.irqpc] !== 0) return t.irq[s[b + f.irqpc]! - 1];
    if (s[b + f.altpc] !== 0) return t.alts[s[b + f.altpc]!];
    if (runningTask !== undefined && actorRoles !== undefined) {
      const a = runningTask(s, cpu);
      if (a < 0) return undefined;
      const tb = rt.base(a);
      const prog = s[tb + f.prog]!;
      return prog === 0 ? undefined : tables[actorRoles[a]!]!.progs[prog - 1]?.[s[tb + f.pc]!];
    }
    const prog = s[b + f.prog]!;
    return prog === 0 ? undefined : t.progs[prog - 1]?.[s[b + f.pc]!];
  };
}
