/**
 * Why a CPU cannot take its next step (Machine.blocked): its guard is false or the CPU is not
 * runnable; which fields would have to change (src/core/why-blocked.ts); and which step of
 * another CPU, run now, would let it go on.
 */
import type { Layout } from './layout.js';
import type { BlockedStep, Responder } from './machine.js';
import type { Role, State, Step } from './model.js';
import { StepBlocked } from './step-blocked.js';
import { stepText } from './step-info.js';
import { unblockingFields, unblockingSets } from './why-blocked.js';

const isProgramField = (f: { name: string }): boolean => f.name === 'prog' || f.name === 'pc';

export function blockedSteps<G extends string, C extends string>(
  layout: Layout<G, C>,
  roleOf: (cpu: number) => Role,
  currentStep: (s: State, cpu: number) => Step | undefined,
): (s: State) => BlockedStep[] {
  /** Steps of other CPUs that, run now (guards ignored), would make `guard` true. */
  const respondersTo = (s: State, self: number, guard: (x: State) => boolean): Responder[] => {
    const out: Responder[] = [];
    const next = new Uint8Array(layout.size);
    for (let cpu = 0; cpu < layout.cpus; cpu++) {
      if (cpu === self) continue;
      const role = roleOf(cpu);
      const runnable = (x: State): boolean => role.runnable === undefined || role.runnable(x, cpu);
      const cur = currentStep(s, cpu);
      const candidates: { step: Step; ignoresRunnable: boolean }[] = [
        ...(cur !== undefined ? [{ step: cur, ignoresRunnable: false }] : []),
        ...role.events.map((e) => ({ step: e, ignoresRunnable: e.ignoresRunnable === true })),
      ];
      for (const { step, ignoresRunnable } of candidates) {
        next.set(s);
        // A step that cannot run from here at all answers no waiter (./step-blocked.ts).
        try {
          step.run(next, cpu);
        } catch (e) {
          if (e instanceof StepBlocked) continue;
          throw e;
        }
        if (!guard(next)) continue;
        const g = (x: State): boolean => (ignoresRunnable || runnable(x)) && (step.enabled === undefined || step.enabled(x, cpu));
        out.push({ cpu, name: step.name, text: stepText(step, s, cpu), source: step.source, enabled: g(s), blockedBy: unblockingSets(layout, s, g, cpu, isProgramField) });
      }
    }
    return out;
  };

  return (s) => {
    const out: BlockedStep[] = [];
    for (let cpu = 0; cpu < layout.cpus; cpu++) {
      const role = roleOf(cpu);
      const step = currentStep(s, cpu);
      if (step === undefined) continue;
      const runnableNow = role.runnable === undefined || role.runnable(s, cpu);
      const guardNow = step.enabled === undefined || step.enabled(s, cpu);
      if (runnableNow && guardNow) continue;
      const guard = (x: State): boolean => (role.runnable === undefined || role.runnable(x, cpu)) && (step.enabled === undefined || step.enabled(x, cpu));
      out.push({
        cpu,
        role: role.name,
        name: step.name,
        source: step.source,
        text: stepText(step, s, cpu),
        tags: step.tags ?? [],
        reason: guardNow ? 'not-runnable' : 'guard',
        waitsFor: unblockingFields(layout, s, guard, isProgramField),
        responders: respondersTo(s, cpu, guard),
      });
    }
    return out;
  };
}
