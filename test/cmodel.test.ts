/**
 * C models end to end on small models whose answers are known: message passing under each
 * memory model, a release store that fixes it, kick_all_cpus_sync() from the prelude with and
 * without its wait (a patch to the prelude), symmetry granted where the CPUs are
 * interchangeable, and the state counts checked against an exploration without symmetry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHES } from '../src/arch/index.js';
import type { ArchName } from '../src/arch/arch.js';
import { loadCGrammar } from '../src/c/grammar.js';
import { compileModel } from '../src/core/compile.js';
import { bfs } from '../src/engines/bfs.js';
import { loadCModelSync } from '../src/cmodel/index.js';
import type { MemoryModelName } from '../src/memory/model-name.js';

const F = 'test/fixtures/cmodels';

beforeAll(async () => {
  await loadCGrammar();
});

function verdict(file: string, cpus: number, mm: MemoryModelName, patch?: string, symmetry = true, arch: ArchName = 'x86-native', preludeDir?: string) {
  const m = loadCModelSync(file, { ...(patch === undefined ? {} : { patch }), ...(preludeDir === undefined ? {} : { preludeDir }) });
  const built = m.build(ARCHES[arch], cpus, mm);
  const r = bfs(compileModel(built.spec), { symmetry, maxStates: 1_000_000, timeoutMs: 60_000, progress: { maxEdges: 10_000_000 } });
  const stuck = r.verdict === 'holds' && r.progress?.verdict === 'stuck';
  return {
    verdict: stuck ? 'stuck' : r.verdict,
    property: r.verdict === 'violated' ? r.property : undefined,
    reached: r.reached,
    states: r.states,
    symmetry: built.symmetry,
  };
}

describe('C models', () => {
  it.each([
    ['sc', 'holds'],
    ['tso', 'holds'],
    ['weak', 'violated'],
  ] as const)('message passing with plain stores under %s: %s', (mm, expected) => {
    const r = verdict(`${F}/mp.c`, 2, mm);
    expect(r.verdict).toBe(expected);
    if (expected === 'violated') expect(r.property).toBe('BUG_ON(READ_ONCE(data) != 1)');
  });

  it('a release store (a patch to the model file) restores message passing under weak', () => {
    expect(verdict(`${F}/mp.c`, 2, 'weak', `${F}/mp-release.diff`).verdict).toBe('holds');
  });

  it('kick_all_cpus_sync() from the prelude: every CPU took the IPI when it returns; without the wait it is violated', () => {
    for (const cpus of [2, 3, 4]) expect(verdict(`${F}/kick.c`, cpus, 'sc').verdict).toBe('holds');
    const broken = verdict(`${F}/kick.c`, 3, 'sc', `${F}/kick-nowait.diff`);
    expect(broken.verdict).toBe('violated');
    expect(broken.property).toBe('BUG_ON(returned && !this_cpu_read(took))');
  });

  it('grants symmetry to interchangeable CPUs, and symmetry changes no verdict', () => {
    const sym = verdict(`${F}/kick.c`, 4, 'sc');
    const full = verdict(`${F}/kick.c`, 4, 'sc', undefined, false);
    expect(sym.symmetry.find((s) => s.role === 'other')?.symmetric).toBe(true);
    expect(full.verdict).toBe(sym.verdict);
    expect(sym.states).toBeLessThan(full.states);
  });

  it('the address of a shared object is a pointer value (stored, loaded, compared), not NULL', () => {
    expect(verdict(`${F}/pointer.c`, 1, 'sc').verdict).toBe('holds');
  });

  it('an initialised prelude object that no code touches gets no state and writes none', () => {
    expect(verdict(`${F}/mp.c`, 2, 'sc', undefined, true, 'x86-native', `${F}/prelude-unused`).verdict).toBe('holds');
  });

  it('a call through a function pointer reaches only functions whose address code that runs takes', () => {
    // hooks.c's never_called() takes sync_hook's address; inlined at h(), its sync_core() has no text to act on here
    expect(verdict(`${F}/fnptr.c`, 1, 'sc', undefined, true, 'x86-native', `${F}/prelude-unused-fnptr`).verdict).toBe('holds');
  });

  it('a call through a function pointer that no code running gives a value calls NULL', () => {
    const r = verdict(`${F}/fnptr-null.c`, 1, 'sc', undefined, true, 'x86-native', `${F}/prelude-unused-fnptr`);
    expect([r.verdict, r.property]).toEqual(['violated', 'no-call-through-null']);
  });

  it.each(['tso', 'weak'] as const)('kick_all_cpus_sync() completes under %s: sending the IPI makes the queued csd visible first', (mm) => {
    expect(verdict(`${F}/kick.c`, 3, mm).verdict).toBe('holds');
  });

  it.each(['sc', 'tso', 'weak'] as const)('text patching under %s: the kick keeps retired text from running; without it no-stale-text-after-sync', (mm) => {
    const ok = verdict(`${F}/text.c`, 3, mm, undefined, true, 'arm64');
    expect(ok.verdict).toBe('holds');
    // the witness reads the instruction stream (__insn_fetch) and the IRQ flag of each CPU
    expect(ok.reached).toEqual({ stale: true });
    const broken = verdict(`${F}/text.c`, 3, mm, `${F}/text-nokick.diff`, true, 'arm64');
    expect(broken.verdict).toBe('violated');
    expect(broken.property).toBe('no-stale-text-after-sync');
  });

  it('under a store-buffer memory model, symmetry is refused while buffered stores can name a symmetric CPU', () => {
    const sc = verdict(`${F}/text.c`, 3, 'sc', undefined, true, 'arm64');
    expect(sc.symmetry.find((s) => s.role === 'runner')).toMatchObject({ symmetric: true });
    const tso = verdict(`${F}/text.c`, 3, 'tso', undefined, true, 'arm64');
    expect(tso.symmetry.find((s) => s.role === 'runner')?.reason).toMatch(/store-buffer/);
  });

  it('symmetry is refused when code compares a CPU number with a constant that can name a symmetric CPU', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'shootdown-symc-')), 'kick-cpu2.c');
    // CPU2 is one of the interchangeable `other` CPUs (CPUS(1, N)); CPU0 is the patcher.
    writeFileSync(file, readFileSync(`${F}/kick.c`, 'utf8').replace('\tlocal_irq_restore(flags);', '\tlocal_irq_restore(flags);\n\tif (smp_processor_id() != 2)\n\t\tcpu_relax();'));
    expect(verdict(file, 3, 'sc').symmetry.find((s) => s.role === 'other')?.reason).toMatch(/a CPU number is compared with the constant 2 \(.*kick-cpu2\.c:\d+: smp_processor_id\(\) != 2\)/);
    writeFileSync(file, readFileSync(`${F}/kick.c`, 'utf8').replace('\tlocal_irq_restore(flags);', '\tlocal_irq_restore(flags);\n\tif (smp_processor_id() != 0)\n\t\tcpu_relax();'));
    expect(verdict(file, 3, 'sc').symmetry.find((s) => s.role === 'other')?.symmetric).toBe(true);
  });

  it("symmetry is refused when another role's register keeps a symmetric CPU's number across steps", () => {
    const r = verdict('models/eqs-kick.c', 3, 'sc', 'models/eqs-kick/skip-eqs-no-isb.diff', true, 'arm64');
    expect(r.symmetry.find((s) => s.role === 'EQS CPU')?.reason).toMatch(/rcu_get_eqs_cpus\.cpu of text patcher holds a CPU number/);
    expect(verdict('models/eqs-kick.c', 3, 'sc', undefined, true, 'arm64').symmetry.find((s) => s.role === 'EQS CPU')?.symmetric).toBe(true);
  });
});

describe('C models: the store buffer bound', () => {
  it('a store into a full buffer is no verdict: check reports inconclusive and says how to raise the bound', async () => {
    const { checkModel } = await import('../src/api.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'shootdown-sb-'));
    const file = join(dir, 'three-stores.c');
    // Three stores with no barrier between them: the third finds two entries taken.
    const model = [
      'int a, b, c;',
      'static void writer(void) { WRITE_ONCE(a, 1); WRITE_ONCE(b, 1); WRITE_ONCE(c, 1); }',
      'static void reader(void) { BUG_ON(READ_ONCE(c) && !READ_ONCE(b)); BUG_ON(READ_ONCE(b) && !READ_ONCE(a)); }',
      'ROLE("writer", CPU(0), ONCE, writer);',
      'ROLE("reader", CPU(1), ONCE, reader);',
      'MODEL_STORE_BUFFER(2);',
      'MODEL_MEMORY("sc", "tso");',
      '',
    ].join('\n');
    writeFileSync(file, model);
    const [r] = await checkModel(file, { arch: 'x86-native', model: 'tso', cpus: 2 });
    expect(r).toMatchObject({ verdict: 'inconclusive', agrees: 'not-proven' });
    expect(r!.found.detail).toMatch(/full store buffer \(2 entries\); raise MODEL_STORE_BUFFER/);
  });
});

/** Every reachable state of a small model (symmetry on), for checks over the whole space. */
function reachable(file: string, cpus: number, arch: ArchName = 'x86-native', patch?: string) {
  const m = loadCModelSync(file, patch === undefined ? {} : { patch });
  const built = m.build(ARCHES[arch], cpus, 'sc');
  const mach = compileModel(built.spec);
  const all: Uint8Array[] = [mach.initial()];
  const seen = new Set([all[0]!.join(',')]);
  const out = new Int32Array(mach.maxActions);
  for (let i = 0; i < all.length; i++) {
    const n = mach.enabled(all[i]!, out);
    for (let k = 0; k < n; k++) {
      const t = new Uint8Array(mach.stateSize);
      mach.apply(all[i]!, out[k]!, t);
      if (!seen.has(t.join(','))) {
        seen.add(t.join(','));
        all.push(t);
      }
    }
  }
  return { built, mach, all, layout: built.spec.layout };
}

describe('C models: the compiler', () => {
  it('a spin-wait blocks until its condition is false', () => {
    expect(verdict(`${F}/spin.c`, 2, 'sc').verdict).toBe('holds');
  });

  it('a pointer used at another type than its object faults (pointer-type)', () => {
    const r = verdict(`${F}/typed.c`, 1, 'sc');
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('pointer-type');
  });

  it('registers: ONCE functions share fields, a finished unit leaves none set, untouched objects get no state, initialiser-only fields cost no step', () => {
    const { all, layout, built } = reachable(`${F}/regs.c`, 2);
    const regs = layout.cpuFields.map((f, i) => (/^reg\d+$/.test(f.name) ? i : -1)).filter((i) => i >= 0);
    expect(regs.length).toBe(1);
    expect(layout.cpuFields.some((f) => f.name.startsWith('untouched'))).toBe(false);
    const altpc = layout.cpuFields.findIndex((f) => f.name === 'altpc');
    const pc = layout.cpuFields.findIndex((f) => f.name === 'pc');
    const base = (c: number) => layout.cpuBase + c * layout.cpuSize;
    // CPU1 between two iterations (no alternative running, the loop at its head): no register set
    for (const s of all) if (s[base(1) + altpc] === 0 && s[base(1) + pc] === 0) for (const r of regs) expect(s[base(1) + r]).toBe(0);
    // first(): the load of `shared` and the store; S.a is only ever the initialiser's
    expect(built.spec.roles[0]!.programs[0]!.steps.length).toBe(2);
  });

  it('INIT runs before the first step; one that waits is refused', () => {
    const { all } = reachable(`${F}/mmu.c`, 2);
    const d = compileModel(loadCModelSync(`${F}/mmu.c`).build(ARCHES['x86-native'], 2, 'sc').spec).decode(all[0]!);
    expect(d.cpus[1]!['cr3']).not.toBe('0');
    expect(d.cpus[1]!['psc.T']).toBe('1');
    expect(d.cpus[0]!['cr3']).toBe('0');
    const waits = loadCModelSync(`${F}/init-waits.c`).build(ARCHES['x86-native'], 1, 'sc').spec;
    expect(() => waits.init(new Uint8Array(waits.layout.size))).toThrow(/INIT start\(\) does not run to its end/);
  });

  it('the MMU: a cached pointer to a freed table is walked without a flush; a CPU in init_mm caches none of the user slots', () => {
    for (const cpus of [2, 3]) expect(verdict(`${F}/mmu.c`, cpus, 'sc').verdict).toBe('holds');
    const broken = verdict(`${F}/mmu.c`, 2, 'sc', `${F}/mmu-noflush.diff`);
    expect(broken.verdict).toBe('violated');
    expect(broken.property).toBe('no-walker-reads-freed-table');
    expect(verdict(`${F}/mmu.c`, 2, 'sc', `${F}/mmu-kernel.diff`).verdict).toBe('holds');
  });

  it('a last-level flush (TLBI VALE1IS) leaves the paging-structure caches: the freed table is still walked', () => {
    const leaf = verdict(`${F}/mmu.c`, 2, 'sc', `${F}/mmu-leaf-flush.diff`);
    expect(leaf.verdict).toBe('violated');
    expect(leaf.property).toBe('no-walker-reads-freed-table');
  });

  it('a function whose every return is the same constant folds (only the branch taken is compiled)', () => {
    const fields = (arch: ArchName) => loadCModelSync(`${F}/fold.c`).build(ARCHES[arch], 1, 'sc').spec.layout.globalFields.map((f) => f.name);
    expect(fields('x86-native')).toContain('x86_only');
    expect(fields('x86-native')).not.toContain('others_only');
    expect(fields('arm64')).toContain('others_only');
    expect(fields('arm64')).not.toContain('x86_only');
  });

  it('a WITNESS may look at the hardware (__cached, __at, __pt_state...); code may not', () => {
    const m = loadCModelSync(`${F}/mmu.c`);
    const r = bfs(compileModel(m.build(ARCHES['x86-native'], 2, 'sc').spec), { symmetry: true, maxStates: 100_000, timeoutMs: 60_000 });
    expect(r.reached['cached-after-unlink']).toBe(true);
    // a task in init_mm never caches T
    const k = loadCModelSync(`${F}/mmu.c`, { patch: `${F}/mmu-kernel.diff` });
    expect(bfs(compileModel(k.build(ARCHES['x86-native'], 2, 'sc').spec), { symmetry: true, maxStates: 100_000, timeoutMs: 60_000 }).reached['cached-after-unlink']).toBe(false);
    expect(() => loadCModelSync(`${F}/mmu.c`, { patch: `${F}/view-in-code.diff` }).build(ARCHES['x86-native'], 2, 'sc')).toThrow(/only a WITNESS function may call it/);
  });

  it('a CPU of a role that is not symmetric may store its own per-CPU address: symmetry is still granted', () => {
    const r = verdict(`${F}/selfptr.c`, 3, 'sc');
    expect(r.verdict).toBe('holds');
    expect(r.symmetry.find((s) => s.role === 'reader')?.symmetric).toBe(true);
  });

  it('a vCPU is preempted only where another CPU reads its steal_time (KVM); never under Hyper-V', () => {
    const events = (arch: ArchName) => loadCModelSync(`${F}/steal.c`).build(ARCHES[arch], 2, 'sc').spec.roles.map((r) => r.events.some((e) => e.name === 'vcpu_preempted'));
    expect(events('x86-kvm-pv')).toEqual([false, true]);
    expect(events('x86-hyperv')).toEqual([false, false]);
  });

  it('an ALWAYS states a property over the state (an IPI pending, where a CPU is): it holds with the IPI sent, is violated without, and names no property twice', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const ok = verdict(`${F}/always.c`, 2, 'sc');
    expect(ok.verdict).toBe('holds');
    expect(ok.reached).toEqual({ 'ipi-pending': true });
    const lost = verdict(`${F}/always.c`, 2, 'sc', `${F}/always-nosend.diff`);
    expect([lost.verdict, lost.property]).toEqual(['violated', 'message-not-lost']);
    const file = join(mkdtempSync(join(tmpdir(), 'shootdown-always-')), 'always-twice.c');
    writeFileSync(file, readFileSync(`${F}/always.c`, 'utf8').replace('\tlocal_irq_enable();', '\tlocal_irq_enable();\n\t__hazard(message_not_lost, false);'));
    expect(() => loadCModelSync(file).build(ARCHES['x86-native'], 2, 'sc')).toThrow(/ALWAYS\(message_not_lost, \.\.\.\) names a property the model already has/);
    writeFileSync(file, readFileSync(`${F}/always.c`, 'utf8').replace('return !READ_ONCE(msg)', 'WRITE_ONCE(msg, false);\n\treturn !READ_ONCE(msg)'));
    expect(() => loadCModelSync(file).build(ARCHES['x86-native'], 2, 'sc')).toThrow(/only reads the state/);
  });

  it('the prelude declares the call-function handler: a second INTERRUPT for the vector is refused', () => {
    expect(() => loadCModelSync(`${F}/kick.c`, { patch: `${F}/kick-interrupt.diff` })).toThrow(/declared twice/);
  });
});
