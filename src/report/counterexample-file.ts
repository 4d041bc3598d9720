/**
 * Counterexample files (`counterexamples/*.json`): the regression corpus and what `replay`
 * reads. Each carries its question, configuration, expected verdict, the trace by name, how it
 * was found, and the fingerprint of the model it was found on. Parsing validates every field
 * and reports the first problem in one line.
 */
import type { StepKind } from '../core/machine.js';
import type { TraceStep } from '../core/trace.js';
import { InputError } from './input-error.js';

export const COUNTEREXAMPLE_FORMAT = 'shootdown-counterexample/1';

export interface CounterexampleFile {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly name: string;
  readonly question: string;
  readonly scenario: string;
  readonly variant: string;
  readonly arch: string;
  /** The memory model; files written before memory models existed are read as `sc`. */
  readonly memoryModel: string;
  readonly cpus: number;
  readonly property: string;
  readonly explanation: string;
  readonly found: { readonly engine: string; readonly detail: string; readonly seed?: number; readonly path?: string };
  readonly modelFingerprint: string;
  readonly trace: readonly TraceStep[];
  /** For a wait that never completes: where in `trace` the steps that repeat for ever start. */
  readonly cycleFrom?: number;
}

const KINDS: readonly StepKind[] = ['program', 'event', 'choose'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(o: Record<string, unknown>, k: string, where: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new InputError(`${where}: field '${k}' must be a string`);
  return v;
}

function int(o: Record<string, unknown>, k: string, where: string, min: number, max: number): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InputError(`${where}: field '${k}' must be an integer in ${min}..${max}`);
  }
  return v;
}

export function parseCounterexample(text: string, where: string): CounterexampleFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isRecord(raw)) throw new InputError(`${where}: expected a JSON object`);
  if (raw['format'] !== COUNTEREXAMPLE_FORMAT) throw new InputError(`${where}: field 'format' must be '${COUNTEREXAMPLE_FORMAT}'`);
  const found = raw['found'];
  if (!isRecord(found)) throw new InputError(`${where}: field 'found' must be an object`);
  const trace = raw['trace'];
  if (!Array.isArray(trace) || trace.length > 100_000) throw new InputError(`${where}: field 'trace' must be an array of steps`);
  const steps: TraceStep[] = trace.map((t: unknown, i: number) => {
    const w = `${where}: trace[${i}]`;
    if (!isRecord(t)) throw new InputError(`${w} must be an object`);
    const kind = str(t, 'kind', w);
    const k = KINDS.find((x) => x === kind);
    if (k === undefined) throw new InputError(`${w}: field 'kind' must be one of ${KINDS.join(', ')}`);
    const on = t['on'] === undefined ? {} : { on: int(t, 'on', w, 0, 4096) };
    const by = t['by'] === undefined ? {} : { by: int(t, 'by', w, 0, 4096) };
    return { cpu: int(t, 'cpu', w, 0, 4096), role: str(t, 'role', w), kind: k, step: str(t, 'step', w), text: str(t, 'text', w), source: str(t, 'source', w), ...on, ...by };
  });
  const seed = found['seed'];
  const path = found['path'];
  return {
    format: COUNTEREXAMPLE_FORMAT,
    name: str(raw, 'name', where),
    question: str(raw, 'question', where),
    scenario: str(raw, 'scenario', where),
    variant: str(raw, 'variant', where),
    arch: str(raw, 'arch', where),
    memoryModel: raw['memoryModel'] === undefined ? 'sc' : str(raw, 'memoryModel', where),
    cpus: int(raw, 'cpus', where, 1, 4096),
    property: str(raw, 'property', where),
    explanation: str(raw, 'explanation', where),
    found: {
      engine: str(found, 'engine', `${where}: found`),
      detail: str(found, 'detail', `${where}: found`),
      ...(typeof seed === 'number' ? { seed } : {}),
      ...(typeof path === 'string' ? { path } : {}),
    },
    modelFingerprint: str(raw, 'modelFingerprint', where),
    trace: steps,
    ...(raw['cycleFrom'] === undefined ? {} : { cycleFrom: int(raw, 'cycleFrom', where, 0, Math.max(0, steps.length - 1)) }),
  };
}

export function serializeCounterexample(c: CounterexampleFile): string {
  return JSON.stringify(c, null, 2) + '\n';
}

/** File stem for a configuration: `mmu-gather+skip-sync+x86-kvm-pv`, `eqs-kick+skip-eqs-no-mb+arm64+weak`. */
export function counterexampleName(scenario: string, variant: string, arch: string, memoryModel: string): string {
  // A C model and its patches are named by path: the file name keeps their last components.
  const base = (p: string): string => p.replace(/^.*[\\/]/, '').replace(/\.(diff|patch)$/, '');
  return `${base(scenario)}+${base(variant)}+${arch}${memoryModel === 'sc' ? '' : `+${memoryModel}`}`;
}
