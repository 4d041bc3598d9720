/**
 * A model's fingerprint: a hash of its structure (fields, roles, programs, step names and
 * sources, events, properties). Stored in counterexample files so that a replay against a
 * model that changed since says so before anything else.
 */
import type { ModelSpec } from './model.js';

export function modelFingerprint(spec: ModelSpec): string {
  const parts: string[] = [
    `cpus=${spec.layout.cpus}`,
    `g=${spec.layout.globalFields.map((f) => f.name).join(',')}`,
    `c=${spec.layout.cpuFields.map((f) => f.name).join(',')}`,
    `roles=${spec.cpuRoles.join(',')}`,
  ];
  for (const r of spec.roles) {
    parts.push(`role ${r.name} sym=${r.symmetric}`);
    for (const p of r.programs) parts.push(`prog ${p.name} loop=${p.loop}: ${p.steps.map((s) => `${s.name}@${s.source}`).join(' | ')}`);
    parts.push(`events: ${r.events.map((e) => `${e.name}@${e.source}`).join(' | ')}`);
  }
  parts.push(`props: ${spec.properties.map((p) => `${p.kind}:${p.name}`).join(',')}`);
  return fnv64(parts.join('\n'));
}

function fnv64(text: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193 | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
