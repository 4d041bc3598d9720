/**
 * `shootdown explain` as text: where a counterexample's schedule parts from the other variant
 * (the baseline), which of its steps blocks there and what that step waits for, with the
 * fields of the CPUs involved. Every line is wrapped at 80 columns (words whole), and actors are
 * named as the diagram names them (`CPU1`, `CPU0/taskB`).
 */
import { match } from 'ts-pattern';
import type { Divergence } from '../core/divergence.js';
import type { BlockedStep, StepInfo } from '../core/machine.js';
import { formatField, formatSets } from '../core/why-blocked.js';
import { paragraph } from './paragraph.js';

export interface ExplanationInput {
  /** `mmu-gather/skip-sync/x86-kvm-pv` */
  readonly config: string;
  /** The configuration the schedule is replayed on: `mmu-gather/baseline/x86-kvm-pv`. */
  readonly baseline: string;
  /** The variant it is replayed on, as sentences name it: `baseline`. */
  readonly other: string;
  readonly scheduleLength: number;
  readonly divergence: Divergence;
  /** Decoded state at the point of divergence (or the end). */
  readonly state: { readonly global: Readonly<Record<string, string>>; readonly cpus: readonly Readonly<Record<string, string>>[] };
  /** The name of each actor (`CPU1`, or `CPU0/taskB` where actors are tasks: ./actor-name.ts). */
  readonly actors: readonly string[];
}

/** Fields a reader needs: the program bookkeeping (`prog`, `pc`) is the model's, not the kernel's. */
const fieldsText = (fields: Readonly<Record<string, string>>): string =>
  Object.entries(fields)
    .filter(([k]) => k !== 'prog' && k !== 'pc')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

function explainer(x: ExplanationInput) {
  const who = (cpu: number): string => x.actors[cpu] ?? `CPU${cpu}`;
  const stepLine = (t: StepInfo): string => `${who(t.cpu)} \`${t.name}\`: ${t.text}`;
  const inserted = (steps: readonly StepInfo[]): string[] =>
    steps.length === 0 ? [] : [`The ${x.other} runs its own steps there instead:`, ...steps.map((t) => `  ${stepLine(t)}`)];
  const blocked = (b: BlockedStep): string[] => {
    const others = [...new Set(b.waitsFor.flatMap((f) => (f.cpu !== undefined && f.cpu !== b.cpu ? [f.cpu] : [])))];
    const waits = others.length > 0 ? `waits for ${others.map(who).join(', ')}` : 'waits';
    const cannot = b.responders.filter((r) => !r.enabled);
    const why =
      cannot.length > 0
        ? `, which cannot answer: ${cannot.map((r) => `\`${r.name}\` is held off by ${formatSets(r.blockedBy) || 'the state (no one or two fields)'}`).join('; ')}`
        : '';
    const lines = [
      `${x.other} blocks here: ${who(b.cpu)} \`${b.name}\` (${b.text}; ${waits}${why})`,
      `  source: ${b.source}`,
      `  ${b.reason === 'guard' ? 'its guard is false' : `${who(b.cpu)} is not runnable`}; it would run if one of these changed: ${b.waitsFor.map(formatField).join(', ') || '(no single field)'}`,
    ];
    for (const r of b.responders) {
      lines.push(`  released by ${who(r.cpu)} \`${r.name}\` (${r.text}; ${r.source}): ${r.enabled ? 'enabled now' : `not enabled while ${formatSets(r.blockedBy) || 'this state lasts'}`}`);
    }
    for (const c of [b.cpu, ...others]) lines.push(`  ${who(c)}: ${fieldsText(x.state.cpus[c] ?? {})}`);
    lines.push(`  global: ${fieldsText(x.state.global)}`);
    return lines;
  };
  return { who, inserted, blocked };
}

export function renderExplanation(x: ExplanationInput): string {
  const { who, inserted, blocked } = explainer(x);
  const head = `${x.config}: the same schedule (${x.scheduleLength} steps) on ${x.baseline}`;
  const body = match(x.divergence)
    .with({ kind: 'blocks' }, (d) => [`${head} diverges at step ${d.at + 1} (${who(d.wanted.cpu)} \`${d.wanted.step}\`).`, ...inserted(d.inserted), ...blocked(d.blocked)])
    .with({ kind: 'differs' }, (d) => [
      `${head} diverges at step ${d.at + 1}: ${who(d.wanted.cpu)} \`${d.wanted.step}\` is not enabled on the ${x.other}; ${who(d.wanted.cpu)} could instead: ${d.enabledOnCpu.join(', ') || 'nothing'}.`,
      ...inserted(d.inserted),
      ...(d.blockedAll.length > 0
        ? d.blockedAll.flatMap(blocked)
        : [
            `no CPU is blocked there: the ${x.other}'s own steps left a state in which that step's guard is false (nothing to hit):`,
            `  ${who(d.wanted.cpu)}: ${fieldsText(x.state.cpus[d.wanted.cpu] ?? {})}`,
            `  global: ${fieldsText(x.state.global)}`,
          ]),
    ])
    .with({ kind: 'harmless' }, (d) => [
      `${head}: the same schedule is harmless on the ${x.other}: it replays in full${d.inserted.length > 0 ? ` (with ${d.inserted.length} steps of its own)` : ''} and no property is violated.`,
      ...inserted(d.inserted),
    ])
    .with({ kind: 'violates' }, (d) => [`${head}: the ${x.other} violates ${d.property} too, at step ${d.at + 1}: the schedule is not a regression of the variant.`, ...inserted(d.inserted)])
    .exhaustive();
  return (
    body
      .flatMap((line) => {
        const indent = /^ */.exec(line)?.[0] ?? '';
        return paragraph(line.trimStart(), 80 - indent.length, '  ').map((l) => indent + l);
      })
      .join('\n') + '\n'
  );
}
