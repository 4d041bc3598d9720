/**
 * The engine options of `check`, read from its flags, whatever the model: the engine and its
 * bounds (states, time, memory: each ends the run inconclusive, exit 3). A flag that the chosen engine would ignore is refused (`--seed` with the exhaustive
 * engine, `--workers` with DFS), and `--workers` beyond the machine's cores is warned about.
 */
import { availableParallelism, totalmem } from 'node:os';
import { defaultCheckOptions, type CheckOptions, type EngineName } from '../check.js';
import { InputError } from '../report/input-error.js';
import { intArg } from './options.js';

export interface EngineFlags {
  readonly engine?: string;
  readonly search?: string;
  readonly seed?: string;
  readonly runs?: string;
  readonly depth?: string;
  readonly 'max-states'?: string;
  readonly 'max-memory'?: string;
  readonly timeout?: string;
  readonly 'no-symmetry'?: boolean;
  readonly por?: boolean;
  readonly cutoff?: boolean;
  readonly workers?: string;
}

/** The engine options but the model's own (CPU count, memory model), and the worker threads. */
export interface EngineChoice {
  readonly options: Omit<CheckOptions, 'cpus' | 'memoryModel' | 'onProgress'>;
  readonly workers: number;
}

export function engineArg(e: string | undefined): EngineName {
  if (e === undefined || e === 'exhaustive') return 'exhaustive';
  if (e === 'random') return 'random';
  throw new InputError(`--engine must be 'exhaustive' or 'random', got '${e}'`);
}

export function searchArg(s: string | undefined): 'bfs' | 'dfs' {
  if (s === undefined || s === 'bfs') return 'bfs';
  if (s === 'dfs') return 'dfs';
  throw new InputError(`--search must be 'bfs' or 'dfs', got '${s}'`);
}

/** Flags that only one engine (or search) reads, with the one that does. */
const ONLY_WITH: readonly { readonly flag: keyof EngineFlags; readonly engine: EngineName; readonly search?: 'bfs' }[] = [
  { flag: 'seed', engine: 'random' },
  { flag: 'runs', engine: 'random' },
  { flag: 'depth', engine: 'random' },
  { flag: 'search', engine: 'exhaustive' },
  { flag: 'no-symmetry', engine: 'exhaustive' },
  { flag: 'cutoff', engine: 'exhaustive' },
  { flag: 'por', engine: 'exhaustive', search: 'bfs' },
  { flag: 'workers', engine: 'exhaustive', search: 'bfs' },
];

/** The default memory budget of a check: 4 GiB, or three quarters of the machine if it has less. */
export function defaultMemoryMiB(): number {
  return Math.min(4096, Math.floor((totalmem() / 2 ** 20) * 0.75));
}

export function engineChoice(f: EngineFlags, warn: (line: string) => void): EngineChoice {
  const engine = engineArg(f.engine);
  const search = searchArg(f.search);
  for (const rule of ONLY_WITH) {
    if (f[rule.flag] === undefined) continue;
    if (engine !== rule.engine) throw new InputError(`--${rule.flag} applies to --engine ${rule.engine} only`);
    if (rule.search !== undefined && search !== rule.search) throw new InputError(`--${rule.flag} needs --search ${rule.search}`);
  }
  const workers = intArg('workers', f.workers, 1, 1, 64);
  for (const flag of ['por', 'cutoff'] as const) {
    if (f[flag] === true && workers > 1) throw new InputError(`--${flag} runs on one thread; drop --workers`);
  }
  const cores = availableParallelism();
  if (workers > cores) warn(`warning: --workers ${workers} on ${cores} cores: the workers beyond ${cores} share cores, which makes the run slower and larger, not faster`);
  return {
    workers,
    options: {
      ...defaultCheckOptions,
      engine,
      search,
      seed: intArg('seed', f.seed, defaultCheckOptions.seed, 0, 2 ** 31 - 1),
      runs: intArg('runs', f.runs, defaultCheckOptions.runs, 1, 10_000_000),
      depth: intArg('depth', f.depth, defaultCheckOptions.depth, 1, 100_000),
      maxStates: intArg('max-states', f['max-states'], defaultCheckOptions.maxStates, 1, 2_000_000_000),
      timeoutMs: intArg('timeout', f.timeout, defaultCheckOptions.timeoutMs / 1000, 1, 86_400) * 1000,
      maxMemoryMiB: intArg('max-memory', f['max-memory'], defaultMemoryMiB(), 64, 1_048_576),
      symmetry: f['no-symmetry'] !== true,
      por: f.por === true,
      cutoff: f.cutoff === true,
    },
  };
}
