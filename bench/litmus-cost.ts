/**
 * State-space cost of the litmus explorer per memory model: states, transitions and wall
 * time (median of 5 runs) for a few corpus tests plus a four-CPU IRIW.
 * Run with `npx tsx bench/litmus-cost.ts`. Timing lives here, never in the explorer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_NAMES, runLitmus } from '../src/litmus/index.js';

const DIR = join(import.meta.dirname, '..', 'litmus');
const IRIW = `C IRIW+poonceonces+OnceOnce
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); }
P2(int *y) { WRITE_ONCE(*y, 1); }
P3(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*y); r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)`;

const tests: [string, string][] = [
  ...['SB+poonceonces', 'MP+poonceonces', 'SB+atomicinconces', 'WRC+poonceonces+Once'].map(
    (n): [string, string] => [n, readFileSync(join(DIR, `${n}.litmus`), 'utf8')],
  ),
  ['IRIW+poonceonces+OnceOnce (inline)', IRIW],
];

console.log('| test | model | outcome | states | transitions | ms (median of 5) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, text] of tests) {
  for (const m of MODEL_NAMES) {
    const times: number[] = [];
    let row = '';
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const r = runLitmus(text, m);
      times.push(performance.now() - t0);
      row = `${r.outcome} | ${r.stats.states} | ${r.stats.transitions}`;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${m} | ${row} | ${(times[2] ?? 0).toFixed(2)} |`);
  }
}
