/**
 * `shootdown litmus <file> [--model lkmm|sc|tso] [--timeout SEC] [--json]`: answer a kernel
 * litmus test (herd7's C dialect) under a memory model, by default LKMM, the kernel's own.
 * Prints herd7's output shape (States, Observation, Flag lines) plus a witness execution.
 * Exit 0 when the answer agrees with the file's `Result:` line (or none is declared; a race
 * both predicted and found forgives the outcome, as the kernel's judgelitmus.sh does), 1 when
 * it disagrees, 2 on a bad file or a construct shootdown does not model (refused by name),
 * 3 when the test does not fit the time or candidate budget (inconclusive).
 * `--from <counterexample.json>` prints instead the litmus test of a tso/weak counterexample's
 * store-buffer reordering (src/litmus/export), or refuses it by name (exit 2).
 */
import { readFileSync } from 'node:fs';
import { agreement, formatLitmusResult, LITMUS_MODEL_NAMES, loadLitmus, runLitmus, type LitmusModelName, type LitmusResult } from '../litmus/index.js';
import { exportCounterexample } from '../litmus/export/from-counterexample.js';
import { parseCounterexample } from '../report/counterexample-file.js';
import { InputError } from '../report/input-error.js';

export async function litmusCommand(positionals: readonly string[], f: { model?: string; json?: boolean; timeout?: string; from?: string }, out: (s: string) => void): Promise<number> {
  if (f.from !== undefined) return fromCounterexample(positionals, f, f.from, out);
  if (positionals.length !== 1) throw new InputError('usage: shootdown litmus <file> [--model lkmm|sc|tso] [--timeout SEC] [--json] | shootdown litmus --from <counterexample.json>');
  const file = positionals[0]!;
  const model = litmusModelArg(f.model);
  const timeoutMs = f.timeout === undefined ? null : seconds(f.timeout) * 1000;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`cannot read '${file}'`);
  }
  await loadLitmus();
  const r = runLitmus(text, { file, model, limits: { maxCandidates: 50_000_000, timeoutMs } });
  out(f.json === true ? JSON.stringify(jsonOf(r), null, 2) + '\n' : formatLitmusResult(r) + '\n');
  if (r.status === 'inconclusive') return 3;
  return agreement(r) === 'disagree' ? 1 : 0;
}

/** `--from`: print the litmus test of a tso/weak counterexample's store-buffer reordering. */
async function fromCounterexample(positionals: readonly string[], f: { model?: string; json?: boolean; timeout?: string }, file: string, out: (s: string) => void): Promise<number> {
  if (positionals.length !== 0) throw new InputError('usage: shootdown litmus --from <counterexample.json> (no litmus file with --from)');
  if (f.model !== undefined || f.json === true || f.timeout !== undefined) throw new InputError('--from prints a litmus test: --model, --timeout and --json do not apply (run shootdown litmus on the test it prints)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`cannot read '${file}'`);
  }
  await loadLitmus();
  out(exportCounterexample(parseCounterexample(text, file), file).text);
  return 0;
}

function litmusModelArg(m: string | undefined): LitmusModelName {
  if (m === undefined) return 'lkmm';
  if (m === 'weak') throw new InputError("--model weak is the scenarios' store-buffer model, not a litmus model; use lkmm (the kernel memory model), sc or tso");
  const found = LITMUS_MODEL_NAMES.find((x) => x === m);
  if (found === undefined) throw new InputError(`--model must be one of ${LITMUS_MODEL_NAMES.join(', ')}, got '${m}'`);
  return found;
}

function seconds(v: string): number {
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > 86_400) throw new InputError(`--timeout must be a number of seconds in (0, 86400], got '${v}'`);
  return Number(v);
}

/** The answer, the witness and the data-race flag, without the parsed test. */
function jsonOf(r: LitmusResult): object {
  const common = { name: r.name, model: r.model, expected: r.expected, agreement: agreement(r), explored: r.explored };
  if (r.status === 'inconclusive') return { ...common, status: r.status, reason: r.reason };
  return {
    ...common,
    status: r.status,
    outcome: r.outcome,
    positive: r.positive,
    negative: r.negative,
    dataRace: r.flags.includes('data-race'),
    flags: r.flags,
    states: r.states,
    witness: r.witness,
    race: r.race,
  };
}
