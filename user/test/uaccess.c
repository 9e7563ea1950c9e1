/* SPDX-License-Identifier: MIT */
/* System calls reach a task's memory with its rights: no store into its text or read-only data. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/port.h>
#include <sys/procinfo.h>
#include <sys/syscall.h>
#include <sys/vminfo.h>
#include <sys/vmseg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define PAGE	4096ul
#define RO_FILL	0xa5
#define FILE	"/etc/motd"	/* 120 bytes */

/*
 * Read-only data that only these tests hand to system calls, on pages of
 * its own: text and read-only data share one segment, which fork shares,
 * so a store that wrongly lands here shows in the parent too.
 */
static const unsigned char ro[2 * PAGE] __attribute__((aligned(PAGE))) = {
	[0 ... 2 * PAGE - 1] = RO_FILL
};
/* The same, as the stack of a signal handler's frame. */
static const unsigned char ro_stack[4 * PAGE] __attribute__((aligned(PAGE))) = {
	[0 ... 4 * PAGE - 1] = RO_FILL
};

/* Functions whose code the tests try to overwrite; nothing else calls
 * them. */
static __attribute__((noinline)) long victim(long x)
{
	return x * 3 + 1;
}

static __attribute__((noinline)) long shared_victim(long x)
{
	return x * 5 + 2;
}

/* Called through these so that the compiler cannot fold the calls. */
static long (*volatile victim_fn)(long) = victim;
static long (*volatile shared_victim_fn)(long) = shared_victim;

static void check_intact(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != RO_FILL)
			check_fail("read-only byte %zu was changed to %#x", i, p[i]);
}

static void check_ro_intact(void)
{
	check_intact(ro, sizeof(ro));
}

static int open_file(void)
{
	int fd = open(FILE, O_RDONLY);

	check(fd >= 0);
	return fd;
}

static void read_into_text_gives_efault(void)
{
	unsigned char before[16];
	const void *code = (const void *)victim_fn;
	int fd = open_file();

	memcpy(before, code, sizeof(before));
	check_err(read(fd, (void *)code, sizeof(before)), EFAULT);
	check(memcmp(before, code, sizeof(before)) == 0);
	check_eq(victim_fn(2), 7);
	/* Nothing was consumed. */
	check_eq(lseek(fd, 0, SEEK_CUR), 0);
}

static void read_into_rodata_gives_efault(void)
{
	int fd = open_file();

	check_err(read(fd, (void *)ro, 64), EFAULT);
	check_err(read(fd, (void *)(ro + PAGE - 8), 64), EFAULT);
	check_eq(lseek(fd, 0, SEEK_CUR), 0);
	check_ro_intact();
}

static void child_reads_into_shared_text(void)
{
	int fd = open_file();

	check_err(read(fd, (void *)shared_victim_fn, 16), EFAULT);
	check_err(read(fd, (void *)(ro + PAGE), 64), EFAULT);
}

/* The child's text and read-only data are the parent's pages. */
static void forked_child_cannot_write_the_parents_text(void)
{
	unsigned char before[16];
	const void *code = (const void *)shared_victim_fn;
	int status;

	memcpy(before, code, sizeof(before));
	status = utest_in_child(child_reads_into_shared_text);
	check(memcmp(before, code, sizeof(before)) == 0);
	check_ro_intact();
	check_eq(shared_victim_fn(3), 17);
	check_exited(status, 0);
}

/* Placeholders in the table below, replaced when the call is made. */
enum { RO = 1000001, FILE_FD, DIR_FD, PATH };

static const struct ro_call {
	const char *name;
	long nr;
	long args[3];
} ro_calls[] = {
	{ "read", SYS_read, { FILE_FD, RO, 64 } },
	{ "fstat", SYS_fstat, { FILE_FD, RO, 0 } },
	{ "stat", SYS_stat, { PATH, RO, 0 } },
	{ "readdir", SYS_readdir, { DIR_FD, RO, 0 } },
	{ "getcwd", SYS_getcwd, { RO, 256, 0 } },
	{ "uname", SYS_uname, { RO, 0, 0 } },
	{ "getprocs", SYS_getprocs, { RO, 4, 0 } },
	{ "klog_read", SYS_klog_read, { RO, 256, 0 } },
	{ "vmgetinfo", SYS_vmgetinfo, { RO, VMINFO, sizeof(struct vminfo) } },
	{ "clock_gettime", SYS_clock_gettime, { CLOCK_MONOTONIC, RO, 0 } },
	{ "sigaction old", SYS_sigaction, { SIGUSR1, 0, RO } },
	{ "sigprocmask old", SYS_sigprocmask, { SIG_BLOCK, 0, RO } },
	{ "vmseg_create vmid", SYS_vmseg_create, { 1 << 20, 0, RO } },
};

static long ro_arg(long a, int file_fd, int dir_fd)
{
	switch (a) {
	case RO: return (long)ro;
	case FILE_FD: return file_fd;
	case DIR_FD: return dir_fd;
	case PATH: return (long)FILE;
	}
	return a;
}

static void calls_writing_rodata_give_efault(void)
{
	int file_fd = open_file(), dir_fd = open("/", O_RDONLY | O_DIRECTORY);
	size_t wrong = 0;

	check(dir_fd >= 0);
	for (size_t i = 0; i < UTEST_COUNT(ro_calls); i++) {
		const struct ro_call *c = &ro_calls[i];
		long a[3], r;

		for (int k = 0; k < 3; k++)
			a[k] = ro_arg(c->args[k], file_fd, dir_fd);
		r = __syscall(c->nr, a[0], a[1], a[2], 0, 0, 0);
		if (r != -EFAULT) {
			utest_note("%s into read-only data: expected -EFAULT (%d), got %ld",
				   c->name, -EFAULT, r);
			wrong++;
		}
	}
	check_eq(wrong, 0);
	check_ro_intact();
}

static void waitpid_status_into_rodata_gives_efault(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(7);
	check(pid > 0);
	check_err(waitpid(pid, (int *)ro, 0), EFAULT);
	/* The child was not reaped by the call that failed. */
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 7);
	check_ro_intact();
}

static void *return_arg(void *arg)
{
	return arg;
}

static void thread_join_value_into_rodata_gives_efault(void)
{
	pthread_t t;

	check_eq(pthread_create(&t, NULL, return_arg, NULL), 0);
	check_eq(__syscall(SYS_thread_join, (long)t, (long)ro, 0, 0, 0, 0), -EFAULT);
	check_ro_intact();
}

static void never_runs(void)
{
	for (;;)
		sched_yield();
}

/* thread_create writes the new stack's first back chain. */
static void thread_stack_in_rodata_gives_efault(void)
{
	check_eq(__syscall(SYS_thread_create, (long)never_runs, 0, (long)(ro + sizeof(ro)), 0, 0,
			   0), -EFAULT);
	check_ro_intact();
}

static int port;

static void send_for_a_reply_into_rodata(void)
{
	check_err(port_send(port, "ping", 5, (void *)ro, 64, PORT_WAIT_FOREVER), EFAULT);
}

static void send_and_wait(void)
{
	port_send(port, "ping", 5, NULL, 0, 10000);
}

static void port_calls_writing_rodata_give_efault(void)
{
	static const struct port_msg ro_msg = { .size = 0, .timeout_ms = PORT_WAIT_FOREVER };
	struct port_msg um = { .buf = (void *)ro, .size = 64, .timeout_ms = PORT_WAIT_FOREVER };
	char buf[64];
	long msgid;
	pid_t pid, other;
	int status;

	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	/* Room for the reply in the sender's read-only data: the send is
	 * refused before the message goes, so the owner finds none. */
	pid = utest_spawn(send_for_a_reply_into_rodata);
	check(pid > 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_err(port_receive(port, buf, sizeof(buf), &msgid, NULL, 0), ETIMEDOUT);
	/* A message stored into the receiver's read-only data, then the
	 * receive's own record stored there. */
	pid = utest_spawn(send_and_wait);
	other = utest_spawn(send_and_wait);
	check(pid > 0 && other > 0);
	check(utest_wait_sleeping(pid) && utest_wait_sleeping(other));
	check_eq(__syscall(SYS_port_receive, port, (long)&um, 0, 0, 0, 0), -EFAULT);
	check_eq(__syscall(SYS_port_receive, port, (long)&ro_msg, 0, 0, 0, 0), -EFAULT);
	check_eq(port_destroy(port), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_eq(waitpid(other, &status, 0), other);
	check_ro_intact();
}

static void on_usr1(int sig)
{
	(void)sig;
	_exit(4);
}

/*
 * Makes the stack pointer point into read-only data and sends itself a
 * signal that has a handler: the kernel must fail to store the handler's
 * frame there, and the task dies of SIGSEGV. Exit 3 says the kill did not
 * deliver the signal, 4 that the handler ran.
 */
static void signal_with_stack_in_rodata(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	unsigned long sp = ((unsigned long)ro_stack + sizeof(ro_stack)) & ~15ul;
	long pid = getpid();

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	/* r3 is bound here, after the last call that could change it. */
	register long r3 __asm__("r3") = pid;
	__asm__ __volatile__("mr 1,%0\n\t"
			     "li 0,%1\n\t"
			     "li 4,%2\n\t"
			     "sc\n\t"
			     "li 0,%3\n\t"
			     "li 3,3\n\t"
			     "sc\n\t"
			     "b .\n"
			     :
			     : "r"(sp), "i"(SYS_kill), "i"(SIGUSR1), "i"(SYS_exit), "r"(r3)
			     : "memory");
	__builtin_unreachable();
}

static void signal_frame_on_a_read_only_stack_kills(void)
{
	check_killed(utest_in_child(signal_with_stack_in_rodata), SIGSEGV);
	check_intact(ro_stack, sizeof(ro_stack));
}

/*
 * A buffer whose first bytes lie in a writable segment and the rest in a
 * read-only one right after it: EFAULT, the bytes before the boundary
 * hold what was copied up to it, nothing lands beyond, and the file
 * offset does not move.
 */
static void straddle_into_a_read_only_segment(void)
{
	unsigned char want[16], *rw = vmseg_create(VMSEG_MAX, 0, NULL);
	const unsigned char *rdonly = vmseg_create(PAGE, VMSEG_RDONLY, NULL);
	int fd = open_file();

	check(rw != NULL && rdonly != NULL);
	check(rdonly == rw + VMSEG_MAX);
	check_eq(read(fd, want, sizeof(want)), sizeof(want));
	check_eq(lseek(fd, 0, SEEK_SET), 0);
	/* Doubleword copies (aligned), then byte copies (not). */
	check_err(read(fd, rw + VMSEG_MAX - 8, 16), EFAULT);
	check(memcmp(rw + VMSEG_MAX - 8, want, 8) == 0);
	check_err(read(fd, rw + VMSEG_MAX - 5, 16), EFAULT);
	check(memcmp(rw + VMSEG_MAX - 5, want, 5) == 0);
	check_eq(lseek(fd, 0, SEEK_CUR), 0);
	/* A structure the kernel stores across the same boundary. */
	check_eq(__syscall(SYS_uname, (long)(rw + VMSEG_MAX - 16), 0, 0, 0, 0, 0), -EFAULT);
	check(memcmp(rw + VMSEG_MAX - 16, "vrm", 4) == 0);
	/* All of it read-only. */
	check_err(read(fd, (void *)rdonly, 16), EFAULT);
	for (size_t i = 0; i < 16; i++)
		check_eq(rdonly[i], 0);
	check_eq(vmseg_delete((void *)rdonly), 0);
	check_eq(vmseg_delete(rw), 0);
}

/* The same against the end of a mapping: the next page is in no window. */
static void straddle_into_an_unmapped_page(void)
{
	unsigned char want[16], *rw = vmseg_create(PAGE, 0, NULL);
	int fd = open_file();

	check(rw != NULL);
	check_eq(read(fd, want, sizeof(want)), sizeof(want));
	check_eq(lseek(fd, 0, SEEK_SET), 0);
	check_err(read(fd, rw + PAGE - 8, 16), EFAULT);
	check(memcmp(rw + PAGE - 8, want, 8) == 0);
	check_eq(lseek(fd, 0, SEEK_CUR), 0);
	check_eq(vmseg_delete(rw), 0);
}

/* Lengths far beyond the data with buffers that hold the data: the call
 * copies what there is; a length past the end of task space is EFAULT. */
static void huge_lengths_with_valid_buffers(void)
{
	static struct procentry procs[256];
	static char buf[PAGE];
	struct vminfo vi;
	int fd = open_file();

	check_eq(read(fd, buf, 1ul << 33), 120);
	check_eq(lseek(fd, 0, SEEK_SET), 0);
	check_err(read(fd, buf, SIZE_MAX), EFAULT);
	check_err(read(fd, buf, SIZE_MAX / 2), EFAULT);
	check(getcwd(buf, SIZE_MAX) == buf);
	check(strcmp(buf, "/") == 0);
	check(getprocs(procs, INT_MAX) > 0);
	check_eq(vmgetinfo(&vi, VMINFO, INT_MAX), 0);
	check(vi.numframes > 0);
}

/* Loads from where the task cannot read. Every page a task has mapped is
 * readable by it today, so these are addresses where nothing is mapped. */
static void write_from_unreadable_memory_gives_efault(void)
{
	unsigned char *gone = vmseg_create(PAGE, 0, NULL), *end = vmseg_create(PAGE, 0, NULL);
	static const unsigned long nowhere[] = { 0, 8, 0x3f0000000ul, 0x2f0000000ul };

	check(gone != NULL && end != NULL);
	memset(end, 'x', PAGE);
	check_eq(vmseg_delete(gone), 0);
	for (size_t i = 0; i < UTEST_COUNT(nowhere); i++)
		check_err(write(1, (const void *)nowhere[i], 16), EFAULT);
	check_err(write(1, gone, 16), EFAULT);
	/* The first bytes readable, the rest beyond the segment's end. */
	check_err(write(1, end + PAGE - 8, 16), EFAULT);
	check_err(port_send(0, (const void *)0x3f0000000ul, 16, NULL, 0, 0), EFAULT);
	check_eq(vmseg_delete(end), 0);
}

static const struct utest cases[] = {
	UTEST(read_into_text_gives_efault),
	UTEST(read_into_rodata_gives_efault),
	UTEST(forked_child_cannot_write_the_parents_text),
	UTEST(calls_writing_rodata_give_efault),
	UTEST(waitpid_status_into_rodata_gives_efault),
	UTEST(thread_join_value_into_rodata_gives_efault),
	UTEST(thread_stack_in_rodata_gives_efault),
	UTEST(port_calls_writing_rodata_give_efault),
	UTEST(signal_frame_on_a_read_only_stack_kills),
	UTEST(straddle_into_a_read_only_segment),
	UTEST(straddle_into_an_unmapped_page),
	UTEST(huge_lengths_with_valid_buffers),
	UTEST(write_from_unreadable_memory_gives_efault),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
