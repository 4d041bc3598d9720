/**
 * The hardware's own object types, which a model declares like variables: a page-table page
 * (`pte_table_t T;`), a data page (`struct page P;`), and the entry types that point at them
 * (`pmd_t`, `pud_t`, `pte_t`: a symbolic pointer to a table or a page, or NULL for none). Their
 * life cycle and the caches that hold them are state the tool keeps (./mmu.ts), not fields the
 * model writes. An address space is the prelude's `struct mm_struct` (its `cpu_bitmap` is
 * mm_cpumask()); the MMU walks the model's entries when a CPU's `cr3` holds one that is not
 * `init_mm` (./mmu.ts).
 */
import type { CType } from '../types.js';

const ANY: CType = { kind: 'void' };

export function hwObjectOfType(base: string): CType | null {
  switch (base) {
    case 'pte_table_t':
    case 'pmd_table_t':
      return { kind: 'hw', what: 'page_table' };
    case 'struct page':
    case 'struct folio':
      return { kind: 'hw', what: 'page' };
    case 'kernel_insn_t':
      return { kind: 'hw', what: 'insn' };
    case 'pmd_t':
      return { kind: 'pointer', to: ANY, entry: 'pmd' };
    case 'pud_t':
      return { kind: 'pointer', to: ANY, entry: 'pud' };
    case 'pte_t':
      return { kind: 'pointer', to: ANY, entry: 'pte' };
    case 'pgd_t':
      return { kind: 'pointer', to: ANY, entry: 'pgd' };
    default:
      return null;
  }
}
