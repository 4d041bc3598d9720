/**
 * Determinism and replay: the same seed gives the same counterexample bytes; an exhaustive run
 * gives the same bytes every time; a schedule that no longer fits the model names the first
 * diverging step.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/report/input-error.js';
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { toCounterexample } from '../src/cli/write-violation.js';
import { replayFile } from '../src/cli/replay-cmd.js';
import { serializeCounterexample } from '../src/report/counterexample-file.js';
import { mmuGather } from '../src/scenarios/mmu-gather/index.js';

const bytes = (engine: 'random' | 'exhaustive', seed: number) =>
  serializeCounterexample(toCounterexample(runCheck(mmuGather, 'skip-sync', 'x86-kvm-pv', { ...defaultCheckOptions, engine, seed })));

describe('determinism', () => {
  it('the same seed gives the same counterexample bytes', () => {
    expect(bytes('random', 11)).toBe(bytes('random', 11));
  });
  it('an exhaustive run gives the same counterexample bytes every time', () => {
    expect(bytes('exhaustive', 0)).toBe(bytes('exhaustive', 0));
  });
  it('a replay that no longer fits names the first diverging step; an unknown step is bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shootdown-det-'));
    const cx = JSON.parse(readFileSync('counterexamples/mmu-gather+skip-sync+x86-kvm-pv.json', 'utf8')) as { trace: { cpu: number; step: string }[] };
    // A step its CPU has, but not at that point of the schedule.
    const at = cx.trace[3]!;
    const later = cx.trace.slice(4).find((t) => t.cpu === at.cpu && t.step !== at.step);
    expect(later).toBeDefined();
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify({ ...cx, trace: cx.trace.map((t, i) => (i === 3 ? { ...t, step: later!.step } : t)) }));
    const { result } = replayFile(file);
    expect(result.outcome).toBe('diverged');
    expect(result.divergence?.at).toBe(3);
    expect(result.divergence?.wanted).toContain(later!.step);
    writeFileSync(file, JSON.stringify({ ...cx, trace: cx.trace.map((t, i) => (i === 3 ? { ...t, step: 'no_such_kernel_function' } : t)) }));
    expect(() => replayFile(file)).toThrow(InputError);
  });
});
