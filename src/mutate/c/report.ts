/**
 * `shootdown mutate model.c`: per C model, how many source mutants were caught, derived
 * equivalent, findings, refused by the compiler, model errors and inconclusive; then each
 * finding and each mutant that was not judged, with its reason. `--json`: the counts, every
 * result that is not caught or equivalent, and each of those mutants as a patch against the
 * committed sources (`shootdown check model.c --patch` replays it).
 */
import { wrapWords } from '../../report/swimlanes.js';
import type { CMutantResult, CMutationScore } from './run.js';

/** `text` within 80 columns: the first line indented by `first`, the others by `rest`. */
function wrapped(text: string, first: number, rest: number): string {
  return wrapWords(text, 80 - rest)
    .map((l, i) => `${' '.repeat(i === 0 ? first : rest)}${l}\n`)
    .join('');
}

/** Results of one mutant with one outcome and detail, with the configurations they were on. */
function grouped(rs: readonly CMutantResult[]): { readonly head: CMutantResult; readonly configs: string[] }[] {
  const out = new Map<string, { head: CMutantResult; configs: string[] }>();
  for (const r of rs) {
    const key = `${r.variant}\u0000${r.id}\u0000${r.detail}`;
    const g = out.get(key);
    if (g === undefined) out.set(key, { head: r, configs: [r.config] });
    else g.configs.push(r.config);
  }
  return [...out.values()];
}

/** A result's variant as the report names it: nothing for the model as committed. */
const variantPrefix = (variant: string): string => (variant === 'baseline' ? '' : `${variant}: `);

export function reportCMutation(s: CMutationScore, out: (s: string) => void): void {
  const extra = [
    s.refused > 0 ? `${s.refused} refused by the compiler` : '',
    s.modelErrors > 0 ? `${s.modelErrors} model errors` : '',
    s.inconclusive > 0 ? `${s.inconclusive} inconclusive` : '',
  ].filter((x) => x !== '');
  const mutants = new Set(s.results.map((r) => `${r.variant}\u0000${r.id}`)).size;
  const runs = `${mutants} source mutants, ${s.mutants} runs on the configurations where the model holds`;
  out(wrapped(`${s.scenario}: ${runs}: ${s.caught} caught, ${s.equivalent} derived equivalent, ${s.findings} findings${extra.map((x) => `, ${x}`).join('')}`, 0, 2));
  if (s.notMutated.length > 0) out(wrapped(`not mutated (the unmutated model does not hold): ${s.notMutated.length} configurations`, 2, 4));
  // Violated configurations are what `check` shows; an inconclusive one is named, with why.
  for (const n of s.notMutated.filter((x) => x.verdict === 'inconclusive')) out(wrapped(`${variantPrefix(n.variant)}${n.config}: inconclusive (${n.detail})`, 4, 6));
  const list = (title: string, rs: readonly CMutantResult[]): void => {
    if (rs.length === 0) return;
    out(wrapped(`${title}:`, 2, 4));
    for (const { head, configs } of grouped(rs)) {
      out(wrapped(`${variantPrefix(head.variant)}${head.id} on ${configs.join(', ')} (${head.detail})`, 4, 6));
    }
  };
  list('findings: survivors, each a gap of the model or a redundancy in the code', s.results.filter((r) => r.outcome === 'finding'));
  list('refused by the compiler', s.results.filter((r) => r.outcome === 'refused'));
  list('model errors', s.results.filter((r) => r.outcome === 'model-error'));
  list('inconclusive', s.results.filter((r) => r.outcome === 'inconclusive'));
}

export function cMutationJson(s: CMutationScore): unknown {
  const open = s.results.filter((r) => r.outcome !== 'caught' && r.outcome !== 'equivalent');
  const patches: Record<string, Record<string, string>> = {};
  for (const r of open) (patches[r.variant] ??= {})[r.id] = s.patches[r.variant]?.[r.id] ?? '';
  return {
    scenario: s.scenario,
    kind: 'c',
    mutants: s.mutants,
    caught: s.caught,
    equivalent: s.equivalent,
    findings: s.findings,
    refused: s.refused,
    modelErrors: s.modelErrors,
    inconclusive: s.inconclusive,
    notMutated: s.notMutated,
    survivors: open,
    patches,
  };
}
