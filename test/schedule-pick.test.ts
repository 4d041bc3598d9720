/**
 * How a random run picks its next step (src/engines/schedule.ts), on enabled sets written by
 * hand: the CPU first, uniformly among the CPUs with an enabled step (or the last CPU again,
 * with probability stickiness/16), then the step uniformly among that CPU's enabled steps. The
 * draws come from separate bits of one choice number: step bits 0..9, CPU bits 10..19,
 * stickiness bits 20 and up (mod 16). Each expected action below is worked out from that rule.
 */
import { describe, expect, it } from 'vitest';
import { pickAction, STICKINESS_LEVELS } from '../src/engines/schedule.js';

/** A choice number from its three draws. */
const choice = (step: number, cpu: number, stick: number): number => step | (cpu << 10) | (stick << 20);

/** Four actions per CPU; CPU0 has actions 0, 1, 2 enabled, CPU1 none, CPU2 action 9 (its local 1). */
const PER_CPU = 4;
const ENABLED = Int32Array.from([0, 1, 2, 9]);
const pick = (last: number, stickiness: number, c: number): number => pickAction(ENABLED, ENABLED.length, PER_CPU, last, stickiness, c, new Int32Array(3));

describe('pickAction', () => {
  it('draws the CPU among those with an enabled step (CPU0 and CPU2 here), then the step among that CPU\'s', () => {
    // CPU draw 0 -> first live CPU (CPU0); 1 -> the second (CPU2); 2 -> 2 mod 2 live = CPU0 again.
    expect(pick(-1, 0, choice(0, 0, 0))).toBe(0);
    expect(pick(-1, 0, choice(0, 1, 0))).toBe(9);
    expect(pick(-1, 0, choice(0, 2, 0))).toBe(0);
    expect(pick(-1, 0, choice(0, 3, 0))).toBe(9);
    // Step draw among CPU0's three enabled steps: 1 -> action 1, 2 -> action 2, 3 -> 3 mod 3 = action 0.
    expect(pick(-1, 0, choice(1, 0, 0))).toBe(1);
    expect(pick(-1, 0, choice(2, 0, 0))).toBe(2);
    expect(pick(-1, 0, choice(3, 0, 0))).toBe(0);
    expect(pick(-1, 0, choice(5, 0, 0))).toBe(2);
    // CPU2 has one enabled step: any step draw gives it.
    expect(pick(-1, 0, choice(7, 1, 0))).toBe(9);
  });

  it('stays on the last CPU when its stickiness draw is below the run\'s stickiness, and only then', () => {
    // The CPU draw alone would pick CPU0; the last CPU is CPU2.
    const toCpu0 = (stick: number, step = 0): number => choice(step, 0, stick);
    expect(pick(2, 5, toCpu0(0))).toBe(9);
    expect(pick(2, 5, toCpu0(4))).toBe(9);
    expect(pick(2, 5, toCpu0(5))).toBe(0);
    expect(pick(2, 5, toCpu0(6))).toBe(0);
    expect(pick(2, 2, toCpu0(1))).toBe(9);
    // The draw is taken mod 16: 17 is 1.
    expect(pick(2, 2, toCpu0(STICKINESS_LEVELS + 1))).toBe(9);
    expect(pick(2, 2, toCpu0(STICKINESS_LEVELS + 2))).toBe(0);
    // Stickiness 0 never sticks.
    expect(pick(2, 0, toCpu0(0))).toBe(0);
    // Sticking to CPU0 (CPU number 0 is a CPU like any other), with the CPU draw pointing at CPU2.
    expect(pick(0, 5, choice(1, 1, 4))).toBe(1);
    expect(pick(0, 5, choice(1, 1, 5))).toBe(9);
  });

  it('does not stick to a last CPU that has no enabled step, nor before the first step', () => {
    // CPU1 took the last step but has nothing enabled: the CPU draw decides.
    expect(pick(1, 15, choice(0, 1, 0))).toBe(9);
    expect(pick(1, 15, choice(0, 0, 0))).toBe(0);
    expect(pick(-1, 15, choice(0, 1, 0))).toBe(9);
  });

  it('with nothing enabled, throws instead of returning an action', () => {
    expect(() => pickAction(new Int32Array(4), 0, PER_CPU, -1, 0, 0, new Int32Array(3))).toThrow(/no enabled step/);
  });
});
