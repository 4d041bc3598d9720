/**
 * The hardware parts, in the order their fields are laid out. A part the model does not use
 * (none of its actions is called, none of its objects declared) adds no state.
 */
import { CPU_OPS, cpuPart } from './cpu.js';
import type { HardwarePart, HwOpInfo } from './hardware.js';
import { hypervisorPart } from './hypervisor.js';
import { MMU_OPS, mmuPart } from './mmu.js';
import { RCU_OPS, rcuPart } from './rcu.js';
import { TEXT_OPS, textPart } from './text.js';
import { TASK_OP_INFO } from '../build/tasks.js';

export const HARDWARE_PARTS: readonly HardwarePart[] = [cpuPart, mmuPart, hypervisorPart, rcuPart, textPart];

const visible: HwOpInfo = { visible: true, blocking: false };

/** Actions a witness may call: they read what this CPU's hardware holds, and change nothing. */
export const HW_QUERIES: ReadonlySet<string> = new Set(['__insn_fetch', 'irqs_disabled', '__tlb_cached']);

/** Static facts about every hardware action, by name. */
export const HW_OP_INFO: Readonly<Record<string, HwOpInfo>> = {
  ...Object.fromEntries([...CPU_OPS, ...MMU_OPS, ...RCU_OPS, ...TEXT_OPS].map((o) => [o, visible])),
  // Reading the CPU's own IRQ flag: only this CPU's code changes it (handlers restore it).
  irqs_disabled: { visible: false, blocking: false },
  __tlb_cached: { visible: true, blocking: false },
  __rcu_gp_wait: { visible: true, blocking: true },
  // A task's preempt and migrate-disable counts (../build/tasks.ts): step boundaries.
  ...TASK_OP_INFO,
};
