/*
 * prelude/include/linux/mmap_lock.h - the per-VMA lock (include/linux/mmap_lock.h,
 * mm/mmap_lock.c, Linux 7.1). A reader takes a reference on vm_refcnt unless the VMA is
 * write-locked or detached; a writer (holding mmap_lock for write) excludes new readers, waits
 * for the readers to drain, and marks the VMA write-locked until mmap_write_unlock().
 */

/*
 * mm/mmap_lock.c: vma_start_read()
 * One refcount operation in the kernel (__refcount_inc_not_zero_limited_acquire()).
 */
static bool vma_start_read(struct vm_area_struct *vma)
{
	bool locked;

	__atomic_block("vma_start_read: the reference is taken by one atomic operation that fails while a writer excludes readers") {
		locked = !READ_ONCE(vma->write_locked);
		if (locked)
			atomic_inc(&vma->vm_refcnt);
	}
	return locked;
}

/* include/linux/mmap_lock.h: vma_end_read() */
static void vma_end_read(struct vm_area_struct *vma)
{
	atomic_dec(&vma->vm_refcnt);
}

/* include/linux/mmap_lock.h: vma_start_write() -> __vma_start_write() (wait for the readers, then lock) */
static void vma_start_write(struct vm_area_struct *vma)
{
	__atomic_block("vma_start_write: __vma_start_exclude_readers() makes new readers fail, waits for vm_refcnt to drain, then sets vm_lock_seq") {
		while (atomic_read(&vma->vm_refcnt))
			cpu_relax();
		WRITE_ONCE(vma->write_locked, true);
	}
}

/* include/linux/mmap_lock.h: mmap_write_unlock() -> vma_end_write_all() (every VMA of the mm is unlocked) */
static void vma_end_write_all(struct vm_area_struct *vma)
{
	WRITE_ONCE(vma->write_locked, false);
}
