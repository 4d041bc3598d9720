/** The CLI contract (README, "CLI"): exit codes, --json shape, one-line errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const run = runCli;

const tmp = mkdtempSync(join(tmpdir(), 'shootdown-cli-'));

describe('shootdown check', () => {
  it('exits 1 with a trace for skip-sync under KVM PV flush', async () => {
    const r = await run(['check', 'mmu-gather', '--variant', 'skip-sync', '--arch', 'x86-kvm-pv', '--json', '--out', tmp]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { verdict: string; property: string; trace: unknown[]; counterexampleFile: string };
    expect(j.verdict).toBe('violated');
    expect(j.property).toBe('no-walker-reads-freed-table');
    expect(j.trace.length).toBeGreaterThan(0);
    const replay = await run(['replay', j.counterexampleFile]);
    expect(replay.code).toBe(1);
  });

  it('exits 0 with holds and a state count on x86-native', async () => {
    const r = await run(['check', 'mmu-gather', '--variant', 'skip-sync', '--arch', 'x86-native', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { verdict: string; states: number };
    expect(j.verdict).toBe('holds');
    expect(j.states).toBeGreaterThan(0);
  });

  it('exits 3 when --max-states stops the search', async () => {
    const r = await run(['check', 'mmu-gather', '--variant', 'baseline', '--arch', 'x86-kvm-pv', '--max-states', '10', '--json']);
    expect(r.code).toBe(3);
  });

  for (const [what, args] of [
    ['an unknown scenario', ['check', 'nope']],
    ['an unknown variant', ['check', 'mmu-gather', '--variant', 'nope']],
    ['an unknown arch', ['check', 'mmu-gather', '--arch', 'vax']],
    ['absurd bounds', ['check', 'mmu-gather', '--cpus', '100000']],
    ['an unknown option', ['check', 'mmu-gather', '--frobnicate']],
    ['an unknown command', ['frob']],
    ['a missing file', ['replay', join(tmp, 'missing.json')]],
    ['zero workers', ['check', 'mmu-gather', '--workers', '0']],
    ['absurd workers', ['check', 'mmu-gather', '--workers', '100000']],
    ['an unknown memory model', ['check', 'eqs-kick', '--model', 'relaxed']],
    ['partial-order reduction with DFS', ['check', 'mmu-gather', '--por', '--search', 'dfs']],
    ['the cutoff with the random engine', ['check', 'mmu-gather', '--cutoff', '--engine', 'random']],
    ['the cutoff on worker threads', ['check', 'mmu-gather', '--cutoff', '--workers', '2']],
  ] as const) {
    it(`gives a one-line error and exit 2 for ${what}`, async () => {
      const r = await run([...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^shootdown: /);
    });
  }

  it('gives a one-line error and exit 2 for a counterexample file with a memory model its scenario does not model', async () => {
    const ok = await run(['check', 'eqs-kick', '--variant', 'skip-eqs-no-mb', '--arch', 'arm64', '--model', 'weak', '--out', tmp]);
    expect(ok.code).toBe(1);
    const file = join(tmp, 'eqs-kick+skip-eqs-no-mb+arm64+weak.json');
    const replayed = await run(['replay', file]);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain('eqs-kick/skip-eqs-no-mb/arm64/weak: replay still violates');
    const cx = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const bad = join(tmp, 'bad-model.json');
    writeFileSync(bad, JSON.stringify({ ...cx, memoryModel: 'relaxed' }));
    const r = await run(['replay', bad]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain("unknown memory model 'relaxed'");
  });

  it('gives a one-line error and exit 2 for a malformed counterexample file', async () => {
    const bad = join(tmp, 'bad.json');
    for (const content of ['{', '[]', '{"format":"shootdown-counterexample/1"}', '{"format":"x"}']) {
      writeFileSync(bad, content);
      const r = await run(['replay', bad]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
