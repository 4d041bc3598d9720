/**
 * A model's fingerprint (src/core/fingerprint.ts) is what a counterexample file stores so that
 * a replay against a changed model says so: a file written earlier for a model that has not
 * changed still matches it, a change to any part of the structure changes it, and it is always
 * sixteen hex digits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import { modelFingerprint } from '../src/core/fingerprint.js';
import { defineLayout } from '../src/core/layout.js';
import { isMemoryModelName } from '../src/memory/model-name.js';
import { programFields, type ModelSpec, type Role } from '../src/core/model.js';
import { parseCounterexample } from '../src/report/counterexample-file.js';
import { arm64Batch } from '../src/scenarios/arm64-batch/index.js';

const role = (name: string): Role => ({
  name,
  symmetric: true,
  programs: [{ name: 'p', source: 'a.c:1', loop: false, steps: [{ name: 's', source: 'a.c:2', run: () => undefined }, { name: 't', source: 'a.c:3', run: () => undefined }] }],
  events: [{ name: 'e', source: 'a.c:4', run: () => undefined }, { name: 'f', source: 'a.c:5', run: () => undefined }],
});
const base: ModelSpec = {
  name: 'm',
  layout: defineLayout([{ name: 'g' }, { name: 'h' }], [...programFields, { name: 'a' }], 2),
  roles: [role('r')],
  cpuRoles: [0, 0],
  init: () => undefined,
  properties: [
    { name: 'safe', kind: 'always', doc: '', check: () => true },
    { name: 'window', kind: 'sometimes', doc: '', check: () => true },
  ],
};

describe('the model fingerprint', () => {
  it('of a model unchanged since a counterexample file was written is the one the file stores', () => {
    const path = 'counterexamples/arm64-batch+batched-pending-remote-dsb+arm64.json';
    const cx = parseCounterexample(readFileSync(path, 'utf8'), path);
    expect(cx.arch).toBe('arm64');
    const mm = cx.memoryModel;
    if (!isMemoryModelName(mm)) throw new Error(`${path}: memory model ${mm}`);
    const spec = arm64Batch.build(cx.variant, ARCHES.arm64, cx.cpus, mm);
    expect(modelFingerprint(spec)).toBe(cx.modelFingerprint);
  });

  it('changes with each part of the structure', () => {
    const r = base.roles[0]!;
    const p = r.programs[0]!;
    const changed: ModelSpec[] = [
      { ...base, layout: defineLayout([{ name: 'g' }, { name: 'i' }], [...programFields, { name: 'a' }], 2) },
      { ...base, layout: defineLayout([{ name: 'g' }, { name: 'h' }], [...programFields, { name: 'b' }], 2) },
      { ...base, roles: [role('q')] },
      { ...base, roles: [{ ...r, symmetric: false }] },
      { ...base, roles: [{ ...r, programs: [{ ...p, loop: true }] }] },
      { ...base, roles: [{ ...r, programs: [{ ...p, name: 'p2' }] }] },
      { ...base, roles: [{ ...r, programs: [{ ...p, steps: [p.steps[0]!, { ...p.steps[1]!, source: 'a.c:9' }] }] }] },
      { ...base, roles: [{ ...r, events: [r.events[0]!, { ...r.events[1]!, name: 'f2' }] }] },
      { ...base, roles: [{ ...r, events: [r.events[0]!, { ...r.events[1]!, source: 'b.c:5' }] }] },
      { ...base, properties: [base.properties[0]!, { ...base.properties[1]!, name: 'window2' }] },
      { ...base, properties: [base.properties[0]!, { ...base.properties[1]!, kind: 'always' }] },
    ];
    const prints = new Set([base, ...changed].map(modelFingerprint));
    expect(prints.size).toBe(changed.length + 1);
  });

  it('does not depend on where a list of names splits', () => {
    const L = (globals: string[]) => defineLayout(globals.map((name) => ({ name })), [...programFields], 2);
    expect(modelFingerprint({ ...base, layout: L(['ab', 'c']) })).not.toBe(modelFingerprint({ ...base, layout: L(['a', 'bc']) }));
  });

  it('is sixteen hex digits, leading zeros included', () => {
    for (let i = 0; i < 200; i++) expect(modelFingerprint({ ...base, name: `m${i}`, roles: [role(`r${i}`)] })).toMatch(/^[0-9a-f]{16}$/);
  });
});
