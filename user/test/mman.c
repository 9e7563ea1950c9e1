/* SPDX-License-Identifier: MIT */
/* mmap, munmap and mprotect: anonymous mappings, their protection and faults, fork, and nothing left behind. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/kcount.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define PAGE		4096
#define REGION		(256ul << 20)
#define FREE_REGION	((char *)0x3d0000000ul)	/* between the data and the stack */
#define BLR		0x4e800020u		/* return */

/* The fault a child expects: where, and which si_code. */
static volatile char *fault_at;
static int fault_code;
static volatile int sink;

static void on_fault(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)context;
	_exit(info->si_addr == (void *)fault_at && info->si_code == fault_code ?
	      UTEST_FAULT_AT : 1);
}

static void expect_fault(volatile char *addr, int code)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };

	fault_at = addr;
	fault_code = code;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
}

static void store(void)
{
	*fault_at = 1;
}

static void load(void)
{
	sink = *fault_at;
}

static void call(void)
{
	((void (*)(void))(uintptr_t)fault_at)();
}

/* fn faults at addr with code, in a child. */
static void check_fault(void (*fn)(void), volatile char *addr, int code)
{
	expect_fault(addr, code);
	check_exited(utest_in_child(fn), UTEST_FAULT_AT);
}

static char *map(size_t len, int prot, int flags)
{
	char *p = mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);

	check(p != MAP_FAILED);
	return p;
}

static unsigned long segments(void)
{
	struct kcount k;

	check_eq(kcount(&k, sizeof(k)), 0);
	return k.segments;
}

static void pages_are_zero_and_writable(void)
{
	unsigned long before = segments();
	long pagesize = sysconf(_SC_PAGESIZE);
	char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	check_eq(pagesize, PAGE);
	check_eq((uintptr_t)p % (uintptr_t)pagesize, 0);
	check_eq(segments(), before + 1);
	for (int i = 0; i < 3 * PAGE; i++)
		check_eq(p[i], 0);
	memset(p, 0x5a, 3 * PAGE);
	check_eq(p[3 * PAGE - 1], 0x5a);
	check_eq(munmap(p, 3 * PAGE), 0);
	check_eq(segments(), before);
	check_fault(load, p, SEGV_MAPERR);
}

static void frames_come_back_after_munmap(void)
{
	struct kcount before, after;
	char *p;

	check_eq(kcount(&before, sizeof(before)), 0);
	p = map(64 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	memset(p, 1, 64 * PAGE);
	check_eq(munmap(p, 64 * PAGE), 0);
	check_eq(kcount(&after, sizeof(after)), 0);
	check_eq(after.segments, before.segments);
	check_eq(after.free_frames, before.free_frames);
}

static void a_write_to_a_read_only_mapping_faults(void)
{
	char *p = map(PAGE, PROT_READ, MAP_PRIVATE);

	check_eq(p[0], 0);
	check_fault(store, p, SEGV_ACCERR);
	check_fault(store, p + 100, SEGV_ACCERR);
}

static void prot_none_cannot_be_read(void)
{
	char *p = map(PAGE, PROT_NONE, MAP_PRIVATE);

	check_fault(load, p, SEGV_ACCERR);
	/* Nor can the kernel read it for the task. */
	check_err(write(1, p, 1), EFAULT);
}

static void mprotect_changes_the_whole_mapping(void)
{
	char *p = map(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	p[0] = 7;
	p[PAGE] = 8;
	check_eq(mprotect(p, 2 * PAGE, PROT_READ), 0);
	check_eq(p[0], 7);
	check_fault(store, p, SEGV_ACCERR);
	check_fault(store, p + PAGE, SEGV_ACCERR);
	check_eq(mprotect(p, 2 * PAGE, PROT_NONE), 0);
	check_fault(load, p + PAGE, SEGV_ACCERR);
	check_eq(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE), 0);
	p[1] = 9;
	check_eq(p[0] + p[1] + p[PAGE], 24);
	/* Part of a mapping, or a page in none. */
	check_err(mprotect(p, PAGE, PROT_READ), ENOTSUP);
	check_err(mprotect(p, 3 * PAGE, PROT_READ), ENOMEM);
	check_err(mprotect(FREE_REGION, PAGE, PROT_READ), ENOMEM);
	check_err(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
	check_err(mprotect(p, 2 * PAGE, 0x80), EINVAL);
}

static void only_exec_mappings_run_code(void)
{
	unsigned int *code = (unsigned int *)map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	code[0] = BLR;
	__builtin___clear_cache((char *)code, (char *)(code + 1));
	check_fault(call, (char *)code, SEGV_ACCERR);
	check_eq(mprotect(code, PAGE, PROT_READ | PROT_EXEC), 0);
	((void (*)(void))(uintptr_t)code)();
	check_eq(mprotect(code, PAGE, PROT_READ), 0);
	check_fault(call, (char *)code, SEGV_ACCERR);
}

static void munmap_takes_either_end(void)
{
	unsigned long before = segments();
	char *p = map(4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);

	memset(p, 3, 4 * PAGE);
	check_err(munmap(p + PAGE, 2 * PAGE), EINVAL);
	check_eq(munmap(p, PAGE), 0);
	check_fault(load, p, SEGV_MAPERR);
	check_eq(munmap(p + 3 * PAGE, PAGE), 0);
	check_fault(load, p + 3 * PAGE, SEGV_MAPERR);
	check_eq(p[PAGE] + p[2 * PAGE], 6);
	/* A range that runs past the mapping, and one that meets nothing. */
	check_eq(munmap(p, 8 * PAGE), 0);
	check_eq(munmap(p, PAGE), 0);
	check_eq(segments(), before);
}

static void hints_and_map_fixed(void)
{
	char *p = mmap(FREE_REGION + PAGE, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q;

	check(p == FREE_REGION + PAGE);
	p[0] = 1;
	/* A hint that is taken is only a hint. */
	q = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	check(q != p);
	/* MAP_FIXED replaces the mapping it covers, with zero pages. */
	q = mmap(FREE_REGION, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check(q == FREE_REGION);
	check_eq(q[PAGE], 0);
	/* Not the data's region, nor one that holds part of a mapping. */
	check(mmap((void *)0x20000000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		   -1, 0) == MAP_FAILED);
	check_eq(errno, ENOMEM);
	check(mmap(FREE_REGION + PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		   -1, 0) == MAP_FAILED);
	check_eq(errno, ENOMEM);
}

static void bad_arguments_are_refused(void)
{
	int fd = open("/etc/motd", O_RDONLY);
	static const struct {
		size_t len;
		int prot, flags, fd, err;
	} bad[] = {
		{ 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, EINVAL },
		{ PAGE, PROT_READ, MAP_ANONYMOUS, -1, EINVAL },
		{ PAGE, PROT_READ, MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS, -1, EINVAL },
		{ PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | 0x8000, -1, EINVAL },
		{ PAGE, 0x40, MAP_PRIVATE | MAP_ANONYMOUS, -1, EINVAL },
		{ REGION + PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, ENOMEM },
		{ PAGE, PROT_READ, MAP_PRIVATE, -1, EBADF },
		{ PAGE, PROT_READ, MAP_SHARED, 3, ENODEV },
	};

	check_eq(fd, 3);
	for (size_t i = 0; i < UTEST_COUNT(bad); i++) {
		errno = 0;
		if (mmap(NULL, bad[i].len, bad[i].prot, bad[i].flags, bad[i].fd, 0) != MAP_FAILED)
			check_fail("case %d mapped", (int)i);
		check_eq(errno, bad[i].err);
	}
	check(mmap(FREE_REGION + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		   0) == MAP_FAILED);
	check_eq(errno, EINVAL);
	check(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED);
	check_eq(errno, EINVAL);
	check_err(munmap(NULL, 0), EINVAL);
	check_err(munmap(FREE_REGION + 1, PAGE), EINVAL);
}

static void regions_run_out(void)
{
	unsigned long before = segments();
	int n = 0;

	while (mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED)
		n++;
	check_eq(errno, ENOMEM);
	check(n > 50);
	check_eq(segments(), before + (unsigned long)n);
}

static char *shared, *private;

static void child_writes(void)
{
	shared[0] = 'S';
	private[0] = 'P';
}

static void fork_shares_shared_and_copies_private(void)
{
	shared = map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED);
	private = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	private[1] = 'x';
	check_exited(utest_in_child(child_writes), 0);
	check_eq(shared[0], 'S');
	check_eq(private[0], 0);
	check_eq(private[1], 'x');
	/* A shared segment's protection is every sharer's. */
	check_err(mprotect(shared, PAGE, PROT_READ), ENOTSUP);
}

static void child_stores_read_only(void)
{
	expect_fault(private, SEGV_ACCERR);
	*private = 1;
}

static void fork_keeps_protection(void)
{
	private = map(PAGE, PROT_READ, MAP_PRIVATE);
	check_exited(utest_in_child(child_stores_read_only), UTEST_FAULT_AT);
}

static const struct utest cases[] = {
	UTEST(pages_are_zero_and_writable),
	UTEST(frames_come_back_after_munmap),
	UTEST(a_write_to_a_read_only_mapping_faults),
	UTEST(prot_none_cannot_be_read),
	UTEST(mprotect_changes_the_whole_mapping),
	UTEST(only_exec_mappings_run_code),
	UTEST(munmap_takes_either_end),
	UTEST(hints_and_map_fixed),
	UTEST(bad_arguments_are_refused),
	UTEST(regions_run_out),
	UTEST(fork_shares_shared_and_copies_private),
	UTEST(fork_keeps_protection),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
