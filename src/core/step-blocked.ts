/**
 * Thrown by a step's `run` in a state where the step cannot run (its guard is false there: a C
 * model's step stops at a wait it cannot pass, src/cmodel/steps/unit.ts). The engines run a
 * step only where it is enabled, so they never see it; the analyses that run steps on states
 * the search may never reach (the footprints of the partial-order reduction, the explanation of
 * what a blocked CPU waits for) pass over such a state: the step does nothing there.
 */
export class StepBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepBlocked';
  }
}
