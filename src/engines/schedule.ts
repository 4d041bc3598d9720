/**
 * How one random run picks its next step among the steps enabled right now.
 *
 * Picking uniformly among enabled actions favours the CPUs that happen to have many events
 * enabled (a CPU with a pending IPI, a buffered store and a TLB fill gets three tickets to the
 * walker's one), and it switches CPUs at almost every step, while the races we look for are
 * bursts: one CPU runs a stretch of its program while another sits inside its window (a store
 * still buffered, a walker between two reads). So a run is scheduled CPU first:
 *
 * - with probability `stickiness / STICKINESS_LEVELS` the CPU that took the last step takes
 *   this one too, if it has an enabled step;
 * - otherwise the CPU is drawn uniformly among the CPUs that have an enabled step;
 * - then the step uniformly among that CPU's enabled steps.
 *
 * The stickiness is drawn per run (swarm testing, Groce et al., ISSTA 2012: vary the bias
 * between runs instead of fixing one): 0 switches freely, 15 runs long bursts. Every draw comes
 * from the run's choice numbers, so a run is a pure function of what fast-check generated.
 */

/** Stickiness is drawn from 0..STICKINESS_LEVELS-1; a run sticks with probability stickiness/STICKINESS_LEVELS. */
export const STICKINESS_LEVELS = 16;

/** Largest choice number a run draws (30 bits: step, CPU and stickiness draws use separate bits). */
export const MAX_CHOICE = 0x3fffffff;

/**
 * The action to take: `enabled[0..n)` are the enabled actions, `perCpu` actions per CPU,
 * `last` the CPU of the previous step (-1 at the start), `count` scratch space of one slot per
 * CPU. `choice` is one of the run's choice numbers (0..MAX_CHOICE).
 */
export function pickAction(
  enabled: Int32Array,
  n: number,
  perCpu: number,
  last: number,
  stickiness: number,
  choice: number,
  count: Int32Array,
): number {
  const stepDraw = choice & 0x3ff;
  const cpuDraw = (choice >>> 10) & 0x3ff;
  const stickDraw = (choice >>> 20) % STICKINESS_LEVELS;
  count.fill(0);
  for (let k = 0; k < n; k++) count[Math.floor(enabled[k]! / perCpu)]! += 1;
  let cpu = -1;
  if (last >= 0 && count[last]! > 0 && stickDraw < stickiness) cpu = last;
  else {
    let live = 0;
    for (let c = 0; c < count.length; c++) if (count[c]! > 0) live++;
    let r = cpuDraw % live;
    for (let c = 0; c < count.length && cpu < 0; c++) if (count[c]! > 0 && r-- === 0) cpu = c;
  }
  let r = stepDraw % count[cpu]!;
  for (let k = 0; k < n; k++) if (Math.floor(enabled[k]! / perCpu) === cpu && r-- === 0) return enabled[k]!;
  throw new Error('pickAction: no enabled step on the chosen CPU');
}
