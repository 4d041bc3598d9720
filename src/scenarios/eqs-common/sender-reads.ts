/**
 * For reports: the sender's per-CPU condition (`rcu_dynticks_in_eqs()`, `ct_set_cpu_work()`,
 * `kernel_cr3_loaded`) is modelled as an event of each target CPU, but the sender executes it.
 * This marks it as executed by the sender (CPU `sender`), so diagrams draw it in the sender's
 * column, and words it from there: `rcu_dynticks_in_eqs(CPU1): EQS -> skipped`.
 */
import type { Step } from '../../core/model.js';

const FROM_TARGET = 'sender reads this CPU: ';

export function readBySender(step: Step, sender: number): Step {
  const text = step.text;
  return {
    ...step,
    by: () => sender,
    text: (s, cpu) => {
      const t = typeof text === 'function' ? text(s, cpu) : (text ?? step.name);
      return `${step.name}(CPU${cpu}): ${t.startsWith(FROM_TARGET) ? t.slice(FROM_TARGET.length) : t}`;
    },
  };
}
