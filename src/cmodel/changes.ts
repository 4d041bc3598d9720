/**
 * Which lines of a model's sources the reviewer's patch or override files wrote: what the
 * compiler must not take on trust from the prelude (./lower/atomic-trust.ts). Derived from the
 * text before and after, so several patches, fuzz and offsets need no bookkeeping of hunks.
 */
import { diffLines } from 'diff';
import type { SourceFile } from './sources.js';

/** The lines of one file, numbered as in the file the model is compiled from. */
export interface LineChanges {
  /** Lines the patch wrote (added or replaced). */
  readonly added: ReadonlySet<number>;
  /** `added`, and the lines on each side of a deletion: code next to what the patch took out. */
  readonly touched: ReadonlySet<number>;
}

/** Changed lines by source file name (`SourceFile.name`); a file not in it is as shipped. */
export type SourceChanges = ReadonlyMap<string, LineChanges>;

export const NO_CHANGES: SourceChanges = new Map();

/** The lines `after` adds to or takes out of `before`. */
export function lineChanges(before: string, after: string): LineChanges {
  const added = new Set<number>();
  const touched = new Set<number>();
  let line = 1; // the next line of `after`
  for (const part of diffLines(before, after)) {
    const n = part.count;
    if (part.added === true) {
      for (let i = 0; i < n; i++) added.add(line + i);
      line += n;
    } else if (part.removed === true) {
      if (line > 1) touched.add(line - 1);
      touched.add(line);
    } else line += n;
  }
  for (const l of added) touched.add(l);
  return { added, touched };
}

/** Every line of a file the reviewer wrote whole (an override file). */
export function wholeFile(text: string): LineChanges {
  const lines = new Set(Array.from({ length: text.split('\n').length }, (_, i) => i + 1));
  return { added: lines, touched: lines };
}

/**
 * The changes of the compiled sources against the shipped ones (same names, same order up to
 * the reviewer's override files, which are changes in full).
 */
export function sourceChanges(shipped: readonly SourceFile[], compiled: readonly SourceFile[], overrides: ReadonlySet<string>): SourceChanges {
  const before = new Map(shipped.map((f) => [f.name, f.text]));
  const out = new Map<string, LineChanges>();
  for (const f of compiled) {
    if (overrides.has(f.name)) out.set(f.name, wholeFile(f.text));
    else {
      const old = before.get(f.name);
      if (old !== undefined && old !== f.text) out.set(f.name, lineChanges(old, f.text));
    }
  }
  return out;
}

/** `changes` with `extra` added to the lines of `file`. */
export function withLineChanges(changes: SourceChanges, file: string, extra: LineChanges): SourceChanges {
  const have = changes.get(file);
  const out = new Map(changes);
  out.set(file, have === undefined ? extra : { added: new Set([...have.added, ...extra.added]), touched: new Set([...have.touched, ...extra.touched]) });
  return out;
}
