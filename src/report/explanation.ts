/**
 * `shootdown explain` as text: where a counterexample's schedule parts from the baseline, which
 * baseline step blocks it and what that step waits for, with the fields of the CPUs involved.
 */
import { match } from 'ts-pattern';
import type { Divergence } from '../core/divergence.js';
import type { BlockedStep, StepInfo } from '../core/machine.js';
import { formatField, formatSets } from '../core/why-blocked.js';

export interface ExplanationInput {
  /** `mmu-gather/skip-sync/x86-kvm-pv` */
  readonly config: string;
  readonly baseline: string;
  readonly scheduleLength: number;
  readonly divergence: Divergence;
  /** Decoded state at the point of divergence (or the end). */
  readonly state: { readonly global: Readonly<Record<string, string>>; readonly cpus: readonly Readonly<Record<string, string>>[] };
}

const stepLine = (t: StepInfo): string => `CPU${t.cpu} \`${t.name}\`: ${t.text}`;

function insertedLines(inserted: readonly StepInfo[]): string[] {
  if (inserted.length === 0) return [];
  return ['The baseline runs its own steps there instead:', ...inserted.map((t) => `  ${stepLine(t)}`)];
}

function blockLines(b: BlockedStep, state: ExplanationInput['state']): string[] {
  const others = [...new Set(b.waitsFor.flatMap((f) => (f.cpu !== undefined && f.cpu !== b.cpu ? [f.cpu] : [])))];
  const who = others.length > 0 ? `waits for ${others.map((c) => `CPU${c}`).join(', ')}` : 'waits';
  const cannot = b.responders.filter((r) => !r.enabled);
  const why =
    cannot.length > 0
      ? `, which cannot answer: ${cannot.map((r) => `\`${r.name}\` is held off by ${formatSets(r.blockedBy) || 'the state (no one or two fields)'}`).join('; ')}`
      : '';
  const lines = [
    `baseline blocks here: CPU${b.cpu} \`${b.name}\` (${b.text}; ${who}${why})`,
    `  source: ${b.source}`,
    `  ${b.reason === 'guard' ? 'its guard is false' : `CPU${b.cpu} is not runnable`}; it would run if one of these changed: ${b.waitsFor.map(formatField).join(', ') || '(no single field)'}`,
  ];
  for (const r of b.responders) {
    lines.push(`  released by CPU${r.cpu} \`${r.name}\` (${r.text}; ${r.source}): ${r.enabled ? 'enabled now' : `not enabled while ${formatSets(r.blockedBy) || 'this state lasts'}`}`);
  }
  for (const c of [b.cpu, ...others]) {
    const fields = state.cpus[c] ?? {};
    lines.push(`  CPU${c}: ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
  lines.push(`  global: ${Object.entries(state.global).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return lines;
}

export function renderExplanation(x: ExplanationInput): string {
  const head = `${x.config}: the same schedule (${x.scheduleLength} steps) on ${x.baseline}`;
  const body = match(x.divergence)
    .with({ kind: 'blocks' }, (d) => [
      `${head} diverges at step ${d.at + 1} (CPU${d.wanted.cpu} \`${d.wanted.step}\`).`,
      ...insertedLines(d.inserted),
      ...blockLines(d.blocked, x.state),
    ])
    .with({ kind: 'differs' }, (d) => [
      `${head} diverges at step ${d.at + 1}: CPU${d.wanted.cpu} \`${d.wanted.step}\` is not enabled on the baseline; CPU${d.wanted.cpu} could instead: ${d.enabledOnCpu.join(', ') || 'nothing'}.`,
      ...insertedLines(d.inserted),
      ...(d.blockedAll.length > 0
        ? d.blockedAll.flatMap((b) => blockLines(b, x.state))
        : [
            `no CPU is blocked there: the baseline's own steps left a state in which that step's guard is false (nothing to hit):`,
            `  CPU${d.wanted.cpu}: ${Object.entries(x.state.cpus[d.wanted.cpu] ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')}`,
            `  global: ${Object.entries(x.state.global).map(([k, v]) => `${k}=${v}`).join(' ')}`,
          ]),
    ])
    .with({ kind: 'harmless' }, (d) => [
      `${head}: the same schedule is harmless on the baseline: it replays in full${d.inserted.length > 0 ? ` (with ${d.inserted.length} baseline-only steps)` : ''} and no property is violated.`,
      ...insertedLines(d.inserted),
    ])
    .with({ kind: 'violates' }, (d) => [
      `${head}: the baseline violates ${d.property} too, at step ${d.at + 1}: the schedule is not a regression of the variant.`,
      ...insertedLines(d.inserted),
    ])
    .exhaustive();
  return body.join('\n') + '\n';
}
