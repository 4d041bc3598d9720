/**
 * Partial-order reduction on the committed C models (issue 14): `check model.c --por` must give
 * the verdict, and the violated property, that the full search gives, on every patch x
 * configuration x memory model at the model's default CPU count. A C step runs its kernel code
 * only where it is enabled (a wait it cannot pass throws StepBlocked), so the footprints the
 * reduction rests on leave out the states where a step blocks; this test is what says that
 * leaving them out lost no dependency the verdicts needed.
 *
 * The fast set is a violation in a model of roles with the IPI queue and its interrupt handler
 * (eqs-kick without the ISB) and a holds in a model with tasks (arm64-batch: preemption and
 * migration events); `SHOOTDOWN_FULL=1` (CI) adds a sample: each committed model's first two
 * variants on its first arch and memory model; every committed configuration runs with
 * `SHOOTDOWN_POR_SWEEP=1`. Today every committed C model runs out of the footprints' path
 * budget (FOOTPRINT_PATHS: a C step runs whole kernel functions, thousands of paths each), so
 * `--por` explores in full and says so; the checks below hold either way, and keep holding the
 * day footprints of C steps are learned another way. Below, without a search: the steps that
 * crashed the footprints (a store-buffer commit from an empty entry, an interrupt handler's step
 * run where the handler is elsewhere) refuse those states instead.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArchName } from '../src/arch/arch.js';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { compileModel } from '../src/core/compile.js';
import { DeadlinePassed, withDeadline } from '../src/core/deadline.js';
import { byteDomains } from '../src/core/footprint.js';
import { FOOTPRINT_PATHS, partialOrderFor } from '../src/engines/partial-order.js';
import { StepBlocked } from '../src/core/step-blocked.js';
import { PathBudget, PathBudgetSpent, tracePaths } from '../src/core/trace-paths.js';
import type { MemoryModelName } from '../src/memory/model-name.js';

const FULL = process.env['SHOOTDOWN_FULL'] === '1';
const SWEEP = process.env['SHOOTDOWN_POR_SWEEP'] === '1';
/** Every committed model: a new one is swept with no edit here. */
const MODELS = readdirSync('models')
  .filter((f) => f.endsWith('.c'))
  .sort()
  .map((f) => `models/${f}`);

interface Config {
  readonly model: string;
  readonly variant: string;
  readonly arch: ArchName;
  readonly mm: MemoryModelName;
}

const FAST: readonly Config[] = [
  { model: 'models/eqs-kick.c', variant: 'skip-eqs-no-isb', arch: 'arm64', mm: 'sc' },
  { model: 'models/arm64-batch.c', variant: 'batched', arch: 'arm64', mm: 'sc' },
];

await loadCGrammar();

function everyConfig(): Config[] {
  return MODELS.flatMap((model) => {
    const s = cModelScenario(model);
    return s.variants.flatMap((v) => s.arches.flatMap((arch) => s.memoryModels.map((mm) => ({ model, variant: v.name, arch, mm }))));
  });
}

/** Each model's first two variants (the model as committed, and a patch) on its first arch and memory model. */
function sampleConfigs(): Config[] {
  return MODELS.flatMap((model) => {
    const s = cModelScenario(model);
    return s.variants.slice(0, 2).map((v) => ({ model, variant: v.name, arch: s.arches[0]!, mm: s.memoryModels[0]! }));
  });
}

/** The verdict as `check` reports it, and the property a violation names. */
function verdictOf(c: Config, por: boolean): { verdict: string; property: string | undefined; states: number } {
  const s = cModelScenario(c.model);
  const r = runCheck(s, c.variant, c.arch, { ...defaultCheckOptions, memoryModel: c.mm, cpus: s.defaultCpus, por });
  return { verdict: r.verdict, property: r.verdict === 'violated' ? r.property : undefined, states: r.states };
}

describe('partial-order reduction on the C models', () => {
  it('the fast set names configurations the models have', () => {
    expect(MODELS).toEqual(expect.arrayContaining(['models/arm64-batch.c', 'models/cve-2018-18281.c', 'models/eqs-kick.c', 'models/mmu-gather.c']));
    const all = everyConfig().map((c) => JSON.stringify(c));
    for (const c of FAST) expect(all, JSON.stringify(c)).toContain(JSON.stringify(c));
  });

  for (const c of SWEEP ? everyConfig() : FULL ? [...FAST, ...sampleConfigs()] : FAST) {
    const where = `${c.model} ${c.variant} ${c.arch}/${c.mm}`;
    it(`${where}: --por gives the full search's verdict and property`, () => {
      const full = verdictOf(c, false);
      const por = verdictOf(c, true);
      expect({ verdict: por.verdict, property: por.property }, where).toEqual({ verdict: full.verdict, property: full.property });
      if (full.verdict === 'holds') expect(por.states, where).toBeLessThanOrEqual(full.states);
    }, 600_000);
  }
});

describe('the footprints path budget', () => {
  it('a C model whose steps take more paths than the budget: --por explores in full, with the same states, and says why', () => {
    const c = cModelScenario('models/kick-async.c');
    const opts = { ...defaultCheckOptions, cpus: 3, symmetry: false };
    const full = runCheck(c, 'baseline', 'x86-native', opts);
    const por = runCheck(c, 'baseline', 'x86-native', { ...opts, por: true });
    expect(por.found.detail).toContain(`partial-order reduction not used: learning its footprints takes more than ${FOOTPRINT_PATHS} paths in all on the 3-CPU model`);
    expect({ verdict: por.verdict, states: por.states }).toEqual({ verdict: full.verdict, states: full.states });
  }, 120_000);

  it('counts every path a closure runs, and stops the analysis past its total', () => {
    // A closure that reads one byte of ten values: ten paths.
    const tenPaths = (s: Uint8Array): boolean => s[0]! > 4;
    const budget = new PathBudget(25);
    expect(budget.trace(1, () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], tenPaths).tried).toBe(10);
    expect(budget.trace(1, () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], tenPaths).paths).toHaveLength(10);
    expect(() => budget.trace(1, () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], tenPaths)).toThrow(PathBudgetSpent);
  });
});

describe('the time limit while footprints are learned', () => {
  it('a limit already past stops the learning (the path enumeration and the probe exploration look at it)', () => {
    const c = cModelScenario('models/mmu-gather.c');
    const build = (n: number) => c.build('baseline', ARCHES['x86-native'], n, 'sc');
    const spec = build(3);
    const machine = compileModel(spec);
    expect(() => withDeadline(performance.now() - 1, () => partialOrderFor(build, spec, machine, 3))).toThrow(DeadlinePassed);
    expect(() => withDeadline(performance.now() - 1, () => tracePaths(1, () => [0], () => true))).toThrow(DeadlinePassed);
    // Outside withDeadline there is no limit.
    expect(tracePaths(1, () => [0], () => true).paths.length).toBe(1);
  });

  it('check --por under a time limit that passes while learning: inconclusive, with no state explored, saying why', () => {
    // Building the 3-CPU probe of a C model alone takes longer than a millisecond.
    const c = cModelScenario('models/mmu-gather.c');
    const r = runCheck(c, 'baseline', 'x86-native', { ...defaultCheckOptions, cpus: 4, por: true, timeoutMs: 1 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.states).toBe(0);
    expect(r.found.detail).toContain('passed while learning the footprints');
  });
});

describe('a C step on a state where it is not enabled', () => {
  const s = cModelScenario('models/eqs-kick.c');

  it('a store-buffer commit runs only where it may commit, and refuses elsewhere (weak: an entry behind an empty one too)', () => {
    const spec = s.build('baseline', ARCHES['arm64'], 2, 'weak');
    const L = spec.layout;
    const role = spec.roles[spec.cpuRoles[0]!]!;
    const commits = role.events.filter((e) => e.name.startsWith('store buffer: commit'));
    expect(commits.length).toBeGreaterThan(1);
    const domain = byteDomains(L, () => 2);
    for (const ev of commits) {
      // Every state the commit may run on is enabled: on the others it throws StepBlocked.
      const r = tracePaths(L.size, domain, (x) => {
        const enabled = ev.enabled!(x, 0);
        ev.run(x, 0);
        expect(enabled, ev.name).toBe(true);
      });
      expect(r.paths.length, ev.name).toBeGreaterThan(0);
    }
    const empty = new Uint8Array(L.size);
    for (const ev of commits) expect(() => ev.run(empty, 0), ev.name).toThrow(StepBlocked);
  });

  it("an interrupt handler's later step refuses where the handler is not at it", () => {
    const spec = s.build('baseline', ARCHES['arm64'], 2, 'sc');
    const role = spec.roles[spec.cpuRoles[1]!]!;
    const later = role.events.filter((e) => e.ipi !== 'handle' && e.name.startsWith('generic_smp_call_function_interrupt/'));
    expect(later.length).toBeGreaterThan(0);
    const initial = new Uint8Array(spec.layout.size);
    spec.init(initial);
    for (const ev of later) {
      expect(ev.enabled!(initial, 1), ev.name).toBe(false);
      expect(() => ev.run(initial, 1), ev.name).toThrow(StepBlocked);
    }
  });
});
