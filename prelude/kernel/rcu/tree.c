/*
 * prelude/kernel/rcu/tree.c - what RCU reads of another CPU's extended quiescent state
 * (kernel/rcu/tree.c, Linux 7.1), and the helper Yury Norov's 2018 series adds here.
 */

/* kernel/rcu/tree.c: rcu_watching_snap_in_eqs() (2018: rcu_dynticks_in_eqs()) */
static bool rcu_watching_snap_in_eqs(int snap)
{
	return !(snap & CT_RCU_WATCHING);
}

/*
 * Norov v2 5/5: rcu_get_eqs_cpus(mask, choose_eqs): the online CPUs whose counter says they
 * are (choose_eqs) or are not in an EQS, one atomic_read() each. Not in mainline: nothing
 * calls it until a patch does; kick_active_cpus is the cpumask v2 5/5's kick_all_cpus_sync()
 * keeps on its stack (a model cannot take a local's address; only that CPU touches it).
 */
static cpumask_t kick_active_cpus;

/* patch: Norov v2 5/5 rcu_get_eqs_cpus() (kernel/rcu/tree.c) */
static void rcu_get_eqs_cpus(cpumask_t *mask, int choose_eqs)
{
	int cpu;

	for_each_online_cpu(cpu) {
		if (rcu_watching_snap_in_eqs(ct_rcu_watching_cpu(cpu)) == choose_eqs)
			cpumask_set_cpu(cpu, mask);
	}
}
