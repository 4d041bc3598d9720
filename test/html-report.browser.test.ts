/**
 * The HTML report in a real browser (Debian's chromium through playwright-core): one swimlane
 * per CPU, the IPI arrow, the highlighted violating step and hazard window, and the state panel
 * after a click; the panel in view beside four lanes, the model's own fields hidden until
 * asked, and each step named by the CPU (task) that ran it. Saves reports/screenshot.png.
 * Without /usr/bin/chromium: skipped with the reason printed, and a failure in CI.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import type { StepInfo } from '../src/core/machine.js';
import { writeViolation } from '../src/cli/write-violation.js';
import { renderHtmlReport } from '../src/report/html.js';
import { findScenario } from '../src/scenarios/index.js';
import { describeNeeding } from './needs-tool.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describeNeeding('chromium', existsSync(CHROMIUM), 'apt-get install -y chromium')('HTML report in chromium', () => {
  it('draws lanes, IPI arrows, the violating step, and the state on click', async () => {
    const { chromium } = await import('playwright-core');
    const r = runCheck(findScenario('mmu-gather')!, 'skip-sync-lazy-not-woken', 'x86-kvm-pv', { ...defaultCheckOptions, cpus: 2 });
    expect(r.verdict).toBe('violated');
    const dir = mkdtempSync(join(tmpdir(), 'shootdown-html-'));
    const html = writeViolation(r, dir).replace(/\.json$/, '.html');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(pathToFileURL(resolve(html)).href);
      expect(await page.locator('svg#swimlanes g.lane').count()).toBe(2);
      expect(await page.locator('g.lane .lane-title').allTextContents()).toEqual(['CPU0 (hugetlb)', 'CPU1 (GUP-fast)']);
      expect(await page.locator('path.ipi-arrow').count()).toBeGreaterThanOrEqual(1);
      const arrow = page.locator('path.ipi-arrow').first();
      const from = Number(await arrow.getAttribute('data-from'));
      const to = Number(await arrow.getAttribute('data-to'));
      expect(await page.locator(`g.step[data-step="${from}"]`).getAttribute('data-cpu')).toBe('0');
      expect(await page.locator(`g.step[data-step="${to}"]`).getAttribute('data-cpu')).toBe('1');
      const violating = page.locator('g.step.violating');
      expect(await violating.count()).toBe(1);
      expect(await violating.getAttribute('data-step')).toBe(String(r.trace!.length - 1));
      expect(await violating.textContent()).toContain('speculative walk');
      expect(await page.locator('g.hazard').count()).toBe(1);
      expect(await page.locator('g.step.hazard-start').textContent()).toContain('other mm: munmap() frees T');
      await page.locator(`g.step[data-step="${to}"]`).click();
      const panel = page.locator('#state-panel');
      expect(await panel.getAttribute('data-step')).toBe(String(to));
      expect(await panel.textContent()).toContain('tlb_remove_table_smp_sync');
      expect(await panel.locator('td.changed[data-field="syncIpi"]').textContent()).toContain('was pending');
      mkdirSync('reports', { recursive: true });
      await page.screenshot({ path: 'reports/screenshot.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('keeps the state panel in view beside four lanes, hides the model fields until asked', async () => {
    const { chromium } = await import('playwright-core');
    const step = (cpu: number): StepInfo => ({ cpu, role: 'walker', kind: 'program', name: `step_${cpu}`, source: 's', text: `send_call_function_ipi_mask() on CPU${cpu}`, tags: [] });
    const cpus = (n: number) => Array.from({ length: 4 }, (_, c) => ({ prog: '1', pc: String(n), irqs: c < n ? 'off' : 'on' }));
    const html = renderHtmlReport({
      title: 'four lanes',
      header: [],
      steps: [0, 1, 2, 3].map(step),
      states: [0, 1, 2, 3, 4].map((n) => ({ global: { table: n > 2 ? 'freed' : 'live' }, cpus: cpus(n) })),
      cpuRoles: ['freer', 'walker', 'walker', 'walker'],
      verdictLine: 'v',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'shootdown-html4-')), 'four.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator('svg#swimlanes g.lane').count()).toBe(4);
      const box = await page.locator('#state-panel').boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1400);
      expect(box!.width).toBeGreaterThanOrEqual(280);
      const pc = page.locator('#state-panel td[data-field="pc"]').first();
      expect(await pc.isVisible()).toBe(false);
      expect(await page.locator('#state-panel td[data-field="irqs"]').first().isVisible()).toBe(true);
      await page.locator('#show-internal').check();
      expect(await pc.isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('names the task that ran a step, not its index (preempt-wait)', async () => {
    const { chromium } = await import('playwright-core');
    const r = runCheck(findScenario('preempt-wait')!, 'preempt-wait-free-csd-offline', 'x86-native', { ...defaultCheckOptions });
    expect(r.verdict).toBe('violated');
    const i = r.trace!.findIndex((t) => t.role === 'CPU0/taskB' && t.step === 'cpumask_and');
    expect(i).toBeGreaterThanOrEqual(0);
    const html = writeViolation(r, mkdtempSync(join(tmpdir(), 'shootdown-html-pw-'))).replace(/\.json$/, '.html');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(pathToFileURL(resolve(html)).href);
      await page.locator(`g.step[data-step="${i}"]`).click();
      expect(await page.locator('#state-panel h2').textContent()).toBe(`Step ${i + 1} (CPU0/taskB): cpumask_and`);
      expect(await page.locator('#state-panel h3').allTextContents()).toContain('CPU0/taskB');
    } finally {
      await browser.close();
    }
  });
});
