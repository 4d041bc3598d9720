/**
 * The C models against the TypeScript scenarios they mirror (MODEL_MIRRORS): time to verdict,
 * states and transitions per second, same engine settings, one run, at the scenario's CPU
 * count and at 6 CPUs, with and without symmetry; and what loading a C model costs (the
 * grammar, parsing the prelude and the model, compiling one configuration).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { defaultCheckOptions, runCheck, type CheckResult } from '../src/check.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { packageRoot } from '../src/cmodel/sources.js';
import { findScenario } from '../src/scenarios/index.js';

interface Pair {
  readonly model: string;
  readonly scenario: string;
}

function mirrored(): Pair[] {
  const dir = join(packageRoot(), 'models');
  const out: Pair[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.c')) continue;
    const m = loadCModelSync(join(dir, f));
    const mirror = m.sym.macros.find((x) => x.name === 'MODEL_MIRRORS');
    const arg = mirror?.args[0];
    if (arg?.kind === 'string') out.push({ model: `models/${f}`, scenario: arg.value });
  }
  return out;
}

/** C over TypeScript of a quantity, two decimals. */
const over = (c: number, ts: number): string => (c / Math.max(ts, 1e-9)).toFixed(2);

/** C seconds over TypeScript seconds, only where both searches finished: a run cut by the time limit has no time to compare. */
function ratio(c: CheckResult, ts: CheckResult): string {
  const cut = [c.verdict === 'inconclusive' ? 'C' : '', ts.verdict === 'inconclusive' ? 'TS' : ''].filter((x) => x !== '');
  if (cut.length > 0) return `n/a (${cut.join(' and ')} hit the time limit)`;
  return over(c.seconds, ts.seconds);
}

/** What one `shootdown check` run in a fresh process reports, and how long it took from spawn to exit. */
interface Waited {
  readonly verdict: string;
  readonly seconds: number;
}

/**
 * `shootdown check <what> --variant baseline` in a new Node process, timed from spawn to exit:
 * what a reviewer waits for (starting Node, loading the tool, the C grammar and the model,
 * compiling the configuration, exploring, checking the symmetry declaration a `holds` rests on).
 */
function waitFor(what: string, arch: string, cpus: number, symmetry: boolean, timeoutSeconds: number): Waited {
  const args = ['check', what, '--variant', 'baseline', '--arch', arch, '--model', 'sc', '--cpus', String(cpus), '--timeout', String(timeoutSeconds), '--json'];
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [join(packageRoot(), 'bin/shootdown.mjs'), ...args, ...(symmetry ? [] : ['--no-symmetry'])], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  // 0 holds, 1 violated, 3 inconclusive: a verdict each; anything else is a failed run, not a time.
  if (run.status === null || ![0, 1, 3].includes(run.status)) throw new Error(`bench/c-models.ts: shootdown ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
  const r = JSON.parse(run.stdout) as { verdict: string };
  return { verdict: r.verdict, seconds };
}

/** Fresh-process runs per pair where both finish: the median of three, as this machine's wall times vary by 10-20% from run to run. */
const WAIT_RUNS = 3;

/**
 * The C model and its scenario each waited for in a fresh process, alternating, `WAIT_RUNS`
 * times; each side's median (by seconds). A pair where a run hits the time limit is run once:
 * it has no ratio to steady.
 */
function waitForBoth(model: string, scenario: string, arch: string, cpus: number, symmetry: boolean, timeoutSeconds: number): { c: Waited; ts: Waited; runs: number } {
  const cs: Waited[] = [];
  const ts: Waited[] = [];
  for (let k = 0; k < WAIT_RUNS; k++) {
    cs.push(waitFor(model, arch, cpus, symmetry, timeoutSeconds));
    ts.push(waitFor(scenario, arch, cpus, symmetry, timeoutSeconds));
    if (cs[0]!.verdict === 'inconclusive' || ts[0]!.verdict === 'inconclusive') break;
  }
  const median = (xs: Waited[]): Waited => [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)]!;
  return { c: median(cs), ts: median(ts), runs: cs.length };
}

export async function cModelBench(timeoutSeconds: number, log: (s: string) => void): Promise<string[]> {
  const t0 = performance.now();
  await loadCGrammar();
  const grammarMs = performance.now() - t0;
  const lines = [
    '## C models against the TypeScript scenarios they mirror',
    '',
    'Each pair is checked with the same engine settings (exhaustive BFS, progress judged) on the model\'s first configuration under SC;',
    '`ratio` = C seconds / TypeScript seconds where both finished within the time limit (the target is at most 2). Loading: the C grammar once per process, then parsing the',
    'prelude and the model, then compiling one configuration.',
    '',
    '`states` and `per transition` compare what the two explore and what one transition costs (TS transitions/s over C transitions/s):',
    'their product is the ratio.',
    '',
    '| model | mirrors | config | CPUs | symmetry | C verdict | C states | C s | C trans/s | TS verdict | TS states | TS s | TS trans/s | states C/TS | per transition | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const loads: string[] = [];
  const waits: string[] = [];
  const pairs = mirrored();
  // A section with no rows would measure nothing and look like a result.
  if (pairs.length === 0) throw new Error('bench/c-models.ts: no committed C model declares MODEL_MIRRORS("scenario")');
  for (const p of pairs) {
    const tl = performance.now();
    const parsed = loadCModelSync(join(packageRoot(), p.model));
    const parseMs = performance.now() - tl;
    const c = cModelScenario(p.model);
    const ts = findScenario(p.scenario);
    if (ts === undefined) throw new Error(`bench/c-models.ts: ${p.model} mirrors '${p.scenario}', which is not a scenario`);
    const arch = c.arches[0]!;
    const tc = performance.now();
    parsed.build(ARCHES[arch], c.defaultCpus, 'sc');
    loads.push(`| ${p.model} | ${grammarMs.toFixed(0)} | ${parseMs.toFixed(0)} | ${(performance.now() - tc).toFixed(0)} |`);
    for (const cpus of [...new Set([c.defaultCpus, 6])]) {
      for (const symmetry of [true, false]) {
        const opts = { ...defaultCheckOptions, cpus, symmetry, timeoutMs: timeoutSeconds * 1000 };
        const rc: CheckResult = runCheck(c, 'baseline', arch, opts);
        const rt: CheckResult = runCheck(ts, 'baseline', arch, opts);
        const tps = (r: CheckResult): number => Math.round(r.transitions / Math.max(r.seconds, 1e-9));
        const cut = rc.verdict === 'inconclusive' || rt.verdict === 'inconclusive';
        const perTransition = cut ? 'n/a' : over(tps(rt), tps(rc));
        const states = cut ? 'n/a' : over(rc.states, rt.states);
        lines.push(`| ${p.model} | ${p.scenario} | ${arch} | ${cpus} | ${symmetry ? 'on' : 'off'} | ${rc.verdict} | ${rc.states} | ${rc.seconds.toFixed(3)} | ${tps(rc)} | ${rt.verdict} | ${rt.states} | ${rt.seconds.toFixed(3)} | ${tps(rt)} | ${states} | ${perTransition} | ${ratio(rc, rt)} |`);
        log(`${p.model} vs ${p.scenario} ${arch} ${cpus} CPUs symmetry ${symmetry}: C ${rc.seconds.toFixed(3)} s ${rc.states} states, TS ${rt.seconds.toFixed(3)} s ${rt.states} states`);
        const { c: wc, ts: wt, runs } = waitForBoth(p.model, p.scenario, arch, cpus, symmetry, timeoutSeconds);
        const both = wc.verdict !== 'inconclusive' && wt.verdict !== 'inconclusive';
        waits.push(`| ${p.model} | ${p.scenario} | ${arch} | ${cpus} | ${symmetry ? 'on' : 'off'} | ${wc.verdict} | ${wc.seconds.toFixed(2)} | ${wt.verdict} | ${wt.seconds.toFixed(2)} | ${both ? over(wc.seconds, wt.seconds) : 'n/a (a run hit the time limit)'} |`);
        log(`  shootdown check in a fresh process (median of ${runs}): C ${wc.seconds.toFixed(2)} s, TS ${wt.seconds.toFixed(2)} s`);
      }
    }
  }
  return [
    ...lines,
    '',
    '| model | grammar ms | parse ms (prelude + model) | compile ms (one configuration) |',
    '|---|---|---|---|',
    ...loads,
    '',
    'What a reviewer waits for: the same checks as `shootdown check <model or scenario> --variant baseline --arch A --model sc',
    `--cpus N [--no-symmetry] --json\`, each in a new Node process, timed from spawn to exit (the median of ${WAIT_RUNS} runs, C and TypeScript alternating, where both finish). Beyond the search this counts`,
    "starting Node and loading the tool, for C the grammar, parsing and compiling, and for a `holds` under symmetry the check",
    'of the symmetry declaration on the 3-CPU model, on every path or on its reachable states (src/engines/symmetry.ts).',
    '',
    '| model | mirrors | config | CPUs | symmetry | C verdict | C wall s | TS verdict | TS wall s | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...waits,
    '',
  ];
}
