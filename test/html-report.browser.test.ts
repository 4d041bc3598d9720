/**
 * The HTML report in a real browser (Debian's chromium through playwright-core): one swimlane
 * per CPU, the IPI arrow, the highlighted violating step and hazard window, and the state panel
 * after a click. Saves reports/screenshot.png. Without /usr/bin/chromium: skipped with the
 * reason printed, and a failure in CI.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { writeViolation } from '../src/cli/write-violation.js';
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
});
