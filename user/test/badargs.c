/* SPDX-License-Identifier: MIT */
/* Every system call refused for a bad argument: its errno, and nothing allocated or changed on the way. */

/*
 * A call refused for its arguments fails in its decode step, before it
 * allocates or acts (docs/tasks.md, "System calls"). So besides the
 * documented errno, each refusal here must leave kcount() as it found it:
 * no task, port or segment, no frame the kernel holds, no heap byte and
 * not even one heap allocation given back at once (heap_allocs only
 * grows). Where a call acts before it stores a result, a result pointer
 * it cannot store through must also leave the action undone.
 *
 * Everything a call reads is touched before the counts are taken: a
 * first touch of a task page can allocate the page's table in the kernel.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/kcount.h>
#include <sys/mman.h>
#include <sys/port.h>
#include <sys/processor.h>
#include <sys/procinfo.h>
#include <sys/reboot.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/thread.h>
#include <sys/vminfo.h>
#include <sys/vmseg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define KERNEL		0xc000000000400000l	/* where the kernel runs */
#define UNMAPPED	0x0000000230000000l	/* a task region nothing maps */
#define NO_TASK		123456			/* no pid, thread or group has it */
#define NO_PORT		999999
#define NO_FD		20			/* a descriptor never opened */
#define TASK_THREADS	64			/* threads of one task (docs/tasks.md) */
#define ARG_MAX		(64 * 1024)		/* execve's strings and vectors */
#define ARGS_MAX	1024			/* execve's strings of one vector, NULL included */
#define PROGRAM		"/bin/kill"		/* exits 2 without arguments */

/* What a refused call must leave as it found it. */
static const struct {
	const char *name;
	size_t offset;
} counts[] = {
	{ "tasks", offsetof(struct kcount, tasks) },
	{ "ports", offsetof(struct kcount, ports) },
	{ "segments", offsetof(struct kcount, segments) },
	{ "kernel_frames", offsetof(struct kcount, kernel_frames) },
	{ "heap_bytes", offsetof(struct kcount, heap_bytes) },
	{ "heap_allocs", offsetof(struct kcount, heap_allocs) },
};

static int wrong;	/* refusals of the current case that went wrong */

static unsigned long count_of(const struct kcount *k, size_t i)
{
	return *(const unsigned long *)((const char *)k + counts[i].offset);
}

/* Makes call nr with six arguments, which must fail with err and change
 * no count. */
static void refuse6(const char *what, int err, long nr, const long a[6])
{
	struct kcount before, after;
	long r;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	kcount(&before, sizeof(before));
	r = __syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	kcount(&after, sizeof(after));
	if (r != -err) {
		utest_note("%s: expected -%s (%d), got %ld", what, strerror(err), -err, r);
		wrong++;
	}
	for (size_t i = 0; i < UTEST_COUNT(counts); i++)
		if (count_of(&before, i) != count_of(&after, i)) {
			utest_note("%s: %s went from %lu to %lu", what, counts[i].name,
				   count_of(&before, i), count_of(&after, i));
			wrong++;
		}
}

/* The same with three arguments, the others 0. */
static void refuse(const char *what, int err, long nr, long a0, long a1, long a2)
{
	const long a[6] = { a0, a1, a2 };

	refuse6(what, err, nr, a);
}

/* What the table's placeholders stand for, filled by setup(). */
static char long_path[400], long_arg[70000], near_limit_arg[ARG_MAX - 16];
static char buf[4096];

/* Read-only data the calls are given as a place for their results. */
static const unsigned char ro[4096] __attribute__((aligned(4096))) = { [0 ... 4095] = 0xa5 };
static const struct port_msg ro_msg = { .buf = buf, .size = 16, .timeout_ms = 0 };
static char *argv_ok[] = { PROGRAM, NULL };
static char *argv_bad_arg[] = { PROGRAM, (char *)KERNEL, NULL };
static char *argv_many[ARGS_MAX + 1];
static char *argv_long[] = { PROGRAM, long_arg, NULL };
static char *argv_near_limit[] = { near_limit_arg, NULL };
static struct sigaction action;
static stack_t ss_bad_flags = { .ss_flags = SS_ONSTACK }, ss_small = { .ss_size = MINSIGSTKSZ - 1 };
static sigset_t set;
static struct timespec ts, ts_one_ns = { 0, 1 }, ts_bad_nsec = { 0, 1000000000 },
		       ts_neg_sec = { -1, 0 };
static struct timeval tv_bad_usec = { 0, 1000000 }, tv_neg_sec = { -1, 0 };
static fd_set fds_no_fd = { { 1ul << NO_FD } }, fds_none;
static struct port_msg msg_ok, msg_long, msg_big_room, msg_buf_kernel, msg_buf_ro,
		       msg_data_kernel, rmsg_ok, rmsg_buf_kernel;
static struct stat st;
static struct dirent de;
static struct procentry procs[4];
static struct vminfo vi;
static struct kcount kc;
static int an_int, zero_int;
static char stack[8192] __attribute__((aligned(16)));

static void idle(void)
{
	for (;;)
		pause();
}

static void *idle_thread(void *arg)
{
	(void)arg;
	idle();
	return NULL;
}

/* Placeholders, each replaced by what it names when the call is made. */
enum {
	FILE_FD = 0x7e570001, DIR_FD, MY_PORT, SELF, SELF_TID, RO, BUF, LONG_PATH, MISSING,
	MOTD, ROOT, NOT_A_DIR, PROG, ARGV, ARGV_BAD_ARG, ARGV_MANY, ARGV_LONG, ARGV_NEAR_LIMIT,
	ACTION, SET, TS, TS_ONE_NS, TS_BAD_NSEC, TS_NEG_SEC, MSG_OK, MSG_LONG, MSG_BIG_ROOM,
	MSG_BUF_KERNEL, MSG_BUF_RO, MSG_DATA_KERNEL, RMSG_OK, RMSG_BUF_KERNEL, RO_MSG, ST, DE,
	PROCS, VI, KC, INT, ZERO_INT, ENTRY, STACK_TOP, RO_STACK_TOP, SS_BAD_FLAGS, SS_SMALL,
	TV_BAD_USEC, TV_NEG_SEC, FDS_NO_FD, FDS_NONE,
};

static int file_fd, dir_fd, my_port;

static long value(long a)
{
	switch (a) {
	case FILE_FD: return file_fd;
	case DIR_FD: return dir_fd;
	case MY_PORT: return my_port;
	case SELF: return getpid();
	case SELF_TID: return thread_self();
	case RO: return (long)ro;
	case BUF: return (long)buf;
	case LONG_PATH: return (long)long_path;
	case MISSING: return (long)"/no/such/file";
	case MOTD: return (long)"/etc/motd";
	case ROOT: return (long)"/";
	case NOT_A_DIR: return (long)"/etc/motd/x";
	case PROG: return (long)PROGRAM;
	case ARGV: return (long)argv_ok;
	case ARGV_BAD_ARG: return (long)argv_bad_arg;
	case ARGV_MANY: return (long)argv_many;
	case ARGV_LONG: return (long)argv_long;
	case ARGV_NEAR_LIMIT: return (long)argv_near_limit;
	case ACTION: return (long)&action;
	case SET: return (long)&set;
	case TS: return (long)&ts;
	case TS_ONE_NS: return (long)&ts_one_ns;
	case TS_BAD_NSEC: return (long)&ts_bad_nsec;
	case TS_NEG_SEC: return (long)&ts_neg_sec;
	case MSG_OK: return (long)&msg_ok;
	case MSG_LONG: return (long)&msg_long;
	case MSG_BIG_ROOM: return (long)&msg_big_room;
	case MSG_BUF_KERNEL: return (long)&msg_buf_kernel;
	case MSG_BUF_RO: return (long)&msg_buf_ro;
	case MSG_DATA_KERNEL: return (long)&msg_data_kernel;
	case RMSG_OK: return (long)&rmsg_ok;
	case RMSG_BUF_KERNEL: return (long)&rmsg_buf_kernel;
	case RO_MSG: return (long)&ro_msg;
	case ST: return (long)&st;
	case DE: return (long)&de;
	case PROCS: return (long)procs;
	case VI: return (long)&vi;
	case KC: return (long)&kc;
	case INT: return (long)&an_int;
	case ZERO_INT: return (long)&zero_int;
	case ENTRY: return (long)idle;
	case STACK_TOP: return (long)(stack + sizeof(stack));
	case RO_STACK_TOP: return (long)(ro + sizeof(ro));
	case SS_BAD_FLAGS: return (long)&ss_bad_flags;
	case SS_SMALL: return (long)&ss_small;
	case TV_BAD_USEC: return (long)&tv_bad_usec;
	case TV_NEG_SEC: return (long)&tv_neg_sec;
	case FDS_NO_FD: return (long)&fds_no_fd;
	case FDS_NONE: return (long)&fds_none;
	}
	return a;
}

/*
 * The refusals that need nothing but the placeholders. Those marked
 * "allocated first" allocated (and gave back) before they failed until
 * the calls were split into decode and invoke.
 */
static const struct refusal {
	const char *what;
	long nr;
	long a[6];
	int err;
} refusals[] = {
	{ "execve: path NULL", SYS_execve, { 0, ARGV, 0 }, EFAULT },
	{ "execve: path in the kernel", SYS_execve, { KERNEL, ARGV, 0 }, EFAULT },
	{ "execve: path too long", SYS_execve, { LONG_PATH, ARGV, 0 }, ENAMETOOLONG },
	{ "execve: no such program (allocated first)", SYS_execve, { MISSING, ARGV, 0 }, ENOENT },
	{ "execve: not executable (allocated first)", SYS_execve, { MOTD, ARGV, 0 }, EACCES },
	{ "execve: a directory (allocated first)", SYS_execve, { ROOT, ARGV, 0 }, EACCES },
	{ "execve: argv in the kernel (allocated first)", SYS_execve, { PROG, KERNEL, 0 }, EFAULT },
	{ "execve: argv unmapped (allocated first)", SYS_execve, { PROG, UNMAPPED, 0 }, EFAULT },
	{ "execve: an argument in the kernel (allocated first)", SYS_execve,
	  { PROG, ARGV_BAD_ARG, 0 }, EFAULT },
	{ "execve: envp in the kernel (allocated first)", SYS_execve, { PROG, ARGV, KERNEL },
	  EFAULT },
	{ "execve: too many arguments (allocated first)", SYS_execve, { PROG, ARGV_MANY, 0 },
	  E2BIG },
	{ "execve: an argument too long (allocated first)", SYS_execve, { PROG, ARGV_LONG, 0 },
	  E2BIG },
	{ "execve: strings and vectors overflow the new stack (built it first)", SYS_execve,
	  { PROG, ARGV_NEAR_LIMIT, 0 }, E2BIG },
	{ "waitpid: unknown options", SYS_waitpid, { -1, 0, 0x40000 }, EINVAL },
	{ "waitpid: no such child", SYS_waitpid, { NO_TASK, 0, 0 }, ECHILD },
	{ "waitpid: no children", SYS_waitpid, { -1, 0, WNOHANG }, ECHILD },
	{ "kill: signal NSIG", SYS_kill, { 0, NSIG, 0 }, EINVAL },
	{ "kill: signal -1", SYS_kill, { 0, -1, 0 }, EINVAL },
	{ "kill: no such task", SYS_kill, { NO_TASK, 0, 0 }, ESRCH },
	{ "kill: no such group", SYS_kill, { -NO_TASK, SIGUSR1, 0 }, ESRCH },
	{ "sigaction: signal 0", SYS_sigaction, { 0, 0, 0 }, EINVAL },
	{ "sigaction: signal NSIG", SYS_sigaction, { NSIG, 0, 0 }, EINVAL },
	{ "sigaction: SIGKILL", SYS_sigaction, { SIGKILL, ACTION, 0 }, EINVAL },
	{ "sigaction: SIGSTOP", SYS_sigaction, { SIGSTOP, ACTION, 0 }, EINVAL },
	{ "sigaction: action in the kernel", SYS_sigaction, { SIGUSR1, KERNEL, 0 }, EFAULT },
	{ "sigaction: old action in the kernel", SYS_sigaction, { SIGUSR1, ACTION, KERNEL },
	  EFAULT },
	{ "sigaction: old action read-only", SYS_sigaction, { SIGUSR1, ACTION, RO }, EFAULT },
	{ "sigprocmask: unknown how", SYS_sigprocmask, { 7, SET, 0 }, EINVAL },
	{ "sigprocmask: set in the kernel", SYS_sigprocmask, { SIG_BLOCK, KERNEL, 0 }, EFAULT },
	{ "sigprocmask: old set in the kernel", SYS_sigprocmask, { SIG_BLOCK, SET, KERNEL },
	  EFAULT },
	{ "sigprocmask: old set read-only", SYS_sigprocmask, { SIG_BLOCK, SET, RO }, EFAULT },
	{ "sigsuspend: set NULL", SYS_sigsuspend, { 0, 0, 0 }, EFAULT },
	{ "sigsuspend: set in the kernel", SYS_sigsuspend, { KERNEL, 0, 0 }, EFAULT },
	{ "read: descriptor -1", SYS_read, { -1, BUF, 16 }, EBADF },
	{ "read: descriptor never opened", SYS_read, { NO_FD, BUF, 16 }, EBADF },
	{ "read: descriptor 32", SYS_read, { 32, BUF, 16 }, EBADF },
	{ "read: buffer in the kernel", SYS_read, { FILE_FD, KERNEL, 16 }, EFAULT },
	{ "read: length past task space", SYS_read, { FILE_FD, BUF, 1l << 40 }, EFAULT },
	{ "write: descriptor never opened", SYS_write, { NO_FD, BUF, 1 }, EBADF },
	{ "write: descriptor open for reading", SYS_write, { FILE_FD, BUF, 1 }, EBADF },
	{ "write: buffer in the kernel", SYS_write, { 1, KERNEL, 16 }, EFAULT },
	{ "open: path NULL", SYS_open, { 0, O_RDONLY, 0 }, EFAULT },
	{ "open: path in the kernel", SYS_open, { KERNEL, O_RDONLY, 0 }, EFAULT },
	{ "open: path too long", SYS_open, { LONG_PATH, O_RDONLY, 0 }, ENAMETOOLONG },
	{ "open: no such file", SYS_open, { MISSING, O_RDONLY, 0 }, ENOENT },
	{ "open: a file on the way", SYS_open, { NOT_A_DIR, O_RDONLY, 0 }, ENOTDIR },
	{ "open: for writing", SYS_open, { MOTD, O_WRONLY, 0 }, EROFS },
	{ "open: truncating", SYS_open, { MOTD, O_RDONLY | O_TRUNC, 0 }, EROFS },
	{ "open: creating", SYS_open, { MISSING, O_RDONLY | O_CREAT, 0 }, EROFS },
	{ "open: a file as a directory", SYS_open, { MOTD, O_RDONLY | O_DIRECTORY, 0 }, ENOTDIR },
	{ "open: exclusive, and there", SYS_open, { MOTD, O_RDONLY | O_CREAT | O_EXCL, 0 },
	  EEXIST },
	{ "close: descriptor never opened", SYS_close, { NO_FD, 0, 0 }, EBADF },
	{ "close: descriptor -1", SYS_close, { -1, 0, 0 }, EBADF },
	{ "lseek: descriptor never opened", SYS_lseek, { NO_FD, 0, SEEK_SET }, EBADF },
	{ "lseek: the console", SYS_lseek, { 1, 0, SEEK_SET }, ESPIPE },
	{ "lseek: unknown whence", SYS_lseek, { FILE_FD, 0, 3 }, EINVAL },
	{ "nanosleep: request NULL", SYS_nanosleep, { 0, 0, 0 }, EFAULT },
	{ "nanosleep: request in the kernel", SYS_nanosleep, { KERNEL, 0, 0 }, EFAULT },
	{ "nanosleep: a billion nanoseconds", SYS_nanosleep, { TS_BAD_NSEC, 0, 0 }, EINVAL },
	{ "nanosleep: negative seconds", SYS_nanosleep, { TS_NEG_SEC, 0, 0 }, EINVAL },
	{ "nanosleep: remainder in the kernel", SYS_nanosleep, { TS_ONE_NS, KERNEL, 0 }, EFAULT },
	{ "clock_gettime: unknown clock", SYS_clock_gettime, { 99, TS, 0 }, EINVAL },
	{ "clock_gettime: time in the kernel", SYS_clock_gettime, { CLOCK_MONOTONIC, KERNEL, 0 },
	  EFAULT },
	{ "clock_gettime: the clock after the CPU-time ones", SYS_clock_gettime,
	  { CLOCK_THREAD_CPUTIME_ID + 1, TS, 0 }, EINVAL },
	{ "clock_gettime: process CPU time in the kernel", SYS_clock_gettime,
	  { CLOCK_PROCESS_CPUTIME_ID, KERNEL, 0 }, EFAULT },
	{ "clock_gettime: thread CPU time in the kernel", SYS_clock_gettime,
	  { CLOCK_THREAD_CPUTIME_ID, KERNEL, 0 }, EFAULT },
	{ "times: buffer NULL", SYS_times, { 0, 0, 0 }, EFAULT },
	{ "times: buffer in the kernel", SYS_times, { KERNEL, 0, 0 }, EFAULT },
	{ "bindprocessor: unknown what", SYS_bindprocessor, { 9, SELF, 0 }, EINVAL },
	{ "bindprocessor: no such CPU", SYS_bindprocessor, { BINDPROCESS, SELF, 9999 }, EINVAL },
	{ "bindprocessor: no such task", SYS_bindprocessor,
	  { BINDPROCESS, NO_TASK, PROCESSOR_CLASS_ANY }, ESRCH },
	{ "bindprocessor: no such thread", SYS_bindprocessor,
	  { BINDTHREAD, NO_TASK, PROCESSOR_CLASS_ANY }, ESRCH },
	{ "port_create: unknown flags", SYS_port_create, { 2, 0, 0 }, EINVAL },
	{ "port_destroy: no such port", SYS_port_destroy, { NO_PORT, 0, 0 }, EINVAL },
	{ "port_grant: no such port", SYS_port_grant, { NO_PORT, 1, 0 }, EINVAL },
	{ "port_send: message in the kernel", SYS_port_send, { MY_PORT, KERNEL, 0 }, EFAULT },
	{ "port_send: message too long", SYS_port_send, { MY_PORT, MSG_LONG, 0 }, EINVAL },
	{ "port_send: reply room too big", SYS_port_send, { MY_PORT, MSG_BIG_ROOM, 0 }, EINVAL },
	{ "port_send: reply room in the kernel", SYS_port_send, { MY_PORT, MSG_BUF_KERNEL, 0 },
	  EFAULT },
	{ "port_send: reply room read-only", SYS_port_send, { MY_PORT, MSG_BUF_RO, 0 }, EFAULT },
	{ "port_send: data in the kernel (allocated first)", SYS_port_send,
	  { MY_PORT, MSG_DATA_KERNEL, 0 }, EFAULT },
	{ "port_send: no such port (allocated first)", SYS_port_send, { NO_PORT, MSG_OK, 0 },
	  EINVAL },
	{ "port_receive: record in the kernel", SYS_port_receive, { MY_PORT, KERNEL, 0 }, EFAULT },
	{ "port_receive: buffer in the kernel", SYS_port_receive, { MY_PORT, RMSG_BUF_KERNEL, 0 },
	  EFAULT },
	{ "port_receive: record read-only", SYS_port_receive, { MY_PORT, RO_MSG, 0 }, EFAULT },
	{ "port_receive: no such port (allocated first)", SYS_port_receive,
	  { NO_PORT, RMSG_OK, 0 }, EINVAL },
	{ "port_reply: reply too long", SYS_port_reply, { 1, BUF, PORT_MSG_MAX + 1 }, EINVAL },
	{ "port_reply: reply in the kernel (allocated first)", SYS_port_reply,
	  { NO_PORT, KERNEL, 16 }, EFAULT },
	{ "port_reply: no such message (allocated first)", SYS_port_reply, { NO_PORT, BUF, 16 },
	  EINVAL },
	{ "vmseg_create: size 0", SYS_vmseg_create, { 0, 0, 0 }, EINVAL },
	{ "vmseg_create: bigger than a segment", SYS_vmseg_create, { VMSEG_MAX + 1, 0, 0 },
	  EINVAL },
	{ "vmseg_create: unknown flags", SYS_vmseg_create, { 4096, 0x80, 0 }, EINVAL },
	{ "vmseg_create: vmid in the kernel", SYS_vmseg_create, { 4096, 0, KERNEL }, EFAULT },
	{ "vmseg_create: vmid read-only (made a segment first)", SYS_vmseg_create, { 4096, 0, RO },
	  EFAULT },
	{ "vmseg_delete: not a region's start", SYS_vmseg_delete, { 0x300000010l, 0, 0 }, EINVAL },
	{ "vmseg_delete: the text's region", SYS_vmseg_delete, { 0x10000000l, 0, 0 }, EINVAL },
	{ "vmseg_delete: the stack's region", SYS_vmseg_delete, { 0x3f0000000l, 0, 0 }, EINVAL },
	{ "vmseg_delete: a free region", SYS_vmseg_delete, { 0x3e0000000l, 0, 0 }, EINVAL },
	{ "mmap: length 0", SYS_mmap, { 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0 },
	  EINVAL },
	{ "mmap: neither shared nor private", SYS_mmap, { 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0 },
	  EINVAL },
	{ "mmap: unknown flags", SYS_mmap,
	  { 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | 0x8000, -1, 0 }, EINVAL },
	{ "mmap: unknown protection", SYS_mmap, { 0, 4096, 0x40, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0 },
	  EINVAL },
	{ "mmap: offset not page-aligned", SYS_mmap,
	  { 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1 }, EINVAL },
	{ "mmap: MAP_FIXED not page-aligned", SYS_mmap,
	  { 0x3e0000001l, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0 }, EINVAL },
	{ "mmap: MAP_FIXED over the data", SYS_mmap,
	  { 0x20000000l, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0 }, ENOMEM },
	{ "mmap: MAP_FIXED across two regions", SYS_mmap,
	  { 0x3dffff000l, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0 }, ENOMEM },
	{ "mmap: bigger than a region", SYS_mmap,
	  { 0, (256l << 20) + 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0 }, ENOMEM },
	{ "mmap: a file not open", SYS_mmap, { 0, 4096, PROT_READ, MAP_SHARED, NO_FD, 0 }, EBADF },
	{ "mmap: a file (not supported)", SYS_mmap, { 0, 4096, PROT_READ, MAP_SHARED, 0, 0 },
	  ENODEV },
	{ "munmap: length 0", SYS_munmap, { 0x3e0000000l, 0, 0 }, EINVAL },
	{ "munmap: not page-aligned", SYS_munmap, { 0x3e0000001l, 4096, 0 }, EINVAL },
	{ "munmap: beyond task space", SYS_munmap, { 0x3f0000000l, 1l << 40, 0 }, EINVAL },
	{ "mprotect: not page-aligned", SYS_mprotect, { 0x3e0000001l, 4096, PROT_READ }, EINVAL },
	{ "mprotect: unknown protection", SYS_mprotect, { 0x3e0000000l, 4096, 0x40 }, EINVAL },
	{ "mprotect: no mapping there", SYS_mprotect, { 0x3e0000000l, 4096, PROT_READ }, ENOMEM },
	{ "mprotect: the text", SYS_mprotect, { 0x10000000l, 4096, PROT_READ }, ENOMEM },
	{ "fstat: descriptor never opened", SYS_fstat, { NO_FD, ST, 0 }, EBADF },
	{ "fstat: stat in the kernel", SYS_fstat, { FILE_FD, KERNEL, 0 }, EFAULT },
	{ "stat: path in the kernel", SYS_stat, { KERNEL, ST, 0 }, EFAULT },
	{ "stat: path too long", SYS_stat, { LONG_PATH, ST, 0 }, ENAMETOOLONG },
	{ "stat: no such file", SYS_stat, { MISSING, ST, 0 }, ENOENT },
	{ "stat: stat in the kernel", SYS_stat, { MOTD, KERNEL, 0 }, EFAULT },
	{ "readdir: descriptor never opened", SYS_readdir, { NO_FD, DE, 0 }, EBADF },
	{ "readdir: a file", SYS_readdir, { FILE_FD, DE, 0 }, ENOTDIR },
	{ "readdir: entry in the kernel", SYS_readdir, { DIR_FD, KERNEL, 0 }, EFAULT },
	{ "chdir: path in the kernel", SYS_chdir, { KERNEL, 0, 0 }, EFAULT },
	{ "chdir: path too long", SYS_chdir, { LONG_PATH, 0, 0 }, ENAMETOOLONG },
	{ "chdir: no such directory", SYS_chdir, { MISSING, 0, 0 }, ENOENT },
	{ "chdir: a file", SYS_chdir, { MOTD, 0, 0 }, ENOTDIR },
	{ "getcwd: one byte of room", SYS_getcwd, { BUF, 1, 0 }, ERANGE },
	{ "getcwd: buffer in the kernel", SYS_getcwd, { KERNEL, 256, 0 }, EFAULT },
	{ "uname: buffer in the kernel", SYS_uname, { KERNEL, 0, 0 }, EFAULT },
	{ "sysconf: unknown name", SYS_sysconf, { 9999, 0, 0 }, EINVAL },
	{ "getprocs: count -1", SYS_getprocs, { PROCS, -1, 0 }, EINVAL },
	{ "getprocs: entries in the kernel", SYS_getprocs, { KERNEL, 4, 0 }, EFAULT },
	{ "getprocs: entries read-only (allocated first)", SYS_getprocs, { RO, 4, 0 }, EFAULT },
	{ "klog_read: buffer in the kernel", SYS_klog_read, { KERNEL, 256, 0 }, EFAULT },
	{ "reboot: unknown request", SYS_reboot, { 99, 0, 0 }, EINVAL },
	{ "vmgetinfo: unknown command", SYS_vmgetinfo, { VI, 99, sizeof(struct vminfo) }, EINVAL },
	{ "vmgetinfo: answer in the kernel", SYS_vmgetinfo,
	  { KERNEL, VMINFO, sizeof(struct vminfo) }, EFAULT },
	{ "dup2: descriptor never opened", SYS_dup2, { NO_FD, 5, 0 }, EBADF },
	{ "dup2: onto -1", SYS_dup2, { 1, -1, 0 }, EBADF },
	{ "dup2: onto 32", SYS_dup2, { 1, 32, 0 }, EBADF },
	{ "getpgid: no such task", SYS_getpgid, { NO_TASK, 0, 0 }, ESRCH },
	{ "getsid: no such task", SYS_getsid, { NO_TASK, 0, 0 }, ESRCH },
	{ "setpgid: group -1", SYS_setpgid, { 0, -1, 0 }, EINVAL },
	{ "setpgid: no such task", SYS_setpgid, { NO_TASK, 0, 0 }, ESRCH },
	{ "setpgid: init, not a child", SYS_setpgid, { 1, 0, 0 }, ESRCH },
	{ "setpgid: no such group in the session", SYS_setpgid, { 0, NO_TASK, 0 }, EPERM },
	{ "thread_create: entry in the kernel", SYS_thread_create, { KERNEL, 0, STACK_TOP },
	  EINVAL },
	{ "thread_create: stack at 0", SYS_thread_create, { ENTRY, 0, 0 }, EINVAL },
	{ "thread_create: stack in the kernel", SYS_thread_create, { ENTRY, 0, KERNEL }, EINVAL },
	{ "thread_create: stack unmapped", SYS_thread_create, { ENTRY, 0, UNMAPPED }, EFAULT },
	{ "thread_create: stack read-only", SYS_thread_create, { ENTRY, 0, RO_STACK_TOP }, EFAULT },
	{ "thread_join: no such thread", SYS_thread_join, { NO_TASK, 0, 0 }, ESRCH },
	{ "thread_join: itself", SYS_thread_join, { SELF_TID, 0, 0 }, EDEADLK },
	{ "thread_kill: signal NSIG", SYS_thread_kill, { SELF_TID, NSIG, 0 }, EINVAL },
	{ "thread_kill: no such thread", SYS_thread_kill, { NO_TASK, 0, 0 }, ESRCH },
	{ "kcount: size 0", SYS_kcount, { KC, 0, 0 }, EINVAL },
	{ "kcount: counts in the kernel", SYS_kcount, { KERNEL, sizeof(struct kcount), 0 },
	  EFAULT },
	{ "ioctl: descriptor never opened", SYS_ioctl, { NO_FD, TIOCGPGRP, INT }, EBADF },
	{ "ioctl: not a terminal", SYS_ioctl, { FILE_FD, TIOCGPGRP, INT }, ENOTTY },
	{ "ioctl: unknown request", SYS_ioctl, { 0, 0x1234, INT }, EINVAL },
	{ "ioctl: TIOCGPGRP into the kernel", SYS_ioctl, { 0, TIOCGPGRP, KERNEL }, EFAULT },
	{ "ioctl: TIOCSPGRP from the kernel", SYS_ioctl, { 0, TIOCSPGRP, KERNEL }, EFAULT },
	{ "ioctl: TIOCSPGRP group 0", SYS_ioctl, { 0, TIOCSPGRP, ZERO_INT }, EINVAL },
	{ "sigaltstack: stack from the kernel", SYS_sigaltstack, { KERNEL, 0, 0 }, EFAULT },
	{ "sigaltstack: SS_ONSTACK asked for", SYS_sigaltstack, { SS_BAD_FLAGS, 0, 0 }, EINVAL },
	{ "sigaltstack: below MINSIGSTKSZ", SYS_sigaltstack, { SS_SMALL, 0, 0 }, ENOMEM },
	{ "sigaltstack: old one into the kernel", SYS_sigaltstack, { 0, KERNEL, 0 }, EFAULT },
	{ "sigpending: set at 0", SYS_sigpending, { 0, 0, 0 }, EFAULT },
	{ "sigpending: set into the kernel", SYS_sigpending, { KERNEL, 0, 0 }, EFAULT },
	{ "sigtimedwait: set at 0", SYS_sigtimedwait, { 0, 0, TS }, EFAULT },
	{ "sigtimedwait: set from the kernel", SYS_sigtimedwait, { KERNEL, 0, TS }, EFAULT },
	{ "sigtimedwait: info into the kernel", SYS_sigtimedwait, { SET, KERNEL, TS }, EFAULT },
	{ "sigtimedwait: timeout from the kernel", SYS_sigtimedwait, { SET, 0, KERNEL },
	  EFAULT },
	{ "sigtimedwait: 10^9 ns", SYS_sigtimedwait, { SET, 0, TS_BAD_NSEC }, EINVAL },
	{ "sigtimedwait: negative seconds", SYS_sigtimedwait, { SET, 0, TS_NEG_SEC }, EINVAL },
	{ "thread_exit: stack word misaligned", SYS_thread_exit, { 0, KERNEL + 1, 0 }, EINVAL },
	{ "thread_exit: stack word in the kernel", SYS_thread_exit, { 0, KERNEL, 0 }, EFAULT },
	{ "thread_detach: no such thread", SYS_thread_detach, { NO_TASK, 0, 0 }, ESRCH },
	{ "thread_post: no such thread", SYS_thread_post, { NO_TASK, 0, 0 }, ESRCH },
	{ "thread_waitaddr: misaligned", SYS_thread_waitaddr, { KERNEL + 1, 0, 0 }, EINVAL },
	{ "thread_waitaddr: in the kernel", SYS_thread_waitaddr, { KERNEL, 0, 0 }, EFAULT },
	{ "thread_waitaddr: a billion nanoseconds", SYS_thread_waitaddr,
	  { ZERO_INT, 0, TS_BAD_NSEC }, EINVAL },
	{ "thread_waitaddr: negative seconds", SYS_thread_waitaddr, { ZERO_INT, 0, TS_NEG_SEC },
	  EINVAL },
	{ "thread_waitaddr: timeout in the kernel", SYS_thread_waitaddr, { ZERO_INT, 0, KERNEL },
	  EFAULT },
	{ "thread_wakeaddr: no threads", SYS_thread_wakeaddr, { INT, 0, 0 }, EINVAL },
	{ "thread_wakeaddr: misaligned", SYS_thread_wakeaddr, { KERNEL + 1, 1, 0 }, EINVAL },
	{ "thread_wakeaddr: in the kernel", SYS_thread_wakeaddr, { KERNEL, 1, 0 }, EFAULT },
	{ "select: negative nfds", SYS_select, { -1, 0, 0, 0, 0, 0 }, EINVAL },
	{ "select: nfds past FD_SETSIZE", SYS_select, { FD_SETSIZE + 1, 0, 0, 0, 0, 0 }, EINVAL },
	{ "select: a million microseconds", SYS_select, { 0, 0, 0, 0, TV_BAD_USEC, 0 }, EINVAL },
	{ "select: negative seconds", SYS_select, { 0, 0, 0, 0, TV_NEG_SEC, 0 }, EINVAL },
	{ "select: descriptor never opened", SYS_select, { NO_FD + 1, FDS_NO_FD, 0, 0, 0, 0 },
	  EBADF },
	{ "select: exception set never opened", SYS_select,
	  { NO_FD + 1, FDS_NONE, FDS_NONE, FDS_NO_FD, 0, 0 }, EBADF },
	{ "select: set in the kernel", SYS_select, { 1, KERNEL, 0, 0, 0, 0 }, EFAULT },
	{ "select: timeout in the kernel", SYS_select, { 0, 0, 0, 0, KERNEL, 0 }, EFAULT },
	{ "pselect: 10^9 ns", SYS_pselect, { 0, 0, 0, 0, TS_BAD_NSEC, SET }, EINVAL },
	{ "pselect: negative seconds", SYS_pselect, { 0, 0, 0, 0, TS_NEG_SEC, SET }, EINVAL },
	{ "pselect: mask in the kernel", SYS_pselect, { 0, 0, 0, 0, TS, KERNEL }, EFAULT },
	{ "pselect: descriptor never opened", SYS_pselect, { NO_FD + 1, FDS_NO_FD, 0, 0, TS, 0 },
	  EBADF },
	{ "fcntl: descriptor never opened", SYS_fcntl, { NO_FD, F_GETFD, 0 }, EBADF },
	{ "fcntl: unknown command", SYS_fcntl, { FILE_FD, 99, 0 }, EINVAL },
	{ "fcntl: F_DUPFD past the limit", SYS_fcntl, { FILE_FD, F_DUPFD, FD_SETSIZE }, EINVAL },
	{ "fcntl: F_DUPFD negative", SYS_fcntl, { FILE_FD, F_DUPFD, -1 }, EINVAL },
	{ "fcntl: F_SETFD unknown flag", SYS_fcntl, { FILE_FD, F_SETFD, 2 }, EINVAL },
	{ "no call 0", 0, { 0, 0, 0 }, ENOSYS },
	{ "no call NR_SYSCALLS", NR_SYSCALLS, { 0, 0, 0 }, ENOSYS },
	{ "no call -1", -1, { 0, 0, 0 }, ENOSYS },
};

/* Fills and touches everything the placeholders name. */
static void setup(void)
{
	memset(long_path, 'p', sizeof(long_path) - 1);
	long_path[0] = '/';
	memset(long_arg, 'a', sizeof(long_arg) - 1);
	memset(near_limit_arg, 'n', sizeof(near_limit_arg) - 1);
	for (size_t i = 0; i < ARGS_MAX; i++)
		argv_many[i] = PROGRAM;
	memset(buf, 0, sizeof(buf));
	memset(stack, 0, sizeof(stack));
	sigemptyset(&action.sa_mask);
	action.sa_handler = SIG_IGN;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	msg_ok = (struct port_msg){ .data = buf, .len = 16, .buf = buf, .size = 16 };
	msg_long = msg_ok;
	msg_long.len = PORT_MSG_MAX + 1;
	msg_big_room = msg_ok;
	msg_big_room.size = PORT_MSG_MAX + 1;
	msg_buf_kernel = msg_ok;
	msg_buf_kernel.buf = (void *)KERNEL;
	msg_buf_ro = msg_ok;
	msg_buf_ro.buf = (void *)ro;
	msg_data_kernel = msg_ok;
	msg_data_kernel.data = (void *)KERNEL;
	rmsg_ok = (struct port_msg){ .buf = buf, .size = 16, .timeout_ms = 0 };
	rmsg_buf_kernel = rmsg_ok;
	rmsg_buf_kernel.buf = (void *)KERNEL;
	memset(&st, 0, sizeof(st));
	memset(&de, 0, sizeof(de));
	memset(procs, 0, sizeof(procs));
	memset(&vi, 0, sizeof(vi));
	memset(&kc, 0, sizeof(kc));
	file_fd = open("/etc/motd", O_RDONLY);
	dir_fd = open("/", O_RDONLY | O_DIRECTORY);
	my_port = port_create(0);
	check(file_fd >= 0 && dir_fd >= 0 && my_port > 0);
}

static void every_call_refuses_bad_arguments_without_a_trace(void)
{
	setup();
	for (size_t i = 0; i < UTEST_COUNT(refusals); i++) {
		const struct refusal *r = &refusals[i];

		const long a[6] = { value(r->a[0]), value(r->a[1]), value(r->a[2]),
				    value(r->a[3]), value(r->a[4]), value(r->a[5]) };

		refuse6(r->what, r->err, r->nr, a);
	}
	/* Last, as it moves this task to a session of its own. */
	check_eq(setsid(), getpid());
	refuse("setsid: a group leader", EPERM, SYS_setsid, 0, 0, 0);
	check_eq(wrong, 0);
}

static int their_port;

/* Another task's port, from a child of its owner. */
static void use_their_port(void)
{
	setup();
	refuse("port_destroy: another's port", EACCES, SYS_port_destroy, their_port, 0, 0);
	refuse("port_grant: another's port", EACCES, SYS_port_grant, their_port, getpid(), 0);
	refuse("port_send: no right to send (allocated first)", EACCES, SYS_port_send, their_port,
	       (long)&msg_ok, 0);
	refuse("port_receive: another's port (allocated first)", EACCES, SYS_port_receive,
	       their_port, (long)&rmsg_ok, 0);
	check_eq(wrong, 0);
}

static void other_tasks_ports_are_refused(void)
{
	their_port = port_create(0);
	check(their_port > 0);
	check_exited(utest_in_child(use_their_port), 0);
}

/* Calls that only root may make, or only on its own tasks. */
static void without_root_privileges_calls_are_refused(void)
{
	setup();
	check_eq(setuid(1000), 0);
	refuse("setuid: root's id", EPERM, SYS_setuid, 0, 0, 0);
	refuse("kill: init", EPERM, SYS_kill, 1, SIGUSR1, 0);
	refuse("bindprocessor: init", EPERM, SYS_bindprocessor, BINDPROCESS, 1,
	       PROCESSOR_CLASS_ANY);
	refuse("reboot: not root", EPERM, SYS_reboot, RB_POWEROFF, 0, 0);
	check_eq(wrong, 0);
}

/* Limits that a call reaches are refused before it allocates. */
static void limits_are_refused_before_allocating(void)
{
	pthread_t t[TASK_THREADS];
	pthread_attr_t attr;
	int made = 0;

	setup();
	while (port_create(0) > 0)
		;
	check_eq(errno, ENOSPC);
	refuse("port_create: PORT_MAX ports (allocated first)", ENOSPC, SYS_port_create, 0, 0, 0);
	for (int i = 0; i < PORT_GRANTS; i++)
		check_eq(port_grant(my_port, 5000 + i), 0);
	refuse("port_grant: PORT_GRANTS tasks", ENOSPC, SYS_port_grant, my_port, 6000, 0);
	while (open("/etc/motd", O_RDONLY) >= 0)
		;
	check_eq(errno, EMFILE);
	refuse("open: every descriptor open", EMFILE, SYS_open, (long)"/etc/motd", O_RDONLY, 0);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN);
	while (made < TASK_THREADS && !pthread_create(&t[made], &attr, idle_thread, NULL))
		made++;
	check_eq(made, TASK_THREADS - 1);
	refuse("thread_create: TASK_THREADS threads (allocated first)", EAGAIN, SYS_thread_create,
	       (long)idle, 0, (long)(stack + sizeof(stack)));
	check_eq(wrong, 0);
}

/* A joinable thread that ends at once. */
static void *give_7(void *arg)
{
	(void)arg;
	return (void *)7l;
}

/* Waits until the port's owner replies or destroys the port. */
static void send_ping(void)
{
	port_send(their_port, "ping", 5, NULL, 0, PORT_WAIT_FOREVER);
}

/* What a refused call must not have done, noted when it was done. */
static void undone(bool ok, const char *what)
{
	if (!ok) {
		utest_note("%s", what);
		wrong++;
	}
}

/*
 * A call that acts and then stores a result is refused when the result's
 * place is read-only, and the action is not done: the action and mask
 * stay, the thread stays joinable, the child unreaped, the message queued.
 */
static void results_without_a_place_leave_the_action_undone(void)
{
	struct sigaction old;
	sigset_t mask;
	pthread_t thread;
	void *value = NULL;
	char got[16];
	long msgid;
	int status;
	pid_t pid;

	setup();
	refuse("sigaction: old action read-only", EFAULT, SYS_sigaction, SIGUSR1, (long)&action,
	       (long)ro);
	check_eq(sigaction(SIGUSR1, NULL, &old), 0);
	undone(old.sa_handler == SIG_DFL, "sigaction: the action was changed");
	refuse("sigprocmask: old set read-only", EFAULT, SYS_sigprocmask, SIG_BLOCK, (long)&set,
	       (long)ro);
	check_eq(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	undone(!sigismember(&mask, SIGUSR2), "sigprocmask: the mask was changed");
	check_eq(pthread_create(&thread, NULL, give_7, NULL), 0);
	refuse("thread_join: value read-only", EFAULT, SYS_thread_join, (long)thread, (long)ro, 0);
	undone(pthread_join(thread, &value) == 0 && value == (void *)7l,
	       "thread_join: the thread was joined");
	pid = utest_spawn(idle);
	check(pid > 0);
	refuse("waitpid: status read-only", EFAULT, SYS_waitpid, pid, (long)ro, 0);
	check_eq(kill(pid, SIGKILL), 0);
	undone(waitpid(pid, &status, 0) == pid, "waitpid: the child was reaped");
	their_port = port_create(PORT_PUBLIC);
	check(their_port > 0);
	pid = utest_spawn(send_ping);
	check(pid > 0 && utest_wait_sleeping(pid));
	rmsg_ok.buf = (void *)ro;
	refuse("port_receive: buffer read-only", EFAULT, SYS_port_receive, their_port,
	       (long)&rmsg_ok, 0);
	undone(port_receive(their_port, got, sizeof(got), &msgid, NULL, 0) == 5,
	       "port_receive: the message was taken");
	check_eq(port_destroy(their_port), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_eq(wrong, 0);
}

static const struct utest cases[] = {
	UTEST(every_call_refuses_bad_arguments_without_a_trace),
	UTEST(other_tasks_ports_are_refused),
	UTEST(without_root_privileges_calls_are_refused),
	UTEST(limits_are_refused_before_allocating),
	UTEST(results_without_a_place_leave_the_action_undone),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
