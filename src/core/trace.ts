/** A step of a trace as files and reports store it: by CPU and kernel name, not by number. */
import type { StepInfo, StepKind } from './machine.js';

export interface TraceStep {
  readonly cpu: number;
  readonly role: string;
  readonly kind: StepKind;
  readonly step: string;
  readonly text: string;
  readonly source: string;
  /** The CPU number a task runs on (reports draw a migrated task where it runs). */
  readonly on?: number;
  /** The CPU index that executes the step when it is not `cpu` (a sender reading a target). */
  readonly by?: number;
}

export function toTraceSteps(steps: readonly StepInfo[]): TraceStep[] {
  return steps.map((s) => ({
    cpu: s.cpu,
    role: s.role,
    kind: s.kind,
    step: s.name,
    text: s.text,
    source: s.source,
    ...(s.on !== undefined ? { on: s.on } : {}),
    ...(s.by !== undefined ? { by: s.by } : {}),
  }));
}
