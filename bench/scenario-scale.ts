/**
 * The full mmu-gather and eqs-kick baselines at N = 3..16 CPUs: time to verdict with symmetry
 * reduction, with symmetry and partial-order reduction, and by the cutoff (every N at once);
 * beside them SPIN on the independent Promela model of the same scenario
 * (crosscheck/<scenario>.pml, written from the kernel notes; it lacks khugepaged's data pages
 * and the page faults of our table-free model), in the same run, pan time and compile time
 * apart. Each engine stops growing N after its first run over `stopSeconds` (or inconclusive at
 * the cap).
 */
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { findScenario } from '../src/scenarios/index.js';
import { runSpin } from '../crosscheck/spin.js';
import { switchName } from '../crosscheck/catalogue.js';

export interface ScaleRow {
  readonly scenario: string;
  readonly variant: string;
  readonly cpus: number;
  readonly engine: string;
  readonly verdict: string;
  readonly seconds: number;
  readonly states: number;
  readonly transitions: number;
  readonly bytesPerState: number;
  readonly spinStates?: number;
  readonly spinSeconds?: number;
  readonly spinCompileSeconds?: number;
  /** Why SPIN's search is not complete (time cap, depth bound), or null. */
  readonly spinCapped?: string | null;
  readonly ratio?: number;
}

const ENGINES = [
  { engine: 'shootdown bfs+symmetry', opts: {} },
  { engine: 'shootdown bfs+symmetry+por', opts: { por: true } },
  { engine: 'shootdown cutoff (every N)', opts: { cutoff: true } },
] as const;

export function scenarioScale(maxN: number, capSeconds: number, stopSeconds: number, spinOk: boolean, log: (s: string) => void): ScaleRow[] {
  const rows: ScaleRow[] = [];
  for (const [name, arch] of [
    ['mmu-gather', 'x86-native'],
    ['eqs-kick', 'arm64'],
  ] as const) {
    const sc = findScenario(name);
    if (sc === undefined) continue;
    const stopped = new Set<string>();
    let spinStopped = !spinOk;
    for (let n = 3; n <= Math.min(maxN, sc.maxCpus); n++) {
      let spin: Pick<ScaleRow, 'spinStates' | 'spinSeconds' | 'spinCompileSeconds' | 'spinCapped'> = {};
      if (!spinStopped) {
        const r = runSpin(name, `crosscheck/${name}.pml`, [`N=${n}`, switchName('VARIANT', 'baseline'), switchName('ARCH', arch)], capSeconds);
        const v = r.verdict;
        const capped = v.kind === 'capped';
        if (v.kind === 'holds' || v.kind === 'capped' || v.kind === 'violated') spin = { spinStates: v.states, spinSeconds: v.seconds, spinCompileSeconds: r.compileSeconds, spinCapped: v.kind === 'capped' ? v.reason : null };
        if (capped || v.kind === 'error') spinStopped = true;
        log(`SPIN ${name} N=${n}: ${v.kind}${'states' in v ? ` ${v.states} states ${v.seconds.toFixed(2)} s` : ''}`);
      }
      for (const e of ENGINES) {
        if (stopped.has(e.engine)) continue;
        const r = runCheck(sc, 'baseline', arch, { ...defaultCheckOptions, ...e.opts, cpus: n, timeoutMs: capSeconds * 1000, maxStates: 40_000_000 });
        const row: ScaleRow = {
          scenario: `${name} (${arch})`,
          variant: 'baseline',
          cpus: n,
          engine: e.engine,
          verdict: r.verdict,
          seconds: r.seconds,
          states: r.states,
          transitions: r.transitions,
          bytesPerState: r.bytesPerState,
          ...spin,
          ...(spin.spinSeconds !== undefined ? { ratio: r.seconds / spin.spinSeconds } : {}),
        };
        rows.push(row);
        log(`${e.engine} ${name} N=${n}: ${r.verdict} ${r.states} states ${r.seconds.toFixed(2)} s`);
        if (r.seconds > stopSeconds || r.verdict === 'inconclusive') stopped.add(e.engine);
      }
      if (stopped.size === ENGINES.length && spinStopped) break;
    }
  }
  return rows;
}
