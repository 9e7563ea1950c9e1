// SPDX-License-Identifier: MIT
/*
 * mmap, munmap and mprotect over the VMM's working segments: a mapping is
 * a segment of its own in a free 256 MB region, its window the mapped
 * pages, its protection the segment's (docs/tasks.md, "Mappings").
 */
#include <uapi/sys/mman.h>
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/kernel.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include "syscalls.h"

#define MAP_KNOWN	(MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define PROT_KNOWN	(PROT_READ | PROT_WRITE | PROT_EXEC)
#define FIRST_MAP_EA	((uint64_t)USER_FIRST_FREE_REGION << REGION_SHIFT)
#define END_MAP_EA	((uint64_t)USER_STACK_REGION << REGION_SHIFT)

_Static_assert(PROT_READ == ASPACE_PROT_READ && PROT_WRITE == ASPACE_PROT_WRITE &&
	       PROT_EXEC == ASPACE_PROT_EXEC, "mman's PROT_* are aspace_protect's");

static struct aspace *my_space(void)
{
	return current_task()->as;
}

static uint64_t region_base(uint64_t ea)
{
	return ea & ~(SEGSIZE - 1);
}

/* The region at ea is one a mapping may take: between the data and the
 * stack, and free (or, when replace is allowed, a mapping that
 * [ea, ea + len) covers). */
static bool region_takes(uint64_t ea, uint64_t len, bool replace)
{
	struct aspace_region r;
	uint64_t lo = (ea & (SEGSIZE - 1)) >> PGSHIFT, hi = lo + (len >> PGSHIFT);
	int err;

	if (ea < FIRST_MAP_EA || ea >= END_MAP_EA || region_base(ea) != region_base(ea + len - 1))
		return false;
	err = aspace_region_info(my_space(), ea, &r);
	if (err == -ENOENT)
		return true;
	return !err && replace && (r.flags & ASPACE_MMAP) && lo <= r.lo && hi >= r.hi;
}

struct mmap_args {
	uint64_t ea, pages;
	unsigned int prot;
	bool shared, fixed;
};

SYSCALL(mmap, struct mmap_args)

static long mmap_decode(const unsigned long *a, struct mmap_args *args)
{
	uint64_t addr = a[0], len = a[1];
	unsigned long prot = a[2], flags = a[3], off = a[5];
	unsigned long type = flags & (MAP_SHARED | MAP_PRIVATE);
	long fd = (long)a[4];
	uint64_t ea;

	if ((flags & ~(unsigned long)MAP_KNOWN) || (type != MAP_SHARED && type != MAP_PRIVATE) ||
	    (prot & ~(unsigned long)PROT_KNOWN) || !len || (off & (PAGESIZE - 1)))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return fs_fd_open(&current_task()->files, fd) ? -ENODEV : -EBADF;
	if ((flags & MAP_FIXED) && (addr & (PAGESIZE - 1)))
		return -EINVAL;
	if (len > SEGSIZE)
		return -ENOMEM;
	len = (len + PAGESIZE - 1) & ~(uint64_t)(PAGESIZE - 1);
	ea = addr & ~(uint64_t)(PAGESIZE - 1);
	if (!(flags & MAP_FIXED) && !region_takes(ea, len, false))
		ea = aspace_free_region(my_space());
	if (!ea || !region_takes(ea, len, flags & MAP_FIXED))
		return -ENOMEM;
	*args = (struct mmap_args){ ea, len >> PGSHIFT, (unsigned int)prot, type == MAP_SHARED,
				    flags & MAP_FIXED };
	return 0;
}

/* A new segment in the region, replacing the mapping MAP_FIXED covers;
 * its pages are zero when first touched. */
static long mmap_invoke(struct mmap_args *args)
{
	struct aspace *as = my_space();
	uint64_t base = region_base(args->ea), lo = (args->ea - base) >> PGSHIFT;
	vmid_t id;
	long err;

	if (!region_takes(args->ea, args->pages << PGSHIFT, args->fixed))
		return -ENOMEM;
	if (args->fixed)
		aspace_unmap(as, base, NULL);
	err = vms_create_task(&id, lo + args->pages, false);
	if (err)
		return -err;
	err = aspace_map(as, base, id, ASPACE_MMAP | (args->shared ? ASPACE_SHARE : ASPACE_COPY));
	if (err) {
		vms_delete(id);
		return -ENOMEM;
	}
	aspace_protect(as, base, args->prot);
	aspace_set_window(as, base, lo, lo + args->pages);
	return (long)args->ea;
}

/* A range of task space in whole pages: [*ea, *end). */
static long page_range(unsigned long addr, unsigned long len, uint64_t *ea, uint64_t *end)
{
	if ((addr & (PAGESIZE - 1)) || len > USER_TOP || addr > USER_TOP - len)
		return -EINVAL;
	*ea = addr;
	*end = (addr + len + PAGESIZE - 1) & ~(uint64_t)(PAGESIZE - 1);
	return 0;
}

/* The part of [ea, end) in the mapping at base, as pages [*lo, *hi) of
 * its segment clipped to the window; false when the region holds no
 * mapping or the part misses it. */
static bool mapping_part(uint64_t base, uint64_t ea, uint64_t end, struct aspace_region *r,
			 uint64_t *lo, uint64_t *hi)
{
	uint64_t from = ea > base ? ea - base : 0, to = end - base < SEGSIZE ? end - base : SEGSIZE;

	if (aspace_region_info(my_space(), base, r) || !(r->flags & ASPACE_MMAP))
		return false;
	*lo = from >> PGSHIFT > r->lo ? from >> PGSHIFT : r->lo;
	*hi = to >> PGSHIFT < r->hi ? to >> PGSHIFT : r->hi;
	return *lo < *hi;
}

struct munmap_args {
	uint64_t ea, end;
};

SYSCALL(munmap, struct munmap_args)

/* Each mapping the range meets loses all its pages, or a run at one end
 * of them: a hole inside one (which its one window cannot hold) is
 * EINVAL. */
static long munmap_decode(const unsigned long *a, struct munmap_args *args)
{
	struct aspace_region r;
	uint64_t lo, hi;
	long err = a[1] ? page_range(a[0], a[1], &args->ea, &args->end) : -EINVAL;

	for (uint64_t base = region_base(args->ea); !err && base < args->end; base += SEGSIZE)
		if (mapping_part(base, args->ea, args->end, &r, &lo, &hi) && lo > r.lo && hi < r.hi)
			err = -EINVAL;
	return err;
}

static long munmap_invoke(struct munmap_args *args)
{
	struct aspace *as = my_space();
	struct aspace_region r;
	uint64_t lo, hi;

	for (uint64_t base = region_base(args->ea); base < args->end; base += SEGSIZE) {
		if (!mapping_part(base, args->ea, args->end, &r, &lo, &hi))
			continue;
		if (lo == r.lo && hi == r.hi) {
			aspace_unmap(as, base, NULL);
		} else if (lo == r.lo || hi == r.hi) {
			aspace_set_window(as, base, lo == r.lo ? hi : r.lo, lo == r.lo ? r.hi : lo);
			/* A shared mapping's pages stay for the other tasks. */
			if (!(r.flags & ASPACE_SHARE))
				vm_releasep(r.vmid, (int)lo, (int)(hi - lo));
		}
	}
	return 0;
}

struct mprotect_args {
	uint64_t ea, end;
	unsigned int prot;
};

SYSCALL(mprotect, struct mprotect_args)

/* Whole mappings only: every page of the range in one, each one met
 * covered (part of one is ENOTSUP, a page in none ENOMEM); not a shared
 * one, whose segment other tasks map too (ENOTSUP). */
static long mprotect_decode(const unsigned long *a, struct mprotect_args *args)
{
	struct aspace_region r;
	long err = page_range(a[0], a[1], &args->ea, &args->end);

	if (!err && (a[2] & ~(unsigned long)PROT_KNOWN))
		err = -EINVAL;
	for (uint64_t base = region_base(args->ea); !err && base < args->end; base += SEGSIZE) {
		uint64_t from = args->ea > base ? (args->ea - base) >> PGSHIFT : 0;
		uint64_t to = args->end - base < SEGSIZE ? (args->end - base) >> PGSHIFT :
							   PAGES_PER_SEG;

		if (aspace_region_info(my_space(), base, &r) || !(r.flags & ASPACE_MMAP) ||
		    from < r.lo || to > r.hi)
			err = -ENOMEM;
		else if (from != r.lo || to != r.hi || (r.flags & ASPACE_SHARE))
			err = -ENOTSUP;
	}
	args->prot = (unsigned int)a[2];
	return err;
}

static long mprotect_invoke(struct mprotect_args *args)
{
	for (uint64_t base = region_base(args->ea); base < args->end; base += SEGSIZE)
		aspace_protect(my_space(), base, args->prot);
	return 0;
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_mmap, mmap),
	SYSCALL_ENTRY(SYS_munmap, munmap),
	SYSCALL_ENTRY(SYS_mprotect, mprotect),
};

const struct syscall_list mman_calls = { calls, ARRAY_SIZE(calls) };
