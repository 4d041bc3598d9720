/**
 * The command line (README, "CLI"). Exit codes: 0 all hold, 1 a property violated (or a matrix disagreement),
 * 2 bad input or a destination that cannot be written (one line, no stack trace),
 * 3 inconclusive, 130 interrupted.
 * Each command names the flags it takes: any other flag, a flag given twice or a wrong number
 * of arguments is refused in one line instead of being ignored.
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
import { JOURNAL, recoverCommit } from './report/commit-files.js';
import { InputError } from './report/input-error.js';
import { OutputError } from './report/output-path.js';
import { printable } from './report/printable.js';
import { loadCGrammar } from './c/grammar.js';

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
  'max-memory': { type: 'string' },
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
  against: { type: 'string' },
  from: { type: 'string' },
  patch: { type: 'string', multiple: true },
  override: { type: 'string', multiple: true },
  help: { type: 'boolean' },
} as const;

type FlagName = Exclude<keyof typeof OPTIONS, 'help'>;
type Multiple<K extends FlagName> = (typeof OPTIONS)[K] extends { multiple: true } ? readonly string[] : string;
export type Flags = { readonly [K in FlagName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? Multiple<K> : boolean };
type Out = (s: string) => void;

interface Command {
  readonly name: string;
  /** Arguments and flags, as the usage text shows them (wrapped at the spaces before a `[`). */
  readonly usage: string;
  readonly flags: readonly FlagName[];
  /** How many positional arguments: at least, at most. */
  readonly args: readonly [number, number];
  readonly run: (args: readonly string[], f: Flags, out: Out) => number | Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { name: 'list', usage: '[--json]', flags: ['json'], args: [0, 0], run: (_, f, out) => listCommand(f, out) },
  {
    name: 'check',
    usage:
      '<scenario|model.c> [--patch P.diff].. [--override F.c].. [--variant V,..|all] [--arch A,..|all] [--model sc|tso|weak|all] [--cpus N] [--engine exhaustive|random] [--search bfs|dfs] [--max-states M] [--timeout SEC] [--max-memory MIB] [--no-symmetry] [--por] [--cutoff] [--workers N] [--seed S] [--runs R] [--depth D] [--json] [--out DIR]',
    flags: ['patch', 'override', 'variant', 'arch', 'model', 'cpus', 'engine', 'search', 'seed', 'runs', 'depth', 'max-states', 'max-memory', 'timeout', 'no-symmetry', 'por', 'cutoff', 'workers', 'json', 'out'],
    args: [1, 1],
    run: (args, f, out) => checkCommand(args, f, out),
  },
  { name: 'matrix', usage: '[--quick] [--json] [--out DIR] [--verdicts FILE]', flags: ['quick', 'json', 'out', 'verdicts'], args: [0, 0], run: (_, f, out) => matrixCommand(f, out) },
  { name: 'replay', usage: '<counterexample.json> [--variant V] [--json]', flags: ['variant', 'json'], args: [1, 1], run: (args, f, out) => replayCommand(args, f, out) },
  { name: 'explain', usage: '<counterexample.json> [--against V] [--json]', flags: ['against', 'json'], args: [1, 1], run: (args, f, out) => explainCommand(args, f, out) },
  { name: 'new-variant', usage: '<scenario> <name> [--root DIR]', flags: ['root'], args: [2, 2], run: (args, f, out) => newVariantCommand(args, f, out) },
  { name: 'corpus', usage: '[--dir DIR]', flags: ['dir'], args: [0, 0], run: (_, f, out) => corpusCommand(f, out) },
  { name: 'mutate', usage: '[scenario|model.c] [--variant V,..|all] [--cpus N] [--json]', flags: ['variant', 'cpus', 'json'], args: [0, 1], run: (args, f, out) => mutateCommand(args, f, out) },
  {
    name: 'litmus',
    usage: '<file> [--model lkmm|sc|tso] [--timeout SEC] [--json] [--from counterexample.json]',
    flags: ['model', 'timeout', 'json', 'from'],
    args: [0, 1],
    run: (args, f, out) => litmusCommand(args, f, out),
  },
];

/** `  shootdown <name> <usage>`, wrapped before a `[` so that no line passes 80 columns. */
function usageLines(c: Command): string[] {
  const lines: string[] = [];
  let line = `  shootdown ${c.name}`;
  const indent = ' '.repeat(line.length + 1);
  for (const part of c.usage.split(/ (?=\[)/)) {
    if (line.trim().length > 0 && line.length + 1 + part.length > 80) {
      lines.push(line);
      line = indent + part;
    } else line += ` ${part}`;
  }
  return [...lines, line];
}

export const USAGE = ['usage:', ...COMMANDS.flatMap(usageLines), 'exit codes: 0 holds, 1 violated, 2 bad input, 3 inconclusive, 130 interrupted'].join('\n');

function parse(argv: readonly string[]): { cmd: string | undefined; args: string[]; flags: Flags & { help?: boolean } } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new InputError(e instanceof Error ? e.message : String(e));
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || t.name === 'patch' || t.name === 'override') continue;
    if (seen.has(t.name)) throw new InputError(`--${t.name} given twice; give several names as --${t.name} a,b`);
    seen.add(t.name);
  }
  const [cmd, ...args] = parsed.positionals;
  return { cmd, args, flags: parsed.values };
}

async function dispatch(argv: readonly string[], out: Out): Promise<number> {
  const { cmd, args, flags } = parse(argv);
  // C models (and counterexamples of C models) need the C grammar: loaded once, ~30 ms.
  await loadCGrammar();
  if (flags.help === true || cmd === undefined || cmd === 'help') {
    out(USAGE + '\n');
    return cmd === undefined && flags.help !== true ? 2 : 0;
  }
  const c = COMMANDS.find((x) => x.name === cmd);
  if (c === undefined) throw new InputError(`unknown command '${cmd}'; one of: ${COMMANDS.map((x) => x.name).join(', ')}`);
  const stray = (Object.keys(flags) as FlagName[]).find((k) => !c.flags.includes(k));
  if (stray !== undefined) throw new InputError(`--${stray} does not apply to ${c.name}; usage: shootdown ${c.name} ${c.usage}`);
  const [min, max] = c.args;
  if (args.length < min || args.length > max) {
    const what = args.length > max ? `unexpected argument '${args[max]}'` : 'missing argument';
    throw new InputError(`${c.name}: ${what}; usage: shootdown ${c.name} ${c.usage}`);
  }
  return c.run(args, flags, out);
}

/**
 * Runs one command. Everything printed goes through `printable`: names read from files or the
 * command line reach the terminal with their control characters escaped.
 */
export async function main(argv: readonly string[], out: Out = (s) => process.stdout.write(s)): Promise<number> {
  try {
    // A run killed while it rewrote the committed files left a journal: finish that first.
    if (recoverCommit()) process.stderr.write(`shootdown: finished the interrupted writes recorded in ${JOURNAL}\n`);
    return await dispatch(argv, (s) => out(printable(s)));
  } catch (e) {
    if (e instanceof InputError || e instanceof OutputError) {
      process.stderr.write(`shootdown: ${printable(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}
