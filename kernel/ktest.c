// SPDX-License-Identifier: MIT
/* The in-kernel test framework: selection, TAP output, host requests. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arch/percpu.h>
#include <vrm/console.h>
#include <vrm/fmt.h>
#include <vrm/ktest.h>
#include <vrm/log.h>

#define DIAG_SIZE	2048

struct ktest_run {
	const struct ktest *test;
	unsigned int failures;
	size_t diag_len;
	char diag[DIAG_SIZE];
};

extern const struct ktest __ktest_start[], __ktest_end[];

static unsigned int boot_number;

void ktest_fail(struct ktest_run *t, const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	const char *p;

	t->failures++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Each diagnostic line is a TAP comment. */
	t->diag_len += snprintf(t->diag + t->diag_len, DIAG_SIZE - t->diag_len,
				"# %s:%d: ", file, line);
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

int ktest_run_suites(const char *suites)
{
	static struct ktest_run run;
	const struct ktest *k;
	unsigned int planned = 0, n = 0, failed = 0;
	int b;

	b = ktest_host("boot", NULL);
	boot_number = b > 0 ? (unsigned int)b : 1;
	for (k = __ktest_start; k < __ktest_end; k++)
		planned += suite_selected(k->suite, suites);
	kprintf("1..%u\n", planned);
	for (k = __ktest_start; k < __ktest_end; k++) {
		if (!suite_selected(k->suite, suites))
			continue;
		memset(&run, 0, sizeof(run));
		run.test = k;
		k->fn(&run);
		n++;
		if (run.failures) {
			failed++;
			kprintf("not ok %u - %s: %s\n%s", n, k->suite, k->name, run.diag);
		} else {
			kprintf("ok %u - %s: %s\n", n, k->suite, k->name);
		}
	}
	kprintf("# %u passed, %u failed\n", n - failed, failed);
	return failed;
}
