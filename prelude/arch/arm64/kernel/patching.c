/*
 * prelude/arch/arm64/kernel/patching.c - writing one instruction of kernel text
 * (arch/arm64/kernel/patching.c, Linux 7.1). The fixmap alias (patch_map()) and patch_lock
 * are left out: the model's text has one writer.
 */

/* arch/arm64/kernel/patching.c: aarch64_insn_write() */
static int aarch64_insn_write(kernel_insn_t *addr, int insn)
{
	WRITE_ONCE(*addr, insn);
	return 0;
}

/*
 * arch/arm64/mm/cache.S: caches_clean_inval_pou()
 * Clean the D-cache line to the point of
 * unification and invalidate the I-cache line; either way it ends with a DSB (ish, or ishst
 * with CTR_EL0.IDC), which completes the store for every CPU before anything after it runs.
 * Other CPUs still need a context synchronisation event to fetch the new instruction.
 */
static void caches_clean_inval_pou(void)
{
	smp_mb();
}

/* arch/arm64/kernel/patching.c: aarch64_insn_patch_text_nosync() */
static int aarch64_insn_patch_text_nosync(kernel_insn_t *addr, int insn)
{
	int ret;

	ret = aarch64_insn_write(addr, insn);
	if (ret == 0)
		caches_clean_inval_pou();
	return ret;
}
