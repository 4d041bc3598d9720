/**
 * A wait that never completes (every-wait-completes) is shown like a safety violation: on the
 * fewest CPUs where it happens, as a shortest prefix to the point of no return, then a cycle the
 * other CPUs can run for ever (or a deadlock), naming who waits and saying that no fairness is
 * assumed. The committed preempt-before-queued counterexample replays to the same violation.
 */
import { describe, expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { replayFile } from '../src/cli/replay-cmd.js';
import { PROGRESS_PROPERTY } from '../src/engines/progress.js';
import { mutantsOf } from '../src/mutate/mutants.js';
import { renderDiagram } from '../src/report/diagram.js';
import { findScenario } from '../src/scenarios/index.js';
import type { Scenario } from '../src/scenarios/scenario.js';

describe('progress counterexamples', () => {
  it('preempt-before-queued: taskA hangs in csd_lock_wait() while the rest goes on for ever', () => {
    const r = runCheck(findScenario('preempt-wait')!, 'preempt-before-queued', 'x86-native', { ...defaultCheckOptions });
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe(PROGRESS_PROPERTY);
    expect(r.cycleFrom).toBeDefined();
    expect(r.cycleFrom!).toBeLessThan(r.trace!.length);
    expect(r.explanation).toContain('CPU0/taskA waits in csd_lock_wait()');
    expect(r.explanation).toContain('No fairness is assumed');
    const text = renderDiagram({ title: 't', header: [], trace: r.trace!, property: r.property!, verdictLine: r.explanation!, cycleFrom: r.cycleFrom! });
    expect(text).toContain('---- from here on, the steps below repeat for ever');
    expect(text).toContain(`---- and again from step ${r.cycleFrom! + 1}`);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const replayed = replayFile('counterexamples/preempt-wait+preempt-before-queued+x86-native.json');
    expect(replayed.outcome.outcome).toBe('violated');
  });

  it('is shown on the fewest CPUs where a wait never completes', () => {
    // kick-async's baseline with the kick dropped: the request is never observed (3 CPUs by default).
    const base = findScenario('kick-async')!;
    const id = 'drop:requester/request + kick (always)/arch_send_call_function_single_ipi@1';
    const mutated: Scenario = {
      ...base,
      build: (v, a, n, mm) => {
        const m = mutantsOf(base.build(v, a, n, mm)).find((x) => x.id === id);
        if (m === undefined) throw new Error(`no mutant ${id} at ${n} CPUs`);
        return m.spec;
      },
    };
    expect(base.defaultCpus).toBeGreaterThan(base.minCpus);
    const r = runCheck(mutated, 'baseline', 'x86-native', { ...defaultCheckOptions });
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe(PROGRESS_PROPERTY);
    expect(r.cpus).toBe(base.minCpus);
    expect(r.found.detail).toContain(`smallest of ${base.minCpus}..${base.defaultCpus} CPUs where a wait never completes`);
  });
});
