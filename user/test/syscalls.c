/* SPDX-License-Identifier: MIT */
/* System call contracts: bad pointers and descriptors, ids, brk, files, clocks
 * and the library's calls over them, VMM segments. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/kcount.h>
#include <sys/port.h>
#include <sys/procinfo.h>
#include <sys/processor.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/vminfo.h>
#include <sys/vmseg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define PAGE 4096ul

/* Pointers no call may accept: NULL, the kernel's linear map, and a user
 * address where nothing is mapped (between the data and the stack). */
static const unsigned long bad_pointers[] = { 0, 0xc000000000000000ul, 0x3f0000000ul };

/* Placeholders in the table below, replaced when the call is made. */
enum { BAD = 1000001, FILE_FD, DIR_FD, PORT, PATH, SCRATCH };

static const struct bad_call {
	const char *name;
	long nr;
	long args[3];
	bool null_ok;		/* NULL means "none" here: only the others are bad */
} bad_calls[] = {
	{ "read", SYS_read, { FILE_FD, BAD, 16 }, false },
	{ "write", SYS_write, { 1, BAD, 16 }, false },
	{ "open", SYS_open, { BAD, O_RDONLY, 0 }, false },
	{ "stat path", SYS_stat, { BAD, SCRATCH, 0 }, false },
	{ "stat buf", SYS_stat, { PATH, BAD, 0 }, false },
	{ "fstat", SYS_fstat, { FILE_FD, BAD, 0 }, false },
	{ "readdir", SYS_readdir, { DIR_FD, BAD, 0 }, false },
	{ "chdir", SYS_chdir, { BAD, 0, 0 }, false },
	{ "getcwd", SYS_getcwd, { BAD, 256, 0 }, false },
	{ "sigaction act", SYS_sigaction, { SIGUSR1, BAD, 0 }, true },
	{ "sigaction old", SYS_sigaction, { SIGUSR1, 0, BAD }, true },
	{ "sigprocmask set", SYS_sigprocmask, { SIG_BLOCK, BAD, 0 }, true },
	{ "sigprocmask old", SYS_sigprocmask, { SIG_BLOCK, 0, BAD }, true },
	{ "sigsuspend", SYS_sigsuspend, { BAD, 0, 0 }, false },
	{ "nanosleep", SYS_nanosleep, { BAD, 0, 0 }, false },
	{ "clock_gettime", SYS_clock_gettime, { CLOCK_MONOTONIC, BAD, 0 }, false },
	{ "uname", SYS_uname, { BAD, 0, 0 }, false },
	{ "getprocs", SYS_getprocs, { BAD, 4, 0 }, false },
	{ "klog_read", SYS_klog_read, { BAD, 64, 0 }, false },
	{ "vmgetinfo", SYS_vmgetinfo, { BAD, VMINFO, sizeof(struct vminfo) }, false },
	{ "vmseg_create vmid", SYS_vmseg_create, { 1 << 20, 0, BAD }, true },
	{ "port_send", SYS_port_send, { PORT, BAD, 0 }, false },
	{ "port_receive", SYS_port_receive, { PORT, BAD, 0 }, false },
	{ "kcount", SYS_kcount, { BAD, sizeof(struct kcount), 0 }, false },
	{ "port_reply", SYS_port_reply, { 1, BAD, 16 }, false },
};

static long arg_value(long a, unsigned long bad, int file_fd, int dir_fd, int port)
{
	static char scratch[4096];

	switch (a) {
	case BAD: return (long)bad;
	case FILE_FD: return file_fd;
	case DIR_FD: return dir_fd;
	case PORT: return port;
	case PATH: return (long)"/etc/motd";
	case SCRATCH: return (long)scratch;
	}
	return a;
}

static void bad_pointers_give_efault(void)
{
	int file_fd = open("/etc/motd", O_RDONLY), dir_fd = open("/", O_RDONLY | O_DIRECTORY);
	int port = port_create(0);

	check(file_fd >= 0 && dir_fd >= 0 && port >= 0);
	for (size_t i = 0; i < UTEST_COUNT(bad_calls); i++)
		for (size_t j = 0; j < UTEST_COUNT(bad_pointers); j++) {
			const struct bad_call *c = &bad_calls[i];
			long a[3], r;

			if (bad_pointers[j] == 0 && c->null_ok)
				continue;
			for (int k = 0; k < 3; k++)
				a[k] = arg_value(c->args[k], bad_pointers[j], file_fd, dir_fd, port);
			r = __syscall(c->nr, a[0], a[1], a[2], 0, 0, 0);
			if (r != -EFAULT)
				check_fail("%s with pointer %#lx: expected -EFAULT (%d), got %ld",
					   c->name, bad_pointers[j], -EFAULT, r);
		}
	port_destroy(port);
}

static void waitpid_with_bad_status_pointer(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(0);
	check(pid > 0);
	check_err(waitpid(pid, (int *)0xc000000000000000ul, 0), EFAULT);
	check_err(waitpid(pid, (int *)0x3f0000000ul, 0), EFAULT);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
}

/* /bin/kill without arguments exits with 2: an exec that wrongly worked
 * shows as that status instead of 0. */
static void exec_bad_pointers(void)
{
	char *bad_elem[] = { "/bin/kill", (char *)0xc000000000000000ul, NULL };
	char *args[] = { "/bin/kill", NULL };

	for (size_t j = 0; j < UTEST_COUNT(bad_pointers); j++) {
		char *p = (char *)bad_pointers[j];

		check_err(execve(p, args, environ), EFAULT);
		if (p)
			check_err(execve("/bin/kill", (char **)p, environ), EFAULT);
	}
	check_err(execve("/bin/kill", bad_elem, environ), EFAULT);
}

static void execve_with_bad_pointers_gives_efault(void)
{
	check_exited(utest_in_child(exec_bad_pointers), 0);
}

static void bad_descriptors_give_ebadf(void)
{
	char buf[8];
	struct stat st;
	struct dirent de;
	int fd = open("/etc/motd", O_RDONLY);

	check(fd >= 0);
	check_err(read(-1, buf, sizeof(buf)), EBADF);
	check_err(read(999, buf, sizeof(buf)), EBADF);
	check_err(write(99, "x", 1), EBADF);
	check_err(write(fd, "x", 1), EBADF);
	check_err(close(99), EBADF);
	check_err(lseek(99, 0, SEEK_SET), EBADF);
	check_err(fstat(99, &st), EBADF);
	check_err(fdreaddir(99, &de), EBADF);
	check_err(dup2(99, 5), EBADF);
	check_err(dup2(1, -1), EBADF);
	check_eq(close(fd), 0);
	check_err(read(fd, buf, sizeof(buf)), EBADF);
	check_err(close(fd), EBADF);
}

static void unknown_syscalls_give_enosys(void)
{
	check_eq(__syscall(NR_SYSCALLS, 0, 0, 0, 0, 0, 0), -ENOSYS);
	check_eq(__syscall(9999, 0, 0, 0, 0, 0, 0), -ENOSYS);
	check_eq(__syscall(-1, 0, 0, 0, 0, 0, 0), -ENOSYS);
	check_eq(__syscall(0, 0, 0, 0, 0, 0, 0), -ENOSYS);
}

static pid_t parent_pid;

static void child_sees_its_parent(void)
{
	check(getpid() != parent_pid);
	check_eq(getppid(), parent_pid);
}

static void getpid_and_getppid(void)
{
	parent_pid = getpid();
	check(parent_pid > 1);
	check_eq(getpid(), parent_pid);
	check(getppid() >= 1);
	check_exited(utest_in_child(child_sees_its_parent), 0);
}

/* Root takes uid 100; then only its own uid is allowed. */
static void drop_root(void)
{
	check_eq(setuid(100), 0);
	check_eq(getuid(), 100);
	check_eq(geteuid(), 100);
	check_err(setuid(200), EPERM);
	check_err(setuid(0), EPERM);
	check_eq(setuid(100), 0);
}

static void setuid_semantics(void)
{
	if (getuid() != 0)
		utest_skip("needs to start as root");
	check_eq(geteuid(), 0);
	check_exited(utest_in_child(drop_root), 0);
	check_eq(getuid(), 0);
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static unsigned char *shrunk_break;

static void touch_past_the_break(void)
{
	*(volatile unsigned char *)shrunk_break = 1;
}

static void brk_grows_and_shrinks(void)
{
	const size_t grow = 64 * 1024;
	unsigned char *start = sbrk(0), *p;

	check(start != (void *)-1);
	check((uintptr_t)start >= 0x20000000 && (uintptr_t)start < 0x30000000);
	p = sbrk(grow);
	check_eq(p, start);
	check_eq(sbrk(0), start + grow);
	check(all_zero(p, grow));
	memset(p, 0xa5, grow);
	check_eq(sbrk(-(intptr_t)grow), start + grow);
	check_eq(sbrk(0), start);
	/* The page after the one holding the break is gone. */
	shrunk_break = (unsigned char *)(((uintptr_t)start + 2 * PAGE - 1) & ~(PAGE - 1));
	check_killed(utest_in_child(touch_past_the_break), SIGSEGV);
	p = sbrk(grow);
	check_eq(p, start);
	check(all_zero(shrunk_break, start + grow - shrunk_break));
	check_eq(sbrk(-(intptr_t)grow), start + grow);
	/* The heap stays in its own 256 MB segment. */
	check_err(brk((void *)0x30000000), ENOMEM);
	check_eq(sbrk(0), start);
}

static void files_read_seek_stat(void)
{
	char all[512], part[4];
	struct stat st, st2;
	ssize_t n, total = 0;
	int fd = open("/etc/motd", O_RDONLY);

	check(fd >= 3);
	check_eq(fstat(fd, &st), 0);
	check(S_ISREG(st.st_mode));
	check(st.st_size > 10 && st.st_size < (off_t)sizeof(all));
	while ((n = read(fd, all + total, 7)) > 0)
		total += n;
	check_eq(n, 0);
	check_eq(total, st.st_size);
	check(memcmp(all, "Welcome to vrm", 14) == 0);
	check_eq(read(fd, part, 1), 0);
	check_eq(lseek(fd, 5, SEEK_SET), 5);
	check_eq(read(fd, part, 3), 3);
	check(memcmp(part, all + 5, 3) == 0);
	check_eq(lseek(fd, -2, SEEK_CUR), 6);
	check_eq(lseek(fd, 0, SEEK_END), st.st_size);
	check_err(lseek(fd, -1, SEEK_SET), EINVAL);
	check_err(lseek(fd, 0, 99), EINVAL);
	check_eq(stat("/etc/motd", &st2), 0);
	check_eq(st2.st_size, st.st_size);
	check_eq(st2.st_ino, st.st_ino);
	check_eq(close(fd), 0);

	check_err(stat("/nonexistent", &st), ENOENT);
	check_err(open("/nonexistent", O_RDONLY), ENOENT);
	check_err(open("/etc/motd/x", O_RDONLY), ENOTDIR);
	check_err(open("/etc/motd", O_WRONLY), EROFS);
	check_err(open("/etc/new", O_WRONLY | O_CREAT, 0644), EROFS);
}

static void readdir_lists_the_root(void)
{
	static const char *const want[] = { "bin", "etc", "sbin", "test" };
	bool seen[UTEST_COUNT(want)] = { false };
	struct dirent de;
	struct stat st;
	int fd = open("/", O_RDONLY | O_DIRECTORY), r, file;
	DIR *d;

	check(fd >= 0);
	check_eq(fstat(fd, &st), 0);
	check(S_ISDIR(st.st_mode));
	while ((r = fdreaddir(fd, &de)) == 1)
		for (size_t i = 0; i < UTEST_COUNT(want); i++)
			seen[i] |= strcmp(de.d_name, want[i]) == 0;
	check_eq(r, 0);
	check_eq(fdreaddir(fd, &de), 0);
	for (size_t i = 0; i < UTEST_COUNT(want); i++)
		if (!seen[i])
			check_fail("readdir of / did not return \"%s\"", want[i]);
	check_eq(close(fd), 0);

	d = opendir("/bin");
	check(d != NULL);
	r = 0;
	for (struct dirent *e; (e = readdir(d));)
		r += strcmp(e->d_name, "sh") == 0;
	check_eq(r, 1);
	check_eq(closedir(d), 0);

	file = open("/etc/motd", O_RDONLY);
	check_err(fdreaddir(file, &de), ENOTDIR);
	close(file);
	check_err(open("/etc/motd", O_RDONLY | O_DIRECTORY), ENOTDIR);
}

static void chdir_and_getcwd(void)
{
	char cwd[PATH_MAX];
	int fd;

	check_eq(chdir("/etc"), 0);
	check(getcwd(cwd, sizeof(cwd)) == cwd);
	check(strcmp(cwd, "/etc") == 0);
	fd = open("motd", O_RDONLY);
	check(fd >= 0);
	close(fd);
	check_eq(chdir(".."), 0);
	check(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0);
	check_eq(chdir("bin"), 0);
	check(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/bin") == 0);
	check_err(chdir("/etc/motd"), ENOTDIR);
	check_err(chdir("/nonexistent"), ENOENT);
	check(getcwd(cwd, 2) == NULL && errno == ERANGE);
}

static void clocks(void)
{
	struct timespec prev, now;

	check_eq(clock_gettime(CLOCK_MONOTONIC, &prev), 0);
	for (int i = 0; i < 10000; i++) {
		check_eq(clock_gettime(CLOCK_MONOTONIC, &now), 0);
		check(now.tv_nsec >= 0 && now.tv_nsec < 1000000000);
		if (now.tv_sec < prev.tv_sec ||
		    (now.tv_sec == prev.tv_sec && now.tv_nsec < prev.tv_nsec))
			check_fail("monotonic clock went back: %ld.%09ld then %ld.%09ld",
				   (long)prev.tv_sec, prev.tv_nsec, (long)now.tv_sec,
				   now.tv_nsec);
		prev = now;
	}
	check_eq(clock_gettime(CLOCK_REALTIME, &now), 0);
	check(now.tv_sec > 1000000000);
	check(time(NULL) >= now.tv_sec);
	check_err(clock_gettime(12345, &now), EINVAL);
}

/* gettimeofday and localtime read CLOCK_REALTIME; clock_getres is a
 * timebase tick. No timing threshold beyond a generous minute. */
static void time_of_day_and_calendar(void)
{
	struct timespec before, res;
	struct timeval tv, later, sum, diff;
	struct tm tm, *shared;
	time_t now;

	check_eq(clock_gettime(CLOCK_REALTIME, &before), 0);
	check_eq(gettimeofday(&tv, NULL), 0);
	check(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	check(tv.tv_sec >= before.tv_sec && tv.tv_sec < before.tv_sec + 60);
	check_eq(gettimeofday(&later, NULL), 0);
	check(timercmp(&later, &tv, >=));
	timersub(&later, &tv, &diff);
	timeradd(&tv, &diff, &sum);
	check(timercmp(&sum, &later, ==));
	check(!timercmp(&sum, &later, !=));
	timerclear(&diff);
	check(!timerisset(&diff));

	for (clockid_t c = CLOCK_REALTIME; c <= CLOCK_MONOTONIC; c++) {
		check_eq(clock_getres(c, &res), 0);
		check(res.tv_sec == 0 && res.tv_nsec >= 1 && res.tv_nsec <= 1000);
		check_eq(res.tv_nsec, (1000000000 + sysconf(_SC_VRM_TIMEBASE_FREQ) - 1) /
					      sysconf(_SC_VRM_TIMEBASE_FREQ));
	}
	check_err(clock_getres(12345, &res), EINVAL);

	now = time(NULL);
	check(localtime_r(&now, &tm) == &tm);
	check(tm.tm_year > 100 && tm.tm_isdst == 0);
	check_eq(mktime(&tm), now);
	shared = gmtime(&now);
	check(shared && shared->tm_sec == tm.tm_sec && shared->tm_yday == tm.tm_yday);
}

/* No timing threshold: the host may stall the guest at any moment. */
static void nanosleep_sleeps(void)
{
	struct timespec t0, t1, req = { 0, 10 * 1000 * 1000 };

	check_eq(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
	check_eq(nanosleep(&req, NULL), 0);
	check_eq(clock_gettime(CLOCK_MONOTONIC, &t1), 0);
	check(t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec));
	req.tv_nsec = 1000000000;
	check_err(nanosleep(&req, NULL), EINVAL);
	req = (struct timespec){ -1, 0 };
	check_err(nanosleep(&req, NULL), EINVAL);
}

static void sysconf_values(void)
{
	long page = sysconf(_SC_PAGESIZE), onln = sysconf(_SC_NPROCESSORS_ONLN);

	check(page > 0 && (page & (page - 1)) == 0);
	check(onln >= 1);
	check(sysconf(_SC_NPROCESSORS_CONF) >= onln);
	check(sysconf(_SC_CLK_TCK) > 0);
	check(sysconf(_SC_OPEN_MAX) > 2);
	check(sysconf(_SC_VRM_TIMEBASE_FREQ) > 0);
	check_err(sysconf(12345), EINVAL);
	/* The library's answers: options as <unistd.h> says, errno untouched
	 * for one that is not supported. */
	check_eq(sysconf(_SC_THREADS), _POSIX_THREADS);
	check(_POSIX_MONOTONIC_CLOCK > 0 && sysconf(_SC_MONOTONIC_CLOCK) > 0);
	errno = 0;
	check_eq(sysconf(_SC_REALTIME_SIGNALS), -1);
	check_eq(errno, 0);
	check_eq(sysconf(_SC_THREAD_KEYS_MAX), PTHREAD_KEYS_MAX);
}

/* This task's entry from getprocs. */
static struct procentry self_entry(void)
{
	static struct procentry p[256];
	int n = getprocs(p, 256);

	for (int i = 0; i < n; i++)
		if (p[i].pi_pid == getpid())
			return p[i];
	check_fail("getprocs has no entry for pid %d", getpid());
}

static void bindprocessor_each_cpu(void)
{
	long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

	for (long cpu = 0; cpu < ncpus; cpu++) {
		struct procentry e;

		check_eq(bindprocessor(BINDPROCESS, getpid(), (cpu_t)cpu), 0);
		sched_yield();
		e = self_entry();
		check_eq(e.pi_bound, cpu);
		check_eq(e.pi_cpu, cpu);
	}
	check_eq(bindprocessor(BINDPROCESS, getpid(), PROCESSOR_CLASS_ANY), 0);
	check_eq(self_entry().pi_bound, -1);
	check_err(bindprocessor(BINDPROCESS, getpid(), (cpu_t)ncpus), EINVAL);
}

static void vmseg_create_use_delete(void)
{
	const size_t size = 1 << 20;
	vmid_t vmid = -1;
	unsigned char *p = vmseg_create(size, 0, &vmid);

	check(p != NULL);
	check(((uintptr_t)p & (VMSEG_MAX - 1)) == 0);
	check(vmid >= 0);
	for (size_t off = 0; off < size; off += PAGE) {
		if (p[off] || p[off + PAGE - 1])
			check_fail("a new segment's page at +%#zx is not zero", off);
		p[off] = (unsigned char)(off / PAGE);
		p[off + PAGE - 1] = (unsigned char)~(off / PAGE);
	}
	for (size_t off = 0; off < size; off += PAGE)
		if (p[off] != (unsigned char)(off / PAGE) ||
		    p[off + PAGE - 1] != (unsigned char)~(off / PAGE))
			check_fail("the page at +%#zx lost what was written", off);
	check_eq(vmseg_delete(p), 0);
	check_err(vmseg_delete(p), EINVAL);
}

static void use_delete_touch(void)
{
	volatile unsigned char *p = vmseg_create(1 << 20, 0, NULL);

	check(p != NULL);
	p[0] = 1;
	check_eq(vmseg_delete((void *)p), 0);
	utest_expect_fault((void *)p);
	p[0] = 2;
}

static void vmseg_gone_after_delete(void)
{
	check_exited(utest_in_child(use_delete_touch), UTEST_FAULT_AT);
}

static void touch_past_the_end(void)
{
	volatile unsigned char *p = vmseg_create(1 << 20, 0, NULL);

	check(p != NULL);
	p[(1 << 20) - 1] = 1;
	utest_expect_fault((void *)(p + (1 << 20)));
	p[1 << 20] = 1;
}

static void vmseg_ends_at_its_size(void)
{
	check_exited(utest_in_child(touch_past_the_end), UTEST_FAULT_AT);
}

static volatile unsigned char *parent_segment;

static void touch_parent_segment(void)
{
	utest_expect_fault((void *)parent_segment);
	parent_segment[0] = 1;
}

static void vmseg_not_inherited_by_fork(void)
{
	parent_segment = vmseg_create(1 << 20, 0, NULL);
	check(parent_segment != NULL);
	parent_segment[0] = 1;
	check_exited(utest_in_child(touch_parent_segment), UTEST_FAULT_AT);
	check_eq(parent_segment[0], 1);
	check_eq(vmseg_delete((void *)parent_segment), 0);
}

static void write_read_only(void)
{
	volatile unsigned char *p = vmseg_create(PAGE, VMSEG_RDONLY, NULL);

	check(p != NULL);
	check_eq(p[0], 0);
	utest_expect_fault((void *)p);
	p[0] = 1;
}

static void vmseg_limits(void)
{
	check(vmseg_create(0, 0, NULL) == NULL && errno == EINVAL);
	check(vmseg_create(VMSEG_MAX + 1, 0, NULL) == NULL && errno == EINVAL);
	check_err(vmseg_delete((void *)0x10000000), EINVAL);
	check_exited(utest_in_child(write_read_only), UTEST_FAULT_AT);
}

/* Counts again until tasks, ports and segments are back where they were: a
 * killed child's last steps end after its parent's waitpid returns. */
static bool counts_return(const struct kcount *want)
{
	struct kcount now;

	for (int i = 0; i < 100; i++) {
		if (kcount(&now, sizeof(now)) == 0 && now.tasks == want->tasks &&
		    now.ports == want->ports && now.segments == want->segments)
			return true;
		usleep(10000);
	}
	return false;
}

/* The leak check after every test program stands on these counts. */
static void kcount_follows_objects(void)
{
	struct kcount before, during;
	void *seg;
	int port;
	pid_t pid;

	check_eq(kcount(&before, sizeof(before)), 0);
	port = port_create(0);
	seg = vmseg_create(1 << 20, 0, NULL);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	check(port > 0 && seg != NULL && pid > 0);
	check_eq(kcount(&during, sizeof(during)), 0);
	check_eq(during.ports, before.ports + 1);
	check_eq(during.tasks, before.tasks + 1);
	check(during.segments > before.segments);
	check(during.heap_bytes > before.heap_bytes);
	check(during.free_frames < before.free_frames);
	kill(pid, SIGKILL);
	check_eq(waitpid(pid, NULL, 0), pid);
	check_eq(port_destroy(port), 0);
	check_eq(vmseg_delete(seg), 0);
	check(counts_return(&before));
	/* A short buffer gets the first fields only; an empty one is an error. */
	memset(&during, 0xff, sizeof(during));
	check_eq(kcount(&during, sizeof(during.tasks)), 0);
	check(during.tasks < 1000 && during.ports == ~0ul);
	check_err(kcount(&during, 0), EINVAL);
}

static const struct utest cases[] = {
	UTEST(bad_pointers_give_efault),
	UTEST(waitpid_with_bad_status_pointer),
	UTEST(execve_with_bad_pointers_gives_efault),
	UTEST(bad_descriptors_give_ebadf),
	UTEST(unknown_syscalls_give_enosys),
	UTEST(getpid_and_getppid),
	UTEST(setuid_semantics),
	UTEST(brk_grows_and_shrinks),
	UTEST(files_read_seek_stat),
	UTEST(readdir_lists_the_root),
	UTEST(chdir_and_getcwd),
	UTEST(clocks),
	UTEST(time_of_day_and_calendar),
	UTEST(nanosleep_sleeps),
	UTEST(sysconf_values),
	UTEST(bindprocessor_each_cpu),
	UTEST(vmseg_create_use_delete),
	UTEST(vmseg_gone_after_delete),
	UTEST(vmseg_ends_at_its_size),
	UTEST(vmseg_not_inherited_by_fork),
	UTEST(vmseg_limits),
	UTEST(kcount_follows_objects),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
