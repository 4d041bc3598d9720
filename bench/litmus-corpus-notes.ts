/**
 * Why a corpus test does not agree with its header, where someone has found out: read from
 * the test's header, the corpus's history and the kernel's tools/memory-model files, not
 * computed. `npm run litmus-corpus` prints a note next to its test only while the test's
 * verdict is still the one the note explains; a note whose test now has another verdict is
 * reported as stale (and printed nowhere else), so a note cannot outlive what it explains.
 *
 * Keys are paths relative to the corpus directory given to the script.
 */

export interface CorpusNote {
  /** The verdict the note explains. */
  readonly verdict: 'disagree' | 'refused' | 'inconclusive';
  readonly why: string;
}

const memb: CorpusNote = {
  verdict: 'refused',
  why:
    "a construct we refuse: smp_memb() is not in the 7.1.5 tools/memory-model/linux-kernel.def; the directory was added in 2023 as 'Speculative mem_barrier() litmus tests', for a primitive the kernel's model does not define. herd7 with the kernel's model stops on it too (judgelitmus.sh: 'Current LKMM version does not know smp_memb').",
};

const ootaDesired =
  "a header that states the desired answer, not LKMM's: its own text says LKMM finds the all-ones result (the Result lines were set in 2025 by 'manual/oota: Set expectations on LKMM OOTA litmus tests'); our Sometimes is that LKMM result.";

const ootaRace = (pair: string): CorpusNote => ({
  verdict: 'disagree',
  why: `the outcome agrees (Never); LKMM 7.1.5 also raises its data-race flag, which the header does not predict ('And LKMM agrees' speaks of the outcome). The racing pair, from linux-kernel.cat's definitions: ${pair}. judgelitmus.sh would report 'Unexpected data race modeled' for herd7 too.`,
});

export const CORPUS_NOTES: ReadonlyMap<string, CorpusNote> = new Map<string, CorpusNote>([
  [
    'kernel/C-ManfredSpraul-L1G2xchg.litmus',
    {
      verdict: 'inconclusive',
      why: "over the run's per-test time budget: every candidate execution is enumerated and counted, as herd7 counts them, and three processes writing two lock words (xchg_acquire()/smp_store_release()) and two flag words give more reads-from and coherence choices than fit in it. No answer is given rather than a guess.",
    },
  ],
  ['memb/C-Goldblatt-memb-1.litmus', memb],
  ['memb/C-Goldblatt-memb-2.litmus', memb],
  ['memb/C-Goldblatt-memb-3.litmus', memb],
  ['memb/C-memb-RCU-0.litmus', memb],
  ['memb/C-memb-RCU-1.litmus', memb],
  ['oota/C-JO-OOTA-3.litmus', { verdict: 'disagree', why: ootaDesired }],
  ['oota/C-JO-OOTA-5.litmus', { verdict: 'disagree', why: ootaDesired }],
  ['oota/C-JO-OOTA-6.litmus', { verdict: 'disagree', why: ootaDesired }],
  [
    'oota/C-JO-OOTA-4.litmus',
    ootaRace("P0's plain read r2 = *b (no fence after it bounds it: r-post-bounded is empty) is fr-before P1's WRITE_ONCE(*b, ...) in the execution where P0 runs first (rw-race)"),
  ],
  [
    'oota/C-JO-OOTA-7.litmus',
    ootaRace("P1's plain *r2 = b and P0's plain *r2 = a both write b when P0 reads x=1 and P1 reads y=0; smp_wmb() is not a nonrw-fence, so P1's write is not r-post-bounded and ww-nonrace fails (ww-race)"),
  ],
]);
