// SPDX-License-Identifier: MIT
/* exec: a program of the initramfs replaces the task's address space. */

/*
 * Each 256 MB region the ELF loads into becomes a working-storage segment
 * (read-only for the task unless a writable load lies in it; fork shares
 * the read-only ones and copies the others); the stack is the last region.
 */
#define pr_fmt "exec: "
#include <string.h>
#include <arch/uaccess.h>
#include <arch/user.h>
#include <uapi/sys/file.h>
#include <vrm/elf.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/path.h>
#include <vrm/ramfs.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include "task_impl.h"

#define ARG_MAX		(64 * 1024)
#define STACK_MAX	(8ul << 20)	/* below it the stack region faults */
#define ARGS_MAX	1024
#define REGION_BASE(r)	((uint64_t)(r) << REGION_SHIFT)

static uint64_t page_up(uint64_t a)
{
	return (a + PAGESIZE - 1) & ~(uint64_t)(PAGESIZE - 1);
}

/* A segment for region r of the new space. */
static long map_region(struct aspace *as, unsigned int r, bool writable)
{
	vmid_t id;
	long err = vms_create_task(&id, PAGES_PER_SEG, writable);

	if (err)
		return -err;
	err = aspace_map(as, REGION_BASE(r), id, writable ? ASPACE_COPY : ASPACE_SHARE);
	if (err)
		vms_delete(id);
	return err;
}

/*
 * Copies one load into its segment through a kernel attachment with key
 * 0: the text is only readable through the task's own addresses, for the
 * kernel as for the task (arch/uaccess.h). The pages come in through the
 * fault path, so memory may run out.
 */
static long load_one(struct aspace *as, uint64_t vaddr, const void *data, size_t size)
{
	char *seg;
	vmid_t id;
	long err;

	if (!size)
		return 0;
	if (aspace_segment_at(as, vaddr, &id))
		return -EINVAL;
	seg = vm_att(vm_handle(id, 0), 0);
	if (!seg)
		return -ENOMEM;
	err = arch_copy_user(seg + (vaddr & (SEGSIZE - 1)), data, size) ? -ENOMEM : 0;
	vm_det(seg);
	return err;
}

static long load_segments(struct aspace *as, const struct ramfs_node *node,
			  const struct elf_image *img, uint64_t *brk)
{
	bool used[USER_REGIONS] = { false }, writable[USER_REGIONS] = { false };
	long err;

	*brk = 0;
	for (unsigned int i = 0; i < img->nloads; i++) {
		const struct elf_load *l = &img->loads[i];
		unsigned int r = (unsigned int)(l->vaddr >> REGION_SHIFT);

		used[r] = true;
		writable[r] |= l->write;
		if (l->write && page_up(l->vaddr + l->memsz) > *brk)
			*brk = page_up(l->vaddr + l->memsz);
	}
	for (unsigned int r = 0; r < USER_REGIONS; r++)
		if (used[r] && (err = map_region(as, r, writable[r])))
			return err;
	for (unsigned int i = 0; i < img->nloads; i++) {
		const struct elf_load *l = &img->loads[i];

		err = load_one(as, l->vaddr, (const char *)node->data + l->offset, l->filesz);
		if (err)
			return err;
	}
	return 0;
}

/* Puts the strings and the argv and envp vectors at the top of the stack;
 * returns the stack pointer for the entry. */
static long build_stack(char *const argv[], size_t argc, char *const envp[], size_t envc,
			uint64_t *sp, uint64_t *uargv, uint64_t *uenvp)
{
	uint64_t top = USER_TOP, strings = top, vec;
	size_t total = 0;

	for (size_t i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	for (size_t i = 0; i < envc; i++)
		total += strlen(envp[i]) + 1;
	total += (argc + envc + 2) * sizeof(uint64_t);
	if (total > ARG_MAX)
		return -E2BIG;
	vec = (top - total - 64) & ~15ul;
	*uargv = vec;
	*uenvp = vec + (argc + 1) * sizeof(uint64_t);
	for (size_t i = 0; i < argc + envc; i++) {
		const char *s = i < argc ? argv[i] : envp[i - argc];
		size_t len = strlen(s) + 1;
		uint64_t slot = i < argc ? *uargv + i * 8 : *uenvp + (i - argc) * 8;

		strings -= len;
		if (arch_copy_user((void *)strings, s, len) ||
		    arch_copy_user((void *)slot, &strings, sizeof(strings)))
			return -ENOMEM;
	}
	if (arch_copy_user((void *)(*uargv + argc * 8), &(uint64_t){ 0 }, 8) ||
	    arch_copy_user((void *)(*uenvp + envc * 8), &(uint64_t){ 0 }, 8))
		return -ENOMEM;
	*sp = vec - USER_STACK_RESERVE;
	return arch_copy_user((void *)*sp, &(uint64_t){ 0 }, 8) ? -ENOMEM : 0;
}

static void set_space(struct task *t, struct aspace *as)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);

	t->as = as;
	spin_unlock_irqrestore(&task_lock, ee);
	aspace_switch(as);
}

long exec_program(struct task *t, const char *path, char *const argv[], size_t argc,
		  char *const envp[], size_t envc, struct trap_frame *f)
{
	char abs[FS_PATH_MAX];
	const struct ramfs_node *node;
	struct aspace *old = t->as, *as;
	struct elf_image img;
	uint64_t brk, sp, uargv, uenvp;
	const char *base;
	long err = path_resolve(t->files.cwd, path, abs, sizeof(abs));

	if (err < 0)
		return err;
	node = ramfs_lookup(abs);
	if (!node)
		return -ENOENT;
	if (!S_ISREG(node->mode) || !(node->mode & 0111))
		return -EACCES;
	err = elf_check(node->data, node->size, REGION_BASE(1), REGION_BASE(USER_STACK_REGION), &img);
	if (err) {
		pr_warn("%s: not a static ELF64 LE PowerPC executable for vrm\n", abs);
		return err;
	}
	/* The point of no return for the task's other threads. */
	err = task_single_thread(t);
	if (err)
		return err;
	as = aspace_create();
	if (!as)
		return -ENOMEM;
	set_space(t, as);
	err = load_segments(as, node, &img, &brk);
	if (!err)
		err = map_region(as, USER_STACK_REGION, true);
	if (!err)
		err = aspace_set_window(as, REGION_BASE(USER_STACK_REGION),
					(SEGSIZE - STACK_MAX) >> PGSHIFT, PAGES_PER_SEG);
	if (!err && brk)
		err = aspace_set_window(as, (brk - 1) & ~(SEGSIZE - 1), 0,
					(((brk - 1) & (SEGSIZE - 1)) >> PGSHIFT) + 1);
	if (!err)
		err = build_stack(argv, argc, envp, envc, &sp, &uargv, &uenvp);
	if (err) {
		set_space(t, old);
		aspace_destroy(as);
		return err;
	}
	aspace_destroy(old);
	t->brk_start = t->brk = brk;
	base = strrchr(abs, '/');
	memset(t->comm, 0, sizeof(t->comm));
	memcpy(t->comm, base + 1, strlen(base + 1) < sizeof(t->comm) - 1 ? strlen(base + 1)
								      : sizeof(t->comm) - 1);
	signals_reset_handlers(t);
	frame_set_entry(f, img.entry, sp, argc, uargv, uenvp);
	return 0;
}

/* Copies a NULL-terminated vector of user strings into buf. */
static long copy_vector(char *const *uvec, char **vec, size_t max, char **buf, size_t *room,
			size_t *count)
{
	*count = 0;
	if (!uvec)
		return 0;
	for (;;) {
		char *s;
		long len;

		if (copyin(&s, &uvec[*count], sizeof(s)))
			return -EFAULT;
		if (!s)
			return 0;
		if (*count == max)
			return -E2BIG;
		len = copyinstr(*buf, s, *room);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return len;
		vec[(*count)++] = *buf;
		*buf += len + 1;
		*room -= (size_t)len + 1;
	}
}

long sys_execve(const unsigned long *a)
{
	char path[FS_PATH_MAX];
	char **argv, **envp, *p;
	size_t room = ARG_MAX, argc, envc;
	long err = copyinstr(path, (const char *)a[0], sizeof(path));

	if (err < 0)
		return err;
	argv = kmalloc(2 * ARGS_MAX * sizeof(char *) + ARG_MAX);
	if (!argv)
		return -ENOMEM;
	envp = argv + ARGS_MAX;
	p = (char *)(envp + ARGS_MAX);
	err = copy_vector((char *const *)a[1], argv, ARGS_MAX - 1, &p, &room, &argc);
	if (!err)
		err = copy_vector((char *const *)a[2], envp, ARGS_MAX - 1, &p, &room, &envc);
	if (!err)
		err = exec_program(current_task(), path, argv, argc, envp, envc, current_frame());
	kfree(argv);
	return err ? err : SYSCALL_FRAME_SET;
}
