/**
 * A trace step as files store it (src/core/trace.ts): by CPU, role and kernel name, with the
 * CPU a task runs on and the CPU that executes the step only where the step has them.
 */
import { describe, expect, it } from 'vitest';
import type { StepInfo } from '../src/core/machine.js';
import { toTraceSteps } from '../src/core/trace.js';

const info = (more: Partial<StepInfo> = {}): StepInfo => ({ cpu: 1, role: 'r', kind: 'program', name: 'flush', source: 'a.c:3', text: 'flush_tlb()', tags: ['flush'], ipi: 'send', ...more });

describe('trace steps', () => {
  it('keep CPU, role, kind, name, text and source, and drop tags and IPI roles', () => {
    expect(toTraceSteps([info()])).toStrictEqual([{ cpu: 1, role: 'r', kind: 'program', step: 'flush', text: 'flush_tlb()', source: 'a.c:3' }]);
  });

  it('say where a task runs and who executes the step only where the step says', () => {
    expect(toTraceSteps([info({ on: 0 }), info({ by: 0 }), info({ on: 2, by: 3 })])).toStrictEqual([
      { cpu: 1, role: 'r', kind: 'program', step: 'flush', text: 'flush_tlb()', source: 'a.c:3', on: 0 },
      { cpu: 1, role: 'r', kind: 'program', step: 'flush', text: 'flush_tlb()', source: 'a.c:3', by: 0 },
      { cpu: 1, role: 'r', kind: 'program', step: 'flush', text: 'flush_tlb()', source: 'a.c:3', on: 2, by: 3 },
    ]);
  });
});
