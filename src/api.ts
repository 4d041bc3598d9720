/**
 * The library API, for a patch author's own test suite:
 *
 *   import { checkModel } from 'shootdown';
 *   const [r] = await checkModel('models/mmu-gather.c', { patch: 'my-fix.diff', arch: 'x86-kvm-pv' });
 *   expect(r.verdict).toBe('holds');
 *
 * `checkModel` runs the same check as `shootdown check <model.c> --json` and returns its result
 * objects, one per configuration (arch x memory model) checked. Counterexamples are written
 * only when `out` names a directory. Bad input throws an `InputError` with the one-line message
 * the CLI would print.
 */
import { ARCHES } from './arch/index.js';
import type { ArchName } from './arch/arch.js';
import { loadCGrammar } from './c/grammar.js';
import { defaultCheckOptions, runCheck, type CheckResult } from './check.js';
import { cModelScenario } from './cmodel/scenario.js';
import type { MemoryModelName } from './memory/model-name.js';
import { InputError } from './report/input-error.js';
import { writeViolation } from './cli/write-violation.js';

export interface CheckModelOptions {
  /** A unified diff applied to the prelude or the model. */
  readonly patch?: string;
  /** A file whose functions replace the prelude's (or the model's) of the same name. */
  readonly override?: string;
  /** One configuration; default: every one the model lists (MODEL_ARCHES). */
  readonly arch?: ArchName;
  /** One memory model; default: every one the model lists (MODEL_MEMORY). */
  readonly model?: MemoryModelName;
  /** CPU count; default: the model's (MODEL_CPUS). */
  readonly cpus?: number;
  readonly maxStates?: number;
  readonly timeoutSeconds?: number;
  /** Symmetry reduction (default on, where the compiler grants it). */
  readonly symmetry?: boolean;
  /** Write each counterexample (JSON, text, HTML) into this directory. */
  readonly out?: string;
}

export type CheckModelResult = CheckResult & { readonly counterexampleFile?: string };

export async function checkModel(file: string, opts: CheckModelOptions = {}): Promise<CheckModelResult[]> {
  await loadCGrammar();
  const scenario = cModelScenario(file);
  if (opts.patch !== undefined && opts.override !== undefined) throw new InputError('give a patch or an override, not both');
  const variant = opts.patch !== undefined ? scenario.addVariant(opts.patch) : opts.override !== undefined ? scenario.addVariant(opts.override) : 'baseline';
  if (opts.arch !== undefined && !(opts.arch in ARCHES)) throw new InputError(`unknown arch '${opts.arch}'`);
  const arches = opts.arch !== undefined ? [opts.arch] : scenario.arches;
  const models = opts.model !== undefined ? [opts.model] : scenario.memoryModels;
  const out: CheckModelResult[] = [];
  for (const arch of arches) {
    for (const mm of models) {
      const r = runCheck(scenario, variant, arch, {
        ...defaultCheckOptions,
        memoryModel: mm,
        cpus: opts.cpus ?? 0,
        symmetry: opts.symmetry ?? true,
        maxStates: opts.maxStates ?? defaultCheckOptions.maxStates,
        timeoutMs: (opts.timeoutSeconds ?? defaultCheckOptions.timeoutMs / 1000) * 1000,
      });
      out.push(r.verdict === 'violated' && opts.out !== undefined ? { ...r, counterexampleFile: writeViolation(r, opts.out) } : r);
    }
  }
  return out;
}

export { loadCModel, type CModel, type LoadOptions } from './cmodel/index.js';
export { InputError } from './report/input-error.js';
export type { CheckResult } from './check.js';
export type { ArchName } from './arch/arch.js';
export type { MemoryModelName } from './memory/model-name.js';
