// SPDX-License-Identifier: MIT
/* The file system calls: each hands its registers and the caller's files to fs/'s two steps. */
#include <arch/time.h>
#include <uapi/signal.h>
#include <uapi/sys/syscall.h>
#include <uapi/time.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/uaccess.h>
#include <vrm/kernel.h>
#include "syscalls.h"

static struct files *mine(void)
{
	return &current_task()->files;
}

SYSCALL(read, struct fs_io)

static long read_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_read_decode(mine(), (long)a[0], (void *)a[1], a[2], args);
}

static long read_invoke(struct fs_io *args)
{
	return fs_read(mine(), args);
}

SYSCALL(write, struct fs_io)

static long write_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_write_decode(mine(), (long)a[0], (const void *)a[1], a[2], args);
}

static long write_invoke(struct fs_io *args)
{
	return fs_write(mine(), args);
}

SYSCALL(open, struct fs_open)

static long open_decode(const unsigned long *a, struct fs_open *args)
{
	return fs_open_decode(mine(), (const char *)a[0], (int)a[1], args);
}

static long open_invoke(struct fs_open *args)
{
	return fs_open(mine(), args);
}

SYSCALL(close, struct fs_fds)

static long close_decode(const unsigned long *a, struct fs_fds *args)
{
	return fs_close_decode(mine(), (long)a[0], args);
}

static long close_invoke(struct fs_fds *args)
{
	return fs_close(mine(), args);
}

SYSCALL(dup2, struct fs_fds)

static long dup2_decode(const unsigned long *a, struct fs_fds *args)
{
	return fs_dup2_decode(mine(), (long)a[0], (long)a[1], args);
}

static long dup2_invoke(struct fs_fds *args)
{
	return fs_dup2(mine(), args);
}

SYSCALL(lseek, struct fs_seek)

static long lseek_decode(const unsigned long *a, struct fs_seek *args)
{
	return fs_lseek_decode(mine(), (long)a[0], (long)a[1], (long)a[2], args);
}

static long lseek_invoke(struct fs_seek *args)
{
	return fs_lseek(mine(), args);
}

SYSCALL(ioctl, struct fs_ioctl)

static long ioctl_decode(const unsigned long *a, struct fs_ioctl *args)
{
	return fs_ioctl_decode(mine(), (long)a[0], (unsigned int)a[1], a[2], args);
}

static long ioctl_invoke(struct fs_ioctl *args)
{
	return fs_ioctl(mine(), args);
}

SYSCALL(fstat, struct fs_io)

static long fstat_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_fstat_decode(mine(), (long)a[0], (struct stat *)a[1], args);
}

static long fstat_invoke(struct fs_io *args)
{
	return fs_fstat(mine(), args);
}

SYSCALL(stat, struct fs_stat)

static long stat_decode(const unsigned long *a, struct fs_stat *args)
{
	return fs_stat_decode(mine(), (const char *)a[0], (struct stat *)a[1], args);
}

static long stat_invoke(struct fs_stat *args)
{
	return fs_stat(args);
}

SYSCALL(readdir, struct fs_io)

static long readdir_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_readdir_decode(mine(), (long)a[0], (struct dirent *)a[1], args);
}

static long readdir_invoke(struct fs_io *args)
{
	return fs_readdir(mine(), args);
}

SYSCALL(chdir, struct fs_cwd)

static long chdir_decode(const unsigned long *a, struct fs_cwd *args)
{
	return fs_chdir_decode(mine(), (const char *)a[0], args);
}

static long chdir_invoke(struct fs_cwd *args)
{
	fs_chdir(mine(), args);
	return 0;
}

SYSCALL(getcwd, struct fs_io)

static long getcwd_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_getcwd_decode(mine(), (char *)a[0], a[1], args);
}

static long getcwd_invoke(struct fs_io *args)
{
	return fs_getcwd(mine(), args);
}

SYSCALL(fcntl, struct fs_fcntl)

static long fcntl_decode(const unsigned long *a, struct fs_fcntl *args)
{
	return fs_fcntl_decode(mine(), (long)a[0], (long)a[1], (long)a[2], args);
}

static long fcntl_invoke(struct fs_fcntl *args)
{
	return fs_fcntl(mine(), args);
}

/* select and pselect: the sets, the timeout, and pselect's mask. */
struct select_args {
	struct fs_select sets;
	bool timed;			/* else until a descriptor is ready */
	bool masked;			/* pselect with a mask */
	uint64_t ticks;			/* of the timebase */
	uint64_t mask;
};

static long sets_decode(const unsigned long *a, struct select_args *args)
{
	fd_set *usets[3] = { (fd_set *)a[1], (fd_set *)a[2], (fd_set *)a[3] };

	return fs_select_decode(mine(), (long)a[0], usets, &args->sets);
}

/* A timeout of sec and nsec (below one second) as a deadline's distance;
 * one past what the timebase counts is no timeout. */
static long timeout_decode(long sec, long nsec, struct select_args *args)
{
	if (sec < 0 || nsec < 0 || nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	args->timed = (uint64_t)sec < UINT64_MAX / 2 / tb_freq;
	args->ticks = tb_from_time((uint64_t)sec, (uint64_t)nsec);
	return 0;
}

/* Waits for a descriptor of the sets, the timeout or a signal; a wait a
 * signal ends is never restarted, as POSIX allows. */
static long select_wait(struct select_args *args)
{
	struct files *files = mine();
	uint64_t deadline = signal_wait_deadline(args->timed ? mftb() + args->ticks : 0);
	fd_set out[3];

	if (args->masked)
		signal_mask_swap(args->mask);
	for (;;) {
		unsigned long seen = fs_poll_seen();
		long ready = fs_select_scan(files, &args->sets, out);
		uint64_t now = mftb(), until = now + tb_per_tick;
		long err;

		if (ready < 0)
			return ready;
		if (ready || (args->timed && now >= deadline)) {
			err = fs_select_store(&args->sets, out);
			return err ? err : ready;
		}
		if (signal_pending())
			return signal_wait_interrupted(deadline);
		/* The terminal's poll brings input from a driver without an
		 * input interrupt: ask at least once a tick. */
		fs_poll_wait(seen, args->timed && deadline < until ? deadline : until);
	}
}

SYSCALL(select, struct select_args)

static long select_decode(const unsigned long *a, struct select_args *args)
{
	struct select_timeval tv;
	long err = sets_decode(a, args);

	if (err)
		return err;
	args->timed = args->masked = false;
	if (!a[4])
		return 0;
	if (copyin(&tv, (const void *)a[4], sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec >= 1000000)
		return -EINVAL;
	return timeout_decode(tv.tv_sec, (long)tv.tv_usec * 1000, args);
}

static long select_invoke(struct select_args *args)
{
	return select_wait(args);
}

SYSCALL(pselect, struct select_args)

static long pselect_decode(const unsigned long *a, struct select_args *args)
{
	struct timespec ts;
	sigset_t set;
	long err = sets_decode(a, args);

	if (err)
		return err;
	args->timed = args->masked = false;
	if (a[5]) {
		if (copyin(&set, (const void *)a[5], sizeof(set)))
			return -EFAULT;
		args->masked = true;
		args->mask = set.bits;
	}
	if (!a[4])
		return 0;
	if (copyin(&ts, (const void *)a[4], sizeof(ts)))
		return -EFAULT;
	return timeout_decode(ts.tv_sec, ts.tv_nsec, args);
}

static long pselect_invoke(struct select_args *args)
{
	return select_wait(args);
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_read, read),
	SYSCALL_ENTRY(SYS_write, write),
	SYSCALL_ENTRY(SYS_open, open),
	SYSCALL_ENTRY(SYS_close, close),
	SYSCALL_ENTRY(SYS_dup2, dup2),
	SYSCALL_ENTRY(SYS_lseek, lseek),
	SYSCALL_ENTRY(SYS_ioctl, ioctl),
	SYSCALL_ENTRY(SYS_fstat, fstat),
	SYSCALL_ENTRY(SYS_stat, stat),
	SYSCALL_ENTRY(SYS_readdir, readdir),
	SYSCALL_ENTRY(SYS_chdir, chdir),
	SYSCALL_ENTRY(SYS_getcwd, getcwd),
	SYSCALL_ENTRY(SYS_fcntl, fcntl),
	SYSCALL_ENTRY(SYS_select, select),
	SYSCALL_ENTRY(SYS_pselect, pselect),
};

const struct syscall_list files_calls = { calls, ARRAY_SIZE(calls) };
