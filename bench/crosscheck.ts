/**
 * `npm run crosscheck`: the independent SPIN cross-check (issue #8). Each scenario that has a
 * Promela model in crosscheck/ (written from the kernel notes, not translated from our
 * mechanisms) is run by SPIN for every variant and configuration, under sequential consistency
 * (SPIN's), and compared with our verdict on the same CPU count. Writes CROSSCHECK.md
 * (generated) and exits 1 on any disagreement or any variant the Promela model does not cover.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCheckOptions, runCheck } from '../src/check.js';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import { findScenario } from '../src/scenarios/index.js';
import { compareRows, renderCrosscheck, type CrossRow } from './crosscheck-table.js';
import { PROMELA_CONFIGS } from './crosscheck-configs.js';
import { ensureSpin, runSpin } from './spin.js';

const root = join(import.meta.dirname, '..', '..');
const log = (s: string) => process.stderr.write(s + '\n');

if (!ensureSpin()) {
  process.stderr.write('crosscheck: spin is not installed and apt-get could not install it\n');
  process.exit(2);
}
const rows: CrossRow[] = [];
for (const pc of PROMELA_CONFIGS) {
  const scenario = findScenario(pc.scenario);
  if (scenario === undefined) continue;
  const text = readFileSync(join(root, 'crosscheck', pc.file), 'utf8');
  for (const v of scenario.variants) {
    for (const arch of scenario.arches) {
      const ours = runCheck(scenario, v.name, arch, { ...defaultCheckOptions, cpus: pc.cpus, memoryModel: 'sc' });
      const defines = pc.defines(v.name, arch);
      if (defines === null) {
        rows.push({ scenario: pc.scenario, variant: v.name, arch, cpus: pc.cpus, ours: ours.verdict, oursProperty: ours.property ?? '', spin: 'not modelled', spinStates: 0, spinSeconds: 0 });
        continue;
      }
      const header = [`#define N ${pc.cpus}`, ...defines.map((d) => `#define ${d}`)].join('\n');
      const r = runSpin(`${header}\n${text}`, pc.capSeconds);
      const spin = r.capped ? 'capped' : r.errors > 0 ? 'violated' : 'holds';
      log(`${pc.scenario}/${v.name}/${arch}: ours ${ours.verdict}, SPIN ${spin} (${r.states} states, ${r.panSeconds.toFixed(2)} s)`);
      rows.push({ scenario: pc.scenario, variant: v.name, arch, cpus: pc.cpus, ours: ours.verdict, oursProperty: ours.property ?? '', spin, spinStates: r.states, spinSeconds: r.panSeconds, defines });
    }
  }
}
writeFileAtomic(join(root, 'CROSSCHECK.md'), renderCrosscheck(rows));
const bad = compareRows(rows).filter((x) => x.agree !== 'yes');
log(`CROSSCHECK.md written: ${rows.length} configurations, ${bad.length} not agreeing`);
process.exitCode = bad.length > 0 ? 1 : 0;
