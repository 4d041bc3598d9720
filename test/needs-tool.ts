/**
 * Tests that need a program outside node_modules (Debian's spin, chromium). Where it is
 * missing they are skipped with the reason printed, except in CI (`CI=true`, set by .ci/run,
 * which installs both): there a missing tool is a failing test, never a silent skip.
 */
import { describe, it } from 'vitest';

/** `describe` when `present`; else a failing test in CI, a skip with a printed reason elsewhere. */
export function describeNeeding(tool: string, present: boolean, install: string): (name: string, body: () => void) => void {
  if (present) return (name, body) => describe(name, body);
  const reason = `${tool} is not installed (${install})`;
  if (process.env.CI === 'true') {
    return (name) =>
      describe(name, () => {
        it(`needs ${tool}`, () => {
          throw new Error(`${reason}: CI must run these tests`);
        });
      });
  }
  return (name, body) => {
    console.warn(`skipping '${name}': ${reason}`);
    describe.skip(name, body);
  };
}
