/**
 * `runLitmus`: parse a litmus test, explore every execution under a memory model, and answer
 * as herd7 does: Never (no final state satisfies `exists`), Always (every one does), or
 * Sometimes, with a shortest witness execution for a satisfying outcome.
 *
 * @example
 *   const r = runLitmus(readFileSync('litmus/SB+poonceonces.litmus', 'utf8'), 'tso');
 *   r.outcome; // 'Sometimes'
 *   console.log(formatLitmusResult(r));
 */
import type { LitmusTest, Outcome } from './ast.js';
import { holds, printCond, projectOutcome } from './condition.js';
import { explore } from './explore.js';
import { orderingFor, type ModelName } from './memory-model.js';
import { parseLitmus } from './parser.js';
import { program, type StepEvent } from './step.js';

export interface LitmusResult {
  readonly name: string;
  readonly model: ModelName;
  readonly outcome: Outcome;
  /** `Result:` from the file's header, if any. */
  readonly expected: Outcome | null;
  readonly exists: string;
  /** Distinct final outcomes projected on the exists clause's observables, sorted. */
  readonly outcomes: readonly { readonly text: string; readonly satisfies: boolean }[];
  /** A shortest execution whose final state satisfies `exists` (null when Never). */
  readonly witness: readonly StepEvent[] | null;
  readonly test: LitmusTest;
  readonly stats: { readonly states: number; readonly transitions: number; readonly finalStates: number };
}

export function runLitmus(text: string, model: ModelName): LitmusResult {
  const test = parseLitmus(text);
  const p = program(test, (cpu) => orderingFor(model, test.threads[cpu] ?? { id: cpu, regNames: [], instrs: [] }));
  const ex = explore(p);
  const sat = ex.finals.map((s) => holds(test.exists, s));
  const yes = sat.filter((b) => b).length;
  const outcome: Outcome = yes === 0 ? 'Never' : yes === sat.length ? 'Always' : 'Sometimes';
  const firstSat = sat.indexOf(true);
  const byText = new Map<string, boolean>();
  ex.finals.forEach((s, k) => byText.set(projectOutcome(test, s), sat[k] === true));
  const outcomes = [...byText.keys()].sort().map((t) => ({ text: t, satisfies: byText.get(t) === true }));
  return {
    name: test.name,
    model,
    outcome,
    expected: test.expected,
    exists: printCond(test, test.exists),
    outcomes,
    witness: firstSat < 0 ? null : ex.pathTo(firstSat),
    test,
    stats: { states: ex.states, transitions: ex.transitions, finalStates: ex.finals.length },
  };
}
