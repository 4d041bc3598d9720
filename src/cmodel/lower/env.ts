/**
 * What lowering a code unit needs from the model as a whole: its symbols, pointer values, the
 * configuration, the built-in functions (kernel API and hardware), and the registry of the
 * properties `BUG_ON` sites and hardware hazards become.
 */
import type { Loc } from '../../c/ast.js';
import type { ArchConfig } from '../../arch/arch.js';
import type { MemoryModelName } from '../../memory/model-name.js';
import type { AddressTable } from '../addresses.js';
import type { Symbols } from '../symbols.js';
import type { AtomicTrust } from './atomic-trust.js';

/** A property a code site asserts (BUG_ON) or the hardware checks (a hazard). */
export interface PropertySite {
  readonly id: number;
  /** Stable name: `no-walker-reads-freed-table`, or `BUG_ON(cond)` as written. */
  readonly name: string;
  readonly doc: string;
  readonly loc: Loc | null;
}

export class PropertyRegistry {
  readonly sites: PropertySite[] = [];

  /** The property of this name (one per name: several BUG_ON sites of one text share it). */
  intern(name: string, doc: string, loc: Loc | null): number {
    const prev = this.sites.find((p) => p.name === name);
    if (prev !== undefined) return prev.id;
    this.sites.push({ id: this.sites.length + 1, name, doc, loc });
    return this.sites.length;
  }
}

export interface LowerEnv {
  readonly sym: Symbols;
  readonly addrs: AddressTable;
  readonly cpus: number;
  readonly arch: ArchConfig;
  readonly mm: MemoryModelName;
  readonly props: PropertyRegistry;
  /** Functions whose address is taken somewhere (candidates of an indirect call). */
  readonly addressTaken: ReadonlySet<string>;
  /**
   * The model declares tasks (TASK(...)): code runs in tasks the scheduler preempts and
   * migrates, so preempt_disable() and friends count (../build/tasks.ts).
   */
  readonly tasks?: boolean;
  /**
   * The model declares HOTPLUG(...): `cpu_online_mask` is memory that CPU offlining writes
   * (set_cpu_online()), not the constant mask of every CPU (../build/hotplug.ts).
   */
  readonly hotplug?: boolean;
  /** Which `__atomic_block`s the patch reached into, compiled step by step (./atomic-trust.ts). */
  readonly atomicTrust?: AtomicTrust;
}
