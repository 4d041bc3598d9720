/** `shootdown explain`: names the baseline step that blocks a counterexample's schedule. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainFile } from '../src/cli/explain-cmd.js';
import { main } from '../src/cli.js';

describe('shootdown explain', () => {
  it('names csd_lock_wait and the IRQs-off, preempted vCPU for skip-sync on KVM PV', () => {
    const text = explainFile('counterexamples/mmu-gather+skip-sync+x86-kvm-pv.json').text.replace(/\s+/g, ' ');
    expect(text).toContain('diverges at step 8 (CPU0 `tlb_remove_table_sync_one`)');
    expect(text).toContain('baseline blocks here: CPU0 `csd_lock_wait`');
    expect(text).toContain('waits for CPU1');
    expect(text).toContain('CPU1.irqs=off and CPU1.preempted=yes');
  });

  it('names a blocking baseline step for every skip-sync and no-sync counterexample of the TypeScript scenario', () => {
    // The C model's (mmu-gather.c+...) name their steps by file and line: not checked here.
    const files = readdirSync('counterexamples').filter((f) => /^mmu-gather\+(skip-sync|no-sync|skip-sync-any-ipi-flush)\+.*\.json$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(explainFile(join('counterexamples', f)).text.replace(/\s+/g, ' '), f).toMatch(/baseline blocks here: CPU\d `\w+`/);
  });

  it('exits 0 with an explanation and 2 on a missing file', async () => {
    let out = '';
    expect(await main(['explain', 'counterexamples/mmu-gather+no-sync+arm64.json'], (s) => (out += s))).toBe(0);
    expect(out.replace(/\s+/g, ' ')).toContain('baseline blocks here');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const err = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(await main(['explain', 'nope.json'], () => {})).toBe(2);
    } finally {
      process.stderr.write = err;
    }
  });
});
