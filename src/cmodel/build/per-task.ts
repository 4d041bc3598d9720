/**
 * Per-task objects (DEFINE_PER_TASK): one instance per task, in the task's actor block, named
 * in code by the plain name (the running task's instance) and passed by address (`&info`: that
 * task's instance, which other CPUs may then read, as the kernel's IPI callbacks read a
 * flush_tlb_info on the sender's stack). What the kernel keeps on a task's stack or in its
 * task_struct (`current->...`).
 *
 * Refused where no task runs or the object would not be a task's: in a model without tasks
 * (each CPU runs one thread: DEFINE_PER_CPU says the same), by name in an interrupt handler,
 * in `__switch_to()` or in a property (they run on a CPU, for no task: reach a task's instance
 * through a pointer), and for hardware objects and entries (a page, a page table, a PTE slot:
 * the MMU walks the mm's tables, not a task's).
 */
import { CError } from '../../c/error.js';
import type { Instr } from '../ir.js';
import type { Symbols } from '../symbols.js';
import type { CType } from '../types.js';
import { forEachAddr } from './visibility.js';

/** Refuses per-task objects a model cannot have (see the header). */
export function checkPerTaskObjects(sym: Symbols, taskMode: boolean): void {
  for (const o of sym.objects) {
    if (o.perTask !== true) continue;
    if (!taskMode) throw new CError(o.loc, `'${o.name}' is per-task (DEFINE_PER_TASK), but the model declares no TASK(...): in a model of roles each CPU runs one thread, so declare it DEFINE_PER_CPU`);
    if (hardwareIn(o.type)) throw new CError(o.loc, `'${o.name}': a page, page table or page-table entry cannot be per task (the MMU walks the mm's tables); declare it shared`);
  }
}

function hardwareIn(t: CType): boolean {
  switch (t.kind) {
    case 'hw':
      return true;
    case 'pointer':
      return t.entry !== undefined;
    case 'array':
      return hardwareIn(t.elem);
    case 'struct':
      return t.fields.some((f) => hardwareIn(f.type));
    default:
      return false;
  }
}

/** Refuses code that runs for no task (`where`) naming a per-task object. */
export function refuseTaskInstance(sym: Symbols, instrs: readonly Instr[], where: string): void {
  for (const i of instrs) {
    let named: number | null = null;
    forEachAddr(i, (a) => {
      if (a.k === 'obj' && a.cpu !== null && a.cpu.k === 'task') named = a.obj;
    });
    if (named === null && !(i.op === 'cpuid' && i.task === true)) continue;
    const name = named === null ? 'a per-task object' : `'${sym.objects[named]!.name}'`;
    throw new CError(i.loc, `${name} is per-task (DEFINE_PER_TASK), and ${where} runs on a CPU for no task: reach a task's instance through a pointer`);
  }
}
