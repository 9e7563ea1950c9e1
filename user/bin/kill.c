/* SPDX-License-Identifier: MIT */
/* kill [-SIG | -n] pid...: sends a signal (SIGTERM by default); kill -l lists them. */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Five names to a line, in columns 16 wide. */
static void list(void)
{
	char name[SIG2STR_MAX];
	int col = 0, pad = 0;

	for (int sig = 1; sig <= SIGMAX; sig++) {
		sig2str(sig, name);
		if (name[0] >= '0' && name[0] <= '9')
			continue;
		if (col % 5)
			printf("%*s", pad, "");
		pad = 16 - printf("%2d) SIG%s", sig, name);
		if (++col % 5 == 0)
			putchar('\n');
	}
	if (col % 5)
		putchar('\n');
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		list();
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-') {
		if (str2sig(argv[1] + 1, &sig) < 0) {
			fprintf(stderr, "kill: %s: unknown signal\n", argv[1] + 1);
			return 2;
		}
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "usage: kill [-SIG | -n] pid... | kill -l\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (*end || end == argv[i]) {
			fprintf(stderr, "kill: %s: not a pid\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
