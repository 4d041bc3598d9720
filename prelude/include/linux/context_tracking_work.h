/*
 * prelude/include/linux/context_tracking_work.h - work a CPU in an extended quiescent state
 * runs on its next kernel entry. Not in Linux 7.1: Valentin Schneider's series
 * ("context_tracking,x86: Defer some IPIs until a user->kernel transition", v5 2025, its
 * context-tracking work as in v7) adds it. Nothing calls it until a patch does
 * (models/ct-defer/).
 *
 * Model note: the series puts the work bits between the ctx_state bits and the watching
 * counter. The model keeps the counter as one bit (CT_RCU_WATCHING, bit 2,
 * include/linux/context_tracking_state.h) and puts the work above it (bit CT_WORK_START up).
 * What the series does with the word (set a work bit while the counter says EQS, read the
 * bits back with the counter's increment, clear them with the next one) does not depend on
 * the order of the fields.
 */

/* patch: Schneider, include/linux/context_tracking_work.h: enum ct_work */
enum ct_work {
	CT_WORK_SYNC = 1,	/* sync_core(): text was patched */
	CT_WORK_TLBI = 2,	/* a full kernel TLB flush (RFC v3/v4; dropped in v5) */
};

#define CT_WORK_START	3
#define CT_WORK_MASK	(3 << CT_WORK_START)
