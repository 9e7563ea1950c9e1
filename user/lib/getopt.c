/* SPDX-License-Identifier: MIT */
/* getopt(): POSIX command-line options, parsed in order (no GNU permutation). */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt;

/*
 * The place inside a cluster of flags ("-abc" after 'a'): the word, its
 * index and the offset of the next flag. It holds only while argv[optind]
 * is still that word at that index, so a program that sets optind (to 1
 * to parse again, or further on to skip words) starts at the beginning
 * of a word. optind = 0 forgets it in every case, as in glibc.
 */
static const char *cluster_word;
static int cluster_index;
static size_t cluster_pos;	/* 0: not inside a cluster */

/*
 * Returns the next option character of argv, with optarg pointing at its
 * argument if optstring gives it one ("o:"); -1 at the first operand, at
 * "--" (which it steps over) or at the end. An option not in optstring
 * gives '?', a missing argument '?' or, when optstring starts with ':',
 * ':'; both set optopt and print a line on stderr unless opterr is 0 or
 * optstring starts with ':'. A leading '+' (GNU's "stop at the first
 * operand", which is what this getopt always does) is accepted and
 * skipped, so Linux programs that ask for it port unchanged.
 */
int getopt(int argc, char *const argv[], const char *optstring)
{
	const char *word, *spec;
	unsigned char c;
	int silent;

	optarg = NULL;
	if (optind == 0) {
		optind = 1;
		cluster_pos = 0;
	}
	if (optstring[0] == '+')
		optstring++;
	silent = optstring[0] == ':';
	if (optind < 1 || optind >= argc || !argv[optind]) {
		cluster_pos = 0;
		return -1;
	}

	word = argv[optind];
	if (cluster_pos == 0 || word != cluster_word || optind != cluster_index) {
		/* The start of a word: "-" alone is an operand, "--" ends options. */
		if (word[0] != '-' || word[1] == '\0') {
			cluster_pos = 0;
			return -1;
		}
		if (word[1] == '-' && word[2] == '\0') {
			optind++;
			cluster_pos = 0;
			return -1;
		}
		cluster_word = word;
		cluster_index = optind;
		cluster_pos = 1;
	}

	c = word[cluster_pos++];
	if (word[cluster_pos] == '\0') {
		/* The word's last flag: the next call starts at the next word. */
		optind++;
		cluster_pos = 0;
	}

	spec = c == ':' ? NULL : strchr(optstring, c);
	if (!spec) {
		optopt = c;
		if (opterr && !silent)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		return '?';
	}
	if (spec[1] != ':')
		return c;

	if (cluster_pos != 0) {
		/* "-ofile": the rest of the word is the argument. */
		optarg = (char *)word + cluster_pos;
		optind++;
		cluster_pos = 0;
	} else if (optind < argc) {
		/* "-o file": the next word is, whatever it looks like. */
		optarg = argv[optind++];
	} else {
		optopt = c;
		if (opterr && !silent)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
		return silent ? ':' : '?';
	}
	return c;
}
