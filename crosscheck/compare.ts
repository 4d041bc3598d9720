/**
 * The comparator: do our verdict and SPIN's agree? Only two outcomes agree: both hold, or both
 * are violated for the same property. A disagreement is a bug in one of the two models until
 * explained; a row with no verdict on one side (capped, inconclusive, not modelled, failed) is
 * unverified. Both fail the cross-check.
 */
import { match } from 'ts-pattern';
import type { OursVerdict, Row, SpinVerdict } from './verdicts.js';

export type Agreement =
  | { readonly kind: 'agree' }
  | { readonly kind: 'disagree'; readonly why: string }
  | { readonly kind: 'unverified'; readonly why: string };

export function compareVerdicts(ours: OursVerdict, spin: SpinVerdict): Agreement {
  const unverifiedSpin = match(spin)
    .with({ kind: 'capped' }, (s): Agreement => ({ kind: 'unverified', why: `SPIN capped (${s.reason})` }))
    .with({ kind: 'not-modelled' }, (s): Agreement => ({ kind: 'unverified', why: `not modelled in Promela (${s.missing})` }))
    .with({ kind: 'error' }, (s): Agreement => ({ kind: 'unverified', why: `SPIN failed: ${s.message}` }))
    .with({ kind: 'holds' }, { kind: 'violated' }, (): Agreement | null => null)
    .exhaustive();
  if (unverifiedSpin !== null) return unverifiedSpin;
  return match(ours)
    .with({ kind: 'inconclusive' }, (): Agreement => ({ kind: 'unverified', why: 'ours inconclusive' }))
    .with({ kind: 'error' }, (o): Agreement => ({ kind: 'unverified', why: `ours failed: ${o.message}` }))
    .with({ kind: 'holds' }, (): Agreement =>
      spin.kind === 'holds' ? { kind: 'agree' } : { kind: 'disagree', why: 'ours holds, SPIN violated' },
    )
    .with({ kind: 'violated' }, (o): Agreement => {
      if (spin.kind === 'holds') return { kind: 'disagree', why: 'ours violated, SPIN holds' };
      if (spin.kind !== 'violated') return { kind: 'unverified', why: 'no SPIN verdict' };
      return spin.property === o.property
        ? { kind: 'agree' }
        : { kind: 'disagree', why: `different properties: ours ${o.property}, SPIN ${spin.property ?? `unknown assertion ${spin.assertion}`}` };
    })
    .exhaustive();
}

/** Agreement at N and, where ours violates on fewer CPUs, at that CPU count too. */
export function compareRow(r: Row): Agreement {
  const atN = compareVerdicts(r.ours, r.spin);
  if (atN.kind !== 'agree' || r.spinAtOursCpus === null) return atN;
  const fewer = compareVerdicts(r.ours, r.spinAtOursCpus);
  const cpus = r.ours.kind === 'violated' ? r.ours.cpus : r.cpus;
  return fewer.kind === 'agree' ? fewer : { ...fewer, why: `at ${cpus} CPUs: ${fewer.why}` };
}

/** The cross-check passes only if every row agrees. */
export const allAgree = (rows: readonly Row[]): boolean => rows.every((r) => compareRow(r).kind === 'agree');
