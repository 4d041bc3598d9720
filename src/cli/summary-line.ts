/** The verdict of one check as `check` prints it: one sentence, wrapped at 80 columns. */
import type { CheckResult } from '../check.js';
import { paragraph } from '../report/paragraph.js';
import { configLabel } from '../scenarios/scenario.js';

export function summaryText(r: CheckResult): string {
  const what =
    r.verdict === 'violated'
      ? `VIOLATED ${r.property} (trace ${r.trace?.length ?? 0} steps)`
      : r.verdict === 'holds'
        ? r.cutoff?.applies === true
          ? `holds at any CPU count (cutoff: exhaustive at ${r.cutoff.cpus} CPUs, ${r.states} states, depth ${r.depth})`
          : `holds (exhaustive, ${r.states} states, depth ${r.depth})`
        : `inconclusive${r.vacuous.length > 0 ? ` (vacuous: ${r.vacuous.join(', ')} never reached)` : ''}${r.stoppedBy !== undefined ? ` (${r.stoppedBy})` : ''} after ${r.engine === 'exhaustive' ? `${r.states} states` : `${r.transitions} random steps`}`;
  const exp = r.agrees === true ? 'as expected' : r.agrees === false ? `EXPECTED ${r.expected.verdict}` : '';
  // A patch given by its path (`--patch models/x/fix.diff`) is set apart by spaces, as the trace's heading does.
  const sep = r.variant.includes('/') ? ' / ' : '/';
  return `${r.scenario}${sep}${r.variant}${sep}${configLabel(r.arch, r.memoryModel)} (${r.cpus} CPUs): ${what} ${exp}`.trimEnd();
}

/** A result's summary, or a note, wrapped for an 80-column terminal or mail; ends in a newline. */
export function summaryLines(x: CheckResult | string): string {
  return paragraph(typeof x === 'string' ? x : summaryText(x)).join('\n') + '\n';
}
