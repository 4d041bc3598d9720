/* prelude/include/linux/cpumask.h - include/linux/cpumask.h (Linux 7.1), beside the built-in cpumask operations */

/*
 * include/linux/cpumask.h: cpumask_any_but()
 * A CPU of the mask other than cpu (the first such), or nr_cpu_ids if there is none.
 */
static int cpumask_any_but(cpumask_t *mask, int cpu)
{
	int i = cpumask_first(mask);

	if (i != cpu)
		return i;
	return cpumask_next(cpu, mask);
}
