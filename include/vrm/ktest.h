/* SPDX-License-Identifier: MIT */
/* In-kernel tests: declared into a linker section, grouped in suites, TAP out. */
#ifndef VRM_KTEST_H
#define VRM_KTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/exception.h>

struct ktest_run;

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_run *t);
	const char *file;
	int line;
};

/*
 * KTEST(suite, "what it shows") { ...body using t... }
 * Tests of one suite run in the order they appear in their file; the
 * command line `test=a,b` runs suites a and b.
 */
#define KTEST(suite, name) KTEST_(suite, name, __COUNTER__)
#define KTEST_(suite, name, n) KTEST__(suite, name, n)
#define KTEST__(suite, name, n)						\
	static void ktest_fn_##n(struct ktest_run *t);			\
	static const struct ktest ktest_##n				\
	__attribute__((used, aligned(8), section(".ktest." #suite))) =	\
		{ #suite, name, ktest_fn_##n, __FILE__, __LINE__ };	\
	static void ktest_fn_##n(struct ktest_run *t)

/* Records a failure with its location; the test goes on. */
void ktest_fail(struct ktest_run *t, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define KT_EXPECT(t, cond)						\
	do {								\
		if (!(cond))						\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "expected: %s", #cond);		\
	} while (0)

#define KT_EXPECT_EQ(t, actual, expected)				\
	do {								\
		long long a_ = (long long)(actual);			\
		long long e_ = (long long)(expected);			\
		if (a_ != e_)						\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "%s\n  expected: %lld (%#llx)\n  actual:   %lld (%#llx)", \
				   #actual, e_, e_, a_, a_);		\
	} while (0)

#define KT_EXPECT_RANGE(t, actual, lo, hi)				\
	do {								\
		long long a_ = (long long)(actual);			\
		long long l_ = (long long)(lo), h_ = (long long)(hi);	\
		if (a_ < l_ || a_ > h_)					\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "%s\n  expected: %lld..%lld\n  actual:   %lld", \
				   #actual, l_, h_, a_);		\
	} while (0)

/*
 * Runs `stmt`, which must fault with interrupt `vec`; the fault's dump is
 * printed, then execution resumes here. `catch` receives the details.
 */
#define KT_EXPECT_FAULT(t, catch, vec, stmt)				\
	do {								\
		fault_catch_arm(catch);					\
		if (setjmp((catch)->env) == 0) {			\
			stmt;						\
			fault_catch_disarm();				\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "expected interrupt %#x from: %s",	\
				   (unsigned int)(vec), #stmt);		\
		} else if ((catch)->vector != (unsigned long)(vec)) {	\
			ktest_fail(t, __FILE__, __LINE__,		\
				   "expected interrupt %#x, got %#lx",	\
				   (unsigned int)(vec), (catch)->vector); \
		}							\
	} while (0)

/* Asks the host runner to act (`@@host verb args`) and waits for its
 * `@@done verb status`; returns the status, or -1 on a malformed answer. */
int ktest_host(const char *verb, const char *args);
/* 1 for the first boot of a test run, 2 after one reboot, ... */
unsigned int ktest_boot_number(void);

/*
 * For a test whose subject is a restart: prints this test's "ok" line now,
 * then calls `restart`. The next boot runs the suite again and the test
 * checks ktest_boot_number() there. If `restart` returns, the test fails.
 */
void ktest_pass_then_restart(struct ktest_run *t, void (*restart)(void));

/* Runs the suites listed in `suites` (comma-separated), prints TAP and
 * returns the number of failed tests. */
int ktest_run_suites(const char *suites);
#endif
