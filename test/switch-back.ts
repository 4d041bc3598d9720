/**
 * models/switch-mm.c with its switch back written the way most models write it:
 * context_switch_to_task(), whose __atomic_block makes switch_mm_irqs_off() one step
 * (prelude/kernel/sched/core.c). Written to a temporary file; derived, so it follows the model.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { writeModel } from './model-file.js';

export function switchBackModel(): string {
  const text = readFileSync('models/switch-mm.c', 'utf8');
  const explicit = /\tlocal_irq_disable\(\);[^\n]*\n\tswitch_mm_irqs_off\(NULL, &mm\);[^\n]*\n\tlocal_irq_enable\(\);[^\n]*\n/;
  expect(text).toMatch(explicit);
  return writeModel(text.replace(explicit, '\tcontext_switch_to_task(&mm);\n'), 'switch-back');
}
