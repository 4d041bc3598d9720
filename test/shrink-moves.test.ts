/**
 * Shrinking past a detour: traces the random engine once reported, which no deletion of steps
 * can shorten (each CPU's steps are all needed on the path they took), shrink to the BFS
 * length once a run of one CPU's steps may be replaced by one other step of that CPU: a
 * program choice that avoids the IPI, a preemption instead of finishing the call. And the
 * scheduler only ever picks an enabled step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../src/check.js';
import { replayNamed, type NamedStep } from '../src/core/replay.js';
import type { StepKind } from '../src/core/machine.js';
import { bfs } from '../src/engines/bfs.js';
import { MAX_CHOICE, pickAction, STICKINESS_LEVELS } from '../src/engines/schedule.js';
import { shrinkSteps } from '../src/engines/shrink.js';
import { findScenario } from '../src/scenarios/index.js';

const named = (steps: readonly (readonly [number, StepKind, string])[]): NamedStep[] => steps.map(([cpu, kind, step]) => ({ cpu, kind, step }));

function shrinksToBfsLength(scenario: string, variant: string, steps: NamedStep[]): void {
  const sc = findScenario(scenario)!;
  const m = buildMachine(sc, variant, 'x86-native', sc.defaultCpus);
  const long = replayNamed(m, steps);
  expect(long.outcome).toBe('violated');
  if (long.outcome !== 'violated') return;
  const shortest = bfs(m, { symmetry: true, maxStates: 1_000_000, timeoutMs: 60_000 });
  expect(shortest.verdict).toBe('violated');
  if (shortest.verdict !== 'violated') return;
  const shrunk = shrinkSteps(m, long.actions, long.property);
  expect(shrunk.length).toBeLessThan(long.actions.length);
  expect(shrunk.length).toBe(shortest.trace.length);
}

describe('shrinking by replacing a run of one CPU', () => {
  it('ct-defer/coalesce-tlbi-freed-tables: the CPU that went idle and took the flush IPI chooses user instead (16 -> 12 steps)', () => {
    const idle = 'idle: do_idle ... cpuidle_enter';
    const user = 'user: idtentry ... iretq';
    shrinksToBfsLength('ct-defer', 'coalesce-tlbi-freed-tables', named([
      [0, 'program', 'vunmap_range_noflush'],
      [0, 'program', 'smp_mb'],
      [0, 'program', 'on_each_cpu_cond'],
      [2, 'choose', user],
      [2, 'event', 'kernel_cr3_loaded'],
      [1, 'event', 'kernel_cr3_loaded'],
      [1, 'choose', idle],
      [0, 'program', 'smp_call_function_many'],
      [1, 'program', 'do_idle'],
      [1, 'program', 'arch_cpu_idle'],
      [1, 'program', 'ct_kernel_enter_state'],
      [1, 'event', 'do_kernel_range_flush'],
      [0, 'program', 'csd_lock_wait'],
      [0, 'program', 'flush_tlb_kernel_range'],
      [0, 'program', 'pte_free_kernel'],
      [2, 'event', 'page walk via paging-structure cache'],
    ]));
  });

  it('preempt-wait/preempt-wait-free-csd-offline: task A is preempted instead of finishing its call (18 -> 15 steps)', () => {
    shrinksToBfsLength('preempt-wait', 'preempt-wait-free-csd-offline', named([
      [0, 'program', 'preempt_disable'],
      [0, 'program', 'cpumask_and'],
      [0, 'program', 'csd_lock'],
      [0, 'program', 'csd_lock'],
      [0, 'program', 'send_call_function_ipi_mask'],
      [0, 'program', 'preempt_enable'],
      [2, 'event', 'flush_smp_call_function_queue'],
      [3, 'event', 'flush_smp_call_function_queue'],
      [0, 'program', 'csd_lock_wait'],
      [0, 'program', 'csd_lock_wait'],
      [0, 'program', 'return'],
      [1, 'event', 'context_switch'],
      [1, 'program', 'preempt_disable'],
      [1, 'program', 'cpumask_and'],
      [1, 'program', 'csd_lock'],
      [1, 'program', 'send_call_function_ipi_mask'],
      [1, 'program', 'preempt_enable'],
      [2, 'event', 'takedown_cpu(CPU0)'],
    ]));
  });
});

describe('random scheduler', () => {
  it('picks an enabled step, and with full stickiness stays on the CPU that took the last one', () => {
    const perCpu = 4;
    const cpus = 3;
    const arb = fc.tuple(
      fc.uniqueArray(fc.nat({ max: perCpu * cpus - 1 }), { minLength: 1, maxLength: perCpu * cpus }),
      fc.integer({ min: 0, max: STICKINESS_LEVELS - 1 }),
      fc.nat({ max: MAX_CHOICE }),
      fc.integer({ min: -1, max: cpus - 1 }),
    );
    fc.assert(
      fc.property(arb, ([actions, stickiness, choice, last]) => {
        const enabled = Int32Array.from([...actions].sort((a, b) => a - b));
        const a = pickAction(enabled, enabled.length, perCpu, last, stickiness, choice, new Int32Array(cpus));
        expect(enabled).toContain(a);
        const lastHasStep = last >= 0 && actions.some((x) => Math.floor(x / perCpu) === last);
        const draw = (choice >>> 20) % STICKINESS_LEVELS;
        if (lastHasStep && draw < stickiness) expect(Math.floor(a / perCpu)).toBe(last);
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});
