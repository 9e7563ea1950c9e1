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
#include <uapi/sys/syscall.h>
#include <vrm/elf.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/path.h>
#include <vrm/ramfs.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include "syscalls.h"

#define ARG_MAX		(64 * 1024)
#define STACK_MAX	(8ul << 20)	/* below it the stack region faults */
#define ARGS_MAX	1024
#define REGION_BASE(r)	((uint64_t)(r) << REGION_SHIFT)

/* A program exec has checked, before anything changes. */
struct exec_image {
	char abs[FS_PATH_MAX];		/* its path */
	const struct ramfs_node *node;
	struct elf_image img;
};

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

/* The program a path names, resolved against t's working directory: 0,
 * -ENOENT, -EACCES (not an executable file), -ENOEXEC. */
static long exec_check(const struct task *t, const char *path, struct exec_image *x)
{
	long err = path_resolve(t->files.cwd, path, x->abs, sizeof(x->abs));

	if (err < 0)
		return err;
	x->node = ramfs_lookup(x->abs);
	if (!x->node)
		return -ENOENT;
	if (!S_ISREG(x->node->mode) || !(x->node->mode & 0111))
		return -EACCES;
	err = elf_check(x->node->data, x->node->size, REGION_BASE(1),
			REGION_BASE(USER_STACK_REGION), &x->img);
	if (err)
		pr_warn("%s: not a static ELF64 LE PowerPC executable for vrm\n", x->abs);
	return err;
}

/* The checked program replaces t's space and its other threads. */
static long exec_load(struct task *t, const struct exec_image *x, char *const argv[],
		      size_t argc, char *const envp[], size_t envc, struct trap_frame *f)
{
	struct aspace *old = t->as, *as;
	uint64_t brk, sp, uargv, uenvp;
	const char *base;
	long err;

	/* The point of no return for the task's other threads. */
	err = task_single_thread(t);
	if (err)
		return err;
	as = aspace_create();
	if (!as)
		return -ENOMEM;
	set_space(t, as);
	err = load_segments(as, x->node, &x->img, &brk);
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
	base = strrchr(x->abs, '/');
	memset(t->comm, 0, sizeof(t->comm));
	memcpy(t->comm, base + 1, strlen(base + 1) < sizeof(t->comm) - 1 ? strlen(base + 1)
								      : sizeof(t->comm) - 1);
	signals_reset_handlers(t);
	files_exec(&t->files);
	frame_set_entry(f, x->img.entry, sp, argc, uargv, uenvp);
	return 0;
}

long exec_program(struct task *t, const char *path, char *const argv[], size_t argc,
		  char *const envp[], size_t envc, struct trap_frame *f)
{
	struct exec_image x;
	long err = exec_check(t, path, &x);

	return err ? err : exec_load(t, &x, argv, argc, envp, envc, f);
}

/*
 * Measures a NULL-terminated vector of the task's strings: how many, and
 * their bytes with their NULs, counted into *count and *bytes, which must
 * stay within max strings and ARG_MAX bytes (E2BIG).
 */
static long measure_vector(char *const *uvec, size_t max, size_t *count, size_t *bytes)
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
		len = user_strnlen(s, ARG_MAX - *bytes);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return len;
		(*count)++;
		*bytes += (size_t)len + 1;
	}
}

/* Copies count strings of a vector decode measured into vec and *buf,
 * which has room for them; the task may have changed them since. */
static long copy_vector(char *const *uvec, size_t count, char **vec, char **buf, size_t *room)
{
	for (size_t i = 0; i < count; i++) {
		char *s;
		long len;

		if (copyin(&s, &uvec[i], sizeof(s)))
			return -EFAULT;
		len = copyinstr(*buf, s, *room);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return len;
		vec[i] = *buf;
		*buf += len + 1;
		*room -= (size_t)len + 1;
	}
	return 0;
}

struct execve_args {
	char path[FS_PATH_MAX];
	struct exec_image x;
	char *const *uargv, *const *uenvp;
	size_t argc, envc;
	size_t bytes;			/* of their strings, NULs included */
};

SYSCALL(execve, struct execve_args)

static long execve_decode(const unsigned long *a, struct execve_args *args)
{
	long err = copyinstr(args->path, (const char *)a[0], sizeof(args->path));

	if (err < 0)
		return err;
	args->uargv = (char *const *)a[1];
	args->uenvp = (char *const *)a[2];
	args->bytes = 0;
	err = measure_vector(args->uargv, ARGS_MAX - 1, &args->argc, &args->bytes);
	if (!err)
		err = measure_vector(args->uenvp, ARGS_MAX - 1, &args->envc, &args->bytes);
	if (err)
		return err;
	/* The new stack holds the strings and both vectors with their NULLs. */
	if (args->bytes + (args->argc + args->envc + 2) * sizeof(char *) > ARG_MAX)
		return -E2BIG;
	return exec_check(current_task(), args->path, &args->x);
}

static long execve_invoke(struct execve_args *args)
{
	size_t room = args->bytes;
	char **argv = kmalloc((args->argc + args->envc) * sizeof(char *) + room);
	char **envp, *p;
	long err;

	if (!argv)
		return -ENOMEM;
	envp = argv + args->argc;
	p = (char *)(envp + args->envc);
	err = copy_vector(args->uargv, args->argc, argv, &p, &room);
	if (!err)
		err = copy_vector(args->uenvp, args->envc, envp, &p, &room);
	if (!err)
		err = exec_load(current_task(), &args->x, argv, args->argc, envp, args->envc,
				current_frame());
	kfree(argv);
	return err ? err : SYSCALL_FRAME_SET;
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_execve, execve),
};

const struct syscall_list exec_calls = { calls, ARRAY_SIZE(calls) };
