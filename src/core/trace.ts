/** A step of a trace as files and reports store it: by CPU and kernel name, not by number. */
import type { StepInfo, StepKind } from './machine.js';

export interface TraceStep {
  readonly cpu: number;
  readonly role: string;
  readonly kind: StepKind;
  readonly step: string;
  readonly text: string;
  readonly source: string;
}

export function toTraceSteps(steps: readonly StepInfo[]): TraceStep[] {
  return steps.map((s) => ({ cpu: s.cpu, role: s.role, kind: s.kind, step: s.name, text: s.text, source: s.source }));
}
