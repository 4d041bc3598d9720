/** A model written to a fresh temporary directory as `m.c` (diagnostics name it `m.c:line`). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeModel(text: string, tag: string): string {
  const file = join(mkdtempSync(join(tmpdir(), `shootdown-${tag}-`)), 'm.c');
  writeFileSync(file, text);
  return file;
}
