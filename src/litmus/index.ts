/**
 * The litmus front end: parse a herd7 C litmus test (the kernel's dialect) and answer Never /
 * Sometimes / Always under a memory model: `lkmm` (default: the Linux-kernel memory model,
 * tools/memory-model/ in the kernel tree), `sc` or `tso`. `await loadLitmus()` once first
 * (it loads the C grammar).
 */
import { loadCGrammar } from '../c/grammar.js';

export async function loadLitmus(): Promise<void> {
  await loadCGrammar();
}

export { runLitmus, runTest, type LitmusResult, type LitmusAnswer, type Outcome, type RunOptions } from './run.js';
export { formatLitmusResult } from './format.js';
export { agreement, type Agreement } from './judge.js';
export { LitmusError } from './error.js';
export { parseLitmus, type LitmusTest } from './parse.js';
export { LITMUS_MODEL_NAMES, type LitmusModelName } from './models/model.js';
export type { BudgetLimits } from './exec/budget.js';
