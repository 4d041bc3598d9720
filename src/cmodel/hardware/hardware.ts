/**
 * The hardware and runtime a C model gets without writing them: what no kernel C can say.
 * Each part (./cpu.ts interrupts and IPIs, ./mmu.ts TLBs, paging-structure caches and
 * page-table pages, ./hypervisor.ts vCPU preemption, ./rcu.ts grace periods, ./text.ts the
 * instruction stream) contributes state fields, the actions the model calls (`hw` instructions,
 * lowered from built-in calls in src/cmodel/builtins/hardware.ts), events it fires by itself
 * (a speculative page walk, a vCPU preemption), and the hazards it watches (properties). The
 * configuration (`--arch`) chooses how each behaves.
 */
import type { ArchConfig } from '../../arch/arch.js';
import type { Layout } from '../../core/layout.js';
import type { State, Step } from '../../core/model.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import type { HwOp } from '../exec/codegen.js';
import type { Frame } from '../exec/frame.js';
import type { PropertyRegistry } from '../lower/env.js';
import type { ObjectStorage } from '../storage.js';
import type { FieldAllocator } from '../storage.js';
import type { Symbols } from '../symbols.js';
import type { RoleDecl } from '../declarations.js';
import type { AddressTable } from '../addresses.js';

/** What a hardware part sees of the model being built. */
export interface HwContext {
  readonly arch: ArchConfig;
  readonly addrs: AddressTable;
  readonly mm: MemoryModelName;
  readonly cpus: number;
  readonly sym: Symbols;
  readonly roles: readonly RoleDecl[];
  /** Role index of each CPU. */
  readonly cpuRoles: readonly number[];
  readonly props: PropertyRegistry;
  /** Names of the hardware actions the model's code uses (parts it does not use add nothing). */
  readonly usedOps: ReadonlySet<string>;
  /** The objects each role's code (its handlers included) may access, by role index. */
  readonly roleObjects: readonly ReadonlySet<number>[];
}

/** Available after the layout is fixed. */
export interface HwRuntime extends HwContext {
  readonly layout: Layout<string, string>;
  readonly storage: readonly ObjectStorage[];
  /** Byte of a global field by name. */
  readonly g: (name: string) => number;
  /** CPU-field index by name (add `base(cpu)`). */
  readonly c: (name: string) => number;
  readonly base: (cpu: number) => number;
  /** Records a violated property (hazard) in the state. */
  readonly violate: (s: State, property: number) => void;
  /** Byte of an object's scalar slot (`pmd`, a page table's life state) for CPU instance `cpu`. */
  readonly objectByte: (obj: number, slot: number, cpu: number) => number;
  readonly frame: Frame;
  /** The CPU runs (no hypervisor preempted it). */
  readonly running: (s: State, cpu: number) => boolean;
  /** Empties the CPU's TLB and paging-structure caches (a hypervisor's flush on its behalf). */
  readonly flushCpu: (s: State, cpu: number) => void;
}

/** How a CPU takes an interrupt: when it can, what entry and exit do (./cpu.ts provides it). */
export interface IrqEntry {
  readonly canEnter: (s: State, cpu: number) => boolean;
  /** The handler may go on (the CPU runs: a preempted vCPU runs nothing). */
  readonly running: (s: State, cpu: number) => boolean;
  readonly enter: (s: State, cpu: number) => void;
  readonly exit: (s: State, cpu: number) => void;
}

export interface HardwarePart {
  readonly name: string;
  /** Whether this part is present in the model (e.g. only if an op it provides is used). */
  readonly present: (cx: HwContext) => boolean;
  readonly allocate: (cx: HwContext, fa: FieldAllocator) => void;
  readonly ops: (rt: HwRuntime) => Record<string, HwOp>;
  /** Read-only forms of some actions, for witnesses (they change no state): names in HW_QUERIES. */
  readonly queries?: (rt: HwRuntime) => Record<string, HwOp>;
  /** Events the hardware fires on a CPU of role `role` (guards include runnability themselves). */
  readonly events: (rt: HwRuntime, role: number) => Step[];
  readonly init: (rt: HwRuntime, s: State) => void;
  /** Objects its events read or write directly (their accesses by code are always observable). */
  readonly touches: (cx: HwContext) => ReadonlySet<number>;
  /** Is the CPU able to run code now (not preempted by a hypervisor)? */
  readonly runnable?: (rt: HwRuntime) => ((s: State, cpu: number) => boolean) | null;
  /** What taking an exception and returning from one do (context synchronisation). */
  readonly exceptionHooks?: (rt: HwRuntime) => { readonly entry?: (s: State, cpu: number) => void; readonly exit?: (s: State, cpu: number) => void };
  /** Empties a CPU's caches (the MMU provides it). */
  readonly flushCpu?: (rt: HwRuntime) => (s: State, cpu: number) => void;
}

/** Facts about each hardware action the compiler needs before the layout exists. */
export interface HwOpInfo {
  /** Other CPUs, or this CPU's interrupts and hardware, can observe it: it is a step of its own. */
  readonly visible: boolean;
  /** It may wait (its step is enabled only when it can complete). */
  readonly blocking: boolean;
}
