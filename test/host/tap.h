/* SPDX-License-Identifier: MIT */
/* A tiny TAP producer for host unit tests; one test binary per includer. */
#ifndef VRM_TAP_H
#define VRM_TAP_H

/*
 * Each check prints "ok N - description" or "not ok N - description"
 * followed by "#   at file:line" and, for is_*, the expected and actual
 * values. main() returns done_testing(): 0 when every check passed, at
 * least one ran and a plan() given was kept, 1 otherwise. A struct tally
 * folds many small checks (every size, thousands of random inputs) into
 * one test point.
 *
 * The plan always comes first, without anyone counting checks by hand:
 * before main(), the test forks; the child runs the tests with its output
 * in a temporary file, and the parent prints "1..N" for the N results it
 * finds there, then the results. A child that dies before done_testing()
 * (a crash, a sanitizer's report, an exit from the code under test) adds
 * one failed point that says how it ended.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "glibc_ref.h"

static int tap_planned = -1;	/* -1 until plan() */
static int tap_run;
static int tap_failed;
static bool tap_done;		/* done_testing() was reached */

/* The status a child that reached done_testing() exits with: its own
 * verdict, plus this, so the parent can tell it from an early exit. */
#define TAP_DONE_STATUS	0x60

static bool tap_is_result(const char *line)
{
	return !ref_strncmp(line, "ok ", 3) || !ref_strncmp(line, "not ok ", 7);
}

static void tap_finish_early_exit(void)
{
	fflush(stdout);
	if (!tap_done)
		ref__exit(1);
}

/* The parent's side of the fork: plan, results, and how the child ended
 * (a wait status: the signal in the low 7 bits, else the exit status
 * in the next byte). */
static void tap_report_child(int pid, FILE *out)
{
	char line[4096];
	int status = 0, n = 0, sig, code;
	bool whole;

	while (ref_waitpid(pid, &status, 0) < 0)
		;
	sig = status & 0x7f;
	code = (status >> 8) & 0xff;
	whole = !sig && (code & ~1) == TAP_DONE_STATUS;
	rewind(out);
	while (fgets(line, sizeof(line), out))
		n += tap_is_result(line);
	printf("1..%d\n", n + !whole);
	rewind(out);
	while (fgets(line, sizeof(line), out))
		if (ref_strncmp(line, "1..", 3))
			fputs(line, stdout);
	if (!whole) {
		printf("not ok %d - the tests ran to their end\n", n + 1);
		if (sig)
			printf("# killed by signal %d\n", sig);
		else
			printf("# exited with status %d before done_testing()\n", code);
	}
	fflush(stdout);
	exit(whole ? code & 1 : 1);
}

__attribute__((constructor)) static void tap_plan_first(void)
{
	FILE *out = tmpfile();
	int pid;

	if (!out) {
		perror("tap: tmpfile");
		exit(1);
	}
	fflush(stdout);
	pid = ref_fork();
	if (pid < 0) {
		perror("tap: fork");
		exit(1);
	}
	if (pid > 0)
		tap_report_child(pid, out);
	ref_dup2(fileno(out), 1);
	atexit(tap_finish_early_exit);
}

/* Optional: the number of checks the test means to run, checked at the
 * end (the plan printed is always the count of results). */
static inline void plan(int n)
{
	tap_planned = n;
}

/* A '#' in a description would start a TAP directive: escape it. */
static inline void tap_print_desc(const char *fmt, va_list ap)
{
	char desc[512];

	ref_vsnprintf(desc, sizeof(desc), fmt, ap);
	for (const char *p = desc; *p; p++) {
		if (*p == '#' || *p == '\\')
			putchar('\\');
		putchar(*p);
	}
}

static inline void tap_vreport(bool pass, const char *file, int line,
			       const char *fmt, va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	tap_print_desc(fmt, ap);
	putchar('\n');
	if (!pass)
		printf("#   at %s:%d\n", file, line);
	fflush(stdout);
}

static inline __attribute__((format(printf, 4, 5)))
bool tap_ok(bool pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static inline __attribute__((format(printf, 5, 6)))
bool tap_is_int(long long got, long long want, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(got == want, file, line, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#   expected: %lld\n#   actual:   %lld\n", want, got);
	return got == want;
}

/*
 * The n bytes at s with quotes, backslashes and non-printing bytes escaped,
 * so a diag line stays plain ASCII. The result lives in one of a few static
 * buffers, so one diag line can show several strings; long ones are cut.
 */
static inline const char *tap_escape_n(const char *s, size_t n)
{
	static char bufs[4][1024];
	static unsigned int next;
	char *buf = bufs[next++ % 4], *p = buf;
	char *end = buf + sizeof(bufs[0]) - 5;	/* room for "\xNN" and NUL */

	for (size_t i = 0; i < n && p < end; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			p += ref_snprintf(p, 3, "\\%c", c);
		else if (c >= ' ' && c <= '~')
			*p++ = c;
		else
			p += ref_snprintf(p, 5, "\\x%02x", c);
	}
	*p = '\0';
	return buf;
}

static inline const char *tap_escape(const char *s)
{
	return tap_escape_n(s, ref_strlen(s));
}

/* Prints s in double quotes with escapes, or NULL without quotes. */
static inline void tap_print_quoted(const char *s)
{
	if (s)
		printf("\"%s\"", tap_escape(s));
	else
		fputs("NULL", stdout);
}

/* String equality without the library under test; NULL equals only NULL. */
static inline bool tap_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static inline __attribute__((format(printf, 5, 6)))
bool tap_is_str(const char *got, const char *want, const char *file, int line,
		const char *fmt, ...)
{
	bool pass = tap_streq(got, want);
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		fputs("#   expected: ", stdout);
		tap_print_quoted(want);
		fputs("\n#   actual:   ", stdout);
		tap_print_quoted(got);
		putchar('\n');
	}
	return pass;
}

/* A 64-bit equality with both values in hex when it fails. */
#define is_hex(got, want, ...)							\
	do {									\
		uint64_t g_ = (got), w_ = (want);				\
		if (!ok(g_ == w_, __VA_ARGS__))					\
			diag("expected %#018llx, got %#018llx",			\
			     (unsigned long long)w_, (unsigned long long)g_);	\
	} while (0)

/* A comment line in the TAP stream; newlines in the text are not split. */
static inline __attribute__((format(printf, 1, 2))) void diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	fflush(stdout);
}

static inline int done_testing(void)
{
	bool bad = tap_failed || tap_run == 0 || (tap_planned >= 0 && tap_planned != tap_run);

	if (tap_planned >= 0 && tap_planned != tap_run)
		diag("planned %d tests but ran %d", tap_planned, tap_run);
	if (tap_run == 0)
		diag("no test ran");
	if (tap_failed)
		diag("failed %d of %d tests", tap_failed, tap_run);
	fflush(stdout);
	tap_done = true;
	return TAP_DONE_STATUS | bad;
}

/*
 * Many small checks reported as one test point by tally_ok(). The first
 * failures are described with tally_diag(), kept, and printed after the
 * "not ok" line, where TAP readers look for them.
 */
struct tally {
	unsigned long runs;
	unsigned long fails;
	size_t used;
	char notes[4096];	/* lines from tally_diag() */
};

#define TALLY_SHOWN 5

/* Counts one check; true when it failed and should be described. */
static inline bool tally_fail(struct tally *t, bool pass)
{
	t->runs++;
	if (pass)
		return false;
	return ++t->fails <= TALLY_SHOWN;
}

/* Keeps one line for tally_ok() to show; cut short when notes is full. */
static inline __attribute__((format(printf, 2, 3)))
void tally_diag(struct tally *t, const char *fmt, ...)
{
	size_t room = sizeof(t->notes) - t->used;
	va_list ap;
	int n;

	if (room < 2)
		return;
	/* room - 1: the '\n' below replaces the NUL and needs one more byte. */
	va_start(ap, fmt);
	n = ref_vsnprintf(t->notes + t->used, room - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	t->used += (size_t)n < room - 2 ? (size_t)n : room - 2;
	t->notes[t->used++] = '\n';
	t->notes[t->used] = '\0';
}

static inline bool tap_tally_ok(const struct tally *t, const char *file,
				int line, const char *what)
{
	bool pass = tap_ok(t->fails == 0, file, line, "%s (%lu cases)", what,
			   t->runs);

	if (!pass) {
		diag("  %lu of %lu cases failed; the first:", t->fails, t->runs);
		for (const char *p = t->notes; *p; p++) {
			if (p == t->notes || p[-1] == '\n')
				fputs("#   ", stdout);
			putchar(*p);
		}
		fflush(stdout);
	}
	return pass;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define tally_ok(t, what) tap_tally_ok((t), __FILE__, __LINE__, (what))

#endif /* VRM_TAP_H */
