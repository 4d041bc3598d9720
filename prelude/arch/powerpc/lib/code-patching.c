/*
 * prelude/arch/powerpc/lib/code-patching.c - writing one instruction of kernel text
 * (arch/powerpc/lib/code-patching.c, Linux 7.1). The temporary patching mapping
 * (__do_patch_mem()) is left out: the store goes to the text itself.
 */

/*
 * arch/powerpc/lib/code-patching.c: __patch_mem()
 * The store, then
 * "dcbst; sync; icbi; sync; isync": the sync (hwsync) makes it visible to every CPU before
 * the patching CPU goes on. Other CPUs still need a context synchronising instruction or
 * interrupt to fetch the new instruction.
 */
static int __patch_mem(kernel_insn_t *addr, int val)
{
	WRITE_ONCE(*addr, val);
	smp_mb();
	return 0;
}

/* arch/powerpc/lib/code-patching.c: patch_instruction() */
static int patch_instruction(kernel_insn_t *addr, int instr)
{
	return __patch_mem(addr, instr);
}
