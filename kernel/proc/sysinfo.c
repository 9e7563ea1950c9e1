// SPDX-License-Identifier: MIT
/* System calls about the system: clocks, sleep, names, limits, logs, counts, power. */

/*
 * Clocks and sleeping, uname and sysconf, the kernel log, the VMM's
 * counters, kernel object counts (kcount, with the rooms above proc/
 * adding theirs), and ending the partition.
 */
#define pr_fmt "sysinfo: "
#include <string.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <uapi/sys/kcount.h>
#include <uapi/sys/syscall.h>
#include <uapi/sys/reboot.h>
#include <uapi/sys/sysconf.h>
#include <uapi/sys/times.h>
#include <uapi/sys/utsname.h>
#include <uapi/sys/vminfo.h>
#include <uapi/time.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include <vrm/sched.h>
#include <vrm/timespec.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include <vrm/wait.h>
#include "syscalls.h"
#include "task_impl.h"


/* uname's version, here so that proc/ needs nothing of kernel/main.c: kmain sets it. */
const char *boot_firmware_name = "unknown";

static int64_t boot_epoch = -1;	/* seconds since 1970 at tb_boot */

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int64_t realtime_base(void)
{
	struct rtc_time r;

	if (boot_epoch < 0 && !rtas_get_time_of_day(&r))
		boot_epoch = days_from_civil(r.year, r.month, r.day) * 86400 + r.hour * 3600 +
			     r.min * 60 + r.sec - (int64_t)((mftb() - tb_boot) / tb_freq);
	return boot_epoch < 0 ? 0 : boot_epoch;
}

static void tb_to_timespec(uint64_t ticks, struct timespec *ts)
{
	ts->tv_sec = (time_t)(ticks / tb_freq);
	ts->tv_nsec = (long)((ticks % tb_freq) * NSEC_PER_SEC / tb_freq);
}

struct clock_args {
	clockid_t clock;
	struct timespec *uts;
};

SYSCALL(clock_gettime, struct clock_args)

static long clock_gettime_decode(const unsigned long *a, struct clock_args *args)
{
	if (a[0] != CLOCK_MONOTONIC && a[0] != CLOCK_REALTIME &&
	    a[0] != CLOCK_PROCESS_CPUTIME_ID && a[0] != CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (!user_range_ok((void *)a[1], sizeof(struct timespec)))
		return -EFAULT;
	*args = (struct clock_args){ (clockid_t)a[0], (struct timespec *)a[1] };
	return 0;
}

/* The calling task's user and system time, in timebase ticks. */
static void own_cputime(uint64_t *utime, uint64_t *stime)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);

	task_cputime(current_task(), utime, stime);
	spin_unlock_irqrestore(&task_lock, ee);
}

static long clock_gettime_invoke(struct clock_args *args)
{
	struct timespec ts;
	uint64_t utime, stime;

	switch (args->clock) {
	case CLOCK_PROCESS_CPUTIME_ID:
		own_cputime(&utime, &stime);
		tb_to_timespec(utime + stime, &ts);
		break;
	case CLOCK_THREAD_CPUTIME_ID:
		thread_cputime(current_thread(), &utime, &stime);
		tb_to_timespec(utime + stime, &ts);
		break;
	default:
		tb_to_timespec(mftb() - tb_boot, &ts);
		if (args->clock == CLOCK_REALTIME)
			ts.tv_sec += realtime_base();
	}
	return copyout(args->uts, &ts, sizeof(ts));
}

struct times_args {
	struct tms *ubuf;
};

SYSCALL(times, struct times_args)

static long times_decode(const unsigned long *a, struct times_args *args)
{
	if (!user_range_ok((void *)a[0], sizeof(struct tms)))
		return -EFAULT;
	args->ubuf = (struct tms *)a[0];
	return 0;
}

static clock_t tb_to_clock_ticks(uint64_t ticks)
{
	return (clock_t)(ticks / tb_freq * HZ + ticks % tb_freq * HZ / tb_freq);
}

static long times_invoke(struct times_args *args)
{
	uint64_t utime, stime, cutime, cstime;
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct tms t;

	task_cputime(current_task(), &utime, &stime);
	cutime = current_task()->cutime;
	cstime = current_task()->cstime;
	spin_unlock_irqrestore(&task_lock, ee);
	t = (struct tms){
		.tms_utime = tb_to_clock_ticks(utime), .tms_stime = tb_to_clock_ticks(stime),
		.tms_cutime = tb_to_clock_ticks(cutime), .tms_cstime = tb_to_clock_ticks(cstime),
	};
	if (copyout(args->ubuf, &t, sizeof(t)))
		return -EFAULT;
	return tb_to_clock_ticks(mftb() - tb_boot);
}

struct nanosleep_args {
	uint64_t ticks;			/* of the timebase */
	struct timespec *urem;		/* or NULL */
};

SYSCALL(nanosleep, struct nanosleep_args)

static long nanosleep_decode(const unsigned long *a, struct nanosleep_args *args)
{
	struct timespec req;

	if (copyin(&req, (void *)a[0], sizeof(req)))
		return -EFAULT;
	if (timespec_check(&req))
		return -EINVAL;
	if (a[1] && !user_range_ok((void *)a[1], sizeof(struct timespec)))
		return -EFAULT;
	*args = (struct nanosleep_args){
		.ticks = timespec_to_tb(&req),
		.urem = (struct timespec *)a[1],
	};
	return 0;
}

static long nanosleep_invoke(struct nanosleep_args *args)
{
	/* Restarted after a stop, it sleeps until the first call's end. */
	uint64_t deadline = signal_wait_deadline(mftb() + args->ticks), now;
	struct timespec rem;
	/* A timed sleep: only the deadline or a signal ends it. */
	static struct wait_queue nobody_wakes = WAIT_QUEUE_INIT;

	while ((now = mftb()) < deadline) {
		if (signal_pending()) {
			tb_to_timespec(deadline - now, &rem);
			if (args->urem && copyout(args->urem, &rem, sizeof(rem)))
				return -EFAULT;
			return signal_wait_interrupted(deadline);
		}
		wait_event(&nobody_wakes, NULL, NULL, WAIT_INTERRUPTIBLE, deadline);
	}
	return 0;
}

/* uname, klog_read, vmgetinfo and kcount: where the answer goes. */
struct out_args {
	void *ubuf;
	size_t size;
};

/* The first size bytes of an answer of full bytes go to ubuf, which must
 * lie in task space. */
static long out_decode(struct out_args *args, unsigned long ubuf, size_t size, size_t full)
{
	if (size > full)
		size = full;
	if (!user_range_ok((void *)ubuf, size))
		return -EFAULT;
	*args = (struct out_args){ (void *)ubuf, size };
	return 0;
}

SYSCALL(uname, struct out_args)

static long uname_decode(const unsigned long *a, struct out_args *args)
{
	return out_decode(args, a[0], sizeof(struct utsname), sizeof(struct utsname));
}

static long uname_invoke(struct out_args *args)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "vrm");
	strcpy(u.nodename, "vrm");
	strcpy(u.release, VRM_VERSION);
	strcpy(u.version, boot_firmware_name);
	strcpy(u.machine, "ppc64le");
	return copyout(args->ubuf, &u, sizeof(u));
}

static long cpus_online(void)
{
	long n = 0;

	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		n += paca_of(i)->online;
	return n;
}

/* Every value is >= 0: -EINVAL for a name sysconf does not know. */
static long sysconf_value(unsigned long name)
{
	switch (name) {
	case _SC_CLK_TCK:
		return HZ;
	case _SC_OPEN_MAX:
		return FILES_MAX;
	case _SC_PAGESIZE:
		return PAGESIZE;
	case _SC_NPROCESSORS_CONF:
		return nr_cpus_present;
	case _SC_NPROCESSORS_ONLN:
		return cpus_online();
	case _SC_VRM_TIMEBASE_FREQ:
		return (long)tb_freq;
	default:
		return -EINVAL;
	}
}

struct sysconf_args {
	unsigned long name;
};

SYSCALL(sysconf, struct sysconf_args)

static long sysconf_decode(const unsigned long *a, struct sysconf_args *args)
{
	if (sysconf_value(a[0]) < 0)
		return -EINVAL;
	args->name = a[0];
	return 0;
}

static long sysconf_invoke(struct sysconf_args *args)
{
	return sysconf_value(args->name);
}

SYSCALL(klog_read, struct out_args)

static long klog_read_decode(const unsigned long *a, struct out_args *args)
{
	return out_decode(args, a[0], a[1], a[1]);
}

/* The records still in the ring, oldest first, as the console shows them. */
static long klog_read_invoke(struct out_args *args)
{
	char line[160];
	size_t done = 0;
	uint64_t next = log_next_seq(), seq = next > 4096 ? next - 4096 : 0;
	struct log_record rec;

	for (; seq < next; seq++) {
		int len;

		if (log_get(seq, &rec))
			continue;
		len = log_format(&rec, line, sizeof(line));
		if (len < 0)
			continue;
		if ((size_t)len >= sizeof(line))
			len = sizeof(line) - 1;
		if (done + (size_t)len > args->size)
			break;
		if (copyout((char *)args->ubuf + done, line, (size_t)len))
			return -EFAULT;
		done += (size_t)len;
	}
	return (long)done;
}

struct reboot_args {
	int howto;
};

SYSCALL(reboot, struct reboot_args)

static long reboot_decode(const unsigned long *a, struct reboot_args *args)
{
	if (current_task()->euid != 0)
		return -EPERM;
	if (a[0] != RB_AUTOBOOT && a[0] != RB_POWEROFF)
		return -EINVAL;
	args->howto = (int)a[0];
	return 0;
}

static long reboot_invoke(struct reboot_args *args)
{
	if (args->howto == RB_AUTOBOOT) {
		pr_info("re-IPL requested by pid %d\n", current_task()->pid);
		machine_reboot();
	}
	pr_info("power-off requested by pid %d\n", current_task()->pid);
	machine_power_off();
}

SYSCALL(vmgetinfo, struct out_args)

static long vmgetinfo_decode(const unsigned long *a, struct out_args *args)
{
	if (a[1] != VMINFO)
		return -EINVAL;
	return out_decode(args, a[0], a[2], sizeof(struct vminfo));
}

static long vmgetinfo_invoke(struct out_args *args)
{
	struct vmstat s;
	struct vminfo v;

	vmm_stats(&s);
	v = (struct vminfo){
		.pgexct = s.faults, .zerofills = s.zero_fills, .pageins = s.page_ins,
		.pageouts = s.page_outs, .pgsteals = s.page_steals, .scans = s.clock_scans,
		.slbmisses = s.slb_misses, .numsegs = s.segments,
		.numframes = frames_total_count(), .numfrb = frames_free_count(),
		.pgspused = s.pgsp_used, .pgsptotal = s.pgsp_total,
	};
	return copyout(args->ubuf, &v, args->size);
}

SYSCALL(kcount, struct out_args)

static long kcount_decode(const unsigned long *a, struct out_args *args)
{
	if (a[1] == 0)
		return -EINVAL;
	return out_decode(args, a[0], a[1], sizeof(struct kcount));
}

static long kcount_invoke(struct out_args *args)
{
	struct heap_stats h;
	struct vmstat s;
	struct kcount k;

	vmm_stats(&s);
	heap_stats(&h);
	k = (struct kcount){
		.tasks = task_count(), .segments = s.segments,
		.heap_bytes = h.bytes_in_use, .free_frames = frames_free_count(),
		.heap_allocs = h.allocs, .threads = uthread_count(),
	};
	for (struct proc_client *c = proc_clients; c; c = c->next)
		if (c->count)
			c->count(&k);
	k.kernel_frames = frames_total_count() - k.free_frames - s.resident - s.pgsp_frames;
	return copyout(args->ubuf, &k, args->size);
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_clock_gettime, clock_gettime),
	SYSCALL_ENTRY(SYS_nanosleep, nanosleep),
	SYSCALL_ENTRY(SYS_times, times),
	SYSCALL_ENTRY(SYS_uname, uname),
	SYSCALL_ENTRY(SYS_sysconf, sysconf),
	SYSCALL_ENTRY(SYS_klog_read, klog_read),
	SYSCALL_ENTRY(SYS_reboot, reboot),
	SYSCALL_ENTRY(SYS_vmgetinfo, vmgetinfo),
	SYSCALL_ENTRY(SYS_kcount, kcount),
};

const struct syscall_list sysinfo_calls = { calls, ARRAY_SIZE(calls) };
