/* SPDX-License-Identifier: MIT */
/* sleep seconds: waits that long (for trying background jobs, among others). */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long s = argc == 2 ? strtol(argv[1], &end, 10) : -1;

	if (argc != 2 || *end || s < 0) {
		fprintf(stderr, "usage: sleep seconds\n");
		return 2;
	}
	while ((s = sleep((unsigned int)s)) > 0)
		;
	return 0;
}
