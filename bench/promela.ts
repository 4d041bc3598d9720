/**
 * The Promela twin of ./twin-model.ts, generated for N CPUs (written from docs/kernel-facts.md 1-3:
 * GUP-fast with IRQs off; flush and sync IPIs handled only with IRQs on; the freer waits for
 * each). No variable is written without being read, so SPIN keeps no dead state.
 */
export function promelaTwin(cpus: number): string {
  return `/* GUP-fast vs table free, ${cpus} CPUs: CPU0 frees, CPU1..${cpus - 1} walk */
#define N ${cpus}
byte slot = 1;          /* 1: pmd -> T, 0: cleared */
byte table = 0;         /* 0 live, 1 unlinked, 2 freed */
bool irqoff[N];
bool flushipi[N];
bool syncipi[N];

active proctype freer() {
  byte i;
  slot = 0; table = 1;                                   /* pmdp_collapse_flush */
  i = 1; do :: i < N -> flushipi[i] = 1; i++ :: else -> break od;   /* flush_tlb_range: IPIs */
  i = 1; do :: i < N -> flushipi[i] == 0; i++ :: else -> break od;  /* csd_lock_wait */
  i = 1; do :: i < N -> syncipi[i] = 1; i++ :: else -> break od;   /* tlb_remove_table_sync_one */
  i = 1; do :: i < N -> syncipi[i] == 0; i++ :: else -> break od;  /* csd_lock_wait */
  table = 2                                              /* free(T) */
}

proctype walker(byte me) {
  bool ptr;
  do
  :: atomic { irqoff[me] == 0 && flushipi[me] -> flushipi[me] = 0 }  /* flush_tlb_func */
  :: atomic { irqoff[me] == 0 && syncipi[me] -> syncipi[me] = 0 }    /* tlb_remove_table_smp_sync */
  :: irqoff[me] == 0 ->
       irqoff[me] = 1;                                   /* local_irq_save */
       ptr = slot;                                       /* pmdp_get_lockless */
       if :: ptr -> assert(table != 2) :: else -> skip fi;  /* ptep_get_lockless */
       irqoff[me] = 0; ptr = 0                           /* local_irq_restore */
  od
}

init {
  byte i = 1;
  atomic { do :: i < N -> run walker(i); i++ :: else -> break od }
}
`;
}
