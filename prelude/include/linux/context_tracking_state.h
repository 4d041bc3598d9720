/*
 * prelude/include/linux/context_tracking_state.h - the per-CPU context-tracking word
 * (include/linux/context_tracking_state.h, Linux 7.1).
 *
 * Model notes:
 * - Of struct context_tracking only ->state is kept, and of it only the RCU-watching counter
 *   (the bits from CT_RCU_WATCHING up): even while the CPU is in an extended quiescent state
 *   (EQS: user mode, idle, a guest), odd while RCU watches it. The model keeps it modulo 2
 *   (bit CT_RCU_WATCHING), which is all that rcu_watching_snap_in_eqs() reads; the ctx_state
 *   bits below it (user, guest, idle) are left out: no code modelled reads them. See
 *   ct_state_inc().
 * - ->active, ->recursion, ->nesting and ->nmi_nesting are left out: every CPU of a model is a
 *   nohz_full CPU with context tracking on, and no interrupt nests inside an EQS transition.
 * - Valentin Schneider's series ("context_tracking,x86: Defer some IPIs until a user->kernel
 *   transition", v7 2025) keeps deferred work in this word (CT_WORK_* in
 *   include/linux/context_tracking_work.h); its range leaves room for those bits. Mainline
 *   never sets them.
 */

enum ctx_state {
	CT_STATE_KERNEL = 0,
	CT_STATE_IDLE = 1,
	CT_STATE_USER = 2,
	CT_STATE_GUEST = 3,
};

/* CT_STATE_WIDTH is two bits: the watching counter starts at bit 2 */
#define CT_RCU_WATCHING		4
#define CT_RCU_WATCHING_MASK	4

struct context_tracking {
	__range(0, 31) atomic_t state;
};

/* kernel/context_tracking.c: DEFINE_PER_CPU(struct context_tracking, context_tracking); every CPU starts in the kernel, watched */
DEFINE_PER_CPU(struct context_tracking, context_tracking) = { .state = CT_RCU_WATCHING };

/* include/linux/context_tracking_state.h: ct_rcu_watching_cpu() */
static int ct_rcu_watching_cpu(int cpu)
{
	return atomic_read(&per_cpu_ptr(&context_tracking, cpu)->state) & CT_RCU_WATCHING_MASK;
}
