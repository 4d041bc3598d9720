/**
 * The per-role function that lists enabled events (src/core/event-guards.ts) and the
 * `onlyWhen` claims it trusts: a C model's handler and alternative-function events say which
 * value of `irqpc`/`altpc` they can be enabled at, and the function skips their guards
 * elsewhere. A wrong claim would hide an enabled event, so it is checked here against the
 * guards themselves on the reachable states of every committed C model, and the function
 * against a plain loop calling every guard.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { compileModel } from '../src/core/compile.js';
import { eventGuards } from '../src/core/event-guards.js';
import type { Role, State } from '../src/core/model.js';
import { cModelScenario } from '../src/cmodel/scenario.js';
import { reachableStates } from './toys/reachable-states.js';

beforeAll(async () => {
  await loadCGrammar();
});

const MODELS = readdirSync('models')
  .filter((f) => f.endsWith('.c'))
  .map((f) => `models/${f}`);

/** What the generated function must list: every event, its guard called, in event order. */
function plainLoop(role: Role, s: State, cpu: number, runnable: boolean, at: number): number[] {
  const out: number[] = [];
  role.events.forEach((ev, e) => {
    if ((runnable || ev.ignoresRunnable === true) && (ev.enabled === undefined || ev.enabled(s, cpu))) out.push(at + e);
  });
  return out;
}

describe('event guards', () => {
  it.each(MODELS)('%s: no event is enabled where its onlyWhen byte says it cannot be, and the generated list equals the plain loop', (file) => {
    const sc = cModelScenario(file);
    let claims = 0;
    let skipped = 0;
    let listed = 0;
    for (const arch of sc.arches) {
      // Three CPUs, or as many as a model of fixed roles has.
      const spec = sc.build('baseline', ARCHES[arch], Math.max(sc.minCpus, Math.min(3, sc.maxCpus)), 'sc');
      const lists = spec.roles.map(eventGuards);
      const out = new Int32Array(64);
      for (const s of reachableStates(compileModel(spec), 4_000, false)) {
        for (let cpu = 0; cpu < spec.layout.cpus; cpu++) {
          const role = spec.roles[spec.cpuRoles[cpu]!]!;
          const base = spec.layout.base(cpu);
          for (const ev of role.events) {
            if (ev.onlyWhen === undefined) continue;
            claims++;
            const at = ev.onlyWhen.values.includes(s[base + ev.onlyWhen.field]!);
            if (!at) skipped++;
            if (ev.enabled?.(s, cpu) === true) expect(at, `${ev.name} on CPU${cpu}`).toBe(true);
          }
          for (const runnable of [true, false]) {
            const n = lists[spec.cpuRoles[cpu]!]!(s, cpu, base, runnable, out, 0, 100);
            const want = plainLoop(role, s, cpu, runnable, 100);
            expect(Array.from(out.subarray(0, n))).toEqual(want);
            listed += n;
          }
        }
      }
    }
    // Not vacuous: the claims were tested, some guards were skipped and some events listed.
    expect(claims).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    expect(listed).toBeGreaterThan(0);
  });
});
