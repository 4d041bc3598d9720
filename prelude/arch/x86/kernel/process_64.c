/*
 * prelude/arch/x86/kernel/process_64.c - the x86-64 context switch
 * (arch/x86/kernel/process_64.c, Linux 7.1). It switches the FPU, segment and TLS state,
 * which no modelled path reads, and has no barrier for TLB maintenance: x86 TLB flushes are
 * complete when the flushing CPU's INVLPG, CR3 write or IPI wait returns.
 */

/* arch/x86/kernel/process_64.c: __switch_to() */
static void x86___switch_to(void)
{
}
