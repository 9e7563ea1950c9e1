// SPDX-License-Identifier: MIT
/* The in-kernel test framework: selection, TAP output, host requests. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arch/paca.h>
#include <vrm/console.h>
#include <vrm/fmt.h>
#include <vrm/heap.h>
#include <vrm/ktest.h>
#include <vrm/log.h>

#define DIAG_SIZE	2048

struct ktest_run {
	const struct ktest *test;
	unsigned int number;
	unsigned int failures;
	size_t diag_len;
	char diag[DIAG_SIZE];
};

extern const struct ktest __ktest_start[], __ktest_end[];

static unsigned int boot_number;
/* The selected tests in run order: as many slots as there are tests in the
 * image, so no selection is ever cut short. */
static const struct ktest **selected;

void ktest_fail(struct ktest_run *t, const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	const char *p;

	t->failures++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Each diagnostic line is a TAP comment; what does not fit is cut. */
	t->diag_len += snprintf(t->diag + t->diag_len, DIAG_SIZE - t->diag_len,
				"# %s:%d: ", file, line);
	if (t->diag_len > DIAG_SIZE - 4)
		t->diag_len = DIAG_SIZE - 4;
	for (p = msg; *p && t->diag_len < DIAG_SIZE - 4; p++) {
		t->diag[t->diag_len++] = *p;
		if (*p == '\n') {
			t->diag[t->diag_len++] = '#';
			t->diag[t->diag_len++] = ' ';
		}
	}
	if (t->diag_len < DIAG_SIZE - 1)
		t->diag[t->diag_len++] = '\n';
	t->diag[t->diag_len < DIAG_SIZE ? t->diag_len : DIAG_SIZE - 1] = 0;
}

static bool suite_selected(const char *suite, const char *list)
{
	size_t n = strlen(suite);

	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if ((len == n && !strncmp(p, suite, n)) || (len == 3 && !strncmp(p, "all", 3)))
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

/* Reads console lines until one starts with "@@done <verb> "; returns the
 * number after it. Other lines are ignored. */
static int wait_done(const char *verb)
{
	char line[128], prefix[64];
	size_t plen = snprintf(prefix, sizeof(prefix), "@@done %s ", verb);

	for (;;) {
		console_readline(line, sizeof(line), false);
		if (!strncmp(line, prefix, plen)) {
			char *end;
			unsigned long v = strtoul(line + plen, &end, 10);

			return end == line + plen ? -1 : (int)v;
		}
	}
}

int ktest_host(const char *verb, const char *args)
{
	kprintf("@@host %s%s%s\n", verb, args && *args ? " " : "", args ? args : "");
	return wait_done(verb);
}

unsigned int ktest_boot_number(void)
{
	return boot_number;
}

void ktest_pass_then_restart(struct ktest_run *t, void (*restart)(void))
{
	kprintf("ok %u - %s: %s\n", t->number, t->test->suite, t->test->name);
	restart();
	ktest_fail(t, __FILE__, __LINE__, "the restart returned");
}

/* Declaration order: by suite, then file, then line (the compiler emits
 * a file's tests into their section in no promised order). */
static bool runs_before(const struct ktest *a, const struct ktest *b)
{
	int c = strcmp(a->suite, b->suite);

	if (!c)
		c = strcmp(a->file, b->file);
	return c ? c < 0 : a->line < b->line;
}

static unsigned int select_tests(const char *suites)
{
	unsigned int n = 0;

	for (const struct ktest *k = __ktest_start; k < __ktest_end; k++) {
		unsigned int i;

		if (!suite_selected(k->suite, suites))
			continue;
		for (i = n++; i > 0 && runs_before(k, selected[i - 1]); i--)
			selected[i] = selected[i - 1];
		selected[i] = k;
	}
	return n;
}

static bool suite_exists(const char *name, size_t len)
{
	if (len == 3 && !strncmp(name, "all", 3))
		return true;
	for (const struct ktest *k = __ktest_start; k < __ktest_end; k++)
		if (strlen(k->suite) == len && !strncmp(k->suite, name, len))
			return true;
	return false;
}

/* Names in the list that select no test count as failed tests, so a typo
 * in a suite list cannot pass silently. Reports them when `report`. */
static unsigned int unknown_suites(const char *suites, bool report)
{
	unsigned int n = 0;

	for (const char *p = suites; *p;) {
		const char *end = strchr(p, ',');
		int len = end ? (int)(end - p) : (int)strlen(p);

		if (!suite_exists(p, len)) {
			n++;
			if (report)
				kprintf("not ok %u - no test suite named \"%.*s\"\n", n, len, p);
		}
		p += len + (end ? 1 : 0);
	}
	return n;
}

int ktest_run_suites(const char *suites)
{
	static struct ktest_run run;
	unsigned int planned, unknown, i, failed;
	int b;

	b = ktest_host("boot", NULL);
	boot_number = b > 0 ? (unsigned int)b : 1;
	selected = kmalloc((size_t)(__ktest_end - __ktest_start) * sizeof(*selected));
	if (!selected) {
		kprintf("1..1\nnot ok 1 - no memory for the table of %ld tests\n",
			(long)(__ktest_end - __ktest_start));
		return 1;
	}
	planned = select_tests(suites);
	unknown = unknown_suites(suites, false);
	kprintf("1..%u\n", unknown + planned);
	failed = unknown_suites(suites, true);
	for (i = 0; i < planned; i++) {
		const struct ktest *k = selected[i];
		unsigned int number = unknown + i + 1;

		memset(&run, 0, sizeof(run));
		run.test = k;
		run.number = number;
		k->fn(&run);
		if (run.failures) {
			failed++;
			kprintf("not ok %u - %s: %s\n%s", number, k->suite, k->name, run.diag);
		} else {
			kprintf("ok %u - %s: %s\n", number, k->suite, k->name);
		}
	}
	kprintf("# %u passed, %u failed\n", unknown + planned - failed, failed);
	kfree(selected);
	selected = NULL;
	return failed;
}
