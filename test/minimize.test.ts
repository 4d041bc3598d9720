/**
 * Counterexamples for people: the trace `check` reports for mmu-gather / skip-sync / x86-kvm-pv
 * is as short as the BFS trace and has no more CPU switches than it, and it still replays to
 * the same violation.
 */
import { describe, expect, it } from 'vitest';
import { buildMachine, defaultCheckOptions, runCheck } from '../src/check.js';
import { replayNamed } from '../src/core/replay.js';
import { bfs } from '../src/engines/bfs.js';
import { cpuSwitches } from '../src/engines/shrink.js';
import { findScenario } from '../src/scenarios/index.js';

describe('minimized counterexample', () => {
  it('mmu-gather/skip-sync/x86-kvm-pv: same length as BFS, no more CPU switches', () => {
    const scenario = findScenario('mmu-gather')!;
    const r = runCheck(scenario, 'skip-sync', 'x86-kvm-pv', defaultCheckOptions);
    expect(r.verdict).toBe('violated');
    const machine = buildMachine(scenario, 'skip-sync', 'x86-kvm-pv', r.cpus);
    const raw = bfs(machine, { symmetry: true, maxStates: defaultCheckOptions.maxStates, timeoutMs: defaultCheckOptions.timeoutMs });
    expect(raw.verdict).toBe('violated');
    if (raw.verdict !== 'violated') return;
    const replay = replayNamed(machine, r.trace!);
    expect(replay.outcome).toBe('violated');
    expect(replay.actions.length).toBe(raw.trace.length);
    const shrunk = cpuSwitches(machine, replay.actions);
    const shortest = cpuSwitches(machine, raw.trace);
    expect(shrunk).toBeLessThanOrEqual(shortest);
    // Pinned: the diagram switches CPUs only where the race needs it.
    expect(shrunk).toBe(3);
  });
});
