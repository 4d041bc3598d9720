/**
 * The litmus memory models by name: `lkmm` (the default: the kernel's own model), `sc`, `tso`.
 */
import { match } from 'ts-pattern';
import { lkmm } from './lkmm.js';
import type { LitmusModelName, MemoryModel } from './model.js';
import { sc } from './sc.js';
import { tso } from './tso.js';

export function litmusModel(name: LitmusModelName): MemoryModel {
  return match(name)
    .with('lkmm', () => lkmm)
    .with('sc', () => sc)
    .with('tso', () => tso)
    .exhaustive();
}
