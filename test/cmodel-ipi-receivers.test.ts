/**
 * The call-function interrupt handler is compiled only into the roles an IPI may be sent to
 * (src/cmodel/build/units.ts, ipiReceivers): a CPU never sent one never takes the interrupt, so
 * a handler there is code that never runs, whose writes to the CPU's own call_single_queue
 * (named by CPU number) would cost its role the symmetry. test/fixtures/cmodels/ipi-one-target.c:
 * senders kick CPU0 only, so they have no handler and stay interchangeable, with the verdict of
 * the full search; ipi-any-target.diff kicks a CPU number computed at run time, which may be a
 * sender: every role takes the interrupt and the senders are refused symmetry, as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function built(patch?: string) {
  const m = loadCModelSync(`${F}/ipi-one-target.c`, patch === undefined ? {} : { patch: `${F}/${patch}` });
  return m.build(ARCHES['x86-native'], 4, 'sc');
}

function explore(patch: string | undefined, symmetry: boolean) {
  const r = bfs(compileModel(built(patch).spec), { symmetry, maxStates: 1_000_000, timeoutMs: 60_000, progress: { maxEdges: 1e7 } });
  return { verdict: r.verdict, progress: r.verdict === 'holds' ? r.progress?.verdict : undefined, states: r.states };
}

describe('the interrupt handler is in the roles an IPI may be sent to', () => {
  it('senders that kick only CPU0 take no interrupt: no handler events, and they stay symmetric', () => {
    const b = built();
    expect(b.symmetry).toEqual([
      { role: 'target', symmetric: false, reason: null },
      { role: 'sender', symmetric: true, reason: null },
    ]);
    const [target, sender] = b.spec.roles;
    expect(target!.events.some((e) => e.ipi === 'handle')).toBe(true);
    expect(sender!.events.some((e) => e.name.startsWith('generic_smp_call_function_interrupt'))).toBe(false);
  });

  it('the reduced search gives the full search\'s verdict, in fewer states', () => {
    const full = explore(undefined, false);
    const reduced = explore(undefined, true);
    expect(full).toMatchObject({ verdict: 'holds', progress: 'progresses' });
    expect(reduced).toMatchObject({ verdict: full.verdict, progress: full.progress });
    expect(reduced.states).toBeLessThan(full.states);
  });

  it('a kick to a CPU number computed at run time may reach a sender: every role has the handler, and the senders are refused symmetry', () => {
    const b = built('ipi-any-target.diff');
    expect(b.spec.roles.map((r) => r.events.some((e) => e.ipi === 'handle'))).toEqual([true, true]);
    expect(b.symmetry[1]).toMatchObject({ role: 'sender', symmetric: false });
    expect(b.symmetry[1]!.reason).toMatch(/call_single_queue/);
  });
});
