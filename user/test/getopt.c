/* SPDX-License-Identifier: MIT */
/* getopt as programs on vrm link it: clusters, arguments, operands, errors, restarts. */

#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "utest.h"

#define ARGC(argv) ((int)(sizeof(argv) / sizeof((argv)[0])) - 1)

static void flags_and_arguments(void)
{
	char *argv[] = { "getopt", "-ab", "-ofile", "-bo", "x", "--", "-a", NULL };
	int argc = ARGC(argv);

	optind = 1;
	check_eq(getopt(argc, argv, "abo:"), 'a');
	check_eq(getopt(argc, argv, "abo:"), 'b');
	check_eq(optind, 2);
	check_eq(getopt(argc, argv, "abo:"), 'o');
	check(optarg == argv[2] + 2);
	check_eq(getopt(argc, argv, "abo:"), 'b');
	check_eq(getopt(argc, argv, "abo:"), 'o');
	check(optarg == argv[4]);
	check_eq(getopt(argc, argv, "abo:"), -1);
	check_eq(optind, 6);
}

static void stops_at_operands(void)
{
	char *argv[] = { "getopt", "-a", "-", "-b", NULL };
	char *argv2[] = { "getopt", "-b", "file", "-a", NULL };

	optind = 1;
	check_eq(getopt(ARGC(argv), argv, "ab"), 'a');
	check_eq(getopt(ARGC(argv), argv, "ab"), -1);
	check_eq(optind, 2);
	/* A second vector, from the start. */
	optind = 1;
	check_eq(getopt(ARGC(argv2), argv2, "ab"), 'b');
	check_eq(getopt(ARGC(argv2), argv2, "ab"), -1);
	check_eq(optind, 2);
	check(strcmp(argv2[optind], "file") == 0);
}

static void errors(void)
{
	char *argv[] = { "getopt", "-xa", "-o", NULL };

	/* opterr = 0 keeps the console free of the messages. */
	opterr = 0;
	optind = 1;
	check_eq(getopt(ARGC(argv), argv, "ao:"), '?');
	check_eq(optopt, 'x');
	check_eq(getopt(ARGC(argv), argv, "ao:"), 'a');
	check_eq(getopt(ARGC(argv), argv, "ao:"), '?');
	check_eq(optopt, 'o');
	check(optarg == NULL);
	check_eq(optind, 3);

	optind = 1;
	check_eq(getopt(ARGC(argv), argv, ":ao:"), '?');
	check_eq(getopt(ARGC(argv), argv, ":ao:"), 'a');
	check_eq(getopt(ARGC(argv), argv, ":ao:"), ':');
	check_eq(optopt, 'o');
	check_eq(getopt(ARGC(argv), argv, ":ao:"), -1);
}

static void optind_0_forgets_a_cluster(void)
{
	char *argv[] = { "getopt", "-abc", NULL };

	optind = 1;
	check_eq(getopt(ARGC(argv), argv, "abc"), 'a');
	optind = 0;
	check_eq(getopt(ARGC(argv), argv, "abc"), 'a');
	check_eq(getopt(ARGC(argv), argv, "abc"), 'b');
	check_eq(getopt(ARGC(argv), argv, "abc"), 'c');
	check_eq(getopt(ARGC(argv), argv, "abc"), -1);
	check_eq(optind, 2);
}

static const struct utest cases[] = {
	UTEST(flags_and_arguments),
	UTEST(stops_at_operands),
	UTEST(errors),
	UTEST(optind_0_forgets_a_cluster),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
