/**
 * The kick-async scenario twice: the TypeScript one (src/scenarios/kick-async) and the C model
 * (models/kick-async.c, its patches in models/kick-async/). Every variant (the C baseline is
 * the model with no patch; each other variant is the patch whose Mirrors: header names it) on
 * every configuration, at the scenario's default CPU count, checked by the same runCheck with
 * the same settings: the verdicts, the violated property and the race-window judgement (a
 * holds whose witnesses were all reached) must be equal.
 *
 * And every-kick-observed can fail where the kernel's code can: llist_add() is one try_cmpxchg()
 * loop, and written as a read of the queue then a separate add, a requester that saw another's
 * request sends no IPI, the target empties its queue in between, and the request waits with no
 * IPI coming.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import { cMirrors, describeAgreement, safetyVerdict } from './cmodel-mirrors.js';

const MODEL = 'models/kick-async.c';

beforeAll(async () => {
  await loadCGrammar();
});

describe('kick-async in C agrees with the TypeScript scenario', () => {
  describeAgreement('kick-async');

  it('each C patch is named as the TypeScript variant it mirrors', () => {
    const map = cMirrors('kick-async');
    expect([...map].filter(([ts, c]) => ts !== c)).toEqual([]);
  });
});

describe('every-kick-observed can fail', () => {
  // llist_add() as two steps: read whether the queue is empty, then add (prelude/kernel/smp.c csd_queue_add()).
  const splitAdd = [
    '--- a/prelude/kernel/smp.c',
    '+++ b/prelude/kernel/smp.c',
    '@@ -68,4 +68,2 @@',
    '-\t__atomic_block("llist_add() is one try_cmpxchg() loop on the list head: it adds and tells whether the list was empty at once") {',
    '-\t\twas_empty = cpumask_empty(&per_cpu(call_single_queue, cpu));',
    '-\t\tcpumask_set_cpu(smp_processor_id(), &per_cpu(call_single_queue, cpu));',
    '-\t}',
    '+\twas_empty = cpumask_empty(&per_cpu(call_single_queue, cpu));',
    '+\tcpumask_set_cpu(smp_processor_id(), &per_cpu(call_single_queue, cpu));',
    '',
  ].join('\n');

  it('with llist_add() read-then-add, sparing the IPI when it found a request queued loses a kick', () => {
    const m = loadCModelSync(MODEL, { patch: 'models/kick-async/coalesce-llist-add.diff', patchText: { name: 'split-llist-add.diff', text: splitAdd } });
    expect(safetyVerdict(m.build(ARCHES.arm64, 3, 'sc').spec)).toBe('violated every-kick-observed');
  }, 600_000);

  it('with the kernel llist_add(), the same model holds', () => {
    const m = loadCModelSync(MODEL, { patch: 'models/kick-async/coalesce-llist-add.diff' });
    expect(safetyVerdict(m.build(ARCHES.arm64, 3, 'sc').spec)).toBe('holds');
  }, 600_000);
});
