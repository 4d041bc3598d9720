/**
 * What an action is, for traces and reports: the CPU, its role, the step's kernel name, source
 * and text. Actions are numbered as src/core/compile.ts numbers them: action = cpu * K + local,
 * local 0 the CPU's next program step, 1..E its role's events, then a choice of program.
 */
import type { StepInfo, StepKind } from './machine.js';
import type { Role, State, Step } from './model.js';

export function stepInfo(
  model: string,
  roleOf: (cpu: number) => Role,
  currentStep: (s: State, cpu: number) => Step | undefined,
  stride: number,
): (s: State, action: number) => StepInfo {
  return (s, action) => {
    const cpu = Math.floor(action / stride);
    const local = action % stride;
    const role = roleOf(cpu);
    /** Who runs the step, for reports: the task's CPU, or another CPU acting on this one. */
    const where = (step?: Step): { on?: number; by?: number } => ({
      ...(role.runsOn !== undefined ? { on: role.runsOn(s, cpu) } : {}),
      ...(step?.by !== undefined && step.by(s, cpu) !== cpu ? { by: step.by(s, cpu) } : {}),
    });
    const describe = (step: Step, kind: StepKind): StepInfo => ({
      cpu,
      role: role.name,
      kind,
      name: step.name,
      source: step.source,
      text: stepText(step, s, cpu),
      tags: step.tags ?? [],
      ...(step.ipi !== undefined ? { ipi: step.ipi } : {}),
      ...where(step),
    });
    if (local === 0) {
      const step = currentStep(s, cpu);
      if (step === undefined) throw new Error(`${model}: CPU${cpu} has no program step`);
      return describe(step, 'program');
    }
    if (local <= role.events.length) return describe(role.events[local - 1]!, 'event');
    const program = role.programs[local - role.events.length - 1]!;
    return { cpu, role: role.name, kind: 'choose', name: program.name, source: program.source, text: program.name, tags: [], ...where() };
  };
}

/** The step's text as the diagram draws it, from the state before the step. */
export const stepText = (step: Step, s: State, cpu: number): string => (typeof step.text === 'function' ? step.text(s, cpu) : (step.text ?? step.name));
