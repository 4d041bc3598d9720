/* prelude/include/linux/smp.h - include/linux/smp.h (Linux 7.1) */

/* include/linux/smp.h: on_each_cpu_mask() */
static void on_each_cpu_mask(cpumask_t *mask, smp_call_func_t func, void *info, bool wait)
{
	on_each_cpu_cond_mask(NULL, func, info, wait, mask);
}

/* include/linux/smp.h: on_each_cpu() */
static void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	on_each_cpu_cond_mask(NULL, func, info, wait, cpu_online_mask);
}

/* include/linux/smp.h: on_each_cpu_cond() */
static void on_each_cpu_cond(smp_cond_func_t cond_func, smp_call_func_t func, void *info, bool wait)
{
	on_each_cpu_cond_mask(cond_func, func, info, wait, cpu_online_mask);
}
