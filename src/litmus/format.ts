/**
 * herd7's output shape, so that scripts written for herd7 (the kernel's `judgelitmus.sh`,
 * the corpus's result checkers) read ours:
 *
 *     Test <name> Allowed|Forbidden|Required
 *     States <n>
 *     <final states>
 *     Ok|No
 *     Witnesses
 *     Positive: <p> Negative: <q>
 *     Flag <flag>...
 *     Condition exists (...)
 *     Observation <name> <Never|Sometimes|Always> <p> <q>
 *
 * then shootdown's own lines: the model, the header's `Result:` and whether we agree, and a
 * witness execution.
 */
import { match } from 'ts-pattern';
import type { Cond } from './parse.js';
import { label, type LitmusAnswer, type LitmusResult } from './run.js';
import type { LitmusTest } from './parse.js';
import { agreement } from './judge.js';
import { wrapCell } from '../report/diagram.js';
import { showValue } from './witness.js';

/** shootdown's own prose lines, wrapped for mail. */
const wrapped = (s: string): string[] => wrapCell(s, 80, 80);

export function formatLitmusResult(r: LitmusResult): string {
  if (r.status === 'inconclusive') {
    return [
      `Test ${r.name} (model: ${r.model})`,
      `Inconclusive: ${r.reason}`,
      `Explored ${r.explored.paths} process paths, ${r.explored.candidates} candidates,`,
      `  ${r.explored.executions} allowed executions`,
    ].join('\n');
  }
  return [...herdLines(r), ...ownLines(r)].join('\n');
}

function herdLines(r: LitmusAnswer): string[] {
  const kind = match(r.test.kind)
    .with('exists', () => 'Allowed')
    .with('not-exists', () => 'Forbidden')
    .with('forall', () => 'Required')
    .exhaustive();
  const ok = match(r.test.kind)
    .with('exists', () => r.positive > 0)
    .with('not-exists', () => r.positive === 0)
    .with('forall', () => r.negative === 0)
    .exhaustive();
  const [p, q] = r.test.kind === 'not-exists' ? [r.negative, r.positive] : [r.positive, r.negative];
  return [
    `Test ${r.name} ${kind}`,
    `States ${r.states.length}`,
    ...r.states,
    ok ? 'Ok' : 'No',
    'Witnesses',
    `Positive: ${p} Negative: ${q}`,
    ...r.flags.map((f) => `Flag ${f}`),
    `Condition ${conditionText(r.test)}`,
    `Observation ${r.name} ${r.outcome} ${r.positive} ${r.negative}`,
  ];
}

function ownLines(r: LitmusAnswer): string[] {
  const out = [`Model ${r.model}: ${r.explored.paths} process paths, ${r.explored.candidates} candidates,`, `  ${r.explored.executions} allowed executions`];
  const a = agreement(r);
  if (r.expected !== null) out.push(`Result in the header: ${r.expected.line.replace(/^[(* ]+|[ *)]+$/g, '')} -> ${a}`);
  if (a === 'forgiven') out.push(...wrapped('(forgiven, as judgelitmus.sh forgives it: the header predicts a data race and LKMM finds one; LKMM promises nothing about the outcome of racy code, so the outcome words are not compared)'));
  if (r.race !== null) out.push(...wrapped(`Data race (linux-kernel.cat's data-race flag; LKMM promises nothing about racy code): ${r.race.a} and ${r.race.b}, in an allowed execution`));
  if (r.witness !== null) {
    out.push('Witness (an allowed execution satisfying the condition):');
    for (const e of r.witness.events) {
      const rf = e.readsFrom === null ? '' : `  <- ${e.readsFrom}`;
      out.push(`  ${e.proc} line ${e.line}: ${e.access}${rf}`);
    }
    for (const c of r.witness.coherence) {
      out.push(`  coherence order of ${c.loc}:`);
      for (const w of c.order) out.push(`    ${w}`);
    }
  }
  return out;
}

export function conditionText(t: LitmusTest): string {
  const kw = match(t.kind)
    .with('exists', () => 'exists')
    .with('not-exists', () => '~exists')
    .with('forall', () => 'forall')
    .exhaustive();
  return `${kw} (${condText(t, t.cond)})`;
}

function condText(t: LitmusTest, c: Cond): string {
  return match(c)
    .with({ k: 'true' }, () => 'true')
    .with({ k: 'false' }, () => 'false')
    .with({ k: 'not' }, (x) => `not (${condText(t, x.p)})`)
    .with({ k: 'and' }, (x) => `${condText(t, x.a)} /\\ ${condText(t, x.b)}`)
    .with({ k: 'or' }, (x) => `(${condText(t, x.a)} \\/ ${condText(t, x.b)})`)
    .with({ k: 'implies' }, (x) => `(${condText(t, x.a)} => ${condText(t, x.b)})`)
    .with({ k: 'eq' }, (x) => `${label(x.obs)}=${showValue(t, x.value)}`)
    .with({ k: 'same' }, (x) => `${label(x.obs)}=${label(x.other)}`)
    .exhaustive();
}
