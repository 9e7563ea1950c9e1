// SPDX-License-Identifier: MIT
/* The syscall suite: the dispatcher runs a call's decode, and its invoke only when decode passed. */
#include <stddef.h>
#include <string.h>
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/ktest.h>
#include <vrm/syscall.h>

#define FILL	0x5a

/* A call whose arguments take all the room the dispatcher has. */
struct probe_args {
	long value;
	unsigned char fill[SYSCALL_ARGS_MAX - sizeof(long)];
};

static int decodes, invokes;
static long invoked_with;
static bool room_intact;

SYSCALL(probe, struct probe_args)

/* a[0] < 0 is refused with that error; anything else passes, doubled. */
static long probe_decode(const unsigned long *a, struct probe_args *args)
{
	decodes++;
	if ((long)a[0] < 0)
		return (long)a[0];
	args->value = (long)a[0] * 2;
	for (size_t i = 0; i < sizeof(args->fill); i++)
		args->fill[i] = FILL;
	return 0;
}

static long probe_invoke(struct probe_args *args)
{
	invokes++;
	invoked_with = args->value;
	room_intact = true;
	for (size_t i = 0; i < sizeof(args->fill); i++)
		room_intact &= args->fill[i] == FILL;
	return args->value + 1;
}

SYSCALL_NOARGS(bare)

static long bare_invoke(void)
{
	invokes++;
	return 7;
}

static const struct syscall_entry probe = SYSCALL_ENTRY(0, probe);
static const struct syscall_entry bare = SYSCALL_ENTRY_NOARGS(0, bare);

KTEST(syscall, "a call whose decode fails is not invoked, and decode's error is the result")
{
	static const long errors[] = { -EINVAL, -EFAULT, -EBADF, -ENAMETOOLONG };
	unsigned long a[6] = { 0 };

	decodes = invokes = 0;
	for (unsigned int i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		a[0] = (unsigned long)errors[i];
		KT_EXPECT_EQ(t, syscall_run(&probe, a), errors[i]);
	}
	KT_EXPECT_EQ(t, decodes, 4);
	KT_EXPECT_EQ(t, invokes, 0);
}

KTEST(syscall, "a call whose decode passes is invoked once, with the structure decode filled")
{
	unsigned long a[6] = { 20 };

	decodes = invokes = 0;
	room_intact = false;
	KT_EXPECT_EQ(t, syscall_run(&probe, a), 41);
	KT_EXPECT_EQ(t, decodes, 1);
	KT_EXPECT_EQ(t, invokes, 1);
	KT_EXPECT_EQ(t, invoked_with, 40);
	KT_EXPECT(t, room_intact);
}

KTEST(syscall, "a call without arguments has no decode and goes straight to invoke")
{
	unsigned long a[6] = { (unsigned long)-EINVAL };

	invokes = 0;
	KT_EXPECT(t, bare.decode == NULL);
	KT_EXPECT_EQ(t, syscall_run(&bare, a), 7);
	KT_EXPECT_EQ(t, invokes, 1);
}

KTEST(syscall, "every call number has one entry with its name; only calls without arguments lack a decode")
{
	static const unsigned int no_args[] = {
		SYS_fork, SYS_getpid, SYS_getppid, SYS_getuid, SYS_geteuid, SYS_sigreturn,
		SYS_sched_yield, SYS_thread_self, SYS_setsid,
	};

	KT_EXPECT(t, syscall_lookup(0) == NULL);
	KT_EXPECT(t, syscall_lookup(NR_SYSCALLS) == NULL);
	KT_EXPECT(t, syscall_lookup(~0ul) == NULL);
	for (unsigned int nr = 1; nr < NR_SYSCALLS; nr++) {
		const struct syscall_entry *e = syscall_lookup(nr);
		bool takes_none = false;

		for (unsigned int i = 0; i < sizeof(no_args) / sizeof(no_args[0]); i++)
			takes_none |= no_args[i] == nr;
		/* Numbers are handed out in blocks, one to each piece of work
		 * (<uapi/sys/syscall.h>): below SYS_ioctl none is free, above it
		 * a block's unused numbers are. */
		if (!e) {
			if (nr <= SYS_ioctl || nr == NR_SYSCALLS - 1)
				ktest_fail(t, __FILE__, __LINE__, "no system call %u", nr);
			continue;
		}
		KT_EXPECT_EQ(t, e->nr, nr);
		KT_EXPECT(t, e->name && strlen(e->name) > 0);
		KT_EXPECT(t, e->invoke != NULL);
		if ((e->decode == NULL) != takes_none)
			ktest_fail(t, __FILE__, __LINE__, "%s (%u): %s decode", e->name, nr,
				   takes_none ? "a" : "no");
	}
}
