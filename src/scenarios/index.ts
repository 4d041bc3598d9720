/** Every scenario, by name: the only list a new scenario is added to. */
import { arm64Batch } from './arm64-batch/index.js';
import { ctDefer } from './ct-defer/index.js';
import { eqsKick } from './eqs-kick/index.js';
import { kickAsync } from './kick-async/index.js';
import { mmuGather } from './mmu-gather/index.js';
import { preemptWait } from './preempt-wait/index.js';
import type { Scenario } from './scenario.js';
import { cModelScenario, isCModelPath } from '../cmodel/scenario.js';

export const SCENARIOS: readonly Scenario[] = [mmuGather, eqsKick, ctDefer, kickAsync, arm64Batch, preemptWait];

/** A scenario by name, or a C model by its path (`models/mmu-gather.c`; the C grammar must be loaded). */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name) ?? (isCModelPath(name) ? cModelScenario(name) : undefined);
}
