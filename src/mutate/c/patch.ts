/**
 * A source mutant as a unified diff against the committed sources (the prelude and the model
 * file as they are on disk): the variant's own patch, if any, and the mutant's edit, in one
 * diff that the loader applies like any `--patch` (`shootdown check model.c --patch m.diff`
 * shows the mutant's counterexample).
 */
import { createTwoFilesPatch } from 'diff';
import type { SourceFile } from '../../cmodel/sources.js';

/** The diff turning `pristine` into `final` (same files, same order), with a subject line. */
export function sourcesPatch(subject: string, pristine: readonly SourceFile[], final: readonly SourceFile[]): string {
  const parts: string[] = [];
  for (const f of final) {
    const before = pristine.find((p) => p.name === f.name);
    if (before === undefined || before.text === f.text) continue;
    parts.push(createTwoFilesPatch(`a/${f.name}`, `b/${f.name}`, before.text, f.text, undefined, undefined, { context: 3 }).replace(/^=+\n/m, '').replace(/^Index: .*\n/m, ''));
  }
  return `Subject: ${subject}\n\n${parts.join('')}`;
}
