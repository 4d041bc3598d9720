/**
 * One function per role that lists which of the role's events are enabled.
 *
 * A loop over `role.events` calling each `enabled` has one call site for every guard of every
 * role, so the engine cannot inline any of them (the call is megamorphic). The function built
 * here has one call site per event, each always calling the same guard. Its source holds only
 * numbers and the positions of the guards among its parameters; the guards themselves are the
 * role's own closures, passed in, so it runs no code that is not in the model.
 */
import type { Role, State } from './model.js';

/**
 * Writes `at + e` to `out` for each enabled event `e` (in event order) from `out[n]` on and
 * returns the new count. An event is enabled when its guard holds and the CPU is runnable, or
 * the event ignores that; where its `onlyWhen` byte (at `base`, the CPU's block, plus its
 * field) holds none of its values, the guard is not called.
 */
export type EventGuards = (s: State, cpu: number, base: number, runnable: boolean, out: Int32Array, n: number, at: number) => number;

export function eventGuards(role: Role): EventGuards {
  const guards: ((s: State, cpu: number) => boolean)[] = [];
  const lines = role.events.map((ev, e) => {
    const when: string[] = [];
    if (ev.ignoresRunnable !== true) when.push('runnable');
    const only = ev.onlyWhen;
    if (only !== undefined) {
      if (!Number.isInteger(only.field) || only.field < 0 || !only.values.every(Number.isInteger)) {
        throw new Error(`role ${role.name}: event ${ev.name} has a malformed onlyWhen`);
      }
      when.push(`(${only.values.map((v) => `s[base + ${only.field}] === ${v}`).join(' || ') || 'false'})`);
    }
    if (ev.enabled !== undefined) {
      when.push(`g${guards.length}(s, cpu)`);
      guards.push(ev.enabled);
    }
    const cond = when.length === 0 ? 'true' : when.join(' && ');
    return `if (${cond}) out[n++] = at + ${e};`;
  });
  const names = guards.map((_, i) => `g${i}`);
  const src = `return function (s, cpu, base, runnable, out, n, at) {\n${lines.join('\n')}\nreturn n;\n};`;
  return new Function(...names, src)(...guards) as EventGuards;
}
