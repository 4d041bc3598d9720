/**
 * Random toy models (./toy-spec.ts) for differential tests of the reductions: two global bytes
 * and one byte per CPU, values 0..2; a controller (or none) and workers whose steps wait for a
 * byte's value, write a constant, copy a byte or count one up, some skipped by an onlyIf; a
 * choice of programs, looping programs and events; the violation is a value of a global
 * byte (sometimes of two). The per-CPU field comes before `prog` and `pc` in each block, as a
 * C model may lay it out. Now and then a step acts on the first worker only, so that the
 * workers are not interchangeable as declared. Each is small enough for plain BFS in milliseconds, so a reduction's
 * verdict can be checked against the plain one on hundreds of them.
 */
import fc from 'fast-check';
import type { State } from '../../src/core/model.js';
import { field, toy, type Toy, type ToyDef, type ToyStepDef } from './toy-spec.js';

/** A byte a step names: a global, or a field of the CPU running it. */
interface Loc {
  readonly scope: 'g' | 'self';
  readonly i: number;
}
type Effect = { readonly kind: 'set'; readonly to: Loc; readonly v: number } | { readonly kind: 'copy'; readonly to: Loc; readonly from: Loc } | { readonly kind: 'inc'; readonly to: Loc };
interface StepDesc {
  readonly waitFor?: { readonly at: Loc; readonly v: number };
  readonly onlyIf?: { readonly at: Loc; readonly v: number };
  readonly effect: Effect;
  /** Only the first worker's step has the effect: a model that tells its workers apart. */
  readonly firstWorkerOnly?: boolean;
}
export interface RandomToy {
  readonly controller: readonly StepDesc[] | undefined;
  readonly controllerEvent: StepDesc | undefined;
  readonly worker: readonly (readonly StepDesc[])[];
  readonly workerEvent: StepDesc | undefined;
  readonly workerLoops: boolean;
  readonly bad: readonly { readonly g: number; readonly v: number }[];
}

const GLOBALS = ['g0', 'g1'];
const LOCALS = ['l0'];
const VALUES = 3;

const loc: fc.Arbitrary<Loc> = fc.oneof(fc.record({ scope: fc.constant('g' as const), i: fc.integer({ min: 0, max: GLOBALS.length - 1 }) }), fc.record({ scope: fc.constant('self' as const), i: fc.integer({ min: 0, max: LOCALS.length - 1 }) }));
const value = fc.integer({ min: 0, max: VALUES - 1 });
/** `arb` one time in `n`, else undefined. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.tuple(fc.integer({ min: 1, max: n }), arb).map(([k, v]) => (k === 1 ? v : undefined));
const effect: fc.Arbitrary<Effect> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), to: loc, v: value }),
  fc.record({ kind: fc.constant('copy' as const), to: loc, from: loc }),
  fc.record({ kind: fc.constant('inc' as const), to: loc }),
);
const step: fc.Arbitrary<StepDesc> = fc.record(
  {
    waitFor: oneIn(2, fc.record({ at: loc, v: value })),
    onlyIf: oneIn(4, fc.record({ at: loc, v: value })),
    effect,
    firstWorkerOnly: oneIn(12, fc.constant(true)),
  },
  { requiredKeys: ['effect'] },
);
const program = fc.array(step, { minLength: 1, maxLength: 3 });

export const randomToy: fc.Arbitrary<RandomToy> = fc.record({
  controller: oneIn(2, program),
  controllerEvent: oneIn(3, step),
  worker: fc.array(program, { minLength: 1, maxLength: 2 }),
  workerEvent: oneIn(3, step),
  workerLoops: fc.boolean(),
  bad: fc.array(fc.record({ g: fc.integer({ min: 0, max: GLOBALS.length - 1 }), v: fc.integer({ min: 1, max: VALUES - 1 }) }), { minLength: 1, maxLength: 2 }),
});

const byte = (t: Toy, cpu: number, l: Loc): number => (l.scope === 'g' ? t.g(GLOBALS[l.i]!) : t.at(cpu, LOCALS[l.i]!));

function stepDef(d: StepDesc, name: string): ToyStepDef {
  const run = (s: State, c: number, t: Toy): void => {
    if (d.firstWorkerOnly === true && c !== t.workers[0]) return;
    const e = d.effect;
    const to = byte(t, c, e.to);
    s[to] = e.kind === 'set' ? e.v : e.kind === 'copy' ? s[byte(t, c, e.from)]! : (s[to]! + 1) % VALUES;
  };
  const { waitFor, onlyIf } = d;
  return {
    name,
    run,
    ...(waitFor !== undefined ? { enabled: (s: State, c: number, t: Toy) => s[byte(t, c, waitFor.at)] === waitFor.v } : {}),
    ...(onlyIf !== undefined ? { onlyIf: (s: State, c: number, t: Toy) => s[byte(t, c, onlyIf.at)] === onlyIf.v } : {}),
  };
}

/**
 * The model a random description stands for, at any CPU count (the workers are declared
 * interchangeable). With `ticks`, CPU0 first takes that many steps that change only its pc (a
 * controller that runs them and nothing else where the description has none), so every other
 * transition is numbered past them: with 32, past the first word of a bitset over transitions.
 */
export function toyOf(r: RandomToy, symmetric = true, ticks = 0): (cpus: number) => ReturnType<ReturnType<typeof toy>> {
  const steps = (p: readonly StepDesc[], who: string) => p.map((d, i) => stepDef(d, `${who} step ${i}`));
  const pad: ToyStepDef[] = Array.from({ length: ticks }, (_, i) => ({ name: `tick ${i}`, run: () => {} }));
  const controller = r.controller === undefined ? (ticks > 0 ? pad : undefined) : [...pad, ...steps(r.controller, 'controller')];
  const def: ToyDef = {
    globals: GLOBALS.map((g) => field(g, VALUES)),
    cpuFields: LOCALS.map((l) => field(l, VALUES)),
    controllers: controller === undefined ? 0 : 1,
    ...(controller !== undefined ? { controller } : {}),
    ...(r.controllerEvent !== undefined && r.controller !== undefined ? { controllerEvents: [stepDef(r.controllerEvent, 'controller event')] } : {}),
    worker: r.worker.map((p, i) => steps(p, `worker program ${i}`)),
    ...(r.workerEvent !== undefined ? { workerEvents: [stepDef(r.workerEvent, 'worker event')] } : {}),
    workerLoops: r.workerLoops,
    symmetric,
    fieldsFirst: true,
    bad: (s, t) => r.bad.every((b) => s[t.g(GLOBALS[b.g]!)] === b.v),
  };
  return toy(def);
}
