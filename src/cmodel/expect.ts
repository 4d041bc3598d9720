/**
 * Expectations written in C models and patches, the way a reviewer states them:
 *
 *   Expect: violated no-walker-reads-freed-table; x86-native: holds
 *   MODEL_EXPECT("holds");
 *
 * Clauses are separated by `;`. A clause without configurations is the default; `config[,
 * config...]: verdict` overrides it on those configurations (`arm64`, `arm64/weak`). A verdict
 * is `holds` or `violated <property>`. Expectations never feed a verdict: they are compared with
 * what the engines derive.
 */
import { ARCH_NAMES } from '../arch/index.js';
import { InputError } from '../report/input-error.js';
import type { ConfigName, Expectation, Expected } from '../scenarios/scenario.js';

export function parseExpect(text: string, where: string): Expected {
  const out: Record<string, Expectation> = {};
  let otherwise: Expectation | null = null;
  for (const raw of text.split(';')) {
    const clause = raw.trim();
    if (clause === '') continue;
    const colon = clause.indexOf(':');
    const configs = colon < 0 ? [] : clause.slice(0, colon).split(',').map((c) => c.trim());
    const e = verdictOf(colon < 0 ? clause : clause.slice(colon + 1).trim(), where);
    if (configs.length === 0) {
      if (otherwise !== null) throw new InputError(`${where}: two default clauses in '${text}'`);
      otherwise = e;
      continue;
    }
    for (const c of configs) {
      if (!isConfigName(c)) throw new InputError(`${where}: unknown configuration '${c}' (arch or arch/tso, arch/weak)`);
      out[c] = e;
    }
  }
  if (otherwise === null) throw new InputError(`${where}: no default clause in '${text}' (write e.g. 'holds; x86-kvm-pv: violated <property>')`);
  return { ...(out as { [C in ConfigName]?: Expectation }), otherwise };
}

function verdictOf(s: string, where: string): Expectation {
  const m = /^(holds|violated)(?:\s+([a-z0-9_()!&|<>=+\-*/ .,]+))?$/i.exec(s.trim());
  if (m === null) throw new InputError(`${where}: expected 'holds' or 'violated <property>', got '${s}'`);
  if (m[1]!.toLowerCase() === 'holds') {
    if (m[2] !== undefined) throw new InputError(`${where}: 'holds' takes no property`);
    return { verdict: 'holds' };
  }
  if (m[2] === undefined) throw new InputError(`${where}: 'violated' needs the property that is violated`);
  return { verdict: 'violated', property: m[2].trim() };
}

function isConfigName(c: string): c is ConfigName {
  const [arch, mm] = c.split('/');
  return (ARCH_NAMES as readonly string[]).includes(arch ?? '') && (mm === undefined || mm === 'tso' || mm === 'weak');
}
