/* SPDX-License-Identifier: MIT */
/* Memory system calls: the break, mappings, VMM segments, VMM counters. */

#include <stdint.h>
#include <sys/kcount.h>
#include <sys/mman.h>
#include <sys/vminfo.h>
#include <sys/vmseg.h>
#include <unistd.h>

#include "sys.h"

/* The break as last set; read from the kernel on first use. */
static char *cur_brk;

int brk(void *end)
{
	long r = sys1(SYS_brk, end);

	if (r < 0)
		return -1;
	cur_brk = (char *)r;
	/* The kernel answers with the break it kept when it refuses. */
	if (cur_brk != end) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t incr)
{
	char *old;

	if (!cur_brk) {
		long r = sys1(SYS_brk, 0);

		if (r < 0)
			return (void *)-1;
		cur_brk = (char *)r;
	}
	old = cur_brk;
	if (incr != 0 && brk(old + incr) < 0)
		return (void *)-1;
	return old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = sys6(SYS_mmap, addr, len, prot, flags, fd, off);

	return r < 0 ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len)
{
	return sys2(SYS_munmap, addr, len);
}

int mprotect(void *addr, size_t len, int prot)
{
	return sys3(SYS_mprotect, addr, len, prot);
}

void *vmseg_create(size_t size, int flags, vmid_t *vmid)
{
	long r = sys3(SYS_vmseg_create, size, flags, vmid);

	return r < 0 ? NULL : (void *)r;
}

int vmseg_delete(void *addr)
{
	return sys1(SYS_vmseg_delete, addr);
}

int vmgetinfo(void *out, int command, int arg)
{
	return sys3(SYS_vmgetinfo, out, command, arg);
}

int kcount(struct kcount *out, size_t size)
{
	return sys2(SYS_kcount, out, size);
}
