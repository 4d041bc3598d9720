/*
 * prelude/arch/powerpc/kernel/process.c - the powerpc context switch
 * (arch/powerpc/kernel/process.c, Linux 7.1; the switch itself is _switch in
 * arch/powerpc/kernel/switch.S). The hwsync of the switch path orders this CPU's accesses for
 * a task that migrates (the models with tasks run under sc), and a radix tlbie is complete at
 * its own tlbsync (prelude/arch/powerpc/mm/book3s64/radix_tlb.c): nothing to model here.
 */

/* arch/powerpc/kernel/process.c: __switch_to() */
static void powerpc___switch_to(void)
{
}
