/*
 * prelude/arch/arm64/kernel/process.c - the arm64 context switch (arch/arm64/kernel/process.c,
 * Linux 7.1). Left out: the FP/SIMD, TLS, breakpoint, MTE, pointer-auth, POE, GCS and MPAM
 * state it switches: registers of the tasks that no modelled path reads.
 */

/*
 * arch/arm64/kernel/process.c: __switch_to() -> dsb(ish)
 * Its barrier completes the TLB and cache maintenance this CPU issued, "in case the thread
 * migrates to a different CPU": a TLBI issued without its DSB before a preemption is complete
 * by the time the task runs anywhere else (the batched unmap relies on it).
 */
static void arm64___switch_to(void)
{
	dsb(ish);
}
