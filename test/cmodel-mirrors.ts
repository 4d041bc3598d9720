/**
 * The C variant that mirrors each TypeScript variant of a scenario: a patch in
 * `models/<scenario>/` says which with its `Mirrors: <scenario>/<variant>` header; the C
 * baseline mirrors the TypeScript baseline.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function cMirrors(scenario: string): Map<string, string> {
  const out = new Map<string, string>([['baseline', 'baseline']]);
  const header = new RegExp(`^Mirrors:\\s*${scenario}/(\\S+)\\s*$`, 'm');
  for (const f of readdirSync(`models/${scenario}`).filter((x) => x.endsWith('.diff'))) {
    const m = header.exec(readFileSync(`models/${scenario}/${f}`, 'utf8'));
    if (m !== null) out.set(m[1]!, f.replace(/\.diff$/, ''));
  }
  return out;
}
