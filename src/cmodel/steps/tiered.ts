/**
 * How a unit's steps run: in the closure interpreter (./interpret.ts) until a step has run
 * `hot` times, then as its generated function (./jit.ts). Most steps of a search run a few
 * times and a few run most of the time; generating and warming up code for a step that runs
 * seldom costs more than interpreting it. Both follow the same rules, so when a step switches
 * changes nothing but speed (test/cmodel-jit.test.ts runs the committed models both ways).
 */
import type { Frame } from '../exec/frame.js';
import { blockingMap, interpretStep } from './interpret.js';
import { unitCompiler, type ExecStep, type JitInput } from './jit.js';

/** `run(k)` runs step k (starting at `starts[k]`) on frame `x`: the next step, -1 (finished) or -2 (blocked). */
export function tieredSteps(input: JitInput, starts: readonly number[], instructionsOf: (start: number) => readonly number[], x: Frame, hot: number): (k: number) => number {
  const blocks = blockingMap(input.instrs);
  const compiler = unitCompiler(input);
  const heat = new Float64Array(starts.length);
  const fast: (ExecStep | undefined)[] = starts.map(() => undefined);
  return (k) => {
    const f = fast[k];
    if (f !== undefined) return f(x);
    const start = starts[k]!;
    if (heat[k]++ >= hot) {
      const made = compiler.step(start, instructionsOf(start));
      fast[k] = made;
      return made(x);
    }
    return interpretStep(input, blocks, x, start);
  };
}
