/**
 * The command line (README, "CLI"). Exit codes: 0 all hold, 1 a property violated (or a
 * matrix disagreement), 2 usage or input error (one line, no stack trace), 3 inconclusive.
 */
import { parseArgs } from 'node:util';
import { checkCommand } from './cli/check-cmd.js';
import { corpusCommand } from './cli/corpus-cmd.js';
import { explainCommand } from './cli/explain-cmd.js';
import { listCommand } from './cli/list-cmd.js';
import { litmusCommand } from './cli/litmus-cmd.js';
import { matrixCommand } from './cli/matrix-cmd.js';
import { mutateCommand } from './cli/mutate-cmd.js';
import { newVariantCommand } from './cli/new-variant-cmd.js';
import { replayCommand } from './cli/replay-cmd.js';
import { InputError } from './report/input-error.js';
import { loadCGrammar } from './c/grammar.js';

const USAGE = `usage:
  shootdown list [--json]
  shootdown check <scenario | model.c> [--patch P.diff]... [--override F.c]... [--variant V|all] [--arch A|all] [--model sc|tso|weak|all] [--cpus N] [--engine exhaustive|random] [--search bfs|dfs]
                  [--seed S] [--runs R] [--depth D] [--max-states M] [--timeout SEC] [--no-symmetry] [--por] [--cutoff] [--workers N]
                  [--json] [--out DIR]
  shootdown matrix [--quick] [--json] [--out DIR] [--verdicts FILE]
  shootdown replay <counterexample.json> [--variant V] [--json]
  shootdown explain <counterexample.json> [--json]
  shootdown new-variant <scenario> <name> [--root DIR]
  shootdown corpus [--dir DIR]
  shootdown mutate [scenario] [--cpus N] [--json]
  shootdown litmus <file> [--model lkmm|sc|tso] [--timeout SEC] [--json]
exit codes: 0 holds, 1 violated, 2 bad input, 3 inconclusive, 130 interrupted (matrix)`;

const OPTIONS = {
  variant: { type: 'string' },
  arch: { type: 'string' },
  cpus: { type: 'string' },
  engine: { type: 'string' },
  search: { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  depth: { type: 'string' },
  'max-states': { type: 'string' },
  timeout: { type: 'string' },
  'no-symmetry': { type: 'boolean' },
  por: { type: 'boolean' },
  cutoff: { type: 'boolean' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  model: { type: 'string' },
  out: { type: 'string' },
  verdicts: { type: 'string' },
  dir: { type: 'string' },
  quick: { type: 'boolean' },
  root: { type: 'string' },
  patch: { type: 'string', multiple: true },
  override: { type: 'string', multiple: true },
  help: { type: 'boolean' },
} as const;

export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new InputError(e instanceof Error ? e.message : String(e));
    }
    const { values: f, positionals } = parsed;
    const [cmd, ...rest] = positionals;
    // C models (and counterexamples of C models) need the C grammar: loaded once, ~30 ms.
    await loadCGrammar();
    if (f.help === true || cmd === undefined || cmd === 'help') {
      out(USAGE + '\n');
      return cmd === undefined && f.help !== true ? 2 : 0;
    }
    switch (cmd) {
      case 'list':
        return listCommand(f, out);
      case 'check':
        return await checkCommand(rest, f, out);
      case 'replay':
        return replayCommand(rest, f, out);
      case 'matrix':
        return await matrixCommand(f, out);
      case 'explain':
        return explainCommand(rest, f, out);
      case 'new-variant':
        return newVariantCommand(rest, f, out);
      case 'litmus':
        return await litmusCommand(rest, f, out);
      case 'mutate':
        return mutateCommand(rest, f, out);
      case 'corpus':
        return corpusCommand(f, out);
      default:
        throw new InputError(`unknown command '${cmd}'; one of: list, check, matrix, replay, explain, new-variant, mutate, litmus, corpus`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`shootdown: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
