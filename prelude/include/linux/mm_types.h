/*
 * prelude/include/linux/mm_types.h - the fields of the memory-management structs the models
 * use (include/linux/mm_types.h, Linux 7.1). Written for shootdown; each struct keeps the
 * kernel's field names and leaves out every field no modelled path reads.
 */

/* arch/x86/include/asm/mmu.h: mm_context_t (x86's; no other architecture modelled reads it) */
struct mm_context {
	__range(0, 7) atomic64_t tlb_gen;	/* bumped by every flush of the mm */
};

/* struct mm_struct */
struct mm_struct {
	cpumask_t cpu_bitmap;			/* mm_cpumask(): the CPUs that may hold its TLB entries */
	struct mm_context context;
	struct rw_semaphore mmap_lock;		/* mmap_read_lock(mm), mmap_write_lock(mm) */
	__range(0, 127) atomic_t tlb_flush_batched;	/* batched reclaim flushes: pending and flushed counts (mm/rmap.c) */
};

/* mm/init-mm.c: init_mm, the kernel's own address space (it maps no user memory) */
struct mm_struct init_mm;

/*
 * struct vm_area_struct. The per-VMA lock is vm_refcnt (readers) and vm_lock_seq (write-locked
 * while it equals the mm's mm_lock_seq); here `write_locked` stands for that comparison.
 */
struct vm_area_struct {
	struct mm_struct *vm_mm;
	__range(0, 15) atomic_t vm_refcnt;	/* readers holding the per-VMA lock */
	bool write_locked;			/* vm_lock_seq == mm->mm_lock_seq, or detached */
};

/* struct ptdesc: the page-table page's descriptor (pt_share_count: hugetlb PMD sharing) */
struct ptdesc {
	__range(0, 7) atomic_t pt_share_count;	/* other mms sharing the PMD table */
};
