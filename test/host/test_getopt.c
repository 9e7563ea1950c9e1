/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's getopt (user/lib/getopt.c) against glibc's in POSIX mode. */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "glibc_ref.h"
#include "tap.h"

/* The SDK's, by the names test/host/user_names.h gives them. */
typedef struct __file VFILE;
int vrm_getopt(int argc, char *const argv[], const char *optstring);
extern char *vrm_optarg;
extern int vrm_optind, vrm_opterr, vrm_optopt;

/* glibc's; a '+' in front of the option string asks it for POSIX order. */
int ref_getopt(int argc, char *const argv[], const char *optstring) __asm__("getopt");
extern char *ref_optarg __asm__("optarg");
extern int ref_optind __asm__("optind");
extern int ref_opterr __asm__("opterr");
extern int ref_optopt __asm__("optopt");

/*
 * The SDK's getopt reports on its stderr with fprintf: the fake keeps the
 * text. A write to any other stream is kept as well, marked, so it fails
 * the comparison.
 */
static long fake_stderr;
VFILE *const vrm_stderr = (VFILE *)&fake_stderr;
static char sdk_err[1024];
static size_t sdk_err_len;

int vrm_fprintf(VFILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vrm_fprintf(VFILE *f, const char *fmt, ...)
{
	size_t room = sizeof(sdk_err) - sdk_err_len;
	va_list ap;
	int n;

	if (f != vrm_stderr && room > 20) {
		sdk_err_len += ref_snprintf(sdk_err + sdk_err_len, room, "[not stderr] ");
		room = sizeof(sdk_err) - sdk_err_len;
	}
	va_start(ap, fmt);
	n = ref_vsnprintf(sdk_err + sdk_err_len, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		sdk_err_len += (size_t)n < room ? (size_t)n : room - 1;
	return n;
}

#define MAX_ARGS 10
#define MAX_STEPS 16

struct gcase {
	const char *what;
	const char *opts;	/* as POSIX writes it, without glibc's '+' */
	int opterr;
	const char *argv[MAX_ARGS];	/* NULL-terminated, argv[0] first */
};

/* What one parse of an argv gave: each call's results, then stderr. */
struct step {
	int ret;
	const char *optarg;	/* compared as a pointer into argv */
	int optopt;
	int optind;
};

struct run {
	int steps;
	struct step step[MAX_STEPS];	/* the last one returned -1 */
	char err[1024];
};

static int argc_of(const char *const *argv)
{
	int n = 0;

	while (argv[n])
		n++;
	return n;
}

/* The table: every case is parsed by both, with optind = 1 in between. */
static const struct gcase cases[] = {
	{ "clustered flags", "abc", 1, { "prog", "-abc", "-b", "-ca", "x" } },
	{ "the same flag twice", "ab", 1, { "prog", "-a", "-a", "-aa" } },
	{ "parsing stops at the first operand", "ab", 1, { "prog", "-a", "file", "-b" } },
	{ "operands only", "ab", 1, { "prog", "file", "-a" } },
	{ "no arguments at all", "ab", 1, { "prog" } },
	{ "-- ends the options", "ab", 1, { "prog", "-a", "--", "-b", "x" } },
	{ "-- as the last word", "ab", 1, { "prog", "-a", "--" } },
	{ "-- alone", "ab", 1, { "prog", "--" } },
	{ "a second -- is an operand", "ab", 1, { "prog", "--", "--", "-a" } },
	{ "a lone - is an operand", "ab", 1, { "prog", "-a", "-", "-b" } },
	{ "an empty word is an operand", "ab", 1, { "prog", "", "-a" } },
	{ "--x is a cluster of '-' and 'x'", "ab", 1, { "prog", "--a", "-b" } },
	{ "an attached argument", "ao:", 1, { "prog", "-ofile", "x" } },
	{ "an attached argument after flags", "abo:", 1, { "prog", "-abofile", "-b" } },
	{ "an attached argument holding dashes", "o:", 1, { "prog", "-o--x", "y" } },
	{ "a separate argument", "ao:", 1, { "prog", "-o", "file", "-a", "x" } },
	{ "a separate argument after flags", "abo:", 1, { "prog", "-bo", "file", "-a" } },
	{ "a separate argument that looks like an option", "ao:", 1,
	  { "prog", "-o", "-a", "-a" } },
	{ "a separate argument that is --", "ao:", 1, { "prog", "-o", "--", "-a" } },
	{ "a separate argument that is -", "ao:", 1, { "prog", "-o", "-", "x" } },
	{ "a separate argument that is empty", "ao:", 1, { "prog", "-o", "", "-a" } },
	{ "the option argument is the last word", "ao:", 1, { "prog", "-a", "-o", "last" } },
	{ "two options with arguments", "i:o:", 1,
	  { "prog", "-iin", "-o", "out", "-i", "again", "rest" } },
	{ "a missing argument", "ao:", 1, { "prog", "-a", "-o" } },
	{ "a missing argument after flags", "ao:", 1, { "prog", "-ao" } },
	{ "a missing argument with a leading ':'", ":ao:", 1, { "prog", "-a", "-o" } },
	{ "a missing argument with opterr = 0", "ao:", 0, { "prog", "-o" } },
	{ "a missing argument with ':' and opterr = 0", ":o:", 0, { "prog", "-o" } },
	{ "an unknown option", "ab", 1, { "prog", "-x", "-a" } },
	{ "an unknown option inside a cluster", "ab", 1, { "prog", "-axb", "op" } },
	{ "an unknown option with a leading ':'", ":ab", 1, { "prog", "-x", "-b" } },
	{ "an unknown option with opterr = 0", "ab", 0, { "prog", "-ax" } },
	{ "-: is not an option", "a:", 1, { "prog", "-:", "-a", "x" } },
	{ "-: is not an option with a leading ':'", ":a:", 1, { "prog", "-:" } },
	{ "digits and capitals as options", "1:2X", 1, { "prog", "-21", "ten", "-X" } },
	{ "errors name argv[0] as it is", "a:", 1,
	  { "/bin/tool", "-q", "-a" } },
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

/* Parses argv with the SDK's getopt, optind set to start first (-1: as it is). */
static void run_sdk(const char *opts, int opterr, const char *const *argv, int start,
		    struct run *r)
{
	int argc = argc_of(argv);

	ref_memset(r, 0, sizeof(*r));
	sdk_err_len = 0;
	sdk_err[0] = '\0';
	if (start >= 0)
		vrm_optind = start;
	vrm_opterr = opterr;
	vrm_optopt = 0;
	do {
		struct step *s = &r->step[r->steps++];

		s->ret = vrm_getopt(argc, (char *const *)argv, opts);
		s->optarg = vrm_optarg;
		s->optopt = vrm_optopt;
		s->optind = vrm_optind;
	} while (r->step[r->steps - 1].ret != -1 && r->steps < MAX_STEPS);
	ref_memcpy(r->err, sdk_err, sdk_err_len + 1);
}

/* The same with glibc's, its stderr caught in memory. */
static void run_glibc(const char *opts, int opterr, const char *const *argv, int start,
		      struct run *r)
{
	int argc = argc_of(argv);
	char plus[64], *text = NULL;
	size_t len = 0;
	FILE *saved = stderr, *mem = open_memstream(&text, &len);

	ref_memset(r, 0, sizeof(*r));
	ref_snprintf(plus, sizeof(plus), "+%s", opts);
	if (!mem)
		return;
	stderr = mem;
	if (start >= 0)
		ref_optind = start;
	ref_opterr = opterr;
	do {
		struct step *s = &r->step[r->steps++];

		s->ret = ref_getopt(argc, (char *const *)argv, plus);
		s->optarg = ref_optarg;
		s->optopt = ref_optopt;
		s->optind = ref_optind;
	} while (r->step[r->steps - 1].ret != -1 && r->steps < MAX_STEPS);
	stderr = saved;
	fclose(mem);
	ref_snprintf(r->err, sizeof(r->err), "%s", text ? text : "");
	free(text);
}

/*
 * optopt is compared after '?' and ':' only, where POSIX defines it:
 * glibc's getopt copies its own saved optopt out at every call (the last
 * error's), so a value set from outside does not stay.
 */
static bool same_run(const struct run *a, const struct run *b)
{
	if (a->steps != b->steps || !tap_streq(a->err, b->err))
		return false;
	for (int i = 0; i < a->steps; i++) {
		const struct step *x = &a->step[i], *y = &b->step[i];

		if (x->ret != y->ret || x->optarg != y->optarg || x->optind != y->optind ||
		    ((x->ret == '?' || x->ret == ':') && x->optopt != y->optopt))
			return false;
	}
	return true;
}

/* A character as 'c', or its number. */
static const char *show_char(int c, char *buf, size_t size)
{
	if (c > ' ' && c <= '~')
		ref_snprintf(buf, size, "'%c'", c);
	else
		ref_snprintf(buf, size, "%d", c);
	return buf;
}

/* One diag line per run: each call as ret [optarg=argv[i]+k "text"] optopt optind. */
static void diag_run(const char *who, const struct run *r, const char *const *argv)
{
	char line[2048], c1[16], c2[16];
	size_t used = 0;

	for (int i = 0; i < r->steps && used < sizeof(line) - 1; i++) {
		const struct step *s = &r->step[i];
		char where[64] = "NULL";

		if (s->optarg) {
			ref_snprintf(where, sizeof(where), "outside argv");
			for (int w = 0; argv[w]; w++)
				if (s->optarg >= argv[w] &&
				    s->optarg <= argv[w] + ref_strlen(argv[w]))
					ref_snprintf(where, sizeof(where), "argv[%d]+%td \"%s\"",
						     w, s->optarg - argv[w],
						     tap_escape(s->optarg));
		}
		used += ref_snprintf(line + used, sizeof(line) - used,
				     "%s(optarg %s, optopt %s, optind %d) ",
				     show_char(s->ret, c1, sizeof(c1)), where,
				     show_char(s->optopt, c2, sizeof(c2)), s->optind);
	}
	diag("%-6s %s", who, line);
	diag("%-6s stderr \"%s\"", "", tap_escape(r->err));
}

static void check_same(const char *what, const char *const *argv, const struct run *sdk,
		       const struct run *ref)
{
	if (!ok(same_run(sdk, ref), "%s", what)) {
		diag_run("sdk", sdk, argv);
		diag_run("glibc", ref, argv);
	}
}

static void test_table(void)
{
	for (int i = 0; i < NCASES; i++) {
		const struct gcase *c = &cases[i];
		struct run sdk, ref;

		/* optind = 1 restarts both: each run before went to its end. */
		run_sdk(c->opts, c->opterr, c->argv, 1, &sdk);
		run_glibc(c->opts, c->opterr, c->argv, 1, &ref);
		check_same(c->what, c->argv, &sdk, &ref);
	}
}

/* Parsing the same argv again after optind = 1, and after optind = 0. */
static void test_restart(void)
{
	static const char *const argv[] = { "prog", "-ab", "-o", "x", "-c", "rest", NULL };
	static const char *const other[] = { "prog", "-xy", "-z", NULL };
	struct run sdk[2], ref[2];
	char c1[16];
	int got[4], n = 0;

	run_sdk("abco:", 1, argv, 1, &sdk[0]);
	run_sdk("abco:", 1, argv, 1, &sdk[1]);
	run_glibc("abco:", 1, argv, 1, &ref[0]);
	run_glibc("abco:", 1, argv, 1, &ref[1]);
	if (!ok(same_run(&sdk[0], &sdk[1]) && same_run(&sdk[0], &ref[0]) &&
		same_run(&ref[0], &ref[1]), "optind = 1 parses the same argv again")) {
		diag_run("sdk", &sdk[0], argv);
		diag_run("again", &sdk[1], argv);
		diag_run("glibc", &ref[0], argv);
		diag_run("again", &ref[1], argv);
	}

	/* Both stop after 'a' of "-ab"; optind = 0 forgets the 'b' left over. */
	vrm_optind = 1;
	ref_optind = 1;
	vrm_getopt(3, (char *const *)argv, "abco:");
	ref_getopt(3, (char *const *)argv, "+abco:");
	run_sdk("abco:", 1, argv, 0, &sdk[0]);
	run_glibc("abco:", 1, argv, 0, &ref[0]);
	check_same("optind = 0 restarts from a cluster left half read", argv, &sdk[0],
		   &ref[0]);

	/*
	 * The SDK's alone: optind = 1 with another argv after a cluster left
	 * half read starts at that argv's first flag (glibc's goes on with the
	 * rest of the old cluster, "b").
	 */
	vrm_optind = 1;
	vrm_getopt(3, (char *const *)argv, "abco:");
	vrm_optind = 1;
	vrm_opterr = 1;
	sdk_err_len = 0;
	sdk_err[0] = '\0';
	while (n < 4 && (got[n] = vrm_getopt(3, (char *const *)other, "xyz")) != -1)
		n++;
	if (!ok(n == 3 && got[0] == 'x' && got[1] == 'y' && got[2] == 'z' &&
		vrm_optind == 3 && sdk_err_len == 0,
		"optind = 1 with another argv starts at its first flag")) {
		for (int i = 0; i < n; i++)
			diag("call %d returned %s", i + 1, show_char(got[i], c1, sizeof(c1)));
		diag("optind %d, stderr \"%s\"", vrm_optind, tap_escape(sdk_err));
	}
}

/* Linux programs that ask glibc for POSIX order with a '+' port unchanged. */
static void test_plus(void)
{
	static const char *const argv[] = { "prog", "-ao", "x", "-+", "op", "-b", NULL };
	struct run sdk, ref;

	run_sdk("+ao:", 1, argv, 1, &sdk);
	run_glibc("ao:", 1, argv, 1, &ref);
	check_same("a leading '+' is skipped, and '+' is no option", argv, &sdk, &ref);
}

/* The SDK's alone: no GNU optional arguments, "o::" is "o:". */
static void test_no_optional(void)
{
	static const char *const argv[] = { "prog", "-o", "x", "-ay", NULL };
	struct run sdk, as_required;

	run_sdk("ao::", 1, argv, 1, &sdk);
	run_sdk("ao:", 1, argv, 1, &as_required);
	if (!ok(same_run(&sdk, &as_required) && sdk.step[0].optarg == argv[2],
		"o:: reads as o:, the argument required")) {
		diag_run("o::", &sdk, argv);
		diag_run("o:", &as_required, argv);
	}
}

int main(void)
{
	plan(NCASES + 5);
	test_table();
	test_restart();
	test_plus();
	test_no_optional();
	return done_testing();
}
