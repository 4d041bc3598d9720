/**
 * Text rendering of a litmus result, herd7-flavoured: the test and model, the distinct final
 * outcomes (`*>` marks those satisfying `exists`), the verdict with the header's `Result:`
 * when present, a witness execution for Sometimes/Always (each issue, forwarded read and
 * store-buffer commit on its own line), and the state-space cost.
 */
import { match } from 'ts-pattern';
import type { LitmusTest } from './ast.js';
import type { LitmusResult } from './run.js';
import type { StepEvent } from './step.js';

export function formatEvent(t: LitmusTest, e: StepEvent): string {
  const x = t.threads[e.action.cpu]?.instrs[e.action.instr];
  const cpu = `P${e.action.cpu}`;
  if (x === undefined) return `${cpu}: ?`;
  const loc = x.kind === 'fence' ? '?' : (t.locNames[x.loc] ?? '?');
  return match(e.action)
    .with({ kind: 'Commit' }, () => `${cpu}: commit ${loc}=${e.wrote ?? 0} from store buffer   [${x.text}]`)
    .with({ kind: 'Issue' }, () =>
      match(x)
        .with({ kind: 'load' }, () => `${cpu}: ${x.text}   reads ${loc}=${e.read?.value ?? 0} from ${e.read?.from ?? 'memory'}`)
        .with({ kind: 'store' }, () =>
          e.target === 'store buffer' ? `${cpu}: ${x.text}   ${loc}=${e.wrote ?? 0} into store buffer` : `${cpu}: ${x.text}   ${loc}=${e.wrote ?? 0} to memory`,
        )
        .with({ kind: 'rmw' }, () => `${cpu}: ${x.text}   atomically ${loc}: ${e.read?.value ?? 0} -> ${e.wrote ?? 0}`)
        .with({ kind: 'fence' }, () => `${cpu}: ${x.text}`)
        .exhaustive(),
    )
    .exhaustive();
}

export function formatLitmusResult(r: LitmusResult): string {
  const lines: string[] = [];
  lines.push(`Test ${r.name} (model: ${r.model})`);
  lines.push(`States ${r.outcomes.length}`);
  for (const o of r.outcomes) lines.push(`${o.satisfies ? '*>' : '  '} ${o.text}`);
  const judged =
    r.expected === null ? '' : r.expected === r.outcome ? ` (as expected: Result: ${r.expected})` : ` (MISMATCH: header says ${r.expected})`;
  lines.push(`Observation ${r.name} ${r.outcome}: exists (${r.exists})${judged}`);
  if (r.witness !== null && r.outcome !== 'Never') {
    lines.push('Witness:');
    r.witness.forEach((e, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${formatEvent(r.test, e)}`));
  }
  lines.push(`Explored ${r.stats.states} states, ${r.stats.transitions} transitions, ${r.stats.finalStates} final states`);
  return lines.join('\n');
}
