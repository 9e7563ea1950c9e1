// SPDX-License-Identifier: MIT
/*
 * Address spaces: a table of 256 MB regions, each mapping one segment
 * with the keys of the handle it was attached with. The SLB caches it:
 * a segment miss loads the region's entry, a detach flushes every CPU.
 * The kernel's own space lies at KERNEL_ATTACH_BASE; task spaces come
 * with tasks.
 */
#define pr_fmt "aspace: "
#include <string.h>
#include <arch/mmu_info.h>
#include <arch/slb.h>
#include <arch/smp.h>
#include <arch/uaccess.h>
#include <vrm/bitmap.h>
#include <vrm/errno.h>
#include <arch/paca.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include "vmm_impl.h"

#define HANDLE_KEYS		(SLB_VSID_KS | SLB_VSID_KP)

_Static_assert(REGION_SHIFT == SEGMENT_SHIFT_256M,
	       "a region of arch/memlayout.h is one 256 MB segment");

struct region {
	vmid_t id;		/* 0: free */
	uint64_t keys;		/* SLB Ks/Kp */
	unsigned int flags;	/* ASPACE_* */
	uint32_t lo, hi;	/* pages that may be touched: [lo, hi) */
	/* Detached, but not yet flushed from every SLB that loaded it: still
	 * taken, and loaded by no CPU again. */
	bool detaching;
};

/* Each region has a bitmap of the CPUs that loaded it into their SLB, in
 * `cpus`: nr_cpus_possible bits a region, one after the other. */
struct aspace {
	uint64_t base;
	unsigned int nregions, next;
	struct region *regions;
	unsigned long *cpus;
};

static struct region kernel_regions[KERNEL_REGIONS];
static struct aspace kernel_aspace = {
	.base = KERNEL_ATTACH_BASE,
	.nregions = KERNEL_REGIONS,
	.regions = kernel_regions,
};

/* The space an effective address belongs to: the kernel's, or the task
 * space this CPU runs. */
static struct aspace *aspace_of(uint64_t ea)
{
	if (ea < USER_TOP)
		return this_paca()->user_aspace;
	return ea >= KERNEL_ATTACH_BASE ? &kernel_aspace : NULL;
}

static struct region *region_of(struct aspace *as, uint64_t ea)
{
	uint64_t index;

	if (!as || ea < as->base)
		return NULL;
	index = (ea - as->base) >> SEGMENT_SHIFT_256M;
	return index < as->nregions ? &as->regions[index] : NULL;
}

/* A region that translates: attached, and not being detached. */
static bool region_live(const struct region *r)
{
	return r && r->id && !r->detaching;
}

static unsigned long *region_cpus(struct aspace *as, const struct region *r)
{
	return as->cpus + (size_t)(r - as->regions) * BITMAP_WORDS(nr_cpus_possible);
}

/* Makes a region free again, once no SLB holds it; vmm_lock held. */
static void region_free(struct aspace *as, struct region *r)
{
	*r = (struct region){ 0 };
	bitmap_zero(region_cpus(as, r), nr_cpus_possible);
}

int aspace_init(void)
{
	size_t bytes = KERNEL_REGIONS * BITMAP_WORDS(nr_cpus_possible) * sizeof(unsigned long);
	uint64_t pa;

	if (frame_alloc(frame_order_of(bytes), &pa))
		return -ENOMEM;
	kernel_aspace.cpus = va(pa);
	memset(kernel_aspace.cpus, 0, bytes);
	return 0;
}

/* The handle is the VSID half of an SLB entry (what AIX's handle is:
 * a segment register value): the id, and key 1 for privileged accesses
 * when limited. Problem-state accesses always use key 1. */
vmhandle_t vm_handle(vmid_t vmid, int key)
{
	return (uint64_t)vmid << SLB_VSID_SHIFT_256M | SLB_VSID_KP |
	       (key ? SLB_VSID_KS : 0);
}

caddr_t vm_att(vmhandle_t handle, caddr_t offset)
{
	struct aspace *as = &kernel_aspace;
	vmid_t id = (vmid_t)((handle >> SLB_VSID_SHIFT_256M) & ((1ul << MMU_SEGMENT_ID_BITS) - 1));
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = segment_get(id);
	unsigned int i;

	if (!s || (s->flags & SEG_DELETED)) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		pr_err("vm_att: no segment %ld\n", (long)id);
		return NULL;
	}
	for (i = 0; i < as->nregions; i++) {
		unsigned int r = (as->next + i) % as->nregions;

		if (!as->regions[r].id) {
			as->regions[r] = (struct region){ .id = id, .keys = handle & HANDLE_KEYS,
							   .hi = PAGES_PER_SEG };
			as->next = r + 1;
			segment_hold(s);
			spin_unlock_irqrestore(&vmm_lock, ee);
			return (caddr_t)(as->base + ((uint64_t)r << SEGMENT_SHIFT_256M) +
					 ((uint64_t)offset & (SEGSIZE - 1)));
		}
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	/* AIX crashes here; a kernel that keeps running is better served by
	 * an error its caller can act on (docs/vmm.md). */
	pr_err("vm_att: no free region in the address space\n");
	return NULL;
}

void vm_det(caddr_t addr)
{
	struct aspace *as = &kernel_aspace;
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, (uint64_t)addr);
	struct segment *s;
	vmid_t id;

	if (!region_live(r)) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		pr_err("vm_det: nothing attached at %p\n", addr);
		return;
	}
	id = r->id;
	r->detaching = true;
	spin_unlock_irqrestore(&vmm_lock, ee);
	/* No CPU may keep translating the region once it can be reused: those
	 * that loaded it flush first. */
	slb_flush_cpus(region_cpus(as, r));
	ee = spin_lock_irqsave(&vmm_lock);
	region_free(as, r);
	s = segment_get(id);
	if (s)
		segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
}

/* Called with vmm_lock held. */
int aspace_fault_segment(uint64_t ea, struct segment **s, uint64_t *pno)
{
	struct region *r = region_of(aspace_of(ea), ea);

	if (!region_live(r))
		return -EFAULT;
	*s = segment_get(r->id);
	if (!*s || ((*s)->flags & SEG_DELETED))
		return -EFAULT;
	*pno = (ea & (SEGSIZE - 1)) >> PGSHIFT;
	return *pno >= r->lo && *pno < r->hi ? 0 : -EFAULT;
}

bool aspace_user_writable(uint64_t ea, uint64_t n)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	uint64_t end = ea + n, pno;
	struct segment *s;
	bool ok = true;

	/* A region's window is one run of pages: its first and last page
	 * in the range say it all. */
	for (uint64_t at = ea; ok && at < end; at = (at | (SEGSIZE - 1)) + 1) {
		uint64_t last = end - 1 < (at | (SEGSIZE - 1)) ? end - 1 : at | (SEGSIZE - 1);

		ok = !aspace_fault_segment(at, &s, &pno) && !aspace_fault_segment(last, &s, &pno) &&
		     (s->type & SEG_USER_WRITE);
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	return ok;
}

int aspace_slb_miss(uint64_t ea)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct aspace *as = aspace_of(ea);
	struct region *r = region_of(as, ea);
	struct segment *s = region_live(r) ? segment_get(r->id) : NULL;
	struct mmu_segment m;

	if (!s) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return -EFAULT;
	}
	mmu_segment_of(s, &m);
	slb_refill(ea, slb_vsid_data(&m) | r->keys);
	bitmap_set(region_cpus(as, r), cpu_index());
	vmm_counters.slb_misses++;
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}

struct aspace *aspace_create(void)
{
	size_t words = BITMAP_WORDS(nr_cpus_possible);
	struct aspace *as = kzalloc(sizeof(*as) + USER_REGIONS * (sizeof(struct region) +
								  words * sizeof(unsigned long)));

	if (!as)
		return NULL;
	as->base = 0;
	as->nregions = USER_REGIONS;
	as->regions = (struct region *)(as + 1);
	as->cpus = (unsigned long *)(as->regions + USER_REGIONS);
	return as;
}

int aspace_map(struct aspace *as, uint64_t ea, vmid_t id, unsigned int flags)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, ea);
	struct segment *s = segment_get(id);
	int err = 0;

	if (!r || r == &as->regions[0] || !s || (s->flags & SEG_DELETED))
		err = -EINVAL;
	else if (r->id)
		err = -EEXIST;
	else {
		/* The kernel reaches the region with the task's rights
		 * (arch/uaccess.h); what a task may write it may not execute
		 * unless mmap or mprotect said PROT_EXEC. */
		*r = (struct region){ .id = id,
				      .keys = UACCESS_SLB_KEYS |
					      (s->type & SEG_USER_NOEXEC ? SLB_VSID_N : 0),
				      .flags = flags, .hi = PAGES_PER_SEG };
		segment_hold(s);
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

int aspace_set_window(struct aspace *as, uint64_t ea, uint64_t lo, uint64_t hi)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, ea);
	int err = region_live(r) && lo <= hi && hi <= PAGES_PER_SEG ? 0 : -EINVAL;

	if (!err) {
		r->lo = (uint32_t)lo;
		r->hi = (uint32_t)hi;
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

uint64_t aspace_free_region(struct aspace *as)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	uint64_t ea = 0;

	for (unsigned int i = USER_FIRST_FREE_REGION; i < as->nregions - 1 && !ea; i++)
		if (!as->regions[i].id)
			ea = (uint64_t)i << SEGMENT_SHIFT_256M;
	spin_unlock_irqrestore(&vmm_lock, ee);
	return ea;
}

/* Forgets region r; its segment goes with the last region holding it. */
static void region_clear(struct aspace *as, struct region *r)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = segment_get(r->id);
	vmid_t id = r->id;
	bool last;

	region_free(as, r);
	last = s && s->holds == 1 && !(s->flags & SEG_DELETED);
	if (s)
		segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
	if (last)
		vms_delete(id);
}

int aspace_unmap(struct aspace *as, uint64_t ea, vmid_t *id)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, ea);

	if (!region_live(r)) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return -EINVAL;
	}
	if (id)
		*id = r->id;
	r->detaching = true;
	spin_unlock_irqrestore(&vmm_lock, ee);
	/* Other threads of the space may run on other CPUs. */
	slb_flush_cpus(region_cpus(as, r));
	region_clear(as, r);
	return 0;
}

int aspace_region_info(struct aspace *as, uint64_t ea, struct aspace_region *out)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, ea);
	int err = !r ? -EINVAL : region_live(r) ? 0 : -ENOENT;

	if (!err)
		*out = (struct aspace_region){ r->id, r->flags, r->lo, r->hi };
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

int aspace_protect(struct aspace *as, uint64_t ea, unsigned int prot)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, ea);
	struct segment *s = region_live(r) ? segment_get(r->id) : NULL;
	unsigned int access = (prot & ASPACE_PROT_WRITE ? SEG_USER_WRITE : 0) |
			      (prot & ASPACE_PROT_EXEC ? 0 : SEG_USER_NOEXEC) |
			      (prot ? 0 : SEG_USER_NONE);

	if (!s) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return -EINVAL;
	}
	s->type = (s->type & ~SEG_USER_ACCESS) | access;
	r->keys = (r->keys & ~SLB_VSID_N) | (access & SEG_USER_NOEXEC ? SLB_VSID_N : 0);
	/* Pages come back through the fault path with the new PP and N. */
	hpt_unmap_range(s, 0, PAGES_PER_SEG);
	spin_unlock_irqrestore(&vmm_lock, ee);
	/* The SLB entries of the other threads' CPUs carry the old N bit. */
	slb_flush_cpus(region_cpus(as, r));
	return 0;
}

void aspace_switch(struct aspace *as)
{
	struct paca *pc = this_paca();

	if (pc->user_aspace == as)
		return;
	pc->user_aspace = as;
	slb_invalidate_all();
}

void aspace_destroy(struct aspace *as)
{
	/* The last thread of the space runs here; every other CPU that ran
	 * it flushed its SLB when it switched away. */
	if (this_paca()->user_aspace == as)
		aspace_switch(NULL);
	for (unsigned int i = 0; i < as->nregions; i++)
		if (as->regions[i].id)
			region_clear(as, &as->regions[i]);
	kfree(as);
}

struct data_pages {
	uint32_t *pno;
	uint64_t n, max;
};

static bool has_data(const struct vpage *vp)
{
	return (vp->flags & (VP_RESIDENT | VP_IO)) || vp->slot;
}

static void count_data_page(struct segment *s, uint64_t pno, struct vpage *vp, void *arg)
{
	(void)s;
	(void)pno;
	*(uint64_t *)arg += has_data(vp);
}

static void note_data_page(struct segment *s, uint64_t pno, struct vpage *vp, void *arg)
{
	struct data_pages *d = arg;

	(void)s;
	if (has_data(vp) && d->n < d->max)
		d->pno[d->n++] = (uint32_t)pno;
}

/* The pages of segment id that hold data (resident, in I/O or on paging
 * space), listed in one walk of its page table. */
static int data_pages_of(vmid_t id, struct data_pages *d)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = segment_get(id);
	uint64_t max = 0;

	/* Only the task that forks writes its memory, and it is here: the
	 * second walk finds what the first counted. */
	if (s)
		segment_for_pages(s, 0, PAGES_PER_SEG, count_data_page, &max);
	spin_unlock_irqrestore(&vmm_lock, ee);
	d->n = 0;
	d->max = max;
	d->pno = kmalloc((max ? max : 1) * sizeof(*d->pno));
	if (!d->pno)
		return -ENOMEM;
	ee = spin_lock_irqsave(&vmm_lock);
	s = segment_get(id);
	if (s)
		segment_for_pages(s, 0, PAGES_PER_SEG, note_data_page, d);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}

/* A new segment like `id` with a copy of every page that holds data,
 * copied through two kernel attachments. */
static int segment_duplicate(vmid_t id, vmid_t *copy)
{
	struct segment *s;
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct data_pages d;
	unsigned int type;
	uint64_t npages;
	char *from, *to;
	int err;

	s = segment_get(id);
	type = s->type;
	npages = s->npages;
	spin_unlock_irqrestore(&vmm_lock, ee);
	err = data_pages_of(id, &d);
	if (err)
		return err;
	err = vms_create_task(copy, npages, type & SEG_USER_WRITE);
	if (err) {
		kfree(d.pno);
		return -err;
	}
	/* The copy gives the child the rights mprotect left in the parent. */
	ee = spin_lock_irqsave(&vmm_lock);
	s = segment_get(*copy);
	s->type = (s->type & ~SEG_USER_ACCESS) | (type & SEG_USER_ACCESS);
	spin_unlock_irqrestore(&vmm_lock, ee);
	from = vm_att(vm_handle(id, 0), 0);
	to = vm_att(vm_handle(*copy, 0), 0);
	if (!from || !to)
		err = -ENOMEM;
	for (uint64_t i = 0; i < d.n && !err; i++) {
		uint64_t off = (uint64_t)d.pno[i] << PGSHIFT;

		/* The copy that ends in an error instead of a fault: the pages
		 * come in through the fault path and memory may run out. */
		if (arch_copy_user(to + off, from + off, PAGESIZE))
			err = -ENOMEM;
	}
	if (from)
		vm_det(from);
	if (to)
		vm_det(to);
	kfree(d.pno);
	if (err)
		vms_delete(*copy);
	return err;
}

int aspace_fork(struct aspace *src, struct aspace **out)
{
	struct aspace *as = aspace_create();
	int err = 0;

	if (!as)
		return -ENOMEM;
	for (unsigned int i = 0; i < src->nregions && !err; i++) {
		struct region *r = &src->regions[i];
		uint64_t ea = (uint64_t)i << SEGMENT_SHIFT_256M;
		vmid_t id;

		if (!region_live(r) || !(r->flags & (ASPACE_SHARE | ASPACE_COPY)))
			continue;
		if (r->flags & ASPACE_SHARE) {
			err = aspace_map(as, ea, r->id, r->flags);
		} else {
			err = segment_duplicate(r->id, &id);
			if (err)
				break;
			err = aspace_map(as, ea, id, r->flags);
			if (err)
				vms_delete(id);
		}
		if (!err)
			err = aspace_set_window(as, ea, r->lo, r->hi);
	}
	if (err) {
		aspace_destroy(as);
		return err;
	}
	*out = as;
	return 0;
}

uint64_t aspace_resident(struct aspace *as)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	uint64_t n = 0;

	for (unsigned int i = 0; i < as->nregions; i++) {
		struct segment *s = region_live(&as->regions[i]) ?
				    segment_get(as->regions[i].id) : NULL;

		if (s)
			n += s->resident;
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	return n;
}

int aspace_segment_at(struct aspace *as, uint64_t ea, vmid_t *id)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, ea);
	int err = region_live(r) ? 0 : -EINVAL;

	if (!err)
		*id = r->id;
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}
