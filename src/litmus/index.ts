/**
 * The litmus front end: parse a kernel-style litmus test and answer Never / Sometimes /
 * Always under a memory model (`sc`, `tso`, `weak`). The CLI (`shootdown litmus <file>
 * [--model sc|tso|weak]`, default weak) calls `runLitmus` and prints `formatLitmusResult`;
 * a `LitmusError` carries a one-line message for the user.
 */
export { runLitmus, type LitmusResult } from './run.js';
export { formatLitmusResult } from './format.js';
export { LitmusError } from './error.js';
export { parseLitmus } from './parser.js';
export { MODEL_NAMES, type ModelName } from './memory-model.js';
export type { Outcome, LitmusTest } from './ast.js';
