/**
 * The `exists` clause: evaluation on a final state, the observables it mentions (what a
 * final outcome is projected onto, as herd7 lists its "States"), and printing.
 */
import { match } from 'ts-pattern';
import type { Cond, LitmusTest } from './ast.js';
import type { LitmusState } from './state.js';

export function holds(c: Cond, s: LitmusState): boolean {
  return match(c)
    .with({ kind: 'reg' }, (r) => (s.cpus[r.thread]?.regs[r.reg] ?? 0) === r.value)
    .with({ kind: 'loc' }, (l) => (s.mem[l.loc] ?? 0) === l.value)
    .with({ kind: 'not' }, (n) => !holds(n.arg, s))
    .with({ kind: 'and' }, (a) => holds(a.left, s) && holds(a.right, s))
    .with({ kind: 'or' }, (o) => holds(o.left, s) || holds(o.right, s))
    .with({ kind: 'true' }, () => true)
    .exhaustive();
}

type Observable = { readonly kind: 'reg'; readonly thread: number; readonly reg: number } | { readonly kind: 'loc'; readonly loc: number };

function observables(c: Cond): Observable[] {
  return match(c)
    .with({ kind: 'reg' }, (r): Observable[] => [{ kind: 'reg', thread: r.thread, reg: r.reg }])
    .with({ kind: 'loc' }, (l): Observable[] => [{ kind: 'loc', loc: l.loc }])
    .with({ kind: 'not' }, (n) => observables(n.arg))
    .with({ kind: 'and' }, { kind: 'or' }, (b) => [...observables(b.left), ...observables(b.right)])
    .with({ kind: 'true' }, (): Observable[] => [])
    .exhaustive();
}

function obsName(t: LitmusTest, o: Observable): string {
  return match(o)
    .with({ kind: 'reg' }, (r) => `${r.thread}:${t.threads[r.thread]?.regNames[r.reg] ?? '?'}`)
    .with({ kind: 'loc' }, (l) => t.locNames[l.loc] ?? '?')
    .exhaustive();
}

/** `0:r0=1; x=2;` for the observables of the exists clause, in order of first mention. */
export function projectOutcome(t: LitmusTest, s: LitmusState): string {
  const seen: string[] = [];
  const parts: string[] = [];
  for (const o of observables(t.exists)) {
    const n = obsName(t, o);
    if (seen.includes(n)) continue;
    seen.push(n);
    const v = match(o)
      .with({ kind: 'reg' }, (r) => s.cpus[r.thread]?.regs[r.reg] ?? 0)
      .with({ kind: 'loc' }, (l) => s.mem[l.loc] ?? 0)
      .exhaustive();
    parts.push(`${n}=${v};`);
  }
  return parts.join(' ');
}

export function printCond(t: LitmusTest, c: Cond): string {
  return match(c)
    .with({ kind: 'reg' }, (r) => `${obsName(t, { kind: 'reg', thread: r.thread, reg: r.reg })}=${r.value}`)
    .with({ kind: 'loc' }, (l) => `${t.locNames[l.loc] ?? '?'}=${l.value}`)
    .with({ kind: 'not' }, (n) => `~${printCond(t, n.arg)}`)
    .with({ kind: 'and' }, (a) => `${printCond(t, a.left)} /\\ ${printCond(t, a.right)}`)
    .with({ kind: 'or' }, (o) => `(${printCond(t, o.left)} \\/ ${printCond(t, o.right)})`)
    .with({ kind: 'true' }, () => 'true')
    .exhaustive();
}
