/**
 * `Machine.enabledDistinct` on a toy whose interchangeable CPUs start at CPU0 (no CPU of another
 * role before them), which no committed model has: the twin of CPU1 is CPU0. The checks are
 * test/toys/enabled-distinct-checks.ts's; this file is in the engines' fast test set.
 */
import { describe, it } from 'vitest';
import { compileModel } from '../src/core/compile.js';
import type { Machine } from '../src/core/machine.js';
import { checkDistinctLists, checkDistinctSearches } from './toys/enabled-distinct-checks.js';
import { countWorkers, field, toy } from './toys/toy-spec.js';

/**
 * Workers from CPU0 on (no CPU of another role before them), each counting to 2 and finishing;
 * `bad` once two have finished while a third has not started: a violation to trace.
 */
const workersFromCpu0 = (cpus: number): Machine =>
  compileModel(
    toy({
      globals: [],
      cpuFields: [field('n', 3), field('fin')],
      controllers: 0,
      worker: [
        [
          { name: 'count', run: (s, c, t) => void (s[t.at(c, 'n')] = Math.min(2, s[t.at(c, 'n')]! + 1)), onlyIf: (s, c, t) => s[t.at(c, 'n')]! < 2 },
          { name: 'finish', run: (s, c, t) => void (s[t.at(c, 'fin')] = 1) },
        ],
      ],
      workerLoops: false,
      bad: (s, t) => countWorkers(s, t, 'fin') >= 2 && t.workers.some((c) => s[t.at(c, 'n')] === 0),
    })(cpus),
  );

describe('enabledDistinct on workers from CPU0', () => {
  it('leads to the representatives the full list leads to, and drops exactly the actions of a CPU equal to its predecessor', () => {
    for (const cpus of [2, 3, 4]) checkDistinctLists(workersFromCpu0(cpus), 20_000);
  });

  it('BFS and DFS find the same states, verdict (violated) and trace as on the full list, in fewer transitions', () => {
    for (const cpus of [3, 4]) checkDistinctSearches(workersFromCpu0(cpus));
  });
});
