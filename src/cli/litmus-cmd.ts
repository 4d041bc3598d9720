/**
 * `shootdown litmus <file> [--model sc|tso|weak] [--json]`: answer a kernel-style litmus test
 * under a memory model (default weak). Exit 0 when the answer matches the file's `Result:`
 * (or none is declared), 1 when it differs, 2 on a bad file or model.
 */
import { readFileSync } from 'node:fs';
import { formatLitmusResult, LitmusError, MODEL_NAMES, runLitmus, type ModelName } from '../litmus/index.js';
import { InputError } from '../report/input-error.js';

export function litmusCommand(positionals: string[], f: { model?: string; json?: boolean }, out: (s: string) => void): number {
  if (positionals.length !== 1) throw new InputError('usage: shootdown litmus <file> [--model sc|tso|weak] [--json]');
  const model = MODEL_NAMES.find((m) => m === (f.model ?? 'weak')) as ModelName | undefined;
  if (model === undefined) throw new InputError(`--model must be one of ${MODEL_NAMES.join(', ')}, got '${f.model}'`);
  let text: string;
  try {
    text = readFileSync(positionals[0]!, 'utf8');
  } catch {
    throw new InputError(`cannot read '${positionals[0]}'`);
  }
  try {
    const r = runLitmus(text, model);
    out(f.json === true ? JSON.stringify(r, null, 2) + '\n' : formatLitmusResult(r));
    return r.expected === null || r.expected === r.outcome ? 0 : 1;
  } catch (e) {
    if (e instanceof LitmusError) throw new InputError(`${positionals[0]}: ${e.message}`);
    throw e;
  }
}
