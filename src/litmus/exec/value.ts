/**
 * Values: integers, and the addresses of the test's locations (herd7's symbolic values, as
 * in `y = x;` or `1:r0=x`), one number each, far above any integer a litmus test writes.
 * Arithmetic on an address has no meaning here: it yields `POISON` (NaN), which equals
 * nothing; an execution that would use it is refused, never answered.
 */

const ADDR_BASE = 2 ** 40;
const ADDR_LIMIT = ADDR_BASE + 2 ** 20;

export const POISON = Number.NaN;

export const addrOf = (loc: number): number => ADDR_BASE + loc;

export const isAddr = (v: number): boolean => v >= ADDR_BASE && v < ADDR_LIMIT;

/** The location an address names, or -1. */
export const locOfAddr = (v: number): number => (isAddr(v) ? v - ADDR_BASE : -1);

export const isPoison = (v: number): boolean => Number.isNaN(v);

/**
 * "Any value": what a read returns in the seeding pass of ./values.ts, which looks for every
 * value a process can write whatever it reads. Never part of an execution.
 */
export const TOP = Number.NEGATIVE_INFINITY;
